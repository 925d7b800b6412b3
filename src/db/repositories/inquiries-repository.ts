import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, WhereaboutsInquiriesTable } from '../schema.ts';

/** A row of `whereabouts_inquiries` (inquirer, subject and answer still encrypted). */
export type InquiryRow = Selectable<WhereaboutsInquiriesTable>;

type Db = Kysely<Database>;

/** Adds an inquiry, inside the caller's transaction. */
export async function insertInquiry(tx: Db, row: Insertable<WhereaboutsInquiriesTable>): Promise<void> {
  await tx.insertInto('whereabouts_inquiries').values(row).execute();
}

/** An inquiry by id, or undefined. */
export function findInquiry(db: Db, id: string): Promise<InquiryRow | undefined> {
  return db.selectFrom('whereabouts_inquiries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether a reference is already taken (references are random; a clash is drawn again). */
export async function inquiryReferenceTaken(db: Db, reference: string): Promise<boolean> {
  return (await db.selectFrom('whereabouts_inquiries').select('id').where('reference', '=', reference).executeTakeFirst()) !== undefined;
}

/**
 * A page of inquiries, newest first, of one status or all: the index on (status, created_at) serves the
 * filtered list, which is the one staff open most (the open inquiries).
 *
 * @example await listInquiryRows(db, { status: 'open', limit: 50, offset: 0 })
 */
export function listInquiryRows(db: Db, filter: { status?: string; limit: number; offset: number }): Promise<InquiryRow[]> {
  let q = db.selectFrom('whereabouts_inquiries').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute();
}

/** How many inquiries there are of each status (statuses with none are absent). */
export async function countInquiriesByStatus(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('whereabouts_inquiries')
    .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * Updates an inquiry if it still has `version` (optimistic concurrency), bumping the version. False when
 * someone else changed it first.
 */
export async function updateInquiry(tx: Db, id: string, version: number, patch: Updateable<WhereaboutsInquiriesTable>): Promise<boolean> {
  const result = await tx
    .updateTable('whereabouts_inquiries')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
