import { stringify } from 'csv-stringify/sync';
import type { PartialDate } from '../domain/register/partial-date.ts';
import type { PersonName } from '../domain/register/records.ts';
import type { RestrictedClass } from '../policies/register-policy.ts';
import type { SourceView } from '../presenters/register-presenter.ts';
import type { RegisterExportItems, RegisterExportKind, RegisterExportOf } from '../queries/register/export-register.ts';

/**
 * The files of a staff export of the case register: CSV (one column per field, for spreadsheets) and JSON
 * (the presenter's views as they are). Both are written from the items of {@link exportRegister}, which the
 * register presenter has already stripped of what the exporter may not see; the CSV goes further and leaves
 * out the columns of those classes altogether, so that an export never has an empty column where a
 * restricted field would be.
 */

/** One CSV column: its header, the restricted class it needs (none: internal), and how a cell is read. */
export interface RegisterCsvColumn<T> {
  header: string;
  needs?: RestrictedClass;
  cell: (item: T) => string;
}

const str = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
const bool = (v: boolean | null | undefined): string => (v === null || v === undefined ? '' : v ? 'true' : 'false');
/** Lists of words in one cell, separated so that a value with commas or semicolons stays whole. */
const list = (values: readonly string[] | undefined): string => (values ?? []).join(' | ');
/** Lists of records in one cell: JSON, which any tool reads back. */
const json = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));
const names = (n: readonly PersonName[] | undefined) => list(n?.map((x) => x.name));
const scripts = (n: readonly PersonName[] | undefined) => list(n?.map((x) => x.script));
const sourceIds = (s: readonly SourceView[] | undefined) => (s ?? []).map((x) => x.id).join(' ');
const sourceLabels = (s: readonly SourceView[] | undefined) => list(s?.map((x) => `${x.kind}: ${x.label}`));

/** The date columns of a partial date: its value, precision, the end of a range and whether it is vague. */
function dateColumns<T>(prefix: string, read: (item: T) => PartialDate | null, withRange = false): RegisterCsvColumn<T>[] {
  return [
    { header: prefix, cell: (i) => str(read(i)?.value) },
    { header: `${prefix}_precision`, cell: (i) => str(read(i)?.precision) },
    ...(withRange
      ? [
          { header: `${prefix}_end`, cell: (i: T) => str(read(i)?.end) },
          { header: `${prefix}_vague`, cell: (i: T) => bool(read(i) ? read(i)?.vague === true : null) },
        ]
      : []),
  ];
}

/** The sources columns of every kind (only with the `sources` class). */
function sourceColumns<T extends { sources?: SourceView[] }>(): RegisterCsvColumn<T>[] {
  return [
    { header: 'source_ids', needs: 'sources', cell: (i) => sourceIds(i.sources) },
    { header: 'sources', needs: 'sources', cell: (i) => sourceLabels(i.sources) },
  ];
}

