import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  CommunicationLinksTable,
  Database,
  DetentionChargesTable,
  DetentionsTable,
  DetentionStaysTable,
  DisappearancesTable,
  PersonNamesTable,
  PersonsTable,
  RegisterActsTable,
  RegisterEventsTable,
  RegisterFiguresTable,
  RegisterPlacesTable,
  RegisterSourcesTable,
} from '../schema.ts';

/** Rows of the register's tables (encrypted columns still encrypted). */
export type PlaceRow = Selectable<RegisterPlacesTable>;
export type SourceRow = Selectable<RegisterSourcesTable>;
export type EventRow = Selectable<RegisterEventsTable>;
export type PersonRow = Selectable<PersonsTable>;
export type PersonNameRow = Selectable<PersonNamesTable>;
export type ActRow = Selectable<RegisterActsTable>;
export type DetentionRow = Selectable<DetentionsTable>;
export type StayRow = Selectable<DetentionStaysTable>;
export type DisappearanceRow = Selectable<DisappearancesTable>;
export type FigureRow = Selectable<RegisterFiguresTable>;
export type LinkRow = Selectable<CommunicationLinksTable>;

type Db = Kysely<Database>;

// ---- Places and sources -------------------------------------------------------------------------------

/** Adds places that are not there yet (by id); existing ones are left as they are. */
export async function insertPlacesIfMissing(tx: Db, rows: Insertable<RegisterPlacesTable>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const have = new Set((await tx.selectFrom('register_places').select('id').where('id', 'in', rows.map((r) => r.id)).execute()).map((r) => r.id));
  const missing = rows.filter((r) => !have.has(r.id));
  for (let i = 0; i < missing.length; i += 200) await tx.insertInto('register_places').values(missing.slice(i, i + 200)).execute();
  return missing.length;
}

/** Places by id. */
export function findPlaces(db: Db, ids: readonly string[]): Promise<PlaceRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('register_places').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/** Every place, of some kinds or all, by name. */
export function listPlaces(db: Db, kinds?: readonly string[]): Promise<PlaceRow[]> {
  let q = db.selectFrom('register_places').selectAll();
  if (kinds && kinds.length > 0) q = q.where('kind', 'in', kinds);
  return q.orderBy('name').orderBy('id').execute();
}

/** Adds a source. */
export async function insertSource(tx: Db, row: Insertable<RegisterSourcesTable>): Promise<void> {
  await tx.insertInto('register_sources').values(row).execute();
}

/** Sources by id. */
export function findSources(db: Db, ids: readonly string[]): Promise<SourceRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('register_sources').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/** Links facts to their sources (pairs already linked are kept once). */
export async function linkSources(tx: Db, recordType: string, recordId: string, sourceIds: readonly string[]): Promise<void> {
  const ids = [...new Set(sourceIds)];
  if (ids.length === 0) return;
  const have = new Set(
    (await tx.selectFrom('fact_sources').select('source_id').where('record_type', '=', recordType).where('record_id', '=', recordId).execute()).map((r) => r.source_id),
  );
  const rows = ids.filter((s) => !have.has(s)).map((source_id) => ({ record_type: recordType, record_id: recordId, source_id }));
  if (rows.length > 0) await tx.insertInto('fact_sources').values(rows).execute();
}

/** The sources of some records of one type: record id → source rows. */
export async function sourcesOf(db: Db, recordType: string, recordIds: readonly string[]): Promise<Map<string, SourceRow[]>> {
  const out = new Map<string, SourceRow[]>();
  if (recordIds.length === 0) return out;
  const rows = await db
    .selectFrom('fact_sources as f')
    .innerJoin('register_sources as s', 's.id', 'f.source_id')
    .selectAll('s')
    .select('f.record_id')
    .where('f.record_type', '=', recordType)
    .where('f.record_id', 'in', [...new Set(recordIds)])
    .orderBy('s.created_at')
    .execute();
  for (const r of rows) {
    const { record_id, ...source } = r;
    out.set(record_id, [...(out.get(record_id) ?? []), source]);
  }
  return out;
}

