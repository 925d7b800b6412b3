import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { findEvents, findPersons, insertAct, linkSources } from '../../db/repositories/register-repository.ts';
import { partialDateSchema } from '../../domain/register/partial-date.ts';
import { ACT_STATUSES, ACT_TYPES, PERPETRATORS } from '../../domain/register/vocabulary.ts';
import { AppError } from '../../errors.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput, text } from '../input.ts';
import { auditRegister, seal } from './register-fields.ts';
import { checkPlaces, placeId, recordId, resolveSources, sourcesInput } from './register-input.ts';

/** Input of {@link recordAct}. */
export const recordActSchema = z
  .object({
    personId: recordId,
    eventId: recordId.nullish(),
    type: z.enum(ACT_TYPES),
    perpetrator: z.enum(PERPETRATORS).default('unknown'),
    status: z.enum(ACT_STATUSES).default('alleged'),
    date: partialDateSchema.nullish(),
    placeId: placeId.nullish(),
    description: text(20_000).default(''),
    sources: sourcesInput,
  })
  .strict();

/**
 * Records an act — who did what to whom: the person who suffered it, in which event, the act's type, the
 * alleged perpetrator, whether it is alleged or corroborated, when and where, a description (encrypted) and
 * the sources. Audited. Returns the act's id.
 */
export async function recordAct(ctx: AppContext, principal: Principal, input: unknown): Promise<string> {
  const data = parseInput(recordActSchema, input);
  authorizeRegister(principal, 'edit');
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now().toISOString();
    if ((await findPersons(tx, [data.personId])).length === 0) throw new AppError('VALIDATION_FAILED', 'personId: no such person', { field: 'personId' });
    if (data.eventId && (await findEvents(tx, [data.eventId])).length === 0) throw new AppError('VALIDATION_FAILED', 'eventId: no such event', { field: 'eventId' });
    await checkPlaces(tx, [data.placeId], 'placeId');
    const row = {
      id,
      person_id: data.personId,
      event_id: data.eventId ?? null,
      type: data.type,
      perpetrator: data.perpetrator,
      status: data.status,
      on_date: data.date?.value ?? null,
      on_precision: data.date?.precision ?? null,
      place_id: data.placeId ?? null,
      description: seal(ctx, 'register_acts', 'description', id, data.description),
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await insertAct(tx, row);
    const sources = await resolveSources(tx, ctx, at, data.sources);
    await linkSources(tx, 'act', id, sources);
    await auditRegister(tx, { at, actor: principal.name, record: 'act', action: 'created', id, before: null, after: row, details: { type: data.type, personId: data.personId, sources: sources.length } });
  });
  return id;
}
