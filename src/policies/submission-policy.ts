import { AppError } from '../errors.ts';
import type { Principal } from './principal.ts';

/**
 * What can be done with submissions:
 * - `submit`: send a new one through the public form;
 * - what a source does with its own: `view_status` (status, consent choices, messages — never notes),
 *   `add_information`, `answer`, `withdraw_consent`;
 * - what staff do: `list`, `view` (the facts, victims, messages, notes, attachments), `view_identity` (the
 *   submitter's identity and contact details, audited), `download_attachment`, `change_status`,
 *   `message_source`, `add_note`, `create_draft`, `search`.
 */
export const SUBMISSION_ACTIONS = [
  'submit',
  'view_status',
  'add_information',
  'answer',
  'withdraw_consent',
  'list',
  'view',
  'view_identity',
  'download_attachment',
  'change_status',
  'message_source',
  'add_note',
  'create_draft',
  'search',
] as const;
/** An action on submissions (see {@link SUBMISSION_ACTIONS}). */
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

/** What a source may do with its own submission, and nothing else. */
const SOURCE_ACTIONS: ReadonlySet<SubmissionAction> = new Set(['view_status', 'add_information', 'answer', 'withdraw_consent']);

/**
 * Whether a principal may do `action` on submissions (on `submission` when it names one). Anyone may submit.
 * Case officers may do everything, to every submission. A source (a receipt code) may see the status of its
 * own submission, add information, answer staff and withdraw consent — on no other submission, and never
 * see staff notes or the list. Everyone else (mandate holders, admins, focal points, the public, the system)
 * may do nothing: sources' identities are handled by the secretariat only.
 */
export function allowSubmission(principal: Principal, action: SubmissionAction, submission?: { id: string }): boolean {
  if (action === 'submit') return true;
  if (principal.kind === 'staff' && principal.role === 'case_officer') return true;
  if (principal.kind === 'source') {
    return SOURCE_ACTIONS.has(action) && submission !== undefined && submission.id === principal.submissionId;
  }
  return false;
}

/**
 * Throws NOT_FOUND unless {@link allowSubmission} allows it: a submission that is forbidden looks exactly
 * like one that does not exist.
 */
export function authorizeSubmission(principal: Principal, action: SubmissionAction, submission?: { id: string }): void {
  if (!allowSubmission(principal, action, submission)) throw new AppError('NOT_FOUND', 'no such submission');
}
