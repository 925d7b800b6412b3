import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { findInquiry, updateInquiry, type InquiryRow } from '../../db/repositories/inquiries-repository.ts';
import { findPersons } from '../../db/repositories/register-repository.ts';
import { AppError } from '../../errors.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput, text } from '../input.ts';
import { auditRegister, open, seal } from './register-fields.ts';
import { recordId } from './register-input.ts';

/** How the inquirer was told: by e-mail, by telephone, by letter, in person, or otherwise. */
export const ANSWER_CHANNELS = ['email', 'phone', 'letter', 'in_person', 'other'] as const;
/** An answer channel (see {@link ANSWER_CHANNELS}). */
export type AnswerChannel = (typeof ANSWER_CHANNELS)[number];

/** What staff decided to tell an inquirer, how, and about which register person; kept in the order given. */
export interface InquiryAnswer {
  text: string;
  channel: AnswerChannel;
  /** The inquiry's status this answer left it in. */
  status: 'answered' | 'closed';
  /** The register person the answer concerns, if any. */
  personId: string | null;
  /** Who recorded it. */
  by: string;
  at: string;
}

/**
 * Input of {@link answerInquiry}: the version of the inquiry the answer was written against, what the
 * inquirer was told and how, the person it concerns (`null`: none; absent: unchanged), and whether the
 * inquiry stays answerable (`answered`) or is `closed`.
 */
export const answerInquirySchema = z
  .object({
    version: z.number().int().min(1),
    answer: text(20_000).pipe(z.string().min(1, 'write what the inquirer was told')),
    channel: z.enum(ANSWER_CHANNELS),
    personId: recordId.nullish(),
    status: z.enum(['answered', 'closed']),
  })
  .strict();

/**
 * Records what staff decided to tell an inquirer and how it was told — never sent by the system, never
 * shown on the public side: the record is of a decision a person made. An inquiry may be answered more
 * than once (each answer is kept, encrypted); once closed it takes no more. The inquiry must still be at
 * `version` (else CONFLICT); a `personId` must name a person of the register. Audited as
 * `inquiry.answered` or `inquiry.closed`, with the channel and person id but not the words.
 *
 * @example await answerInquiry(ctx, officer, id, { version: 1, answer: 'Held in SIZO-1, Almaty.', channel: 'phone', personId, status: 'answered' })
 * @throws AppError VALIDATION_FAILED, NOT_FOUND (also for a reader who may not answer), TRANSITION_INVALID (closed), CONFLICT.
 */
export async function answerInquiry(ctx: AppContext, principal: Principal, id: string, input: unknown): Promise<{ version: number }> {
  const data = parseInput(answerInquirySchema, input);
  authorizeRegister(principal, 'answer_inquiry');
  const key = recordId.safeParse(id);
  if (!key.success) throw new AppError('NOT_FOUND', 'no such record');
  return ctx.store.db.transaction().execute(async (tx) => {
    const row = await findInquiry(tx, key.data);
    if (!row) throw new AppError('NOT_FOUND', 'no such record');
    if (row.status === 'closed') throw new AppError('TRANSITION_INVALID', 'the inquiry is closed; it takes no more answers');
    const version = Number(row.version);
    if (version !== data.version) throw new AppError('CONFLICT', 'the inquiry was changed meanwhile; reload it');
    if (data.personId && (await findPersons(tx, [data.personId])).length === 0) {
      throw new AppError('VALIDATION_FAILED', 'personId: no such person in the register', { field: 'personId' });
    }
    const at = ctx.clock.now().toISOString();
    const personId = data.personId === undefined ? row.person_id : data.personId;
    const answer: InquiryAnswer = { text: data.answer, channel: data.channel, status: data.status, personId, by: principal.name, at };
    const patch = {
      status: data.status,
      answer: seal(ctx, 'whereabouts_inquiries', 'answer', row.id, JSON.stringify([...openAnswers(ctx, row), answer])),
      person_id: personId,
      answered_by: principal.name,
      answered_at: at,
    };
    if (!(await updateInquiry(tx, row.id, version, patch))) throw new AppError('CONFLICT', 'the inquiry was changed meanwhile; reload it');
    await auditRegister(tx, {
      at,
      actor: principal.name,
      record: 'inquiry',
      action: data.status,
      id: row.id,
      before: row,
      after: { ...row, ...patch, version: version + 1 },
      details: { status: data.status, channel: data.channel, personId },
    });
    return { version: version + 1 };
  });
}

/** The answers recorded on an inquiry, oldest first, decrypted. */
export function openAnswers(ctx: Pick<AppContext, 'keys'>, row: Pick<InquiryRow, 'id' | 'answer'>): InquiryAnswer[] {
  const raw = open(ctx, 'whereabouts_inquiries', 'answer', row.id, row.answer);
  const list = raw ? (JSON.parse(raw) as unknown) : [];
  return Array.isArray(list) ? (list as InquiryAnswer[]) : [];
}
