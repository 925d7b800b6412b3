import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { publicationAfter } from '../domain/publication.ts';
import { assertPublicVersionApproved } from './assert-public-version-approved.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { parseInput, reason } from './input.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/**
 * Publishes a communication now, by a person's decision with a reason: before its due date (e.g. with a
 * press release), a held one after review, or a retracted one again.
 */
export async function publishCommunication(ctx: AppContext, principal: Principal, idOrRef: string, input: unknown): Promise<Communication> {
  const data = parseInput(z.object({ reason }), input);
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'publish', id, (c, now) => ({
    patch: {
      publication_status: (assertPublicVersionApproved(c), publicationAfter(c.publicationStatus, 'publish')),
      published_at: c.publishedAt ?? now.toISOString(),
      hold_reason: null,
      held_until: null,
    },
    history: { reason: data.reason },
  }));
}
