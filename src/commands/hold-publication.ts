import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { genevaDate, parseIsoDate } from '../domain/geneva-time.ts';
import { publicationAfter } from '../domain/publication.ts';
import { AppError } from '../errors.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { isoDate, parseInput, reason } from './input.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/** Input of {@link holdPublication}: why, and the date by which the hold is to be reviewed. */
export const holdSchema = z.object({ reason, until: isoDate.optional() });

/**
 * Holds a scheduled publication, e.g. for a risk of reprisals against the victims or the source. A held
 * communication is never published by the scheduler: `until` is the date by which staff review the hold,
 * not a date on which it lapses by itself, because an automatic publication could put someone in danger.
 */
export async function holdPublication(ctx: AppContext, principal: Principal, idOrRef: string, input: unknown): Promise<Communication> {
  const data = parseInput(holdSchema, input);
  if (data.until) parseIsoDate(data.until, 'until');
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'hold', id, (c, now) => {
    const status = publicationAfter(c.publicationStatus, 'hold');
    if (data.until && data.until < genevaDate(now)) {
      throw new AppError('DATE_INVALID', `until: ${data.until} is in the past`, { field: 'until' });
    }
    return {
      patch: { publication_status: status, hold_reason: data.reason, held_until: data.until ?? null },
      history: { reason: data.reason, details: { until: data.until ?? null } },
    };
  });
}
