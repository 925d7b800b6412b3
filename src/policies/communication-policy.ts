import type { Communication } from '../domain/communication.ts';
import { AppError } from '../errors.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import type { Principal } from './principal.ts';

/** Everything one may do to or with a communication. */
export type CommunicationAction =
  | 'read'
  | 'list'
  | 'list_published'
  | 'create'
  | 'edit'
  | 'submit'
  | 'decide'
  | 'withdraw'
  | 'send'
  | 'reply'
  | 'link'
  | 'hold'
  | 'release'
  | 'publish'
  | 'retract'
  | 'correct'
  | 'approve_public'
  /** Read the full letter as sent to the Government, names and confidential annex included. */
  | 'read_full_letter'
  | 'publish_due'
  | 'export';

/** Actions that only the scheduler, maintenance or staff take. */
const STAFF_ACTIONS: ReadonlySet<CommunicationAction> = new Set([
  'list', 'create', 'edit', 'submit', 'decide', 'withdraw', 'send', 'reply', 'link',
  'hold', 'release', 'publish', 'retract', 'correct', 'approve_public', 'read_full_letter', 'publish_due', 'export',
]);

/**
 * May this principal take this action on this communication (or on communications in general)?
 * First rules, until accounts and roles exist: staff and the system may do everything; the public may only
 * read a communication that is published, and list the published ones.
 */
export function allowCommunication(principal: Principal, action: CommunicationAction, c?: Communication): boolean {
  if (principal.kind === 'system' || principal.kind === 'staff') return true;
  // The public list shows published communications only (the query filters on it): open to everyone.
  if (action === 'list_published') return true;
  if (STAFF_ACTIONS.has(action)) return false;
  return action === 'read' && c !== undefined && c.publicationStatus === 'published';
}

/**
 * Refuses what {@link allowCommunication} does not allow. A refused read or write of a record answers
 * NOT_FOUND, the same answer as a missing record, so that a refusal reveals nothing about what exists.
 */
export function authorizeCommunication(principal: Principal, action: CommunicationAction, c?: Communication): void {
  if (!allowCommunication(principal, action, c)) {
    throw new AppError('NOT_FOUND', 'no such communication');
  }
}

/**
 * May `holder` decide for `mandate` on `isoDate`? Only a holder of that mandate in office on that date
 * decides for it; anything else is HOLDER_NOT_IN_OFFICE.
 */
export function authorizeMandateDecision(ref: ReferenceData, mandate: string, holder: string, isoDate: string): void {
  if (!ref.isHolderOnDate(mandate, holder, isoDate)) {
    throw new AppError('HOLDER_NOT_IN_OFFICE', `${holder} is not a holder of mandate ${mandate} in office on ${isoDate}`, {
      mandate,
      holder,
      date: isoDate,
    });
  }
}
