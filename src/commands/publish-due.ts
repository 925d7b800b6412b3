import type { AppContext } from '../context.ts';
import { listDueForPublication } from '../db/repositories/communications-repository.ts';
import { publicationAfter } from '../domain/publication.ts';
import { AppError, isAppError } from '../errors.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';
import { assertPublicVersionApproved } from './assert-public-version-approved.ts';
import { changeCommunication } from './change-communication.ts';

/**
 * Publishes every scheduled communication whose publication time has come and whose public version is
 * approved — never a held one, never an unapproved public version (those wait, and are logged). Idempotent:
 * a second run at the same time publishes nothing. Each communication is published in its own audited
 * transaction, so one that changed in between (CONFLICT, or no longer scheduled) is skipped, not fatal.
 * Returns the references published.
 */
export async function publishDue(ctx: AppContext, principal: Principal): Promise<string[]> {
  authorizeCommunication(principal, 'publish_due');
  const nowIso = ctx.clock.now().toISOString();
  const ids = await listDueForPublication(ctx.store.db, nowIso);
  const published: string[] = [];
  const awaiting: string[] = [];
  for (const id of ids) {
    try {
      const c = await changeCommunication(
        ctx,
        principal,
        'publish_due',
        id,
        (c, now) => {
          if (c.publishDueAt === null || c.publishDueAt > now.toISOString()) {
            throw new AppError('TRANSITION_INVALID', 'not due');
          }
          assertPublicVersionApproved(c);
          return {
            patch: { publication_status: publicationAfter(c.publicationStatus, 'publish_due'), published_at: now.toISOString() },
            history: { details: { due: c.publishDueAt } },
          };
        },
        'publish',
      );
      published.push(c.reference ?? c.id);
    } catch (err) {
      if (isAppError(err) && err.code === 'PUBLIC_VERSION_NOT_APPROVED') {
        awaiting.push(id);
        continue;
      }
      if (isAppError(err) && (err.code === 'TRANSITION_INVALID' || err.code === 'CONFLICT')) continue;
      throw err;
    }
  }
  if (awaiting.length > 0) {
    ctx.logger.warn({ communications: awaiting }, 'due for publication but the public version is not approved');
  }
  return published;
}
