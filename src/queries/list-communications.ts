import { z } from 'zod';
import { parseInput } from '../commands/input.ts';
import type { AppContext } from '../context.ts';
import { listCommunications as listRows, type CommunicationPage } from '../db/repositories/communications-repository.ts';
import { DRAFTING_STATUSES } from '../domain/drafting.ts';
import { PUBLICATION_STATUSES } from '../domain/publication.ts';
import { COMMUNICATION_TYPES } from '../domain/reference.ts';
import { REPLY_STATUSES } from '../domain/replies.ts';
import { resolveListFilters } from './resolve-list-filters.ts';
import { authorizeCommunication, listScope } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';

/** Filters and paging of the register's list, as the CLI and the HTTP API accept them. */
export const listFiltersSchema = z.object({
  addressee: z.string().trim().min(2).max(64).optional(),
  mandate: z.string().trim().min(1).max(64).optional(),
  year: z.coerce.number().int().min(1980).max(2999).optional(),
  type: z.enum(COMMUNICATION_TYPES).optional(),
  replyStatus: z.enum(REPLY_STATUSES).optional(),
  status: z.enum(DRAFTING_STATUSES).optional(),
  publication: z.enum(PUBLICATION_STATUSES).optional(),
  synthetic: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

/** Validated list filters. */
export type ListFilters = z.output<typeof listFiltersSchema>;

/**
 * One page of the register for a principal allowed to list it, newest first, with the total. An unknown
 * mandate or addressee is an error, not an empty page, so that a typo is not mistaken for "no letters".
 */
export async function listCommunications(ctx: AppContext, principal: Principal, input: unknown): Promise<CommunicationPage & { page: number; limit: number }> {
  const f = parseInput(listFiltersSchema, input);
  authorizeCommunication(principal, 'list');
  const resolved = resolveListFilters(ctx, f);
  // The principal's scope narrows the filters; a filter outside it matches nothing, like an empty register.
  const scope = listScope(principal);
  const filters = {
    addresseeCode: resolved.addresseeCode,
    addresseeId: resolved.addresseeId,
    mandate: f.mandate,
    year: f.year,
    type: f.type,
    replyStatus: f.replyStatus,
    draftingStatus: f.status as string | undefined,
    publicationStatus: f.publication,
    synthetic: f.synthetic,
  };
  let outside = false;
  if ('mandate' in scope) {
    outside = filters.mandate !== undefined && filters.mandate !== scope.mandate;
    filters.mandate = scope.mandate;
  } else if ('addresseeCode' in scope) {
    outside =
      filters.addresseeId !== undefined ||
      (filters.addresseeCode !== undefined && filters.addresseeCode !== scope.addresseeCode) ||
      (filters.draftingStatus !== undefined && filters.draftingStatus !== 'sent');
    filters.addresseeCode = scope.addresseeCode;
    filters.draftingStatus = 'sent';
  }
  if (outside) return { total: 0, rows: [], page: f.page, limit: f.limit };
  const result = await listRows(ctx.store.db, ctx.keys.field, filters, { limit: f.limit, offset: (f.page - 1) * f.limit });
  return { ...result, page: f.page, limit: f.limit };
}
