import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * A communication's history entries are keyed by their communication and sequence number, the way every
 * read finds them. The random id each entry carries stays as a column, without an index of its own:
 * nothing looks an entry up by it, and keeping it unique cost every command a write to a random page of
 * that index.
 *
 * On SQLite the table is rebuilt without a rowid, clustered on (communication_id, seq): a command's entry
 * goes into its communication's own page, where before each insert wrote the table, the id's index and the
 * (communication_id, seq) index. SQLite cannot change a table's key in place, and Kysely runs SQLite
 * migrations outside a transaction, so the rebuild runs in a transaction of its own, which also makes it
 * safe to run twice (a process that stopped before recording the migration does it again next time).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table communication_events drop constraint communication_events_pkey`.execute(db);
    await sql`alter table communication_events drop constraint communication_events_seq_unique`.execute(db);
    await sql`alter table communication_events add constraint communication_events_pkey primary key (communication_id, seq)`.execute(db);
    return;
  }
  await rebuildSqlite(db, 'without rowid');
}

/** Gives the entries back their id as key, as migration 0001 made them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table communication_events drop constraint communication_events_pkey`.execute(db);
    await sql`alter table communication_events add constraint communication_events_pkey primary key (id)`.execute(db);
    await sql`alter table communication_events add constraint communication_events_seq_unique unique (communication_id, seq)`.execute(db);
    return;
  }
  await rebuildSqlite(db, 'with rowid');
}

const COLUMNS = sql.raw('id, communication_id, seq, at, actor, action, reason, details');

/**
 * The history table as each side of this migration keys it: by (communication_id, seq) without a rowid, or,
 * as migration 0001 made it, by id with (communication_id, seq) unique.
 */
function createRebuilt(kind: 'without rowid' | 'with rowid') {
  const [idColumn, key, suffix] =
    kind === 'without rowid'
      ? [sql`id varchar(36) not null`, sql`primary key (communication_id, seq)`, sql`without rowid`]
      : [sql`id varchar(36) primary key`, sql`constraint communication_events_seq_unique unique (communication_id, seq)`, sql``];
  return sql`
    create table communication_events_rebuilt (
      ${idColumn},
      communication_id varchar(36) not null references communications (id),
      seq integer not null,
      at varchar(30) not null,
      actor varchar(200) not null,
      action varchar(32) not null,
      reason text,
      details text,
      ${key}
    ) ${suffix}`;
}

/**
 * Replaces `communication_events` by the table of the wanted kind, rows copied, in one transaction; does
 * nothing when the table is already of that kind.
 */
async function rebuildSqlite(db: Kysely<unknown>, wanted: 'without rowid' | 'with rowid'): Promise<void> {
  await sql`begin immediate`.execute(db);
  try {
    const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'communication_events'`.execute(db);
    const withoutRowid = /without\s+rowid\s*$/i.test(rows[0]?.sql ?? '');
    if (withoutRowid !== (wanted === 'without rowid')) {
      await createRebuilt(wanted).execute(db);
      await sql`insert into communication_events_rebuilt (${COLUMNS}) select ${COLUMNS} from communication_events`.execute(db);
      await sql`drop table communication_events`.execute(db);
      await sql`alter table communication_events_rebuilt rename to communication_events`.execute(db);
    }
    await sql`commit`.execute(db);
  } catch (err) {
    await sql`rollback`.execute(db).catch(() => undefined);
    throw err;
  }
}
