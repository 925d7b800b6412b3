import type { AppContext } from '../context.ts';
import { publicRowsInSeqOrder } from '../db/repositories/public-dump-repository.ts';
import { recordOfRow } from '../db/repositories/public-repository.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';
import { presentPublicRecord } from '../presenters/communication-presenter.ts';

/**
 * The whole public database as JSON Lines: every public record (letter, replies, public history), names
 * in English, one JSON object per line in the order the records entered the public database. Nothing else
 * is written — no header line — so that every line is a record.
 *
 * @example reply.send(textStream(publicDumpLines(ctx, PUBLIC)))
 */
export function publicDumpLines(ctx: AppContext, principal: Principal): AsyncGenerator<string> {
  // Authorized now, before any header is sent, not when the stream is first read.
  authorizeCommunication(principal, 'list_published');
  return dumpLines(ctx);
}

async function* dumpLines(ctx: AppContext): AsyncGenerator<string> {
  for await (const rows of publicRowsInSeqOrder(ctx.store.db)) {
    yield rows.map((row) => `${JSON.stringify(presentPublicRecord(recordOfRow(row), ctx.ref, 'en'))}\n`).join('');
  }
}
