import { randomUUID } from 'node:crypto';
import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { AppContext } from '../context.ts';
import { appendAuditAfterSeen, appendAuditAfterSeenWith, appendAuditStatements, isAuditHeadMoved } from '../db/repositories/audit-repository.ts';
import {
  changeAsWith,
  changeStatements,
  communicationAfter,
  isChangeConflict,
  loadedForChange,
  loadForChangeStatement,
  reloadLockingAuditHead,
  sealedPatch,
  type CommunicationChange,
  type CommunicationPatch,
  type MandateDecision,
} from '../db/repositories/communications-repository.ts';
import { runTogether } from '../db/repositories/precompiled.ts';
import { projectionStatements } from '../db/repositories/public-repository.ts';
import { publicRecordOf } from '../presenters/communication-presenter.ts';
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
  for (const [key, empty, emptyJson] of LATER_PARTS) {
    if (isDefault(snapshot[key], empty, emptyJson)) delete snapshot[key];
  }
  return snapshot;
}

const LATER_PARTS = Object.entries({ ...EMPTY_LETTER_PARTS, publicVersion: null }).map(([key, empty]) => [key, empty, JSON.stringify(empty)] as const);

/** Whether a value has the same JSON as a part's default, without serializing the texts of a letter to find out. */
function isDefault(value: unknown, empty: unknown, emptyJson: string): boolean {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value === empty;
  if (Array.isArray(value) && value.length === 0) return emptyJson === '[]';
  return JSON.stringify(value) === emptyJson;
}

/** What a change does inside its transaction, given the loaded communication. */
export interface ChangeSteps {
  /** The columns to update (the version is checked and bumped). */
  patch?: CommunicationPatch;
  /** A signing mandate's decision on the current text. */
  decision?: MandateDecision;
  /**
   * Further writes in the same transaction (replies, links…), run after the update. The state they leave
   * cannot be derived from the loaded one, so the communication is read again before it is audited.
   */
  also?: (tx: Kysely<Database>) => Promise<void>;
  /** The history entry: reason and details; omitted for no entry. */
  history?: { reason?: string | null; details?: Record<string, unknown> | null } | null;
}

/**
 * Runs one command on one communication: in one transaction, load it (locked), authorize, let `plan`
 * decide the change from the loaded state, write it, record the history entry and append the audit entry
 * with the digests before and after. A refusal writes nothing.
 *
 * On PostgreSQL every statement is a network round trip, so the statements go in batches (runTogether):
 * BEGIN with the load (which also reads the head of the audit chain), then every write with the audit entry
 * and the COMMIT. The audit entry digests the state the writes leave, derived from the loaded one
 * (communicationAfter: exactly what a load reads back), and follows the head as loaded; should another
 * command have appended to the chain in between, the batch fails as a whole and the command runs again,
 * this time locking the head. When the state after cannot be derived (`also`), it is read back and the
 * head locked by one statement, and the entry written with the COMMIT.
 */
export async function changeCommunication(
  ctx: AppContext,
  principal: Principal,
  action: CommunicationAction,
  id: string,
  plan: ChangePlan,
  auditAction: string = action,
  options: ChangeOptions = {},
): Promise<Communication> {
  const run = (lockHead: boolean) => inTransaction(ctx, (tx) => change(ctx, tx, { principal, action, id, plan, auditAction, lockHead, withLoad: options.withLoad }));
  if ((contendedUntil.get(ctx.store) ?? 0) > Date.now()) return run(true);
  try {
    return await run(false);
  } catch (err) {
    if (!isAuditHeadMoved(err)) throw err;
    contendedUntil.set(ctx.store, Date.now() + CONTENDED_MS);
    return run(true);
  }
}

// Once the head has moved under a command, commands of this process lock it for a while, as they queue
// behind one another anyway, rather than each run twice.
const CONTENDED_MS = 1000;
const contendedUntil = new WeakMap<object, number>();

/**
 * Decides the change from the loaded state: throws to refuse; reads through `tx`, never around it.
 * `withLoad` holds the results of the statements of {@link ChangeOptions.withLoad}, in order (empty without).
 */
export type ChangePlan = (c: Communication, now: Date, tx: Kysely<Database>, withLoad: Array<QueryResult<unknown>>) => ChangeSteps | Promise<ChangeSteps>;

/** Options of {@link changeCommunication}. */
export interface ChangeOptions {
  /**
   * Statements to run in the load's round trip, right after the load has locked the communication (so
   * that any lock they take comes after the communication's); their results go to the plan.
   */
  withLoad?: ((tx: Kysely<Database>, now: Date) => CompiledQuery[]) | undefined;
}

interface ChangeRun {
  principal: Principal;
  action: CommunicationAction;
  id: string;
  plan: ChangePlan;
  withLoad: ChangeOptions['withLoad'];
  auditAction: string;
  /** Lock the head of the audit chain before writing the entry, rather than follow the head as loaded. */
  lockHead: boolean;
}

