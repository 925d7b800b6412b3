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
  | 'export'
  /** Record and approve the public version of a reply submitted through the government portal. */
  | 'approve_reply_public';

/** Actions of the case officers' work: intake, drafting, register, sending, publishing. */
const OFFICER_ACTIONS: ReadonlySet<CommunicationAction> = new Set([
  'read', 'list', 'create', 'edit', 'submit', 'decide', 'withdraw', 'send', 'reply', 'link',
  'hold', 'release', 'publish', 'retract', 'correct', 'approve_public', 'read_full_letter', 'publish_due', 'export',
  'approve_reply_public',
]);

/** What a mandate holder may do with a communication its mandate signs. */
const HOLDER_ACTIONS: ReadonlySet<CommunicationAction> = new Set(['read', 'list', 'decide', 'read_full_letter']);

/** What a State's focal point may do with a communication sent to its State. */
const GOVERNMENT_ACTIONS: ReadonlySet<CommunicationAction> = new Set(['read', 'list', 'reply', 'read_full_letter']);

/**
 * May this principal take this action on this communication (or on communications in general, for `list`,
 * `create`, `list_published` and `publish_due`)?
 * - the system and case officers: everything;
 * - an admin manages accounts, not cases: nothing here;
 * - a mandate holder: reads, lists and decides on the communications its mandate signs;
 * - a government focal point: reads, lists and replies to the communications sent to its own State;
 * - a source and the public: read a communication that is published, and list the published ones.
 * Listing is allowed to holders and focal points because the list is narrowed by {@link listScope}.
 */
export function allowCommunication(principal: Principal, action: CommunicationAction, c?: Communication): boolean {
  if (principal.kind === 'system') return true;
  if (principal.kind === 'staff') {
    if (principal.role === 'case_officer') return OFFICER_ACTIONS.has(action);
    if (principal.role === 'mandate_holder') {
      if (!HOLDER_ACTIONS.has(action) || principal.mandate === undefined) return false;
      if (action === 'list') return c === undefined;
      return c !== undefined && c.mandates.some((m) => m.slug === principal.mandate);
    }
    return false;
  }
  if (principal.kind === 'government') {
    if (!GOVERNMENT_ACTIONS.has(action)) return false;
    if (action === 'list') return c === undefined;
    return c !== undefined && c.draftingStatus === 'sent' && c.addresseeCode === principal.stateCode && principal.stateCode !== '';
  }
  // The public list shows published communications only (the query filters on it): open to everyone.
  if (action === 'list_published') return true;
  return action === 'read' && c !== undefined && c.publicationStatus === 'published';
}

/** How the register's list is narrowed for a principal allowed to list it. */
export type ListScope = { all: true } | { mandate: string } | { addresseeCode: string; sentOnly: true };

/** The part of the register a principal's lists show (call after authorizing `list`). */
export function listScope(principal: Principal): ListScope {
  if (principal.kind === 'staff' && principal.role === 'mandate_holder') return { mandate: principal.mandate ?? '' };
  if (principal.kind === 'government') return { addresseeCode: principal.stateCode, sentOnly: true };
  return { all: true };
}

/**
 * The mandate and name a mandate holder decides under (its own, always); null for anyone else — a case
 * officer records a holder's decision by naming both.
 */
export function holderIdentity(principal: Principal): { mandate: string; holder: string } | null {
  return principal.kind === 'staff' && principal.role === 'mandate_holder' && principal.mandate ? { mandate: principal.mandate, holder: principal.name } : null;
}

/** The decision a mandate holder may give now on a communication: its mandate's, while it is pending. */
export function pendingDecisionOf(principal: Principal, c: Communication): { mandate: string; holder: string } | null {
  const own = holderIdentity(principal);
  return own && c.mandates.some((m) => m.slug === own.mandate && m.decision === 'pending') ? own : null;
}

/**
 * May this principal record `mandate`'s decision? A case officer records the decision a holder gave; a
 * mandate holder decides only for its own mandate, under its own name.
 */
export function authorizeDecisionBy(principal: Principal, mandate: string, holder: string): void {
  if (principal.kind === 'staff' && principal.role === 'mandate_holder' && (principal.mandate !== mandate || principal.name !== holder)) {
    throw new AppError('NOT_FOUND', 'no such communication');
  }
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
