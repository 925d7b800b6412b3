import { stringify } from 'csv-stringify';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { AppContext } from '../context.ts';
import { iterateCommunications, type CommunicationFilters } from '../db/repositories/communications-repository.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';
import { presentStaffSummary } from '../presenters/communication-presenter.ts';

/** The export formats. */
export type ExportFormat = 'json' | 'csv';

const CSV_COLUMNS = [
  'reference', 'type', 'display_type', 'addressee_code', 'addressee', 'mandates', 'sent_date', 'subject', 'summary',
  'drafting_status', 'reply_status', 'reply_deadline', 'publication_status', 'synthetic',
] as const;

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * Streams the register (staff view) as a JSON array or CSV, a batch at a time, so memory stays bounded
 * whatever the size. Synthetic records carry `synthetic: true` in both formats. Returns the row count.
 */
export async function exportCommunications(
  ctx: AppContext,
  principal: Principal,
  format: ExportFormat,
  filters: CommunicationFilters,
  out: Writable,
): Promise<number> {
  authorizeCommunication(principal, 'export');
  let n = 0;
  if (format === 'json') {
    await write(out, '[');
    for await (const batch of iterateCommunications(ctx.store.db, ctx.keys.field, filters)) {
      for (const s of batch) {
        await write(out, (n++ === 0 ? '\n' : ',\n') + JSON.stringify(presentStaffSummary(s, ctx.ref)));
      }
    }
    await write(out, n === 0 ? ']\n' : '\n]\n');
    return n;
  }
  const csv = stringify({ header: true, columns: [...CSV_COLUMNS] });
  csv.on('data', (chunk: Buffer) => out.write(chunk));
  const done = once(csv, 'end');
  for await (const batch of iterateCommunications(ctx.store.db, ctx.keys.field, filters)) {
    for (const s of batch) {
      const p = presentStaffSummary(s, ctx.ref);
      n++;
      if (
        !csv.write([
          p.reference ?? '', p.type, p.displayType, p.addressee.code, p.addressee.name, p.mandates.join(' '), p.sentDate ?? '',
          p.subject, p.summary, p.draftingStatus, p.replyStatus ?? '', p.replyDeadline ?? '', p.publicationStatus ?? '',
          p.synthetic ? 'true' : 'false',
        ])
      ) {
        await once(csv, 'drain');
      }
    }
  }
  csv.end();
  await done;
  return n;
}