/** The records made from a source (a submission's, a list's): record type and id. */
export function recordsFromSource(db: Db, sourceIds: readonly string[]): Promise<{ record_type: string; record_id: string }[]> {
  if (sourceIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('fact_sources').select(['record_type', 'record_id']).where('source_id', 'in', [...sourceIds]).orderBy('record_type').execute();
}

/** The sources made from a submission. */
export function sourcesOfSubmission(db: Db, submissionId: string): Promise<SourceRow[]> {
  return db.selectFrom('register_sources').selectAll().where('submission_id', '=', submissionId).orderBy('created_at').execute();
}

// ---- Events -------------------------------------------------------------------------------------------

/** Adds an event and its places. */
export async function insertEvent(tx: Db, row: Insertable<RegisterEventsTable>, placeIds: readonly string[]): Promise<void> {
  await tx.insertInto('register_events').values(row).execute();
  if (placeIds.length > 0) {
    await tx
      .insertInto('event_places')
      .values(placeIds.map((place_id, position) => ({ event_id: row.id, place_id, position })))
      .execute();
  }
}

/** Events by id, with their place ids in order. */
export async function findEvents(db: Db, ids: readonly string[]): Promise<Array<EventRow & { placeIds: string[] }>> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('register_events').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return withEventPlaces(db, rows);
}

/** Events of a country (or all), in time order. */
export async function listEvents(db: Db, filter: { countryCode?: string; from?: string; to?: string } = {}): Promise<Array<EventRow & { placeIds: string[] }>> {
  let q = db.selectFrom('register_events').selectAll();
  if (filter.countryCode) q = q.where('country_code', '=', filter.countryCode);
  if (filter.from) q = q.where('start_on', '>=', filter.from);
  if (filter.to) q = q.where('start_on', '<=', filter.to);
  const rows = await q.orderBy('start_on').orderBy('created_at').orderBy('id').execute();
  return withEventPlaces(db, rows);
}

async function withEventPlaces(db: Db, rows: EventRow[]): Promise<Array<EventRow & { placeIds: string[] }>> {
  if (rows.length === 0) return [];
  const places = await db
    .selectFrom('event_places')
    .select(['event_id', 'place_id'])
    .where('event_id', 'in', rows.map((r) => r.id))
    .orderBy('event_id')
    .orderBy('position')
    .execute();
  const by = new Map<string, string[]>();
  for (const p of places) by.set(p.event_id, [...(by.get(p.event_id) ?? []), p.place_id]);
  return rows.map((r) => ({ ...r, placeIds: by.get(r.id) ?? [] }));
}

// ---- Persons ------------------------------------------------------------------------------------------

/** Adds a person with its name variants and the keyed digests of its name keys. */
export async function insertPerson(tx: Db, row: Insertable<PersonsTable>, names: Insertable<PersonNamesTable>[], keys: readonly string[]): Promise<void> {
  await tx.insertInto('persons').values(row).execute();
  if (names.length > 0) await tx.insertInto('person_names').values(names).execute();
  const unique = [...new Set(keys)];
  if (unique.length > 0) await tx.insertInto('person_keys').values(unique.map((key) => ({ key, person_id: row.id }))).execute();
}

