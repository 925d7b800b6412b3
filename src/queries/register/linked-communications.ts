import type { AppContext } from '../../context.ts';
import { loadCommunication } from '../../db/repositories/communications-repository.ts';
import { communicationsOfRecords } from '../../db/repositories/register-repository.ts';
import { allowCommunication } from '../../policies/communication-policy.ts';
import type { Principal } from '../../policies/principal.ts';

/** A communication linked to records of the register, as the reader may see it. */
export interface LinkedCommunication {
  id: string;
  reference: string | null;
  subject: string;
  sentAt: string | null;
}

/**
 * The communications linked to some records of the register (by type: `person`, `act`, `event`) that the
 * reader may read under the communications policy, each once, oldest first.
 */
export async function linkedCommunications(
  ctx: AppContext,
  principal: Principal,
  records: ReadonlyArray<readonly [recordType: string, ids: readonly string[]]>,
): Promise<LinkedCommunication[]> {
  const ids = new Set<string>();
  for (const [type, recordIds] of records) for (const l of await communicationsOfRecords(ctx.store.db, type, recordIds)) ids.add(l.communication_id);
  const out: LinkedCommunication[] = [];
  for (const id of ids) {
    const c = await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, id);
    if (c && allowCommunication(principal, 'read', c)) out.push({ id: c.id, reference: c.reference, subject: c.subject, sentAt: c.sentAt });
  }
  return out.sort((a, b) => (a.sentAt ?? '').localeCompare(b.sentAt ?? ''));
}
