import { resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.ts';

/** What an upload may be: the size of one file, how many per owner, and the caps on a ZIP container. */
export interface AttachmentLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Most attachments one owner (a submission, a reply) may carry. */
  maxFilesPerOwner: number;
  /** Most entries in a DOCX or ODT container. */
  maxArchiveEntries: number;
  /** Largest total of the entries' uncompressed sizes, in bytes. */
  maxArchiveUncompressedBytes: number;
  /** Largest ratio of uncompressed to compressed size, for one entry and for the whole container. */
  maxCompressionRatio: number;
}

/** Where attachments live and what they may be. */
export interface AttachmentSettings {
  /** The state directory: files go under `<varDir>/files/sha256/…`. */
  varDir: string;
  limits: AttachmentLimits;
}

const MiB = 1024 * 1024;

/**
 * The default limits. 20 MiB holds a scanned statement or a phone photo with room to spare; ten files per
 * submission is what a source sends with one account of events. The container caps are far above any
 * genuine text document (a DOCX of a hundred pages with photos expands to a few tens of MiB, at ratios
 * below 20) and far below what a decompression bomb needs.
 */
export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = Object.freeze({
  maxFileBytes: 20 * MiB,
  maxFilesPerOwner: 10,
  maxArchiveEntries: 1000,
  maxArchiveUncompressedBytes: 100 * MiB,
  maxCompressionRatio: 100,
});

const positive = (max: number) => z.coerce.number().int().min(1).max(max).optional();

const schema = z.object({
  RAPPORTEUR_ATTACHMENT_MAX_MB: positive(1024),
  RAPPORTEUR_ATTACHMENTS_PER_SUBMISSION: positive(1000),
});

/**
 * The attachment settings of an installation: the state directory of its configuration, and the limits,
 * which `RAPPORTEUR_ATTACHMENT_MAX_MB` (size of one file, MiB) and `RAPPORTEUR_ATTACHMENTS_PER_SUBMISSION`
 * change. The container caps are not settings: raising them only helps an attacker.
 *
 * @example attachmentSettings(loadConfig().varDir, { RAPPORTEUR_ATTACHMENT_MAX_MB: '50' }).limits.maxFileBytes // 52428800
 */
export function attachmentSettings(varDir: string, env: NodeJS.ProcessEnv = process.env): AttachmentSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]?.path[0] ?? '');
    throw new AppError('VALIDATION_FAILED', `configuration ${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { variable: name });
  }
  const e = parsed.data;
  return {
    varDir: resolve(varDir),
    limits: {
      ...DEFAULT_ATTACHMENT_LIMITS,
      ...(e.RAPPORTEUR_ATTACHMENT_MAX_MB ? { maxFileBytes: e.RAPPORTEUR_ATTACHMENT_MAX_MB * MiB } : {}),
      ...(e.RAPPORTEUR_ATTACHMENTS_PER_SUBMISSION ? { maxFilesPerOwner: e.RAPPORTEUR_ATTACHMENTS_PER_SUBMISSION } : {}),
    },
  };
}
