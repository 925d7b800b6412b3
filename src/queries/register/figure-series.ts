import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { parseInput } from '../../commands/input.ts';
import { eventOf, figureOf, placeOf } from '../../commands/register/register-records.ts';
import { findEvents, findFigures, findPlaces, listFigures } from '../../db/repositories/register-repository.ts';
import type { Place } from '../../domain/register/records.ts';
import { FIGURE_MEASURES, type FigureMeasure } from '../../domain/register/vocabulary.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { presentFigure, type FigureView } from '../../presenters/register-presenter.ts';

const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

/** The figures page's query: which measure (killed, detained…); by default the one the overview shows. */
export const figureSeriesSchema = z.object({ measure: optional(z.enum(FIGURE_MEASURES)) });

/** The measure shown when none is asked for: killed, the count sources disagree on most, if any is recorded. */
const PREFERRED: readonly FigureMeasure[] = ['killed', 'detained', 'injured'];

/** Every figure reported for one measure, never merged, with what the page needs to name their places and events. */
export interface FigureSeries {
  /** The measure shown; null when the register holds no figure at all. */
  measure: FigureMeasure | null;
  /** The measure's figures in the order they were reported (figures' sources are not part of this view). */
  figures: FigureView[];
  /** The figures these are part of ("19 security forces" of "225 killed"), when of another measure or page. */
  wholes: Record<string, FigureView>;
  /** The places the figures' scopes name. */
  places: Record<string, Place>;
  /** The events the figures belong to, by id: their titles. */
  events: Record<string, { id: string; title: string }>;
  /** The measures that have figures, with how many each, in the vocabulary's order. */
  measures: Array<{ measure: FigureMeasure; count: number }>;
}

/**
 * The figures of one measure as each source reported them: the count with its qualifier, whose people, who
 * reported it, on which date (as precise as the source gave it), for which place, as part of which other
 * figure. Figures are internal: everyone who may view the register sees them; their sources (restricted)
 * are not shown here, so nothing is audited. A measure no figure has gives an empty series.
 */
export async function figureSeries(ctx: AppContext, principal: Principal, query: unknown): Promise<FigureSeries> {
  authorizeRegister(principal, 'view');
  const filters = parseInput(figureSeriesSchema, query ?? {});
  const db = ctx.store.db;
  const all = (await listFigures(db)).map(figureOf);
  const counts = new Map<FigureMeasure, number>();
  for (const f of all) counts.set(f.measure, (counts.get(f.measure) ?? 0) + 1);
  const measures = FIGURE_MEASURES.filter((m) => counts.has(m)).map((measure) => ({ measure, count: counts.get(measure)! }));
  const measure = filters.measure ?? PREFERRED.find((m) => counts.has(m)) ?? measures[0]?.measure ?? null;
  const figures = all.filter((f) => f.measure === measure).map((f) => presentFigure(f, new Set()));

  const shown = new Set(figures.map((f) => f.id));
  const missing = [...new Set(figures.map((f) => f.partOfId).filter((id): id is string => id !== null && !shown.has(id)))];
  const wholes = Object.fromEntries((await findFigures(db, missing)).map((r) => [r.id, presentFigure(figureOf(r), new Set())]));
  for (const f of figures) if (f.partOfId && shown.has(f.partOfId)) wholes[f.partOfId] = figures.find((x) => x.id === f.partOfId)!;

  const placeIds = figures.map((f) => f.scopePlaceId);
  const eventIds = figures.map((f) => f.eventId).filter((id): id is string => id !== null);
  const [placeRows, eventRows] = await Promise.all([findPlaces(db, placeIds), findEvents(db, eventIds)]);
  const places = Object.fromEntries(placeRows.map((p) => [p.id, placeOf(p)]));
  const events = Object.fromEntries(eventRows.map((e) => [e.id, { id: e.id, title: eventOf(e).title }]));
  return { measure, figures, wholes, places, events, measures };
}
