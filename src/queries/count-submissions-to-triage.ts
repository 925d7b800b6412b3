import type { AppContext } from '../context.ts';
import { countSubmissionsByStatus } from '../db/repositories/submissions-repository.ts';
import { authorizeSubmission } from '../policies/submission-policy.ts';
import type { Principal } from '../policies/principal.ts';

/**
 * How many submissions wait in the inbox to be triaged (received, not yet looked at), for the workspace's
 * home page. Counting reads no restricted field, so nothing is decrypted; anyone who may not list the
 * submissions gets NOT_FOUND.
 */
export async function countSubmissionsToTriage(ctx: AppContext, principal: Principal): Promise<number> {
  authorizeSubmission(principal, 'list');
  const counts = await countSubmissionsByStatus(ctx.store.db);
  return counts.received ?? 0;
}
