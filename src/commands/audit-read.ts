import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { appendAudit, READ_ACTION_PREFIX } from '../db/repositories/audit-repository.ts';
import type { AuditEntry } from '../domain/audit-chain.ts';
import { AppError } from '../errors.ts';
import type { Principal } from '../policies/principal.ts';

/** What was read: the record and the restricted part of it (`source_identity`, `detention_place`, `attachment`…). */
export interface AuditedRead {
  recordType: string;
  recordId: string;
  what: string;
}

const input = z.object({
  recordType: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a record type in lower case, at most 32 characters'),
  recordId: z.string().min(1).max(64).regex(/^[^\p{Cc}]+$/u, 'no control characters'),
  // The action column holds 64 characters, "read." included.
  what: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'lower-case words joined by "_" or "."').max(64 - READ_ACTION_PREFIX.length),
});

/**
 * Records in the audit chain that a person read restricted data — who viewed a source's identity, a
 * detainee's place of detention, who downloaded an attachment — as an entry `read.<what>` on the record,
 * in a transaction of its own, so that it is in the chain whether or not anything else happens. Call it
 * after authorizing and before showing or sending the data: if the entry cannot be written, the data must
 * not be shown.
 *
 * A read changes nothing, so the entry's before and after digests are both null: the state that was read
 * is the one recorded by the last change before it in the chain. `audit verify` passes over read entries
 * when it compares records with their last audited state.
 *
 * @example await auditRead(ctx, principal, { recordType: 'submission', recordId: id, what: 'source_identity' })
 */
export async function auditRead(ctx: AppContext, principal: Principal, read: AuditedRead): Promise<AuditEntry> {
  const parsed = input.safeParse(read);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('VALIDATION_FAILED', `${issue?.path.join('.') ?? 'read'}: ${issue?.message ?? 'invalid'}`, { field: issue?.path.join('.') });
  }
  const { recordType, recordId, what } = parsed.data;
  return ctx.store.db.transaction().execute((tx) =>
    appendAudit(tx, {
      at: ctx.clock.now().toISOString(),
      actor: principal.name,
      action: `${READ_ACTION_PREFIX}${what}`,
      recordType,
      recordId,
      beforeDigest: null,
      afterDigest: null,
      details: null,
    }),
  );
}

/**
 * Records several reads of one view (a person page shows places of detention and health at once) in one
 * transaction: one entry per read, all or none. Nothing is written when `reads` is empty.
 */
export async function auditReads(ctx: AppContext, principal: Principal, reads: readonly AuditedRead[]): Promise<AuditEntry[]> {
  if (reads.length === 0) return [];
  const checked = reads.map((read) => {
    const parsed = input.safeParse(read);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('VALIDATION_FAILED', `${issue?.path.join('.') ?? 'read'}: ${issue?.message ?? 'invalid'}`, { field: issue?.path.join('.') });
    }
    return parsed.data;
  });
  const at = ctx.clock.now().toISOString();
  return ctx.store.db.transaction().execute(async (tx) => {
    const entries: AuditEntry[] = [];
    for (const { recordType, recordId, what } of checked) {
      entries.push(await appendAudit(tx, { at, actor: principal.name, action: `${READ_ACTION_PREFIX}${what}`, recordType, recordId, beforeDigest: null, afterDigest: null, details: null }));
    }
    return entries;
  });
}
