import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { insertSubmission, listSubmissionVictims } from '../../db/repositories/submissions-repository.ts';
import { newReceiptCode, newSubmissionReference, normaliseReceipt, receiptHash, type SubmissionHeader } from '../../domain/submission.ts';
import { AppError } from '../../errors.ts';
import { storeAttachment } from '../../files/attachment-store.ts';
import { prepareAttachment } from '../../files/prepare-attachment.ts';
import { LOCALE_CODES } from '../../i18n/locales.ts';
import { authorizeSubmission } from '../../policies/submission-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput, text } from '../input.ts';
import { auditSubmission, headerOf, sealSubmission, sealVictim, submissionSnapshot } from './submission-fields.ts';

/** The actor every source action is recorded under: a source has no name in the audit log. */
export const SOURCE_ACTOR = 'source';

/** Most victims one submission names (more can be described in the circumstances or added later). */
export const MAX_VICTIMS = 50;

const required = (max: number, message: string) => text(max).pipe(z.string().min(1, message));

/** An alleged victim as the source gives it, with the consent choice (no by default). */
export const intakeVictimSchema = z.object({
  name: text(300).pipe(z.string().min(2, 'a victim needs a name')),
  details: text(5000).default(''),
  publishName: z.boolean().default(false),
});

/**
 * Input of {@link submitIntake}: the minimum a communication needs — victims, alleged perpetrators, date,
 * place and circumstances, steps taken at home, and the submitter (anonymous submissions are not
 * considered, so a name is required; it stays confidential).
 */
export const submitIntakeSchema = z.object({
  language: z.enum(LOCALE_CODES as [string, ...string[]]).default('en'),
  submitter: z.object({
    name: text(300).pipe(z.string().min(2, 'your name is required; it stays confidential')),
    organisation: text(300).default(''),
    relationship: text(300).default(''),
    email: z.union([z.literal(''), z.email().max(254)]).default('').transform((e) => e.toLowerCase()),
    phone: text(100).default(''),
    other: text(2000).default(''),
  }),
  victims: z.array(intakeVictimSchema).min(1, 'name at least one victim').max(MAX_VICTIMS),
  incidentDate: required(200, 'the date (or period) is required'),
  place: required(1000, 'the place is required'),
  country: z.string().trim().toUpperCase().length(3).optional(),
  perpetrators: required(5000, 'say who is believed responsible'),
  circumstances: required(50_000, 'describe what happened'),
  domesticSteps: text(20_000).default(''),
  summary: text(300).default(''),
});

/** A file sent with a submission or with added information: its bytes and the sender's name for it. */
export interface IntakeFile {
  name: string;
  bytes: Buffer;
}

/** What a submission gives back: its record (unrestricted part) and the receipt code, shown once. */
export interface IntakeReceipt {
  submission: SubmissionHeader;
  /** The code in groups (`XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`); never stored, never shown again. */
  receipt: string;
}

/**
 * Takes in a source's submission from the public form: validates it, checks every file before writing any
 * (a refused file leaves nothing behind), stores the restricted parts encrypted, the attachments by their
 * hash (original and cleaned copy), and the receipt code only as its digest; audits it as the source. One
 * transaction.
 *
 * @example const { receipt } = await submitIntake(ctx, PUBLIC, { submitter: { name: '…' }, victims: [{ name: '…' }], … }, files)
 * @throws AppError VALIDATION_FAILED, ADDRESSEE_UNKNOWN (country), ATTACHMENT_TOO_LARGE, ATTACHMENT_TOO_MANY, ATTACHMENT_TYPE_REFUSED, ATTACHMENT_ARCHIVE_REFUSED, FILE_INVALID.
 */
export async function submitIntake(ctx: AppContext, principal: Principal, input: unknown, files: readonly IntakeFile[] = []): Promise<IntakeReceipt> {
  authorizeSubmission(principal, 'submit');
  const data = parseInput(submitIntakeSchema, input);
  if (data.country !== undefined && !ctx.ref.isStateCode(data.country)) {
    throw new AppError('ADDRESSEE_UNKNOWN', `"${data.country}" is not a State's code`, { country: data.country });
  }
  await checkFiles(ctx, files);
  const id = randomUUID();
  const receipt = newReceiptCode();
  const at = ctx.clock.now().toISOString();
  const summary = data.summary || firstLine(data.circumstances);
  const row = {
    id,
    reference: newSubmissionReference(),
    receipt_hash: receiptHash(normaliseReceipt(receipt) as string),
    status: 'received',
    language: data.language,
    country_code: data.country ?? null,
    ...sealSubmission(ctx, id, {
      identity: { name: data.submitter.name, organisation: data.submitter.organisation, relationship: data.submitter.relationship },
      contact: { email: data.submitter.email, phone: data.submitter.phone, other: data.submitter.other },
      facts: {
        summary,
        incidentDate: data.incidentDate,
        place: data.place,
        perpetrators: data.perpetrators,
        circumstances: data.circumstances,
        domesticSteps: data.domesticSteps,
      },
    }),
    communication_id: null,
    linked_at: null,
    consent_changed_after_draft_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const victims = data.victims.map((v, i) => sealVictim(ctx, id, { position: i + 1, name: v.name, details: v.details, publishName: v.publishName }));
  await ctx.store.db.transaction().execute(async (tx) => {
    await insertSubmission(tx, row, victims);
    const stored = new Set<string>();
    for (const f of files) stored.add((await storeAttachment(ctx, tx, { bytes: f.bytes, declaredName: f.name, owner: { type: 'submission', id }, actor: SOURCE_ACTOR })).id);
    await auditSubmission(tx, {
      at,
      actor: SOURCE_ACTOR,
      action: 'received',
      id,
      before: null,
      after: submissionSnapshot(row, await listSubmissionVictims(tx, id)),
      details: { victims: victims.length, attachments: [...stored], language: data.language },
    });
  });
  return { submission: headerOf(row), receipt };
}

/**
 * Checks every file as the store will (size, type from the bytes, containers) and their number, before
 * anything is written: with several files, a refused one must not leave the others behind.
 */
export async function checkFiles(ctx: Pick<AppContext, 'files'>, files: readonly IntakeFile[], already = 0): Promise<void> {
  if (already + files.length > ctx.files.limits.maxFilesPerOwner) {
    throw new AppError('ATTACHMENT_TOO_MANY', `at most ${ctx.files.limits.maxFilesPerOwner} files`, { limit: ctx.files.limits.maxFilesPerOwner });
  }
  for (const f of files) await prepareAttachment(f.bytes, f.name, ctx.files.limits);
}

/** The first line of a text, cut at a word near 120 characters: what the inbox shows when no summary was given. */
function firstLine(s: string): string {
  const line = s.split(/\r?\n/)[0]?.trim() ?? '';
  if (line.length <= 120) return line;
  const cut = line.slice(0, 120);
  const space = cut.lastIndexOf(' ');
  return `${space > 60 ? cut.slice(0, space) : cut}…`;
}