async function change(ctx: AppContext, tx: Kysely<Database>, r: ChangeRun): Promise<Communication> {
  const { dialect } = ctx.store;
  const key = ctx.keys.field;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const [, loadResult, ...withLoad] = await runTogether(tx, [BEGIN[dialect], loadForChangeStatement(tx, dialect, r.id), ...(r.withLoad?.(tx, now) ?? [])]);
  const loaded = loadedForChange(loadResult!, key);
  if (!loaded) throw new AppError('NOT_FOUND', 'no such communication');
  const before = loaded.communication;
  authorizeCommunication(r.principal, r.action, before);
  const steps = await r.plan(before, now, tx, withLoad);
  const changed: CommunicationChange = {
    // The restricted columns are written encrypted; the state after is decrypted again (communicationAfter).
    patch: sealedPatch(key, r.id, { ...steps.patch, updated_at: at }),
    decision: steps.decision,
    history:
      steps.history === null
        ? null
        : { id: randomUUID(), at, actor: r.principal.name, action: r.auditAction, reason: steps.history?.reason ?? null, details: steps.history?.details ?? null },
  };
  const writes = changeStatements(tx, loaded, changed);
  const audit = (after: Communication) => ({
    at,
    actor: r.principal.name,
    action: `communication.${r.auditAction}`,
    recordType: COMMUNICATION_RECORD,
    recordId: r.id,
    beforeDigest: digest(auditSnapshot(before)),
    afterDigest: digest(auditSnapshot(after)),
    details: steps.history?.reason ? { reason: steps.history.reason } : null,
  });

  // Derived only when the history entry is written: its insert is what refuses to commit a change whose
  // update did not happen (see changeStatements).
  const predicted = steps.also || !changed.history ? undefined : communicationAfter(loaded, changed, writes.entry, key);
  if (predicted && !r.lockHead) {
    const input = audit(predicted);
    const projection = publicProjection(ctx, tx, before, predicted, at);
    // On PostgreSQL one statement, when the writes allow; else each write, then the entry.
    const withWrites = projection.length === 0 ? changeAsWith(loaded, changed, writes.entry) : undefined;
    const one = withWrites && appendAuditAfterSeenWith(tx, input, loaded.head, withWrites);
    await committing(tx, one ? [one.statement] : [...writes.update, ...writes.history, ...projection, ...appendAuditAfterSeen(tx, input, loaded.head).statements]);
    return predicted;
  }

  const [updated] = await runTogether(tx, steps.also ? writes.update : [...writes.update, ...writes.history]).catch(asConflict);
  if (Number(updated!.numAffectedRows) !== 1) throw conflict();
  if (steps.also) {
    await steps.also(tx);
    await runTogether(tx, writes.history);
  }
  // The state as stored, read back after every write, is what the audit entry digests (and what
  // verify-audit recomputes later); the chain's head is locked by the same round trip on PostgreSQL.
  const reloaded = await reloadLockingAuditHead(tx, dialect, key, r.id);
  if (!reloaded) throw new AppError('INTERNAL', 'communication vanished inside its own transaction');
  const { statements } = appendAuditStatements(tx, audit(reloaded.communication), reloaded.head);
  await committing(tx, [...publicProjection(ctx, tx, before, reloaded.communication, at), ...statements]);
  return reloaded.communication;
}

/**
 * The writes that keep the public database in line with a change, in the same transaction: only when the
 * communication was or is published (a draft's or a held letter's changes never touch it).
 */
function publicProjection(ctx: AppContext, tx: Kysely<Database>, before: Communication, after: Communication, at: string): CompiledQuery[] {
  if (before.publicationStatus !== 'published' && after.publicationStatus !== 'published') return [];
  return projectionStatements(tx, ctx.store.dialect, after.id, publicRecordOf(after), at);
}

const conflict = () => new AppError('CONFLICT', 'the communication was changed by someone else; reload and try again');
const asConflict = (err: unknown): never => {
  throw isChangeConflict(err) ? conflict() : err;
};

// SQLite takes the write lock at the start of the transaction, so that two writers never both read and then
// fail to upgrade (see sqlite-immediate-dialect.ts).
const BEGIN = { sqlite: CompiledQuery.raw('begin immediate'), postgres: CompiledQuery.raw('begin') } as const;
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');

/** Runs the last statements of a change together with its COMMIT; returns their results. */
async function committing(tx: Kysely<Database>, statements: CompiledQuery[]): Promise<Array<QueryResult<unknown>>> {
  const results = await runTogether(tx, [...statements, COMMIT]).catch(asConflict);
  // PostgreSQL completes the COMMIT of an aborted transaction with ROLLBACK.
  if ((results.at(-1)?.rows[0] as { command?: string } | undefined)?.command === 'ROLLBACK') throw new AppError('CONFLICT', 'the change was rolled back');
  return results.slice(0, -1);
}

/**
 * Runs `body` on a connection of its own, in the transaction that the body opens with its first statements
 * and commits with its last ones (so that on PostgreSQL BEGIN and COMMIT take no round trip of their own);
 * if the body fails, the transaction is rolled back.
 */
async function inTransaction<T>(ctx: AppContext, body: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  return ctx.store.db.connection().execute(async (tx) => {
    try {
      return await body(tx);
    } catch (err) {
      // Nothing to roll back when the failure was the BEGIN or the COMMIT itself; the original error is
      // what the caller needs either way (a connection left inside a transaction is closed by the pool).
      await tx.executeQuery(ROLLBACK).catch(() => undefined);
      throw err;
    }
  });
}
