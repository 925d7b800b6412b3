import { sql, type Insertable, type Kysely } from 'kysely';
import type { CommunicationMandatesTable, Database, RepliesTable } from '../schema.ts';
import { EMPTY_LETTER_PARTS, type Communication, type Reply } from '../../domain/communication.ts';
import { publicRecordOf } from '../../presenters/communication-presenter.ts';
import { toTsvector } from '../../search/search-query.ts';
import { publicRow, publicSearchText } from './public-repository.ts';
import { communicationRow, replyRow } from './communications-repository.ts';
import type { FieldKey } from '../../security/field-cipher.ts';

/** A communication already sent (reference allocated, deadline and statuses derived), as the bulk loader takes it. */
export interface BulkCommunication {
  id: string;
  type: string;
  addresseeId: string;
  addresseeCode: string;
  language: string;
  subject: string;
  summary: string;
  body: string;
  questions: string[];
  reference: string;
  refNumber: number;
  refYear: number;
  /** Instant of sending (ISO 8601, UTC). */
  sentAt: string;
  /** Geneva calendar date of sending. */
  sentDate: string;
  replyDeadline: string;
  replyStatus: string;
  firstReplyOn: string | null;
  publicationStatus: string;
  publishDueAt: string;
  publishedAt: string | null;
  holdReason: string | null;
  heldUntil: string | null;
  synthetic: boolean;
  createdAt: string;
  createdBy: string;
  /** Signing mandates in order, each approved by the holder named. */
  mandates: ReadonlyArray<{ slug: string; decidedBy: string; decidedAt: string }>;
  /** Replies received (none when left out); `replyStatus` and `firstReplyOn` must agree with them. */
  replies?: readonly Reply[];
}

/** Options of {@link bulkLoadSentCommunications}. */
export interface BulkLoadOptions {
  /** Communications per transaction (default 10,000). */
  transactionSize?: number;
  /** The store's dialect, for the public database's full-text index (default SQLite). */
  dialect?: 'sqlite' | 'postgres';
}

// Rows per INSERT statement, kept under SQLite's 32,766 bound parameters (PostgreSQL allows 65,535).
const MAX_PARAMETERS = 30_000;

/**
 * Inserts communications that are already sent, with their signing mandates (all approved), in large
 * multi-row INSERTs, a transaction per batch; afterwards the reference counters are raised to the highest
 * number loaded for each addressee code and year, so that letters sent later continue the numbering.
 *
 * For benchmarks and bulk loading only: it bypasses the commands, so it writes **no audit entries** and no
 * history or follow-ups, and it trusts the caller to have derived references, deadlines and
 * statuses with the domain rules (the database still enforces unique references). Never use it for
 * letters that real users send. The restricted columns are encrypted under `key`, as the commands store them.
 *
 * @example await bulkLoadSentCommunications(ctx.store.db, ctx.keys.field, communications, { transactionSize: 5000 })
 * @returns the number of communications inserted
 */
export async function bulkLoadSentCommunications(
  db: Kysely<Database>,
  key: FieldKey,
  items: readonly BulkCommunication[],
  options: BulkLoadOptions = {},
): Promise<number> {
  const transactionSize = Math.max(1, options.transactionSize ?? 10_000);
  for (let start = 0; start < items.length; start += transactionSize) {
    const batch = items.slice(start, start + transactionSize);
    await db.transaction().execute(async (tx) => {
      await insertChunked(tx, 'communications', batch.map((c) => rowOf(key, c)));
      await insertChunked(tx, 'communication_mandates', batch.flatMap(mandateRows));
      await insertChunked(tx, 'replies', batch.flatMap(replyRows));
      await projectPublished(tx, options.dialect, batch);
    });
  }
  await raiseCounters(db, items);
  return items.length;
}

