import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import { appendAudit } from '../db/repositories/audit-repository.ts';
import {
  insertHistory,
  loadCommunication,
  reloadLockingAuditHead,
  updateCommunication,
  type CommunicationPatch,
} from '../db/repositories/communications-repository.ts';
import type { Database } from '../db/schema.ts';
import { digest } from '../domain/audit-chain.ts';
import { EMPTY_LETTER_PARTS, type Communication } from '../domain/communication.ts';
import { AppError } from '../errors.ts';
import { authorizeCommunication, type CommunicationAction } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';

/** The record type under which communications appear in the audit log. */
export const COMMUNICATION_RECORD = 'communication';

/**
 * What the audit log digests of a communication: the whole aggregate except the links other communications
 * make to it (they belong to, and are audited with, those other communications).
 */
export function auditSnapshot(c: Communication): unknown {
  const { followedBy: _followedBy, follows, ...rest } = c;
  const snapshot: Record<string, unknown> = { ...rest, follows: follows.map((f) => f.id) };
  // Parts added after the first release are left out while they hold their default, so that records audited
  // before they existed keep the digests they were audited with.
  for (const [key, empty] of Object.entries({ ...EMPTY_LETTER_PARTS, publicVersion: null })) {
    if (JSON.stringify(snapshot[key]) === JSON.stringify(empty)) delete snapshot[key];
  }
  return snapshot;
}

/** What a change does inside its transaction, given the loaded communication. */
export interface ChangeSteps {
  /** The columns to update (the version is checked and bumped). */
  patch?: CommunicationPatch;
  /** Further writes in the same transaction (decisions, replies, links…). */
  also?: (tx: Kysely<Database>) => Promise<void>;
  /** The history entry: reason and details; omitted for no entry. */
  history?: { reason?: string | null; details?: Record<string, unknown> | null } | null;
}

/**
 * Runs one command on one communication: in one transaction, load it (locked), authorize, let `plan`
 * decide the change from the loaded state (it throws to refuse; it reads through `tx`, never around it), write it, record the history entry and
 * append the audit entry with the digests before and after. A refusal writes nothing.
 */
export async function changeCommunication(
  ctx: AppContext,
  principal: Principal,
  action: CommunicationAction,
  id: string,
  plan: (c: Communication, now: Date, tx: Kysely<Database>) => ChangeSteps | Promise<ChangeSteps>,
  auditAction: string = action,
): Promise<Communication> {
  return ctx.store.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const at = now.toISOString();
    const before = await loadCommunication(tx, ctx.store.dialect, id, true);
    if (!before) throw new AppError('NOT_FOUND', 'no such communication');
    authorizeCommunication(principal, action, before);
    const steps = await plan(before, now, tx);
    const updated = await updateCommunication(tx, id, before.version, { ...steps.patch, updated_at: at });
    if (!updated) throw new AppError('CONFLICT', 'the communication was changed by someone else; reload and try again');
    if (steps.also) await steps.also(tx);
    if (steps.history !== null) {
      await insertHistory(tx, id, {
        id: randomUUID(),
        at,
        actor: principal.name,
        action: auditAction,
        reason: steps.history?.reason ?? null,
        details: steps.history?.details ?? null,
      });
    }
    // The state as stored, read back after every write, is what the audit entry digests (and what
    // verify-audit recomputes later); the chain's head is locked by the same round trip on PostgreSQL.
    const reloaded = await reloadLockingAuditHead(tx, ctx.store.dialect, id);
    if (!reloaded) throw new AppError('INTERNAL', 'communication vanished inside its own transaction');
    const { communication: after, head } = reloaded;
    await appendAudit(tx, {
      at,
      actor: principal.name,
      action: `communication.${auditAction}`,
      recordType: COMMUNICATION_RECORD,
      recordId: id,
      beforeDigest: digest(auditSnapshot(before)),
      afterDigest: digest(auditSnapshot(after)),
      details: steps.history?.reason ? { reason: steps.history.reason } : null,
    }, head);
    return after;
  });
}