/** Every column of every kind of CSV export, in order (each kept only for an exporter who may see its class). */
export const REGISTER_CSV_COLUMNS: { readonly [K in RegisterExportKind]: ReadonlyArray<RegisterCsvColumn<RegisterExportItems[K]>> } = {
  persons: [
    { header: 'id', cell: (p) => p.id },
    { header: 'names', cell: (p) => names(p.names) },
    { header: 'name_scripts', cell: (p) => scripts(p.names) },
    { header: 'identity_withheld', cell: (p) => bool(p.identityWithheld) },
    { header: 'sex', cell: (p) => str(p.sex) },
    { header: 'birth_year', cell: (p) => str(p.birthYear) },
    { header: 'occupation', cell: (p) => str(p.occupation) },
    { header: 'affiliation', cell: (p) => str(p.affiliation) },
    { header: 'home_place_id', cell: (p) => str(p.homePlaceId) },
    { header: 'synthetic', cell: (p) => bool(p.synthetic) },
    ...sourceColumns<RegisterExportItems['persons']>(),
  ],
  acts: [
    { header: 'id', cell: (a) => a.id },
    { header: 'person_id', cell: (a) => a.personId },
    { header: 'event_id', cell: (a) => str(a.eventId) },
    { header: 'type', cell: (a) => a.type },
    { header: 'perpetrator', cell: (a) => a.perpetrator },
    { header: 'status', cell: (a) => a.status },
    ...dateColumns<RegisterExportItems['acts']>('date', (a) => a.date),
    { header: 'place_id', cell: (a) => str(a.placeId) },
    { header: 'description', cell: (a) => a.description },
    ...sourceColumns<RegisterExportItems['acts']>(),
  ],
  detentions: [
    { header: 'id', cell: (d) => d.id },
    { header: 'person_id', cell: (d) => d.personId },
    { header: 'person_names', cell: (d) => names(d.person.names) },
    { header: 'act_id', cell: (d) => str(d.actId) },
    ...dateColumns<RegisterExportItems['detentions']>('arrested', (d) => d.arrested),
    { header: 'arrest_place_id', needs: 'detention_place', cell: (d) => str(d.arrestPlaceId) },
    { header: 'arrest_authority', cell: (d) => str(d.arrestAuthority) },
    { header: 'legal_basis', cell: (d) => str(d.legalBasis) },
    { header: 'charges', cell: (d) => list(d.charges) },
    { header: 'court_authorised', cell: (d) => bool(d.courtAuthorised) },
    { header: 'court_authorised_on', cell: (d) => str(d.courtAuthorisedOn) },
    { header: 'current_place_id', needs: 'detention_place', cell: (d) => str(d.currentPlaceId) },
    { header: 'current_authority', cell: (d) => str(d.currentAuthority) },
    { header: 'status', cell: (d) => d.status },
    { header: 'counsel_access', cell: (d) => d.counselAccess },
    { header: 'family_contact', cell: (d) => d.familyContact },
    { header: 'released_on', cell: (d) => str(d.releasedOn) },
    { header: 'convicted_on', cell: (d) => str(d.convictedOn) },
    { header: 'sentence', cell: (d) => str(d.sentence) },
    { header: 'stay_count', cell: (d) => str(d.stayCount) },
    { header: 'stays', needs: 'detention_place', cell: (d) => json(d.stays) },
    { header: 'transfers', needs: 'detention_place', cell: (d) => json(d.transfers) },
    { header: 'health', needs: 'health', cell: (d) => str(d.health) },
    { header: 'version', cell: (d) => str(d.version) },
    ...sourceColumns<RegisterExportItems['detentions']>(),
  ],
  disappearances: [
    { header: 'id', cell: (d) => d.id },
    { header: 'person_id', cell: (d) => d.personId },
    { header: 'person_names', cell: (d) => names(d.person.names) },
    { header: 'act_id', cell: (d) => str(d.actId) },
    ...dateColumns<RegisterExportItems['disappearances']>('last_seen', (d) => d.lastSeen),
    { header: 'last_seen_place_id', cell: (d) => str(d.lastSeenPlaceId) },
    { header: 'last_seen_by', needs: 'relatives', cell: (d) => str(d.lastSeenBy) },
    { header: 'relatives_steps', needs: 'relatives', cell: (d) => str(d.relativesSteps) },
    { header: 'status', cell: (d) => d.status },
    { header: 'clarification', needs: 'relatives', cell: (d) => str(d.clarification) },
    { header: 'clarified_on', cell: (d) => str(d.clarifiedOn) },
    { header: 'version', cell: (d) => str(d.version) },
    ...sourceColumns<RegisterExportItems['disappearances']>(),
  ],
  events: [
    { header: 'id', cell: (e) => e.id },
    { header: 'type', cell: (e) => e.type },
    { header: 'title', cell: (e) => e.title },
    { header: 'description', cell: (e) => e.description },
    ...dateColumns<RegisterExportItems['events']>('start', (e) => e.start, true),
    ...dateColumns<RegisterExportItems['events']>('end', (e) => e.end),
    { header: 'country_code', cell: (e) => e.countryCode },
    { header: 'place_ids', cell: (e) => e.placeIds.join(' ') },
    { header: 'synthetic', cell: (e) => bool(e.synthetic) },
    { header: 'version', cell: (e) => str(e.version) },
    ...sourceColumns<RegisterExportItems['events']>(),
  ],
  figures: [
    { header: 'id', cell: (f) => f.id },
    { header: 'count', cell: (f) => str(f.count) },
    { header: 'qualifier', cell: (f) => f.qualifier },
    { header: 'measure', cell: (f) => f.measure },
    { header: 'population', cell: (f) => f.population },
    { header: 'reported_by', cell: (f) => str(f.reportedBy) },
    ...dateColumns<RegisterExportItems['figures']>('reported', (f) => f.reported, true),
    { header: 'scope_place_id', cell: (f) => f.scopePlaceId },
    { header: 'part_of_id', cell: (f) => str(f.partOfId) },
    { header: 'event_id', cell: (f) => str(f.eventId) },
    { header: 'notes', cell: (f) => f.notes },
    { header: 'quote', cell: (f) => f.quote },
    ...sourceColumns<RegisterExportItems['figures']>(),
  ],
};

/** The columns of a kind's CSV for an exporter who may see `classes`: those of the other classes are left out. */
export function registerCsvColumns<K extends RegisterExportKind>(what: K, classes: ReadonlySet<RestrictedClass>): ReadonlyArray<RegisterCsvColumn<RegisterExportItems[K]>> {
  const all: ReadonlyArray<RegisterCsvColumn<RegisterExportItems[K]>> = REGISTER_CSV_COLUMNS[what];
  return all.filter((c) => c.needs === undefined || classes.has(c.needs));
}

/**
 * The CSV of an export, a chunk per batch: a byte-order mark (spreadsheets then read the Cyrillic names as
 * UTF-8), the header, then the rows. Cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`…) are
 * prefixed with `'`.
 */
export async function* registerCsvChunks<K extends RegisterExportKind>(e: RegisterExportOf<K>): AsyncGenerator<string> {
  const columns = registerCsvColumns(e.what, e.classes);
  const headers = columns.map((c) => c.header);
  let header = true;
  for await (const batch of e.batches) {
    const records = batch.map((item) => columns.map((c) => c.cell(item)));
    yield (header ? '\uFEFF' : '') + stringify(records, { header, columns: headers, escape_formulas: true });
    header = false;
  }
  if (header) yield `\uFEFF${stringify([], { header: true, columns: headers })}`;
}

/** The JSON of an export: one array, an item per line, written a batch at a time. */
export async function* registerJsonChunks<K extends RegisterExportKind>(e: RegisterExportOf<K>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const batch of e.batches) {
    if (batch.length === 0) continue;
    yield (first ? '\n' : ',\n') + batch.map((item) => JSON.stringify(item)).join(',\n');
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
