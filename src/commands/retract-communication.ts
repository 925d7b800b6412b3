import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { publicationAfter } from '../domain/publication.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { parseInput, reason } from './input.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/** Retracts a published communication from public view; the reason stays in its public history. */
export async function retractCommunication(ctx: AppContext, principal: Principal, idOrRef: string, input: unknown): Promise<Communication> {
  const data = parseInput(z.object({ reason }), input);
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'retract', id, (c) => ({
    patch: { publication_status: publicationAfter(c.publicationStatus, 'retract') },
    history: { reason: data.reason },
  }));
}
