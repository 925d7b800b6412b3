import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { insertEvent, linkSources } from '../../db/repositories/register-repository.ts';
import { partialDateSchema } from '../../domain/register/partial-date.ts';
import { EVENT_TYPES } from '../../domain/register/vocabulary.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput, text } from '../input.ts';
import { auditRegister } from './register-fields.ts';
import { checkPlaces, line, placeId, resolveSources, sourcesInput } from './register-input.ts';

/** Input of {@link recordEvent}. */
export const recordEventSchema = z
  .object({
    type: z.enum(EVENT_TYPES),
    title: line(300).pipe(z.string().min(1, 'an event needs a title')),
    description: text(20_000).default(''),
    start: partialDateSchema,
    end: partialDateSchema.nullish(),
    countryCode: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code'),
    placeIds: z.array(placeId).max(50).default([]),
    synthetic: z.boolean().default(false),
    sources: sourcesInput,
  })
  .strict()
  .refine((e) => !e.end || e.end.value >= e.start.value, { message: 'an event ends after it starts', path: ['end'] });

/**
 * Records an event: its type, when it started and ended (each as precise as the source gives it), where
 * (places of the register, in order), what happened, and its sources. Audited. Returns the event's id.
 */
export async function recordEvent(ctx: AppContext, principal: Principal, input: unknown): Promise<string> {
  const data = parseInput(recordEventSchema, input);
  authorizeRegister(principal, 'edit');
  const id = randomUUID();
  const placeIds = [...new Set(data.placeIds)];
  await ctx.store.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now().toISOString();
    await checkPlaces(tx, placeIds, 'placeIds');
    const row = {
      id,
      type: data.type,
      title: data.title,
      description: data.description,
      start_on: data.start.value,
      start_precision: data.start.precision,
      start_end: data.start.end ?? null,
      start_vague: data.start.vague ? 1 : 0,
      end_on: data.end?.value ?? null,
      end_precision: data.end?.precision ?? null,
      country_code: data.countryCode,
      synthetic: data.synthetic ? 1 : 0,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await insertEvent(tx, row, placeIds);
    const sources = await resolveSources(tx, ctx, at, data.sources);
    await linkSources(tx, 'event', id, sources);
    await auditRegister(tx, { at, actor: principal.name, record: 'event', action: 'created', id, before: null, after: { ...row, placeIds }, details: { type: data.type, sources: sources.length } });
  });
  return id;
}
