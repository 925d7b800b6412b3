import type { Insertable, Kysely } from 'kysely';
import type { CommunicationMandatesTable, Database } from '../schema.ts';
import { EMPTY_LETTER_PARTS } from '../../domain/communication.ts';
import { communicationRow } from './communications-repository.ts';
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
}

/** Options of {@link bulkLoadSentCommunications}. */
export interface BulkLoadOptions {
  /** Communications per transaction (default 10,000). */
  transactionSize?: number;
}

// Rows per INSERT statement, kept under SQLite's 32,766 bound parameters (PostgreSQL allows 65,535).
const MAX_PARAMETERS = 30_000;

/**
 * Inserts communications that are already sent, with their signing mandates (all approved), in large
 * multi-row INSERTs, a transaction per batch; afterwards the reference counters are raised to the highest
 * number loaded for each addressee code and year, so that letters sent later continue the numbering.
 *
 * For benchmarks and bulk loading only: it bypasses the commands, so it writes **no audit entries** and no
 * history, replies or follow-ups, and it trusts the caller to have derived references, deadlines and
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
    });
  }
  await raiseCounters(db, items);
  return items.length;
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

async function insertChunked<T extends 'communications' | 'communication_mandates'>(
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
