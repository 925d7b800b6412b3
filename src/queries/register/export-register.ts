import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { auditReads } from '../../commands/audit-read.ts';
import { parseInput } from '../../commands/input.ts';
import { actOf, detentionOf, disappearanceOf, eventOf, figureOf, personOf, sourceOf } from '../../commands/register/register-records.ts';
import { placeIdsOfEvents, registerRowsAfter, type RegisterExportRows } from '../../db/repositories/register-export-repository.ts';
import { findPersonNames, findPersons, listStays, sourcesOf } from '../../db/repositories/register-repository.ts';
import type { PersonName, Source } from '../../domain/register/records.ts';
import { authorizeRegister, visibleClasses, type RestrictedClass } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import {
  presentAct,
  presentDetention,
  presentDisappearance,
  presentEvent,
  presentFigure,
  presentPerson,
  type ActView,
  type DetentionView,
  type DisappearanceView,
  type EventView,
  type FigureView,
  type PersonView,
} from '../../presenters/register-presenter.ts';

/** What the register can be exported as: one kind of record per file. */
export const REGISTER_EXPORT_KINDS = ['persons', 'acts', 'detentions', 'disappearances', 'events', 'figures'] as const;
/** A kind of record exported (see {@link REGISTER_EXPORT_KINDS}). */
export type RegisterExportKind = (typeof REGISTER_EXPORT_KINDS)[number];

/** Records an export reads from the database at a time (as the public exports do). */
export const REGISTER_EXPORT_BATCH_SIZE = 500;

/** The query of an export: which kind of record. */
export const registerExportSchema = z.object({ what: z.enum(REGISTER_EXPORT_KINDS) }).strict();

/** The person a detention or a disappearance is of, as the exporter may see them: names absent when withheld from the exporter. */
export interface ExportedPerson {
  names?: PersonName[];
  identityWithheld: boolean;
}

/** A detention as exported: the presenter's view, with its person. */
export type DetentionExportItem = DetentionView & { person: ExportedPerson };
/** A disappearance as exported: the presenter's view, with its person. */
export type DisappearanceExportItem = DisappearanceView & { person: ExportedPerson };

/** The item of each kind of export: what the register presenter lets the exporter see of one record. */
export interface RegisterExportItems {
  persons: PersonView;
  acts: ActView;
  detentions: DetentionExportItem;
  disappearances: DisappearanceExportItem;
  events: EventView;
  figures: FigureView;
}

/** An export of one kind, ready to be written: its items come a batch at a time. */
export interface RegisterExportOf<K extends RegisterExportKind> {
  what: K;
  /** The restricted classes the exporter may see: the fields (and CSV columns) of the others are absent. */
  classes: ReadonlySet<RestrictedClass>;
  /** The restricted classes the export holds, recorded as read before its first byte. */
  audited: RestrictedClass[];
  batches: AsyncIterable<RegisterExportItems[K][]>;
}

/** An export of any kind. */
export type RegisterExport = { [K in RegisterExportKind]: RegisterExportOf<K> }[RegisterExportKind];

/**
 * The restricted classes each kind of export can hold: names of withheld identities (persons, and the
 * persons of detentions and disappearances), places of detention and health (detentions), the people
 * around a disappearance, and every record's sources.
 */
export const EXPORT_CLASSES: Readonly<Record<RegisterExportKind, readonly RestrictedClass[]>> = {
  persons: ['identity', 'sources'],
  acts: ['sources'],
  detentions: ['identity', 'detention_place', 'health', 'sources'],
  disappearances: ['identity', 'relatives', 'sources'],
  events: ['sources'],
  figures: ['sources'],
};

/** The record type under which facts of each kind keep their sources (`fact_sources.record_type`). */
const SOURCE_RECORD: Readonly<Record<RegisterExportKind, string>> = {
  persons: 'person',
  acts: 'act',
  detentions: 'detention',
  disappearances: 'disappearance',
  events: 'event',
  figures: 'figure',
};

type Classes = ReadonlySet<RestrictedClass>;

/** The sources of a batch's records, decrypted, when the exporter may see sources; else nothing is read. */
async function batchSources(ctx: AppContext, kind: RegisterExportKind, classes: Classes, ids: string[]): Promise<Map<string, Source[]>> {
  const out = new Map<string, Source[]>();
  if (!classes.has('sources')) return out;
  for (const [id, rows] of await sourcesOf(ctx.store.db, SOURCE_RECORD[kind], ids)) out.set(id, rows.map((r) => sourceOf(ctx, r)));
  return out;
}

/** The persons of a batch of detentions or disappearances, as the exporter may see them. */
async function batchPersons(ctx: AppContext, classes: Classes, personIds: string[]): Promise<Map<string, ExportedPerson>> {
  const db = ctx.store.db;
  const [rows, names] = await Promise.all([findPersons(db, personIds), findPersonNames(db, personIds)]);
  const out = new Map<string, ExportedPerson>();
  for (const row of rows) {
    const view = presentPerson(personOf(ctx, row, names), classes);
    out.set(row.id, { ...(view.names ? { names: view.names } : {}), identityWithheld: view.identityWithheld });
  }
  return out;
}

const UNKNOWN_PERSON: ExportedPerson = { identityWithheld: true };

