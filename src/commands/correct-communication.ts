import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { publicationAfter } from '../domain/publication.ts';
import { publicVersionDigest } from '../letters/public-version-of.ts';
import { AppError } from '../errors.ts';
import type { Principal } from '../policies/principal.ts';
import { changeCommunication } from './change-communication.ts';
import { parseInput, reason, text } from './input.ts';
import { resolveCommunicationId } from './resolve-communication.ts';

/** Input of {@link correctCommunication}: the reason and the corrected parts of the public record. */
export const correctSchema = z.object({
  reason,
  subject: text(500).pipe(z.string().min(1)).optional(),
  summary: text(5000).optional(),
  body: text(200_000).optional(),
  questions: z.array(text(10_000).pipe(z.string().min(1))).max(50).optional(),
});

/**
 * Corrects a published communication. The record stays published; the correction, its reason and the
 * fields it changed (with their former values) are kept in the history that the public record shows. The
 * person correcting approves the corrected public text (names are still withheld as the victims chose).
 */
export async function correctCommunication(ctx: AppContext, principal: Principal, idOrRef: string, input: unknown): Promise<Communication> {
  const data = parseInput(correctSchema, input);
  const { reason: why, ...changes } = data;
  if (Object.keys(changes).length === 0) {
    throw new AppError('VALIDATION_FAILED', 'a correction changes at least one of subject, summary, body, questions', { field: 'input' });
  }
  const id = await resolveCommunicationId(ctx, idOrRef);
  return changeCommunication(ctx, principal, 'correct', id, (c, now) => {
    publicationAfter(c.publicationStatus, 'correct');
    const previous = Object.fromEntries(Object.keys(changes).map((k) => [k, c[k as keyof typeof changes]]));
    const corrected = {
      ...c,
      ...changes,
    };
    return {
      patch: {
        // Correcting the published record is approving its new public text.
        public_version_digest: publicVersionDigest(corrected),
        public_version_approved_by: principal.name,
        public_version_approved_at: now.toISOString(),
        ...(changes.subject !== undefined && { subject: changes.subject }),
        ...(changes.summary !== undefined && { summary: changes.summary }),
        ...(changes.body !== undefined && { body: changes.body }),
        ...(changes.questions !== undefined && { questions: JSON.stringify(changes.questions) }),
      },
      history: { reason: why, details: { fields: Object.keys(changes), previous } },
    };
  });
}
