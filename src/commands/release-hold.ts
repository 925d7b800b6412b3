import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { publicationAfter } from '../domain/publication.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { parseInput, reason } from './input.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/**
 * Releases a hold: the communication is scheduled again and the scheduler publishes it at its due time
 * (at once if that time has passed).
 */
export async function releaseHold(ctx: AppContext, principal: Principal, idOrRef: string, input: unknown): Promise<Communication> {
  const data = parseInput(z.object({ reason }), input);
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'release', id, (c) => ({
    patch: { publication_status: publicationAfter(c.publicationStatus, 'release'), hold_reason: null, held_until: null },
    history: { reason: data.reason },
  }));
}
