import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { communicationExists, findActs, findEvents, findPersons, insertCommunicationLink } from '../../db/repositories/register-repository.ts';
import { AppError } from '../../errors.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput } from '../input.ts';
import { auditRegister } from './register-fields.ts';
import { recordId } from './register-input.ts';

/** Input of {@link linkCommunication}. */
export const linkCommunicationSchema = z
  .object({
    communicationId: recordId,
    recordType: z.enum(['event', 'person', 'act']),
    recordId,
  })
  .strict();

/**
 * Links a communication to an event, a person or an act of the register (the facts the letter is about).
 * Linking twice changes nothing and writes no audit entry. Audited on the record. True when the link is new.
 */
export async function linkCommunication(ctx: AppContext, principal: Principal, input: unknown): Promise<boolean> {
  const data = parseInput(linkCommunicationSchema, input);
  authorizeRegister(principal, 'edit');
  return ctx.store.db.transaction().execute(async (tx) => {
    if (!(await communicationExists(tx, data.communicationId))) throw new AppError('VALIDATION_FAILED', 'communicationId: no such communication', { field: 'communicationId' });
    const find = data.recordType === 'event' ? findEvents : data.recordType === 'person' ? findPersons : findActs;
    if ((await find(tx, [data.recordId])).length === 0) throw new AppError('VALIDATION_FAILED', `recordId: no such ${data.recordType}`, { field: 'recordId' });
    const at = ctx.clock.now().toISOString();
    const row = { communication_id: data.communicationId, record_type: data.recordType, record_id: data.recordId, created_at: at };
    const added = await insertCommunicationLink(tx, row);
    if (added) {
      await auditRegister(tx, { at, actor: principal.name, record: data.recordType, action: 'linked', id: data.recordId, before: null, after: row, details: { communicationId: data.communicationId } });
    }
    return added;
  });
}
