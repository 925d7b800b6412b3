import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { findDisappearance, findPersons, insertDisappearance, linkSources, updateDisappearance } from '../../db/repositories/register-repository.ts';
import { partialDateSchema } from '../../domain/register/partial-date.ts';
import { DISAPPEARANCE_STATUSES } from '../../domain/register/vocabulary.ts';
import { AppError } from '../../errors.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { isoDate, parseInput, text } from '../input.ts';
import { auditRegister, seal } from './register-fields.ts';
import { checkPlaces, placeId, recordId, resolveSources, sourcesInput } from './register-input.ts';

/** Input of {@link recordDisappearance}. */
export const recordDisappearanceSchema = z
  .object({
    personId: recordId,
    actId: recordId.nullish(),
    lastSeen: partialDateSchema,
    lastSeenPlaceId: placeId.nullish(),
    lastSeenBy: text(2000).default(''),
    relativesSteps: text(20_000).default(''),
    sources: sourcesInput,
  })
  .strict();

/** Input of {@link changeDisappearance}: the status and, when clarified or closed, how, by whom and when. */
export const changeDisappearanceSchema = z
  .object({
    version: z.number().int().min(1),
    status: z.enum(DISAPPEARANCE_STATUSES),
    clarification: text(20_000).default(''),
    clarifiedOn: isoDate.nullish(),
    relativesSteps: text(20_000).optional(),
    sources: sourcesInput,
  })
  .strict()
  .refine((d) => d.status === 'outstanding' || d.clarification.length > 0, { message: 'say how the fate or whereabouts were clarified, and by whom', path: ['clarification'] });

/**
 * Records a disappearance: when and where the person was last seen and by whom, the steps the relatives
 * took (both encrypted: they identify the people around the victim), and the sources; the status starts
 * outstanding. Audited.
 */
export async function recordDisappearance(ctx: AppContext, principal: Principal, input: unknown): Promise<string> {
  const data = parseInput(recordDisappearanceSchema, input);
  authorizeRegister(principal, 'edit');
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now().toISOString();
    if ((await findPersons(tx, [data.personId])).length === 0) throw new AppError('VALIDATION_FAILED', 'personId: no such person', { field: 'personId' });
    await checkPlaces(tx, [data.lastSeenPlaceId], 'lastSeenPlaceId');
    const row = {
      id,
      person_id: data.personId,
      act_id: data.actId ?? null,
      last_seen_on: data.lastSeen.value,
      last_seen_precision: data.lastSeen.precision,
      last_seen_place_id: data.lastSeenPlaceId ?? null,
      last_seen_by: seal(ctx, 'disappearances', 'last_seen_by', id, data.lastSeenBy),
      relatives_steps: seal(ctx, 'disappearances', 'relatives_steps', id, data.relativesSteps),
      status: 'outstanding',
      clarification: seal(ctx, 'disappearances', 'clarification', id, ''),
      clarified_on: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await insertDisappearance(tx, row);
    const sources = await resolveSources(tx, ctx, at, data.sources);
    await linkSources(tx, 'disappearance', id, sources);
    await auditRegister(tx, { at, actor: principal.name, record: 'disappearance', action: 'created', id, before: null, after: row, details: { personId: data.personId, sources: sources.length } });
  });
  return id;
}

/**
 * Changes a disappearance's status: clarified (how the fate or whereabouts became known, and by whom),
 * closed, or outstanding again. A disappearance changed meanwhile is CONFLICT. Audited.
 */
export async function changeDisappearance(ctx: AppContext, principal: Principal, id: string, input: unknown): Promise<void> {
  const data = parseInput(changeDisappearanceSchema, input);
  authorizeRegister(principal, 'edit');
  await ctx.store.db.transaction().execute(async (tx) => {
    const row = recordId.safeParse(id).success ? await findDisappearance(tx, id.toLowerCase()) : undefined;
    if (!row) throw new AppError('NOT_FOUND', 'no such record');
    if (Number(row.version) !== data.version) throw new AppError('CONFLICT', 'the disappearance was changed meanwhile; reload it');
    const at = ctx.clock.now().toISOString();
    const patch = {
      status: data.status,
      clarification: seal(ctx, 'disappearances', 'clarification', row.id, data.clarification),
      clarified_on: data.status === 'outstanding' ? null : (data.clarifiedOn ?? null),
      ...(data.relativesSteps !== undefined ? { relatives_steps: seal(ctx, 'disappearances', 'relatives_steps', row.id, data.relativesSteps) } : {}),
      updated_at: at,
    };
    if (!(await updateDisappearance(tx, row.id, Number(row.version), patch))) throw new AppError('CONFLICT', 'the disappearance was changed meanwhile; reload it');
    const sources = await resolveSources(tx, ctx, at, data.sources);
    await linkSources(tx, 'disappearance', row.id, sources);
    await auditRegister(tx, { at, actor: principal.name, record: 'disappearance', action: 'changed', id: row.id, before: row, after: { ...row, ...patch, version: Number(row.version) + 1 }, details: { status: data.status } });
  });
}
