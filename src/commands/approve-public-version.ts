import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { AppError } from '../errors.ts';
import { publicVersionDigest } from '../letters/public-version-of.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/**
 * Approves the public version of a communication as it stands: the text the public will read, with the
 * names of victims who did not consent replaced. The approval records the digest of that text, so any later
 * change must be approved again; publication publishes only an approved public version.
 */
export async function approvePublicVersion(ctx: AppContext, principal: Principal, idOrRef: string): Promise<Communication> {
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'approve_public', id, (c, now) => {
    if (c.draftingStatus === 'withdrawn') {
      throw new AppError('TRANSITION_INVALID', 'a withdrawn communication has no public version to approve');
    }
    const digest = publicVersionDigest(c);
    if (c.publicVersion?.digest === digest) {
      throw new AppError('TRANSITION_INVALID', 'this public version is already approved');
    }
    return {
      patch: { public_version_digest: digest, public_version_approved_by: principal.name, public_version_approved_at: now.toISOString() },
      history: { details: { digest } },
    };
  });
}
