import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { appendAudit } from '../db/repositories/audit-repository.ts';
import { insertCommunication, insertFollowUp, insertHistory, loadCommunication } from '../db/repositories/communications-repository.ts';
import { digest } from '../domain/audit-chain.ts';
import type { Communication } from '../domain/communication.ts';
import { COMMUNICATION_TYPES } from '../domain/reference.ts';
import { AppError } from '../errors.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';
import { auditSnapshot, COMMUNICATION_RECORD } from './change-communication.ts';
import { parseInput, text, LETTER_LANGUAGES } from './input.ts';
import { checkFollowUp } from './link-follow-up.ts';
import { resolveCommunicationId } from './resolve-communication.ts';
import { checkCitations, checkMandates, resolveAddressee } from './reference-checks.ts';

/** A victim named in the letter and whether the name may be published (the source's consent or a staff decision). */
export const victimSchema = z.object({
  name: text(300).pipe(z.string().min(2, 'a victim needs a name')),
  variants: z.array(text(300).pipe(z.string().min(2))).max(20).default([]),
  publishName: z.boolean(),
  publicForm: z.enum(['initials', 'withheld']).default('initials'),
});

/** A provision chosen for the annex: an instrument of the citation library and a pinpoint. */
export const citationSchema = z.object({
  instrument: z.string().trim().min(1).max(100),
  pin: z.string().trim().min(1).max(60).nullable().default(null),
});

/** The parts of a draft that staff write. */
export const draftContentSchema = z.object({
  type: z.enum(COMMUNICATION_TYPES),
  addressee: z.string().trim().min(1).max(64),
  mandates: z.array(z.string().trim().min(1).max(64)).min(1, 'at least one signing mandate').max(60),
  language: z.enum(LETTER_LANGUAGES).default('en'),
  subject: text(500).pipe(z.string().min(1, 'a subject is required')),
  summary: text(5000).default(''),
  body: text(200_000).default(''),
  questions: z.array(text(10_000).pipe(z.string().min(1, 'a question cannot be empty'))).max(50).default([]),
  concerns: text(200_000).default(''),
  annexText: text(200_000).default(''),
  confidentialAnnex: text(200_000).default(''),
  pressRelease: z.boolean().default(false),
  victims: z.array(victimSchema).max(500).default([]),
  citations: z.array(citationSchema).max(500).default([]),
});

/** Input of {@link createDraft}. */
export const createDraftSchema = draftContentSchema.extend({
  synthetic: z.boolean().default(false),
  follows: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
});

/**
 * Creates a draft communication: no reference yet (one is allocated at sending), every signing mandate's
 * decision pending.
 *
 * @example await createDraft(ctx, staff('Case Officer'), { type: 'AL', addressee: 'KAZ', mandates: ['wgad'], subject: '…' })
 */
export async function createDraft(ctx: AppContext, principal: Principal, input: unknown): Promise<Communication> {
  const data = parseInput(createDraftSchema, input);
  authorizeCommunication(principal, 'create');
  const addressee = resolveAddressee(ctx, data.addressee);
  checkMandates(ctx, data.mandates);
  const citations = checkCitations(ctx, data.citations);
  const followIds = await Promise.all(data.follows.map((f) => resolveCommunicationId(ctx, f)));
  const id = randomUUID();
  return ctx.store.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now().toISOString();
    await insertCommunication(tx, ctx.keys.field, {
      id,
      type: data.type,
      addresseeId: addressee.id,
      addresseeCode: addressee.code,
      language: data.language,
      subject: data.subject,
      summary: data.summary,
      body: data.body,
      questions: data.questions,
      draftingStatus: 'draft',
      reference: null,
      sentAt: null,
      sentDate: null,
      replyDeadline: null,
      replyStatus: null,
      publicationStatus: null,
      publishDueAt: null,
      publishedAt: null,
      holdReason: null,
      heldUntil: null,
      synthetic: data.synthetic,
      createdAt: at,
      createdBy: principal.name,
      updatedAt: at,
      version: 1,
      concerns: data.concerns,
      annexText: data.annexText,
      confidentialAnnex: data.confidentialAnnex,
      pressRelease: data.pressRelease,
      victims: data.victims,
      citations,
      publicVersion: null,
      mandates: data.mandates.map((slug) => ({ slug, decision: 'pending', decidedBy: null, decidedAt: null, note: null })),
    });
    for (const followsId of new Set(followIds)) {
      const earlier = await loadCommunication(tx, ctx.store.dialect, ctx.keys.field, followsId);
      if (!earlier) throw new AppError('NOT_FOUND', 'no such communication to follow up');
      checkFollowUp(id, earlier);
      await insertFollowUp(tx, id, followsId, at, principal.name);
    }
    await insertHistory(tx, id, { id: randomUUID(), at, actor: principal.name, action: 'create', reason: null, details: null });
    const created = await loadCommunication(tx, ctx.store.dialect, ctx.keys.field, id);
    if (!created) throw new AppError('INTERNAL', 'draft vanished inside its own transaction');
    await appendAudit(tx, {
      at,
      actor: principal.name,
      action: 'communication.create',
      recordType: COMMUNICATION_RECORD,
      recordId: id,
      beforeDigest: null,
      afterDigest: digest(auditSnapshot(created)),
    });
    return created;
  });
}
