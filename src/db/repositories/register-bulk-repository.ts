import { createHash, randomUUID } from 'node:crypto';
import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import { nameDigests, seal } from '../../commands/register/register-fields.ts';
import type { PartialDate } from '../../domain/register/partial-date.ts';
import { detentionStatusOf } from '../../domain/register/records.ts';
import type { Script } from '../../domain/register/vocabulary.ts';
import type { Database } from '../schema.ts';
import { appendAudit } from './audit-repository.ts';
import { chargeRows } from './register-repository.ts';

/**
 * Bulk loading of a synthetic case register, for benchmarks: millions of persons, acts and detentions
 * written in large multi-row statements inside large transactions, where the commands would take one
 * transaction per record. Rows are built in memory exactly as the commands build them — names and the
 * other restricted columns sealed (`seal`), the keyed name digests computed (`nameDigests`), a detention's
 * status and current place derived from its stays (`detentionStatusOf`) — and every person and event is
 * marked synthetic whatever the caller says.
 *
 * Audit: **one entry per transaction** (`register.bulk_loaded`, record type `register`, record id the
 * batch's id), not one per record and not one for the whole load. A transaction is the unit that commits,
 * so every committed batch carries its entry and a load stopped halfway leaves in the chain exactly the
 * batches that are in the store. The entry's after-digest is the SHA-256 of the batch's rows as stored (one
 * JSON line per row, ciphertexts included, in insertion order); its details give the row counts, never a
 * name or a place of detention.
 */

type Keys = Pick<AppContext, 'keys'>;
type Db = Kysely<Database>;

/** A source that facts of the batch cite. */
export interface BulkSource {
  id: string;
  kind: string;
  /** Who or what the source is (sealed on the way in). */
  label: string;
  receivedOn: string | null;
  createdAt: string;
}

/** A person with its name variants in clear (sealed on the way in). */
export interface BulkPerson {
  id: string;
  names: ReadonlyArray<{ name: string; script: Script; transliterationOf: number | null; transliteration: string | null }>;
  sex: 'm' | 'f' | 'x' | null;
  birthYear: number | null;
  occupation: string | null;
  affiliation: string | null;
  homePlaceId: string | null;
  identityWithheld: boolean;
  createdAt: string;
  sourceIds: readonly string[];
}

/** An act ("who did what to whom"). */
export interface BulkAct {
  id: string;
  personId: string;
  eventId: string | null;
  type: string;
  perpetrator: string;
  status: string;
  on: PartialDate | null;
  placeId: string | null;
  /** Sealed on the way in. */
  description: string;
  createdAt: string;
  sourceIds: readonly string[];
}

/** A detention with its places over time; status and current place are derived from them. */
export interface BulkDetention {
  id: string;
  personId: string;
  actId: string | null;
  arrested: PartialDate;
  arrestPlaceId: string | null;
  arrestAuthority: string | null;
  legalBasis: string | null;
  charges: readonly string[];
  courtAuthorised: boolean | null;
  courtAuthorisedOn: string | null;
  /** Sealed on the way in. */
  health: string;
  counselAccess: string;
  familyContact: string;
  releasedOn: string | null;
  convictedOn: string | null;
  sentence: string | null;
  /** In time order; a null place is a transfer to a place nobody would name. Notes are sealed. */
  stays: ReadonlyArray<{ placeId: string | null; since: PartialDate; authority: string | null; note: string }>;
  createdAt: string;
  sourceIds: readonly string[];
}

/** A disappearance (the people around it sealed on the way in). */
export interface BulkDisappearance {
  id: string;
  personId: string;
  actId: string | null;
  lastSeen: PartialDate;
  lastSeenPlaceId: string | null;
  lastSeenBy: string;
  relativesSteps: string;
  status: string;
  clarification: string;
  clarifiedOn: string | null;
  createdAt: string;
  sourceIds: readonly string[];
}

/** Everything one transaction of the bulk load writes. Sources come first: the facts cite them. */
export interface BulkRegisterBatch {
  sources: readonly BulkSource[];
  persons: readonly BulkPerson[];
  acts: readonly BulkAct[];
  detentions: readonly BulkDetention[];
  disappearances: readonly BulkDisappearance[];
}

