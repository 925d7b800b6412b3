import type { AppContext } from '../../context.ts';
import { findSubmissionIdByReceiptHash } from '../../db/repositories/submissions-repository.ts';
import { normaliseReceipt, receiptHash } from '../../domain/submission.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../../policies/principal.ts';

/**
 * Resolves a receipt code to the source principal of its submission. A malformed code is hashed and looked
 * up like a well-formed one, so an unknown code, a mistyped one and a forged one all cost the same work and
 * get the same NOT_FOUND; the code itself is never logged or stored.
 *
 * @example const source = await followSubmission(ctx, '7K3F9-Q2M4X-…') // { kind: 'source', name: 'source', submissionId }
 */
export async function followSubmission(ctx: AppContext, code: unknown): Promise<Principal> {
  const given = typeof code === 'string' ? code : '';
  const normalised = normaliseReceipt(given);
  const id = await findSubmissionIdByReceiptHash(ctx.store.db, receiptHash(normalised ?? `malformed:${given.slice(0, 100)}`));
  if (!id || normalised === null) throw new AppError('NOT_FOUND', 'no submission has this receipt code');
  return { kind: 'source', name: 'source', submissionId: id };
}
