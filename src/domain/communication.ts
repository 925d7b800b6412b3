import type { Decision, DraftingStatus } from './drafting.ts';
import type { PublicationStatus } from './publication.ts';
import type { CommunicationType } from './reference.ts';
import type { ReplyKind, ReplyStatus } from './replies.ts';
import type { Victim } from '../letters/public-version.ts';

/** A provision chosen for a letter's annex from the citation library. */
export interface ChosenCitation {
  /** The instrument's id in the library (`iccpr`). */
  instrument: string;
  /** The provision (`art. 9`), or null for the instrument as a whole. */
  pin: string | null;
}

/** Who approved which public text, and when. */
export interface PublicVersionApproval {
  /** Digest of the public text parts approved; a later change of the text no longer matches it. */
  digest: string;
  approvedBy: string;
  approvedAt: string;
}

/** A signing mandate with its decision on the current text. */
export interface SigningMandate {
  slug: string;
  decision: Decision;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

/** A reply received from the addressee. */
export interface Reply {
  id: string;
  receivedOn: string;
  kind: ReplyKind;
  language: string;
  summary: string;
  recordedAt: string;
  recordedBy: string;
}

/** One entry of a communication's history. */
export interface HistoryEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  details: Record<string, unknown> | null;
}

/** A linked communication, named by its id and reference (null while it is a draft). */
export interface LinkedCommunication {
  id: string;
  reference: string | null;
  /** Whether it is public now: a public page links only to published communications. */
  published: boolean;
}

/**
 * A communication with everything that belongs to it: the aggregate that commands change, the audit log
 * digests, and presenters project for each audience.
 */
export interface Communication {
  id: string;
  type: CommunicationType;
  addresseeId: string;
  addresseeCode: string;
  language: string;
  subject: string;
  summary: string;
  body: string;
  questions: string[];
  draftingStatus: DraftingStatus;
  reference: string | null;
  sentAt: string | null;
  sentDate: string | null;
  replyDeadline: string | null;
  replyStatus: ReplyStatus | null;
  publicationStatus: PublicationStatus | null;
  publishDueAt: string | null;
  publishedAt: string | null;
  holdReason: string | null;
  heldUntil: string | null;
  synthetic: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  version: number;
  /** The concerns the mandate holders express. */
  concerns: string;
  /** Free text of the annex "Reference to international human rights law". */
  annexText: string;
  /** For the Government only; never public. */
  confidentialAnnex: string;
  /** Whether the letter announces a possible press release. */
  pressRelease: boolean;
  /** Victims named in the letter, with whether their names may be published. */
  victims: Victim[];
  /** Provisions chosen for the annex from the citation library. */
  citations: ChosenCitation[];
  /** The approval of the public version, if any. */
  publicVersion: PublicVersionApproval | null;
  mandates: SigningMandate[];
  replies: Reply[];
  /** Earlier communications this one follows up. */
  follows: LinkedCommunication[];
  /** Later communications that follow this one up. */
  followedBy: LinkedCommunication[];
  history: HistoryEntry[];
}

/**
 * The letter parts a communication has when none were written: the values of the columns added after the
 * first release. The audit snapshot leaves parts at these values out (records audited before the parts
 * existed keep their digests), and bulk loads fill them in.
 */
export const EMPTY_LETTER_PARTS = {
  concerns: '',
  annexText: '',
  confidentialAnnex: '',
  pressRelease: false,
  victims: [],
  citations: [],
} as const satisfies Partial<Communication>;