/** A place (places hold no personal data). */
export interface BulkPlace {
  id: string;
  kind: string;
  name: string;
  nameLocal: string | null;
  parentId: string | null;
  countryCode: string;
  lat: number | null;
  lon: number | null;
  source: string | null;
}

/** An event with its places in order. */
export interface BulkEvent {
  id: string;
  type: string;
  title: string;
  description: string;
  start: PartialDate;
  end: PartialDate | null;
  countryCode: string;
  placeIds: readonly string[];
  createdAt: string;
}

/** Who loads, and when (the audit entries' actor and time). */
export interface BulkAudit {
  actor: string;
  at: string;
}

/** Rows written per table by one call. */
export type BulkCounts = Record<string, number>;

type ColumnType = 'text' | 'int4' | 'float8';
interface TableSpec {
  name: string;
  columns: ReadonlyArray<readonly [string, ColumnType]>;
}

const t = (name: string, columns: string): TableSpec => ({
  name,
  columns: columns.split(' ').map((c) => {
    const [column, type] = c.split(':') as [string, ColumnType | undefined];
    return [column, type ?? 'text'] as const;
  }),
});

// Column order of the positional rows below; `:int4`/`:float8` mark the non-text columns (for PostgreSQL's casts).
const PLACES = t('register_places', 'id kind name name_local parent_id country_code lat:float8 lon:float8 source created_at');
const EVENTS = t(
  'register_events',
  'id type title description start_on start_precision start_end start_vague:int4 end_on end_precision country_code synthetic:int4 created_at updated_at version:int4',
);
const EVENT_PLACES = t('event_places', 'event_id place_id position:int4');
const SOURCES = t('register_sources', 'id kind label submission_id communication_id import_id received_on created_at');
const FACT_SOURCES = t('fact_sources', 'record_type record_id source_id');
const PERSONS = t(
  'persons',
  'id sex birth_year:int4 occupation affiliation home_place_id identity_withheld:int4 synthetic:int4 created_at updated_at version:int4',
);
const PERSON_NAMES = t('person_names', 'person_id position:int4 name script transliteration_of:int4 transliteration');
const PERSON_KEYS = t('person_keys', 'key person_id');
const ACTS = t('register_acts', 'id person_id event_id type perpetrator status on_date on_precision place_id description created_at updated_at version:int4');
const DETENTIONS = t(
  'detentions',
  'id person_id act_id arrested_on arrested_precision arrest_place_id arrest_authority legal_basis charges court_authorised:int4 court_authorised_on ' +
    'current_place_id current_authority status health counsel_access family_contact released_on convicted_on sentence created_at updated_at version:int4',
);
const CHARGES = t('detention_charges', 'detention_id charge current_authority arrested_on');
const STAYS = t('detention_stays', 'detention_id seq:int4 place_id since_on since_precision authority note');
const DISAPPEARANCES = t(
  'disappearances',
  'id person_id act_id last_seen_on last_seen_precision last_seen_place_id last_seen_by relatives_steps status clarification clarified_on created_at updated_at version:int4',
);

/**
 * Writes places and events (with their places) in one transaction with one audit entry. Events are marked
 * synthetic. Places come first: everything else refers to them.
 *
 * @example await bulkLoadPlacesAndEvents(ctx.store.db, places, events, { actor: 'Benchmark Loader', at })
 */
export async function bulkLoadPlacesAndEvents(db: Db, places: readonly BulkPlace[], events: readonly BulkEvent[], audit: BulkAudit): Promise<BulkCounts> {
  const w = new BatchWriter();
  w.add(PLACES, places.map((p) => [p.id, p.kind, p.name, p.nameLocal, p.parentId, p.countryCode, p.lat, p.lon, p.source, audit.at]));
  w.add(
    EVENTS,
    events.map((e) => [
      e.id, e.type, e.title, e.description, e.start.value, e.start.precision, e.start.end ?? null, e.start.vague ? 1 : 0,
      e.end?.value ?? null, e.end?.precision ?? null, e.countryCode, 1, e.createdAt, e.createdAt, 1,
    ]),
  );
  w.add(EVENT_PLACES, events.flatMap((e) => e.placeIds.map((p, i) => [e.id, p, i])));
  return w.commit(db, audit);
}

