import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { loadCommunication } from '../../db/repositories/communications-repository.ts';
import { communicationExists, findEvents, findFigureByOrigin } from '../../db/repositories/register-repository.ts';
import {
  candidateOccurrences,
  figureFromCandidate,
  figureOriginKey,
  letterLabel,
  partOfIndex,
  type FigureInput,
} from '../../domain/register/figure-from-candidate.ts';
import { AppError, isAppError } from '../../errors.ts';
import type { FigureCandidate } from '../../importers/letter/extract-fact-candidates.ts';
import { loadGazetteer, type Gazetteer } from '../../importers/letter/load-gazetteer.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { isoDate, parseInput } from '../input.ts';
import { recordFigure, recordFigureSchema } from './record-figure.ts';
import { recordPlaces, type placeInput } from './record-places.ts';
import { recordId } from './register-input.ts';

/**
 * Country centroids for the country place of a gazetteer: the centroid of the country's outline in Natural
 * Earth's 1:50m countries as shipped in the npm package world-atlas 2.0.2 (countries-50m.json), computed
 * with d3-geo's geoCentroid and rounded to five decimals. A country not listed gets no coordinates.
 */
const COUNTRY_CENTROIDS: Readonly<Record<string, { lat: number; lon: number }>> = {
  KAZ: { lat: 48.36174, lon: 67.2456 },
};

/** The register's id of a gazetteer's country: its English name in lower case, hyphenated ("kazakhstan"). */
export function countryPlaceId(gazetteer: Pick<Gazetteer, 'country'>): string {
  return gazetteer.country.name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The places of a gazetteer as register places: the country (with its centroid where known), then its
 * regions, then cities and villages, each under its region or else the country, with the gazetteer's
 * coordinates and the source it names for them. Ids are the gazetteer's, so figures and events found by the
 * letter importer point at them.
 */
export function gazetteerPlaceInputs(gazetteer: Gazetteer): Array<z.input<typeof placeInput>> {
  const country = countryPlaceId(gazetteer);
  const centroid = COUNTRY_CENTROIDS[gazetteer.country.code] ?? null;
  // Parents first: a street's region is its city.
  const kindOrder = { region: 0, city: 1, village: 2, street: 3 } as const;
  return [
    {
      id: country,
      kind: 'country',
      name: gazetteer.country.name,
      countryCode: gazetteer.country.code,
      lat: centroid?.lat ?? null,
      lon: centroid?.lon ?? null,
      source: centroid ? 'centroid of the Natural Earth 1:50m outline (world-atlas 2.0.2), d3-geo geoCentroid' : 'no coordinates sourced',
    },
    ...[...gazetteer.places]
      .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind])
      .map((p) => ({
        id: p.id,
        kind: p.kind,
        name: p.names[0]!,
        parentId: p.region ?? country,
        countryCode: gazetteer.country.code,
        lat: p.lat,
        lon: p.lon,
        source: p.source.slice(0, 300),
      })),
  ];
}

const placeRefSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(300),
  kind: z.enum(['city', 'region', 'village', 'street', 'country']),
  region: z.string().max(64).nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});

/** A figure candidate as the letter importer gives it (src/importers/letter/extract-fact-candidates.ts). */
export const figureCandidateSchema = z.object({
  kind: z.literal('figure'),
  count: z.number().int().min(0).max(1_000_000_000),
  qualifier: z.string().max(50).nullable(),
  what: z.string().min(1).max(100),
  whose: z.string().max(100).nullable(),
  reportedBy: z.string().max(200).nullable(),
  reportedByText: z.string().max(200).nullable(),
  date: z
    .object({
      value: z.string().max(10),
      precision: z.enum(['day', 'month']),
      end: z.string().max(10).optional(),
      vague: z.boolean().optional(),
      yearInferred: z.boolean().optional(),
    })
    .nullable(),
  dateSource: z.enum(['sentence', 'context']).nullable(),
  scope: z.array(placeRefSchema).max(50),
  scopeSource: z.enum(['sentence', 'paragraph', 'country']).nullable(),
  partOf: z.number().int().nullable(),
  text: z.string().min(1).max(100),
  sentence: z.string().min(1).max(5000),
});

