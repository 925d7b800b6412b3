import { createHash, randomBytes } from 'node:crypto';

/**
 * A source's submission (information received) and its receipt code: pure rules, no I/O.
 *
 * Statuses, as the source sees them too:
 * - `received`: taken in, nobody has looked at it yet;
 * - `under_review`: a case officer is assessing it;
 * - `more_information_requested`: staff asked the source a question (the source answers on the status page);
 * - `communication_sent`: taken up in a communication to a Government or another addressee;
 * - `closed`: no further action (not taken up, or finished);
 * - `withdrawn`: the source asked that it not be used.
 * Case officers may move a submission to any other status (a closed one may be reopened); a source can add
 * information only while it is neither closed nor withdrawn.
 */
export const SUBMISSION_STATUSES = ['received', 'under_review', 'more_information_requested', 'communication_sent', 'closed', 'withdrawn'] as const;
/** A submission's status (see {@link SUBMISSION_STATUSES}). */
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Statuses in which the source can no longer add information or answer. */
export const FINAL_SUBMISSION_STATUSES: ReadonlySet<SubmissionStatus> = new Set(['closed', 'withdrawn']);

/** What happened: the facts a communication needs, as the source wrote them. Restricted: stored encrypted. */
export interface SubmissionFacts {
  /** A line to recognise the case by (written by the source, or the start of the circumstances). */
  summary: string;
  /** The date or period, as precisely as known ("2 January 2022", "early January 2022"). */
  incidentDate: string;
  /** Where it happened (town, region, place of detention). */
  place: string;
  /** Who is believed responsible, non-State actors included. */
  perpetrators: string;
  /** A detailed description of what happened. */
  circumstances: string;
  /** Steps taken in the country: complaints, habeas corpus, inquiries, and their outcome. */
  domesticSteps: string;
}

/** Who the submitter is. Always confidential: stored encrypted, every staff read audited. */
export interface SubmitterIdentity {
  name: string;
  organisation: string;
  /** The submitter's relation to the victims (the person concerned, family, lawyer, NGO…). */
  relationship: string;
}

/** How the submitter may be reached. Restricted: stored encrypted. */
export interface SubmitterContact {
  /** Where status changes are announced, if given (the e-mail says only the reference and the status). */
  email: string;
  phone: string;
  /** Any other safe means or precaution ("Signal only", "not before 18:00"). */
  other: string;
}

/** An alleged victim with the source's consent choice. */
export interface SubmissionVictim {
  position: number;
  name: string;
  /** Age, sex, occupation, nationality, what happened to this person — as the source gives them. */
  details: string;
  /** May the name be published? Drives the public version of a letter. */
  publishName: boolean;
  /** When the source withdrew consent to publication, if it did. */
  consentWithdrawnAt: string | null;
}

/** A submission's record, without its restricted parts. */
export interface SubmissionHeader {
  id: string;
  /** A short reference that opens nothing (e-mails and staff use it); not the receipt code. */
  reference: string;
  status: SubmissionStatus;
  language: string;
  /** The State where it happened (ISO alpha-3), when the source named one: for triage. */
  countryCode: string | null;
  communicationId: string | null;
  linkedAt: string | null;
  /** Set when the source withdrew a consent after a draft was made from the submission: staff must act. */
  consentChangedAfterDraftAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** Who wrote a message, and what kind of message it is. */
export type MessageAuthor = 'source' | 'staff';
/** `information` (the source adds), `answer` (the source answers a question), `question` and `message` (staff). */
export type MessageKind = 'information' | 'answer' | 'question' | 'message';

/** A message between the source and staff; both sides see it (staff names are not shown to the source). */
export interface SubmissionMessage {
  id: string;
  createdAt: string;
  author: MessageAuthor;
  authorName: string;
  kind: MessageKind;
  inReplyTo: string | null;
  body: string;
}

/** A staff note: never shown to the source. */
export interface SubmissionNote {
  id: string;
  createdAt: string;
  authorName: string;
  body: string;
}

/**
 * The receipt code alphabet: Crockford's base32 (no I, L, O, U), so that a code read aloud or copied by
 * hand survives: I and L are read as 1, O as 0.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters of a receipt code: 25 × 5 = 125 random bits. */
export const RECEIPT_LENGTH = 25;
const GROUP = 5;

/** `count` random base32 symbols (5 bits each). */
function randomSymbols(count: number): string {
  const bytes = randomBytes(Math.ceil((count * 5) / 8));
  let out = '';
  let acc = 0;
  let accBits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    accBits += 8;
    while (accBits >= 5 && out.length < count) {
      accBits -= 5;
      out += ALPHABET[(acc >> accBits) & 31];
    }
    acc &= (1 << accBits) - 1;
  }
  return out;
}

/**
 * A new receipt code: 125 random bits in five groups of five, to be read aloud or written down.
 *
 * @example newReceiptCode() // '7K3F9-Q2M4X-…'
 */
export function newReceiptCode(): string {
  return groupReceipt(randomSymbols(RECEIPT_LENGTH));
}

/** A code in its groups: `ABCDE-FGHJK-…`. */
export function groupReceipt(normalised: string): string {
  return normalised.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? normalised;
}

/**
 * A receipt code as typed, in its canonical form: upper case, spaces and hyphens dropped, O read as 0,
 * I and L as 1. Returns null when it cannot be a code (then the caller still does the lookup's work).
 */
export function normaliseReceipt(input: string): string | null {
  if (input.length > 100) return null;
  const s = input
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return s.length === RECEIPT_LENGTH && [...s].every((ch) => ALPHABET.includes(ch)) ? s : null;
}

/**
 * What is stored of a receipt code: the SHA-256 of its canonical form. The code has 125 random bits, so
 * the digest cannot be reversed by trying codes; the store never holds the code itself.
 */
export function receiptHash(normalised: string): string {
  return createHash('sha256').update(`receipt:${normalised}`, 'utf8').digest('hex');
}

/** A new public reference of a submission (`S-7K3F-9Q2M`): 40 random bits, opens nothing. */
export function newSubmissionReference(): string {
  const s = randomSymbols(8);
  return `S-${s.slice(0, 4)}-${s.slice(4)}`;
}