/**
 * Writes one batch of the register — its sources, persons (names sealed, name digests indexed), acts,
 * detentions (charges indexed, stays with sealed notes, status derived), disappearances, and the links of
 * every fact to its sources — in one transaction, with one audit entry for the batch. Persons are marked
 * synthetic. For benchmarks and loading synthetic data only: it bypasses the commands' validation and
 * authorization, and trusts the caller for ids, dates and places (the database still checks keys).
 *
 * @example await bulkLoadRegisterBatch(ctx.store.db, ctx, batch, { actor: 'Benchmark Loader', at })
 * @returns the number of rows written per table
 */
export async function bulkLoadRegisterBatch(db: Db, ctx: Keys, batch: BulkRegisterBatch, audit: BulkAudit): Promise<BulkCounts> {
  const w = new BatchWriter();
  const links: unknown[][] = [];
  const cite = (type: string, id: string, sourceIds: readonly string[]) => {
    for (const s of new Set(sourceIds)) links.push([type, id, s]);
  };

  w.add(SOURCES, batch.sources.map((s) => [s.id, s.kind, seal(ctx, 'register_sources', 'label', s.id, s.label), null, null, null, s.receivedOn, s.createdAt]));

  const persons: unknown[][] = [];
  const names: unknown[][] = [];
  const keys: unknown[][] = [];
  for (const p of batch.persons) {
    persons.push([p.id, p.sex, p.birthYear, p.occupation, p.affiliation, p.homePlaceId, p.identityWithheld ? 1 : 0, 1, p.createdAt, p.createdAt, 1]);
    p.names.forEach((n, position) => {
      names.push([p.id, position, seal(ctx, 'person_names', 'name', `${p.id}#${position}`, n.name), n.script, n.transliterationOf, n.transliteration]);
    });
    for (const key of new Set(nameDigests(ctx, p.names.map((n) => n.name)))) keys.push([key, p.id]);
    cite('person', p.id, p.sourceIds);
  }
  w.add(PERSONS, persons);
  w.add(PERSON_NAMES, names);
  w.add(PERSON_KEYS, keys);

  w.add(
    ACTS,
    batch.acts.map((a) => {
      cite('act', a.id, a.sourceIds);
      return [
        a.id, a.personId, a.eventId, a.type, a.perpetrator, a.status, a.on?.value ?? null, a.on?.precision ?? null, a.placeId,
        seal(ctx, 'register_acts', 'description', a.id, a.description), a.createdAt, a.createdAt, 1,
      ];
    }),
  );

  const charges: unknown[][] = [];
  const stays: unknown[][] = [];
  w.add(
    DETENTIONS,
    batch.detentions.map((d) => {
      cite('detention', d.id, d.sourceIds);
      const current = d.stays[d.stays.length - 1]?.authority ?? d.arrestAuthority;
      for (const c of chargeRows(d.id, d.charges, current, d.arrested.value)) charges.push([c.detention_id, c.charge, c.current_authority, c.arrested_on]);
      d.stays.forEach((s, seq) => {
        stays.push([d.id, seq, s.placeId, s.since.value, s.since.precision, s.authority, seal(ctx, 'detention_stays', 'note', `${d.id}#${seq}`, s.note)]);
      });
      const last = d.stays[d.stays.length - 1];
      return [
        d.id, d.personId, d.actId, d.arrested.value, d.arrested.precision, d.arrestPlaceId, d.arrestAuthority, d.legalBasis,
        JSON.stringify(d.charges), d.courtAuthorised === null ? null : d.courtAuthorised ? 1 : 0, d.courtAuthorisedOn,
        last?.placeId ?? null, current, detentionStatusOf(d), seal(ctx, 'detentions', 'health', d.id, d.health),
        d.counselAccess, d.familyContact, d.releasedOn, d.convictedOn, d.sentence, d.createdAt, d.createdAt, 1,
      ];
    }),
  );
  w.add(CHARGES, charges);
  w.add(STAYS, stays);

  w.add(
    DISAPPEARANCES,
    batch.disappearances.map((d) => {
      cite('disappearance', d.id, d.sourceIds);
      return [
        d.id, d.personId, d.actId, d.lastSeen.value, d.lastSeen.precision, d.lastSeenPlaceId,
        seal(ctx, 'disappearances', 'last_seen_by', d.id, d.lastSeenBy), seal(ctx, 'disappearances', 'relatives_steps', d.id, d.relativesSteps),
        d.status, seal(ctx, 'disappearances', 'clarification', d.id, d.clarification), d.clarifiedOn, d.createdAt, d.createdAt, 1,
      ];
    }),
  );
  w.add(FACT_SOURCES, links);
  return w.commit(db, audit);
}