/**
 * Input of {@link confirmFigureCandidates} and {@link planFigureCandidates}: the communication that states
 * the figures, the letter importer's figure candidates (in the importer's order), the indices (0-based) of
 * those a person confirms (all when absent), and the event each belongs to where it is known.
 */
export const confirmFigureCandidatesSchema = z
  .object({
    communicationId: recordId,
    candidates: z.array(figureCandidateSchema).max(1000),
    confirm: z.array(z.number().int().min(0)).max(1000).optional(),
    events: z.array(z.object({ index: z.number().int().min(0), eventId: recordId }).strict()).max(1000).default([]),
    /** The letter's date, for a candidate without any date (default: the date the communication was sent). */
    letterDate: isoDate.nullish(),
  })
  .strict()
  .superRefine((d, ctx) => {
    const bad = [...(d.confirm ?? []), ...d.events.map((e) => e.index)].find((i) => i >= d.candidates.length);
    if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `no candidate ${bad}: there are ${d.candidates.length}`, path: ['confirm'] });
  });

/** One confirmed candidate as it would be recorded. */
export interface PlannedFigure {
  /** Its index among the candidates (0-based). */
  index: number;
  candidate: FigureCandidate;
  /** What it would record (without the figure it is part of, which is known only once that one is recorded). */
  input: FigureInput | null;
  /** Why it cannot be recorded as it stands. */
  problem: string | null;
  /** The figure already recorded from this candidate, if any. */
  existingId: string | null;
}

/** What {@link planFigureCandidates} found: the communication and each confirmed candidate. */
export interface FigurePlan {
  communication: { id: string; reference: string | null; label: string };
  figures: PlannedFigure[];
}

/** What {@link confirmFigureCandidates} did: the figures recorded now, and those that were already there. */
export interface FigureConfirmation {
  communication: FigurePlan['communication'];
  recorded: Array<{ index: number; id: string; input: FigureInput }>;
  already: Array<{ index: number; id: string }>;
}

type Input = z.output<typeof confirmFigureCandidatesSchema>;

interface Prepared {
  data: Input;
  candidates: FigureCandidate[];
  plan: FigurePlan;
  keys: string[];
  existing: Map<number, string>;
  contextOf: (index: number, partOfId: string | null) => Parameters<typeof figureFromCandidate>[1];
}

async function prepare(ctx: AppContext, principal: Principal, input: unknown, gazetteer: Gazetteer): Promise<Prepared> {
  const data = parseInput(confirmFigureCandidatesSchema, input);
  authorizeRegister(principal, 'edit');
  const db = ctx.store.db;
  if (!(await communicationExists(db, data.communicationId))) throw new AppError('VALIDATION_FAILED', 'communicationId: no such communication', { field: 'communicationId' });
  const c = await loadCommunication(db, ctx.store.dialect, ctx.keys.field, data.communicationId);
  if (!c) throw new AppError('VALIDATION_FAILED', 'communicationId: no such communication', { field: 'communicationId' });
  const label = letterLabel(c.reference ?? `draft ${c.id}`, c.type);
  const candidates = data.candidates as FigureCandidate[];
  const occurrences = candidateOccurrences(candidates);
  const keys = candidates.map((cand, i) => figureOriginKey(data.communicationId, cand, occurrences[i]));
  // Every candidate's figure, if recorded: those confirmed now, and those their parts point at.
  const existing = new Map<number, string>();
  for (const [i, key] of keys.entries()) {
    const found = await findFigureByOrigin(db, key);
    if (found) existing.set(i, found.id);
  }
  const eventOf = new Map(data.events.map((e) => [e.index, e.eventId]));
  const letterDate = data.letterDate ?? c.sentDate;
  const contextOf = (index: number, partOfId: string | null) => ({
    communicationId: data.communicationId,
    letter: label,
    countryPlaceId: countryPlaceId(gazetteer),
    letterDate,
    partOfId,
    eventId: eventOf.get(index) ?? null,
    occurrence: occurrences[index] ?? 0,
  });
  const confirm = [...new Set(data.confirm ?? candidates.map((_, i) => i))].sort((a, b) => a - b);
  const figures = confirm.map((index): PlannedFigure => {
    const candidate = candidates[index]!;
    const parent = partOfIndex(candidates, index);
    const mapped = figureFromCandidate(candidate, contextOf(index, parent === null ? null : (existing.get(parent) ?? null)));
    // Checked against recordFigure's own schema now, so that a bad candidate stops the batch before any write.
    const invalid = mapped.ok ? recordFigureSchema.safeParse(mapped.input).error?.issues[0] : undefined;
    const problem = !mapped.ok ? mapped.problem : invalid ? `${invalid.path.join('.')}: ${invalid.message}` : null;
    return { index, candidate, input: mapped.ok && !invalid ? mapped.input : null, problem, existingId: existing.get(index) ?? null };
  });
  return { data, candidates, keys, existing, contextOf, plan: { communication: { id: c.id, reference: c.reference, label }, figures } };
}