/** Persons by id. */
export function findPersons(db: Db, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('persons').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/** The name variants of some persons, in order. */
export function findPersonNames(db: Db, personIds: readonly string[]): Promise<PersonNameRow[]> {
  if (personIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('person_names').selectAll().where('person_id', 'in', [...new Set(personIds)]).orderBy('person_id').orderBy('position').execute();
}

/** The persons found under any of these keyed name digests (with how many digests each shares). */
export async function findPersonIdsByKeys(db: Db, keys: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (keys.length === 0) return out;
  const rows = await db.selectFrom('person_keys').select(['person_id']).where('key', 'in', [...new Set(keys)]).execute();
  for (const r of rows) out.set(r.person_id, (out.get(r.person_id) ?? 0) + 1);
  return out;
}

/** Replaces a person's names and keys, and updates its row if it still has `version`. False when it moved on. */
export async function updatePerson(
  tx: Db,
  id: string,
  version: number,
  patch: Updateable<PersonsTable>,
  names?: { rows: Insertable<PersonNamesTable>[]; keys: readonly string[] },
): Promise<boolean> {
  const r = await tx.updateTable('persons').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  if (names) {
    await tx.deleteFrom('person_names').where('person_id', '=', id).execute();
    await tx.deleteFrom('person_keys').where('person_id', '=', id).execute();
    if (names.rows.length > 0) await tx.insertInto('person_names').values(names.rows).execute();
    const unique = [...new Set(names.keys)];
    if (unique.length > 0) await tx.insertInto('person_keys').values(unique.map((key) => ({ key, person_id: id }))).execute();
  }
  return true;
}

// ---- Acts ---------------------------------------------------------------------------------------------

/** Adds an act. */
export async function insertAct(tx: Db, row: Insertable<RegisterActsTable>): Promise<void> {
  await tx.insertInto('register_acts').values(row).execute();
}

/** Acts by id. */
export function findActs(db: Db, ids: readonly string[]): Promise<ActRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('register_acts').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/** The acts a person suffered, in time order. */
export function listActsOfPerson(db: Db, personId: string): Promise<ActRow[]> {
  return db.selectFrom('register_acts').selectAll().where('person_id', '=', personId).orderBy('on_date').orderBy('created_at').orderBy('id').execute();
}

/** How many acts each event has at each of the acts' own places (null: the act names no place), in one pass. */
export async function countActsByEventAndPlace(db: Db): Promise<Array<{ eventId: string; placeId: string | null; count: number }>> {
  const rows = await db
    .selectFrom('register_acts')
    .select(['event_id', 'place_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('event_id', 'is not', null)
    .groupBy(['event_id', 'place_id'])
    .execute();
  return rows.map((r) => ({ eventId: r.event_id as string, placeId: r.place_id, count: Number(r.n) }));
}

/** The acts of an event. */
export function listActsOfEvent(db: Db, eventId: string, limit = 500): Promise<ActRow[]> {
  return db.selectFrom('register_acts').selectAll().where('event_id', '=', eventId).orderBy('on_date').orderBy('id').limit(limit).execute();
}

// ---- Detentions ---------------------------------------------------------------------------------------

/**
 * The charge rows of a detention: each charge with the detention's current authority and arrest date, which
 * the register's list filters and orders by (see migration 0010). Every writer of charges builds them here.
 */
export function chargeRows(detentionId: string, charges: readonly string[], currentAuthority: string | null, arrestedOn: string): Insertable<DetentionChargesTable>[] {
  return [...new Set(charges)].map((charge) => ({ charge, detention_id: detentionId, current_authority: currentAuthority, arrested_on: arrestedOn }));
}

/** Adds a detention with its charges and stays. */
export async function insertDetention(tx: Db, row: Insertable<DetentionsTable>, charges: readonly string[], stays: Insertable<DetentionStaysTable>[]): Promise<void> {
  await tx.insertInto('detentions').values(row).execute();
  const unique = [...new Set(charges)];
  if (unique.length > 0) await tx.insertInto('detention_charges').values(chargeRows(row.id, unique, row.current_authority ?? null, row.arrested_on)).execute();
  if (stays.length > 0) await tx.insertInto('detention_stays').values(stays).execute();
}

/** A detention by id. */
export function findDetention(db: Db, id: string): Promise<DetentionRow | undefined> {
  return db.selectFrom('detentions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's detentions, oldest arrest first. */
export function listDetentionsOfPerson(db: Db, personId: string): Promise<DetentionRow[]> {
  return db.selectFrom('detentions').selectAll().where('person_id', '=', personId).orderBy('arrested_on').orderBy('id').execute();
}

/** The stays of some detentions, in order. */
export function listStays(db: Db, detentionIds: readonly string[]): Promise<StayRow[]> {
  if (detentionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('detention_stays').selectAll().where('detention_id', 'in', [...new Set(detentionIds)]).orderBy('detention_id').orderBy('seq').execute();
}

/** Adds a stay (a transfer) to a detention. */
export async function insertStay(tx: Db, row: Insertable<DetentionStaysTable>): Promise<void> {
  await tx.insertInto('detention_stays').values(row).execute();
}

/** Updates a detention if it still has `version`, replacing its charges when given. False when it moved on. */
export async function updateDetention(tx: Db, id: string, version: number, patch: Updateable<DetentionsTable>, charges?: readonly string[]): Promise<boolean> {
  const r = await tx.updateTable('detentions').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  if (charges) {
    const row = await tx.selectFrom('detentions').select(['current_authority', 'arrested_on']).where('id', '=', id).executeTakeFirstOrThrow();
    await tx.deleteFrom('detention_charges').where('detention_id', '=', id).execute();
    const unique = [...new Set(charges)];
    if (unique.length > 0) await tx.insertInto('detention_charges').values(chargeRows(id, unique, row.current_authority, row.arrested_on)).execute();
  } else if (patch.current_authority !== undefined) {
    await tx.updateTable('detention_charges').set({ current_authority: patch.current_authority }).where('detention_id', '=', id).execute();
  }
  return true;
}

// ---- Disappearances -----------------------------------------------------------------------------------

/** Adds a disappearance. */
export async function insertDisappearance(tx: Db, row: Insertable<DisappearancesTable>): Promise<void> {
  await tx.insertInto('disappearances').values(row).execute();
}

/** A disappearance by id. */
export function findDisappearance(db: Db, id: string): Promise<DisappearanceRow | undefined> {
  return db.selectFrom('disappearances').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's disappearances. */
export function listDisappearancesOfPerson(db: Db, personId: string): Promise<DisappearanceRow[]> {
  return db.selectFrom('disappearances').selectAll().where('person_id', '=', personId).orderBy('last_seen_on').orderBy('id').execute();
}

/** Updates a disappearance if it still has `version`. */
export async function updateDisappearance(tx: Db, id: string, version: number, patch: Updateable<DisappearancesTable>): Promise<boolean> {
  const r = await tx.updateTable('disappearances').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- Figures ------------------------------------------------------------------------------------------

/** Adds a figure (figures are never updated). */
export async function insertFigure(tx: Db, row: Insertable<RegisterFiguresTable>): Promise<void> {
  await tx.insertInto('register_figures').values(row).execute();
}

/** The figure confirmed from this origin, if any. */
export function findFigureByOrigin(db: Db, originKey: string): Promise<FigureRow | undefined> {
  return db.selectFrom('register_figures').selectAll().where('origin_key', '=', originKey).executeTakeFirst();
}

/** Figures by id. */
export function findFigures(db: Db, ids: readonly string[]): Promise<FigureRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('register_figures').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/** Figures, of some measures or all, in the order they were reported. */
export function listFigures(db: Db, filter: { measures?: readonly string[]; eventId?: string } = {}): Promise<FigureRow[]> {
  let q = db.selectFrom('register_figures').selectAll();
  if (filter.measures && filter.measures.length > 0) q = q.where('measure', 'in', filter.measures);
  if (filter.eventId) q = q.where('event_id', '=', filter.eventId);
  return q.orderBy('reported_on').orderBy('created_at').orderBy('id').execute();
}

// ---- Links to communications ----------------------------------------------------------------------------

/** Links a communication to a record (kept once). True when the link is new. */
export async function insertCommunicationLink(tx: Db, row: Insertable<CommunicationLinksTable>): Promise<boolean> {
  const have = await tx
    .selectFrom('communication_links')
    .select('record_id')
    .where('communication_id', '=', row.communication_id)
    .where('record_type', '=', row.record_type)
    .where('record_id', '=', row.record_id)
    .executeTakeFirst();
  if (have) return false;
  await tx.insertInto('communication_links').values(row).execute();
  return true;
}

/** The records a communication is linked to. */
export function linksOfCommunication(db: Db, communicationId: string): Promise<LinkRow[]> {
  return db.selectFrom('communication_links').selectAll().where('communication_id', '=', communicationId).orderBy('record_type').orderBy('created_at').execute();
}

/** The communications linked to some records of one type. */
export function communicationsOfRecords(db: Db, recordType: string, recordIds: readonly string[]): Promise<LinkRow[]> {
  if (recordIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('communication_links').selectAll().where('record_type', '=', recordType).where('record_id', 'in', [...new Set(recordIds)]).execute();
}

/** Whether a communication (draft or sent) with this id exists. */
export async function communicationExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('communications').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