/** The communication a bulk row is, as the commands would have left it (no history, no letter parts). */
function asCommunication(c: BulkCommunication): Communication {
  return {
    ...c,
    type: c.type as Communication['type'],
    draftingStatus: 'sent',
    replyStatus: c.replyStatus as Communication['replyStatus'],
    publicationStatus: c.publicationStatus as Communication['publicationStatus'],
    updatedAt: c.sentAt,
    version: 1,
    ...EMPTY_LETTER_PARTS,
    victims: [],
    citations: [],
    publicVersion: null,
    mandates: c.mandates.map((m) => ({ slug: m.slug, decision: 'approved', decidedBy: m.decidedBy, decidedAt: m.decidedAt, note: null })),
    replies: [...(c.replies ?? [])],
    follows: [],
    followedBy: [],
    history: [],
  };
}

/** Writes the public rows and index of the published communications of a batch, as the commands would. */
async function projectPublished(tx: Kysely<Database>, dialect: BulkLoadOptions['dialect'], batch: readonly BulkCommunication[]): Promise<void> {
  const published = batch.filter((c) => c.publicationStatus === 'published');
  if (published.length === 0) return;
  const records = published.map((c) => ({ id: c.id, record: publicRecordOf(asCommunication(c))! }));
  await insertChunked(tx, 'public_communications', records.map(({ id, record }) => publicRow(record, id, record.publishedAt)));
  const seqs = await tx.selectFrom('public_communications').select(['id', 'seq']).where('id', 'in', published.map((c) => c.id)).execute();
  const seqOf = new Map(seqs.map((r) => [r.id, Number(r.seq)]));
  for (let i = 0; i < records.length; i += 500) {
    const values = records.slice(i, i + 500).map(({ id, record }) => {
      const words = publicSearchText(record);
      return dialect === 'postgres' ? sql`(${seqOf.get(id)!}, ${toTsvector(words)}::tsvector)` : sql`(${seqOf.get(id)!}, ${words})`;
    });
    if (dialect === 'postgres') await sql`insert into public_search (seq, words) values ${sql.join(values)}`.execute(tx);
    else await sql`insert into public_search (rowid, words) values ${sql.join(values)}`.execute(tx);
  }
  await sql`update public_state set generation = generation + 1 where id = 1`.execute(tx);
}

function replyRows(c: BulkCommunication): Insertable<RepliesTable>[] {
  return (c.replies ?? []).map((r) => replyRow(c.id, r));
}

function rowOf(key: FieldKey, c: BulkCommunication) {
  return communicationRow(key, {
    ...c,
    draftingStatus: 'sent',
    mandateCount: c.mandates.length,
    updatedAt: c.sentAt,
    version: 1,
    ...EMPTY_LETTER_PARTS,
    victims: [],
    citations: [],
  });
}

function mandateRows(c: BulkCommunication): Insertable<CommunicationMandatesTable>[] {
  return c.mandates.map((m, i) => ({
    communication_id: c.id,
    mandate_slug: m.slug,
    position: i + 1,
    decision: 'approved',
    decided_by: m.decidedBy,
    decided_at: m.decidedAt,
    decision_note: null,
    ref_year: c.refYear,
    sent_at: c.sentAt,
  }));
}

async function insertChunked<T extends 'communications' | 'communication_mandates' | 'replies' | 'public_communications'>(
  tx: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += perStatement) {
    await tx
      .insertInto(table)
      .values(rows.slice(i, i + perStatement) as never)
      .execute();
  }
}

/** Raises each (addressee code, year) counter to the highest number loaded, never lowering one. */
async function raiseCounters(db: Kysely<Database>, items: readonly BulkCommunication[]): Promise<void> {
  const highest = new Map<string, { addressee_code: string; year: number; last_number: number }>();
  for (const c of items) {
    const key = `${c.addresseeCode}/${c.refYear}`;
    const seen = highest.get(key);
    if (!seen || seen.last_number < c.refNumber) highest.set(key, { addressee_code: c.addresseeCode, year: c.refYear, last_number: c.refNumber });
  }
  const rows = [...highest.values()];
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insertInto('reference_counters')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) =>
          oc.columns(['addressee_code', 'year']).doUpdateSet((eb) => ({
            last_number: eb
              .case()
              .when('excluded.last_number', '>', eb.ref('reference_counters.last_number'))
              .then(eb.ref('excluded.last_number'))
              .else(eb.ref('reference_counters.last_number'))
              .end(),
          })),
        )
        .execute();
    }
  });
}
