import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { findEvents, findFigureByOrigin, findFigures, insertFigure, linkSources } from '../../db/repositories/register-repository.ts';
import { partialDateSchema } from '../../domain/register/partial-date.ts';
import { FIGURE_MEASURES, FIGURE_POPULATIONS, FIGURE_QUALIFIERS } from '../../domain/register/vocabulary.ts';
import { AppError } from '../../errors.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput, text } from '../input.ts';
import { auditRegister } from './register-fields.ts';
import { checkPlaces, line, placeId, recordId, resolveSources, sourcesInput } from './register-input.ts';

/** Input of {@link recordFigure}. */
export const recordFigureSchema = z
  .object({
    count: z.number().int().min(0).max(1_000_000_000),
    qualifier: z.enum(FIGURE_QUALIFIERS).default('exact'),
    measure: z.enum(FIGURE_MEASURES),
    population: z.enum(FIGURE_POPULATIONS).default('all'),
    reportedBy: line(200).nullish(),
    reported: partialDateSchema,
    scopePlaceId: placeId,
    partOfId: recordId.nullish(),
    eventId: recordId.nullish(),
    notes: text(5000).default(''),
    quote: text(5000).default(''),
    /** Where it was confirmed from (an importer candidate's digest): the same origin is confirmed once. */
    originKey: z.string().regex(/^[0-9a-f]{16,64}$/).nullish(),
    sources: sourcesInput,
  })
  .strict();

/**
 * Records a figure as its source reported it: a count (with its qualifier: over, close to…), of what, whose
 * people, reported by whom, on which date (as precise as the source, vague when it is vague), for which
 * place, as part of which other figure, with notes and the source's words. Figures are never merged or
 * overwritten: a new report is a new figure. A figure confirmed twice from the same origin is CONFLICT.
 * Audited. Returns the figure's id.
 */
export async function recordFigure(ctx: AppContext, principal: Principal, input: unknown): Promise<string> {
  const data = parseInput(recordFigureSchema, input);
  authorizeRegister(principal, 'edit');
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now().toISOString();
    await checkPlaces(tx, [data.scopePlaceId], 'scopePlaceId');
    if (data.partOfId && (await findFigures(tx, [data.partOfId])).length === 0) throw new AppError('VALIDATION_FAILED', 'partOfId: no such figure', { field: 'partOfId' });
    if (data.eventId && (await findEvents(tx, [data.eventId])).length === 0) throw new AppError('VALIDATION_FAILED', 'eventId: no such event', { field: 'eventId' });
    if (data.originKey && (await findFigureByOrigin(tx, data.originKey))) throw new AppError('CONFLICT', 'this figure was already confirmed', { originKey: data.originKey });
    const row = {
      id,
      count: data.count,
      qualifier: data.qualifier,
      measure: data.measure,
      population: data.population,
      reported_by: data.reportedBy ?? null,
      reported_on: data.reported.value,
      reported_precision: data.reported.precision,
      reported_end: data.reported.end ?? null,
      reported_vague: data.reported.vague ? 1 : 0,
      scope_place_id: data.scopePlaceId,
      part_of_id: data.partOfId ?? null,
      event_id: data.eventId ?? null,
      notes: data.notes,
      quote: data.quote,
      origin_key: data.originKey ?? null,
      created_at: at,
    };
    await insertFigure(tx, row);
    const sources = await resolveSources(tx, ctx, at, data.sources);
    await linkSources(tx, 'figure', id, sources);
    await auditRegister(tx, { at, actor: principal.name, record: 'figure', action: 'created', id, before: null, after: row, details: { measure: data.measure, count: data.count, sources: sources.length } });
  });
  return id;
}
