import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { inquiryReferenceTaken, insertInquiry, type InquiryRow } from '../../db/repositories/inquiries-repository.ts';
import { AppError } from '../../errors.ts';
import { LOCALE_CODES } from '../../i18n/locales.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput, text } from '../input.ts';
import { auditRegister, open, seal } from './register-fields.ts';
import { line } from './register-input.ts';

/** Who asks about a person: a relative, counsel, or someone else (a friend, a colleague, an NGO). */
export const INQUIRER_RELATIONS = ['relative', 'counsel', 'other'] as const;
/** An inquirer's relation to the person (see {@link INQUIRER_RELATIONS}). */
export type InquirerRelation = (typeof INQUIRER_RELATIONS)[number];

/**
 * Where an inquiry stands: `open` until staff record what the inquirer was told, then `answered` (it may be
 * answered again as more becomes known), `closed` when nothing more will be done.
 */
export const INQUIRY_STATUSES = ['open', 'answered', 'closed'] as const;
/** An inquiry status (see {@link INQUIRY_STATUSES}). */
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** Most name variants one inquiry gives for the person (the name in several scripts and spellings). */
export const MAX_SUBJECT_NAMES = 10;

/** The inquirer, as stored (encrypted, restricted class `inquirer`). */
export interface Inquirer {
  name: string;
  relation: InquirerRelation;
  email: string;
  phone: string;
  /** A postal address, for an answer by letter. */
  address: string;
  /** The language the inquirer would like to be answered in, as they wrote it. */
  language: string;
}

/** The person asked about, as the inquirer describes them (encrypted). */
export interface InquirySubject {
  /** The person's names, in any script, the first as the inquirer wrote it first. */
  names: string[];
  birthYear: number | null;
  /** When the person was last seen, as the inquirer says it ("5 January 2022", "early January"). */
  lastSeenOn: string;
  lastSeenPlace: string;
  /** Who took the person, if anyone (police, men in plain clothes…). */
  detainedBy: string;
  /** Anything else the inquirer wants staff to know. */
  details: string;
}

const birthYear = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' && /^\s*\d{1,4}\s*$/.test(v) ? Number(v) : v),
  z.number({ error: 'a year written with four digits' }).int().min(1900, 'a year after 1900').max(2100, 'a year written with four digits').nullable(),
);

/**
 * Input of {@link submitInquiry}: who asks and how to reach them (at least one way: e-mail, telephone or a
 * postal address, or staff could never answer), and who is asked about (at least one name).
 */
export const submitInquirySchema = z
  .object({
    language: z.enum(LOCALE_CODES as [string, ...string[]]).default('en'),
    inquirer: z
      .object({
        name: line(300).pipe(z.string().min(2, 'your name is required; it stays confidential')),
        relation: z.enum(INQUIRER_RELATIONS, { error: 'say how you are related to the person' }),
        email: z
          .union([z.literal(''), z.email().max(254)])
          .default('')
          .transform((e) => e.toLowerCase()),
        phone: line(100).default(''),
        address: text(2000).default(''),
        language: line(100).default(''),
      })
      .strict()
      .refine((i) => i.email !== '' || i.phone !== '' || i.address !== '', { message: 'give at least one way to reach you', path: ['contact'] }),
    subject: z
      .object({
        names: z
          .array(line(300))
          .transform((names) => names.filter((n) => n !== ''))
          .pipe(z.array(z.string()).min(1, 'the name of the person is required').max(MAX_SUBJECT_NAMES, `at most ${MAX_SUBJECT_NAMES} names`)),
        birthYear: birthYear.default(null),
        lastSeenOn: line(200).default(''),
        lastSeenPlace: text(1000).default(''),
        detainedBy: text(1000).default(''),
        details: text(20_000).default(''),
      })
      .strict(),
  })
  .strict();

/** What {@link submitInquiry} gives back: the new inquiry's id (for staff and tests) and its reference. */
export interface SubmittedInquiry {
  id: string;
  /** `WI-7K3F9Q`: printed on the receipt so that the inquirer can quote it; it opens nothing. */
  reference: string;
}

/** The actor a public inquiry is recorded under: an inquirer has no name in the audit log. */
export const INQUIRER_ACTOR = 'inquirer';