/** Presents one batch of rows of a kind through the register presenter. */
const PRESENT: { [K in RegisterExportKind]: (ctx: AppContext, classes: Classes, rows: RegisterExportRows[K][]) => Promise<RegisterExportItems[K][]> } = {
  async persons(ctx, classes, rows) {
    const ids = rows.map((r) => r.id);
    const [names, sources] = await Promise.all([findPersonNames(ctx.store.db, ids), batchSources(ctx, 'persons', classes, ids)]);
    return rows.map((r) => presentPerson(personOf(ctx, r, names), classes, sources.get(r.id) ?? []));
  },
  async acts(ctx, classes, rows) {
    const sources = await batchSources(
      ctx,
      'acts',
      classes,
      rows.map((r) => r.id),
    );
    return rows.map((r) => presentAct(actOf(ctx, r), classes, sources.get(r.id) ?? []));
  },
  async detentions(ctx, classes, rows) {
    const ids = rows.map((r) => r.id);
    const [stays, persons, sources] = await Promise.all([
      // Places over time are read only for an exporter who may see them.
      classes.has('detention_place') ? listStays(ctx.store.db, ids) : Promise.resolve([]),
      batchPersons(
        ctx,
        classes,
        rows.map((r) => r.person_id),
      ),
      batchSources(ctx, 'detentions', classes, ids),
    ]);
    return rows.map((r) => ({ ...presentDetention(detentionOf(ctx, r, stays), classes, sources.get(r.id) ?? []), person: persons.get(r.person_id) ?? UNKNOWN_PERSON }));
  },
  async disappearances(ctx, classes, rows) {
    const [persons, sources] = await Promise.all([
      batchPersons(
        ctx,
        classes,
        rows.map((r) => r.person_id),
      ),
      batchSources(
        ctx,
        'disappearances',
        classes,
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((r) => ({ ...presentDisappearance(disappearanceOf(ctx, r), classes, sources.get(r.id) ?? []), person: persons.get(r.person_id) ?? UNKNOWN_PERSON }));
  },
  async events(ctx, classes, rows) {
    const ids = rows.map((r) => r.id);
    const [places, sources] = await Promise.all([placeIdsOfEvents(ctx.store.db, ids), batchSources(ctx, 'events', classes, ids)]);
    return rows.map((r) => presentEvent(eventOf({ ...r, placeIds: places.get(r.id) ?? [] }), classes, sources.get(r.id) ?? []));
  },
  async figures(ctx, classes, rows) {
    const sources = await batchSources(
      ctx,
      'figures',
      classes,
      rows.map((r) => r.id),
    );
    return rows.map((r) => presentFigure(figureOf(r), classes, sources.get(r.id) ?? []));
  },
};

/** The batches of an export after its first (already read), each read only when the previous one was taken. */
async function* batchesFrom<K extends RegisterExportKind>(
  ctx: AppContext,
  kind: K,
  classes: Classes,
  first: RegisterExportRows[K][],
  batchSize: number,
): AsyncGenerator<RegisterExportItems[K][]> {
  const present = PRESENT[kind] as (ctx: AppContext, classes: Classes, rows: RegisterExportRows[K][]) => Promise<RegisterExportItems[K][]>;
  let rows = first;
  while (rows.length > 0) {
    yield await present(ctx, classes, rows);
    if (rows.length < batchSize) return;
    rows = await registerRowsAfter(ctx.store.db, kind, rows[rows.length - 1]!.id, batchSize);
  }
}

async function exportOf<K extends RegisterExportKind>(ctx: AppContext, principal: Principal, kind: K, batchSize: number): Promise<RegisterExportOf<K>> {
  const classes = visibleClasses(principal);
  const first = await registerRowsAfter(ctx.store.db, kind, null, batchSize);
  // Recorded before the first byte leaves, once for the whole export: which restricted classes it holds.
  // An empty export shows nothing, and is no read.
  const audited = first.length === 0 ? [] : EXPORT_CLASSES[kind].filter((c) => classes.has(c));
  await auditReads(
    ctx,
    principal,
    audited.map((what) => ({ recordType: 'register_export', recordId: kind, what })),
  );
  return { what: kind, classes, audited, batches: batchesFrom(ctx, kind, classes, first, batchSize) };
}

/**
 * An export of the register for staff — persons, acts, detentions (with their places over time and
 * transfers), disappearances, events or figures — each field as the exporter may see it: every record goes
 * through the register presenter, so a restricted field of a class the exporter may not see is absent.
 * Who may export is the policy's `export` action (case officers); anyone else gets NOT_FOUND, as for any
 * record of the register they may not see. The records are read a batch at a time, each batch only when the
 * previous one has been written. The restricted classes the export holds are recorded in the audit chain as
 * reads (`read.<class>` on `register_export`/`<kind>`), once per export, before anything is returned.
 *
 * @example const e = await exportRegister(ctx, officer, { what: 'detentions' }); for await (const batch of e.batches) …
 * @throws AppError NOT_FOUND (not allowed), VALIDATION_FAILED (unknown kind); nothing is written then.
 */
export async function exportRegister(ctx: AppContext, principal: Principal, query: unknown, batchSize = REGISTER_EXPORT_BATCH_SIZE): Promise<RegisterExport> {
  authorizeRegister(principal, 'export');
  const { what } = parseInput(registerExportSchema, query ?? {});
  return exportOf(ctx, principal, what, batchSize) as Promise<RegisterExport>;
}
