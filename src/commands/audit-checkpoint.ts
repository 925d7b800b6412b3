import type { AppContext } from '../context.ts';
import { CHECKPOINT_FORMAT, signCheckpoint, type AuditCheckpoint } from '../domain/audit-checkpoint.ts';
import { AppError } from '../errors.ts';
import { publicKeyPem } from '../security/keys.ts';
import { verifyAudit, type AuditReport } from './verify-audit.ts';

/**
 * Signs a checkpoint of the audit chain with the installation's key: the last entry verified, its hash,
 * the number of entries, the time. The chain is verified first (or `verified` is the report of a
 * verification just made) and a checkpoint is refused for a chain that does not verify
 * (AUDIT_CHAIN_BROKEN): a signature must never vouch for a chain already tampered with. The checkpoint is
 * not stored in the database — its worth is that it lives elsewhere.
 *
 * @example const checkpoint = await createCheckpoint(ctx); writeFileSync(file, formatCheckpoint(checkpoint))
 */
export async function createCheckpoint(ctx: AppContext, verified?: AuditReport): Promise<AuditCheckpoint> {
  const report = verified ?? (await verifyAudit(ctx));
  if (!report.ok) {
    throw new AppError('AUDIT_CHAIN_BROKEN', `the audit chain does not verify (${report.problems.length} problem(s)): no checkpoint is signed for it`, {
      problems: report.problems.slice(0, 50),
    });
  }
  const signing = ctx.keys.auditSigning;
  return signCheckpoint(
    {
      format: CHECKPOINT_FORMAT,
      keyId: signing.keyId,
      seq: report.lastSeq,
      hash: report.lastHash,
      entries: report.entries,
      at: ctx.clock.now().toISOString(),
      publicKey: publicKeyPem(signing.publicKey),
    },
    signing.privateKey,
  );
}
