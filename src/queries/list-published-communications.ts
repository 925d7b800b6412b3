import { z } from 'zod';
import { resolveListFilters } from './resolve-list-filters.ts';
import { parseInput } from '../commands/input.ts';
import type { AppContext } from '../context.ts';
import { listCommunications as listRows } from '../db/repositories/communications-repository.ts';
import { COMMUNICATION_TYPES } from '../domain/reference.ts';
import { REPLY_STATUSES } from '../domain/replies.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';
import { presentPublicSummary } from '../presenters/communication-presenter.ts';

/** The largest page the public list serves. */
export const PUBLIC_LIST_MAX_LIMIT = 100;

/** The page size when none is asked for. */
export const PUBLIC_LIST_DEFAULT_LIMIT = 20;

/** An empty form field (`?year=`) means "no filter": HTML forms send every field, filled or not. */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/**
 * Filters and paging of the public list, as the site's form and the JSON API send them (query strings:
 * every value a string). There is deliberately no publication or drafting status filter: the public list
 * is the published communications, nothing else. Other query parameters (such as `lang`) are ignored.
 */
export const publicListFiltersSchema = z.object({
  addressee: optional(z.string().trim().min(2).max(64)),
  mandate: optional(z.string().trim().min(1).max(64)),
  year: optional(z.coerce.number().int().min(1980).max(2999)),
  type: optional(z.enum(COMMUNICATION_TYPES)),
  replyStatus: optional(z.enum(REPLY_STATUSES)),
  page: optional(z.coerce.number().int().min(1).max(100_000)).transform((v) => v ?? 1),
  limit: optional(z.coerce.number().int().min(1).max(PUBLIC_LIST_MAX_LIMIT)).transform((v) => v ?? PUBLIC_LIST_DEFAULT_LIMIT),
});

/** Validated public list filters. */
export type PublicListFilters = z.output<typeof publicListFiltersSchema>;

/** A row of the public list. */
export type PublicSummary = NonNullable<ReturnType<typeof presentPublicSummary>>;

/** One page of the public list. */
export interface PublishedPage {
  total: number;
  page: number;
  limit: number;
  /** The filters as understood (normalised), for forms and links that carry them on. */
  filters: PublicListFilters;
  items: PublicSummary[];
}

/**
 * One page of published communications, newest first, with the total, each row in its public projection
 * (names in `lang`). Only `publication_status = 'published'` is ever read. An unknown mandate or addressee
 * is an error (MANDATE_UNKNOWN, ADDRESSEE_UNKNOWN), not an empty page, so that a typo is not mistaken for
 * "no letters"; any other bad value is VALIDATION_FAILED naming the field.
 *
 * @example await listPublishedCommunications(ctx, PUBLIC, { addressee: 'KAZ', year: '2022' }, 'fr')
 */
export async function listPublishedCommunications(ctx: AppContext, principal: Principal, input: unknown, lang = 'en'): Promise<PublishedPage> {
  const f = parseInput(publicListFiltersSchema, input);
  authorizeCommunication(principal, 'list_published');
  const { addresseeCode, addresseeId, addressee } = resolveListFilters(ctx, f);
  const result = await listRows(
    ctx.store.db,
    ctx.keys.field,
    {
      addresseeCode,
      addresseeId,
      mandate: f.mandate,
      year: f.year,
      type: f.type,
      replyStatus: f.replyStatus,
      publicationStatus: 'published',
    },
    { limit: f.limit, offset: (f.page - 1) * f.limit },
  );
  const items = result.rows.map((row) => presentPublicSummary(row, ctx.ref, lang)).filter((item) => item !== undefined);
  return { total: result.total, page: f.page, limit: f.limit, filters: { ...f, addressee }, items };
}