// SQLite binds at most 32,766 values per statement; PostgreSQL takes each column as one array instead.
const SQLITE_MAX_PARAMETERS = 30_000;
// Rows per PostgreSQL statement: large arrays, few round trips, bounded message size.
const POSTGRES_ROWS_PER_STATEMENT = 20_000;

/** Collects a transaction's rows per table, then writes them in order with the batch's audit entry. */
class BatchWriter {
  private readonly tables: Array<{ spec: TableSpec; rows: unknown[][] }> = [];

  add(spec: TableSpec, rows: unknown[][]): void {
    this.tables.push({ spec, rows });
  }

  async commit(db: Db, audit: BulkAudit): Promise<BulkCounts> {
    const counts: BulkCounts = {};
    const hash = createHash('sha256');
    for (const { spec, rows } of this.tables) {
      counts[spec.name] = (counts[spec.name] ?? 0) + rows.length;
      for (const r of rows) hash.update(`${spec.name}\t${JSON.stringify(r)}\n`);
    }
    const id = randomUUID();
    const afterDigest = hash.digest('hex');
    await db.transaction().execute(async (tx) => {
      const postgres = tx.getExecutor().adapter instanceof PostgresAdapter;
      for (const { spec, rows } of this.tables) {
        if (postgres) await insertPostgres(tx, spec, rows);
        else await insertSqlite(tx, spec, rows);
      }
      await appendAudit(tx, {
        at: audit.at,
        actor: audit.actor,
        action: 'register.bulk_loaded',
        recordType: 'register',
        recordId: id,
        beforeDigest: null,
        afterDigest,
        details: { synthetic: true, rows: counts },
      });
    });
    return counts;
  }
}

/**
 * Multi-row INSERTs of as many rows as the parameter limit allows. The SQL text of a full statement is the
 * same every time, so the store's statement cache prepares it once per table.
 */
async function insertSqlite(tx: Db, spec: TableSpec, rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const width = spec.columns.length;
  const perStatement = Math.max(1, Math.floor(SQLITE_MAX_PARAMETERS / width));
  const head = `insert into "${spec.name}" (${spec.columns.map(([c]) => `"${c}"`).join(', ')}) values `;
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const text = head + Array.from({ length: chunk.length }, () => tuple).join(', ');
    await tx.executeQuery(CompiledQuery.raw(text, chunk.flat()));
  }
}

/**
 * One INSERT … SELECT FROM unnest(…) per chunk: each column travels as one array parameter, so a statement
 * of 20,000 rows has as many parameters as the table has columns, and the server parses and plans it once.
 */
async function insertPostgres(tx: Db, spec: TableSpec, rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = spec.columns.map(([c]) => `"${c}"`).join(', ');
  const arrays = spec.columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const text = `insert into "${spec.name}" (${columns}) select * from unnest(${arrays})`;
  for (let i = 0; i < rows.length; i += POSTGRES_ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + POSTGRES_ROWS_PER_STATEMENT);
    const params = spec.columns.map((_, c) => chunk.map((r) => r[c] ?? null));
    await tx.executeQuery(CompiledQuery.raw(text, params));
  }
}
