import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Store } from '../connect.ts';
import type { Database } from '../schema.ts';
import type { PublicRow } from './public-repository.ts';
import { addDays } from '../../domain/geneva-time.ts';
import type { DateWindow } from '../../domain/sessions-calendar.ts';

/**
 * What the communications reports to the Council read: the public database only (never the register), so
 * that a report can show nothing that is not published.
 */

type Dialect = Store['dialect'];

/** The stored public record of a row: what a report is built from. */
export type ReportRow = Pick<PublicRow, 'document'>;

/**
 * The public rows whose report is session `session` (sent in its sending window `sent`). The bounds on
 * `sent_at` (an instant in UTC) hold every Geneva date of the window with a day to spare on each side:
 * they only let the database use its index on `sent_at`; `session` decides.
 */
export async function rowsOfSession(db: Kysely<Database>, session: number, sent: DateWindow): Promise<ReportRow[]> {
  return db
    .selectFrom('public_communications')
    .select('document')
    .where('sent_at', '>=', addDays(sent.from, -1))
    .where('sent_at', '<', addDays(sent.to, 1))
    .where('session', '=', session)
    .execute();
}

/**
 * The public rows sent before `before` (a Geneva date) with at least one reply received within `replies`:
 * the letters of earlier reports that a report's section B answers for. The cheap columns narrow the rows
 * first (some reply, sent earlier, the first reply no later than the window's end); the replies inside the
 * stored record then decide, read with each database's JSON functions.
 */
export async function rowsWithRepliesIn(db: Kysely<Database>, dialect: Dialect, before: string, replies: DateWindow): Promise<ReportRow[]> {
  const received =
    dialect === 'sqlite'
      ? sql<SqlBool>`exists (select 1 from json_each(public_communications.document, '$.replies') as r
          where json_extract(r.value, '$.receivedOn') between ${replies.from} and ${replies.to})`
      : sql<SqlBool>`exists (select 1 from jsonb_array_elements(public_communications.document::jsonb -> 'replies') as r(value)
          where r.value ->> 'receivedOn' between ${replies.from} and ${replies.to})`;
  return db
    .selectFrom('public_communications')
    .select('document')
    .where('reply_count', '>', 0)
    .where('sent_date', '<', before)
    .where('first_reply_on', '<=', replies.to)
    .where(received)
    .execute();
}

/** How many public communications each session's report lists, by session number. */
export async function countsBySession(db: Kysely<Database>): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('public_communications')
    .select(['session', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('session')
    .execute();
  return new Map(rows.map((r) => [Number(r.session), Number(r.n)]));
}