/**
 * What confirming figure candidates would record, writing nothing: each confirmed candidate mapped to a
 * figure (see src/domain/register/figure-from-candidate.ts), or why it cannot be, and whether it is
 * already in the register. The same checks as {@link confirmFigureCandidates}.
 */
export async function planFigureCandidates(ctx: AppContext, principal: Principal, input: unknown, options: { gazetteer?: Gazetteer } = {}): Promise<FigurePlan> {
  return (await prepare(ctx, principal, input, options.gazetteer ?? loadGazetteer())).plan;
}

/**
 * Records the figures a person confirmed among the letter importer's candidates: the places of the
 * gazetteer first (so that every figure has its place), then each figure in the letter's order through
 * `recordFigure` — its own audited record, its source the communication citing the body the letter quotes,
 * its `partOf` the figure recorded for the candidate it is part of. A candidate confirmed before (same
 * communication, same number, same sentence) is not recorded again: it is returned among `already`. A
 * candidate that cannot be mapped, or an unknown event, is VALIDATION_FAILED before anything is written.
 */
export async function confirmFigureCandidates(
  ctx: AppContext,
  principal: Principal,
  input: unknown,
  options: { gazetteer?: Gazetteer } = {},
): Promise<FigureConfirmation> {
  const gazetteer = options.gazetteer ?? loadGazetteer();
  const { data, candidates, keys, existing, contextOf, plan } = await prepare(ctx, principal, input, gazetteer);
  const unmapped = plan.figures.find((f) => f.problem !== null);
  if (unmapped) throw new AppError('VALIDATION_FAILED', `confirm: candidate ${unmapped.index} (${unmapped.candidate.text}): ${unmapped.problem}`, { field: 'confirm', index: unmapped.index });
  const eventIds = [...new Set(data.events.map((e) => e.eventId))];
  if ((await findEvents(ctx.store.db, eventIds)).length !== eventIds.length) throw new AppError('VALIDATION_FAILED', 'events: no such event', { field: 'events' });

  const result: FigureConfirmation = { communication: plan.communication, recorded: [], already: [] };
  const todo = plan.figures.filter((f) => f.existingId === null);
  for (const f of plan.figures) if (f.existingId !== null) result.already.push({ index: f.index, id: f.existingId });
  if (todo.length === 0) return result;

  await recordPlaces(ctx, principal, gazetteerPlaceInputs(gazetteer));
  for (const f of todo) {
    const parent = partOfIndex(candidates, f.index);
    const mapped = figureFromCandidate(f.candidate, contextOf(f.index, parent === null ? null : (existing.get(parent) ?? null)));
    if (!mapped.ok) continue; // mapped above; unreachable
    const figure: z.input<typeof recordFigureSchema> = mapped.input;
    try {
      const id = await recordFigure(ctx, principal, figure);
      existing.set(f.index, id);
      result.recorded.push({ index: f.index, id, input: mapped.input });
    } catch (err) {
      // Confirmed meanwhile by someone else: it is there, which is what was asked.
      if (!isAppError(err) || err.code !== 'CONFLICT') throw err;
      const found = await findFigureByOrigin(ctx.store.db, keys[f.index]!);
      if (!found) throw err;
      existing.set(f.index, found.id);
      result.already.push({ index: f.index, id: found.id });
    }
  }
  result.already.sort((a, b) => a.index - b.index);
  return result;
}