/** Letters of references: no 0/O, 1/I/L or U, so a reference read aloud or copied by hand survives. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new inquiry reference, `WI-` and six random symbols (about 29 bits): short enough to quote on the
 * telephone, and worth nothing to anyone who guesses one, since a reference opens no page.
 *
 * @example newInquiryReference() // 'WI-7K3F9Q'
 */
export function newInquiryReference(): string {
  let s = '';
  for (let i = 0; i < 6; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `WI-${s}`;
}

/**
 * Takes in a whereabouts inquiry from the public form: validates it, stores the inquirer (restricted) and
 * the description of the person asked about encrypted, bound to the row, and audits it with no personal
 * data in the entry's details. Nothing is looked up in the register here: what an inquirer may learn is
 * decided by staff, and the answer to the form is the same whether or not the register knows the person.
 * One transaction.
 *
 * @example const { reference } = await submitInquiry(ctx, PUBLIC, { language: 'ru', inquirer: { … }, subject: { names: ['Жанбулатов Нурлан'] } })
 * @throws AppError VALIDATION_FAILED (nothing is written).
 */
export async function submitInquiry(ctx: AppContext, principal: Principal, input: unknown): Promise<SubmittedInquiry> {
  const data = parseInput(submitInquirySchema, input);
  authorizeRegister(principal, 'inquire');
  const now = ctx.clock.now();
  if (data.subject.birthYear !== null && data.subject.birthYear > now.getUTCFullYear()) {
    throw new AppError('VALIDATION_FAILED', 'subject.birthYear: a year that has come', { field: 'subject.birthYear' });
  }
  const id = randomUUID();
  const at = now.toISOString();
  const inquirer: Inquirer = data.inquirer;
  const subject: InquirySubject = data.subject;
  return ctx.store.db.transaction().execute(async (tx) => {
    let reference = newInquiryReference();
    for (let tries = 0; await inquiryReferenceTaken(tx, reference); tries++) {
      if (tries >= 5) throw new AppError('INTERNAL', 'no free inquiry reference');
      reference = newInquiryReference();
    }
    const row = {
      id,
      reference,
      language: data.language,
      status: 'open',
      inquirer: seal(ctx, 'whereabouts_inquiries', 'inquirer', id, JSON.stringify(inquirer)),
      subject: seal(ctx, 'whereabouts_inquiries', 'subject', id, JSON.stringify(subject)),
      answer: seal(ctx, 'whereabouts_inquiries', 'answer', id, '[]'),
      person_id: null,
      answered_by: null,
      answered_at: null,
      created_at: at,
      version: 1,
    };
    await insertInquiry(tx, row);
    await auditRegister(tx, {
      at,
      actor: principal.kind === 'public' ? INQUIRER_ACTOR : principal.name,
      record: 'inquiry',
      action: 'submitted',
      id,
      before: null,
      after: row,
      details: { language: data.language },
    });
    return { id, reference };
  });
}

/** The inquirer of a stored inquiry, decrypted (restricted: a reader of it must be audited). */
export function openInquirer(ctx: Pick<AppContext, 'keys'>, row: Pick<InquiryRow, 'id' | 'inquirer'>): Inquirer {
  const raw = open(ctx, 'whereabouts_inquiries', 'inquirer', row.id, row.inquirer);
  const v = (raw ? JSON.parse(raw) : {}) as Partial<Inquirer>;
  return {
    name: v.name ?? '',
    relation: v.relation && (INQUIRER_RELATIONS as readonly string[]).includes(v.relation) ? v.relation : 'other',
    email: v.email ?? '',
    phone: v.phone ?? '',
    address: v.address ?? '',
    language: v.language ?? '',
  };
}

/** The person a stored inquiry asks about, decrypted. */
export function openSubject(ctx: Pick<AppContext, 'keys'>, row: Pick<InquiryRow, 'id' | 'subject'>): InquirySubject {
  const raw = open(ctx, 'whereabouts_inquiries', 'subject', row.id, row.subject);
  const v = (raw ? JSON.parse(raw) : {}) as Partial<InquirySubject>;
  return {
    names: Array.isArray(v.names) ? v.names.filter((n): n is string => typeof n === 'string') : [],
    birthYear: typeof v.birthYear === 'number' ? v.birthYear : null,
    lastSeenOn: v.lastSeenOn ?? '',
    lastSeenPlace: v.lastSeenPlace ?? '',
    detainedBy: v.detainedBy ?? '',
    details: v.details ?? '',
  };
}
