import { AppError } from '../errors.ts';

/** Where a communication stands before and at sending. */
export const DRAFTING_STATUSES = ['draft', 'submitted', 'approved', 'sent', 'withdrawn'] as const;
/** A drafting status. */
export type DraftingStatus = (typeof DRAFTING_STATUSES)[number];

/** What one signing mandate decided on the current text of a draft. */
export const DECISIONS = ['pending', 'approved', 'changes_requested', 'declined'] as const;
/** A mandate's decision. */
export type Decision = (typeof DECISIONS)[number];

/** The drafting actions, named as the audit log and the history name them. */
export type DraftingAction = 'edit' | 'submit' | 'decide' | 'withdraw' | 'send';

const ALLOWED: Record<DraftingAction, readonly DraftingStatus[]> = {
  edit: ['draft', 'submitted', 'approved'],
  submit: ['draft'],
  decide: ['submitted'],
  withdraw: ['draft', 'submitted', 'approved'],
  send: ['approved'],
};

/**
 * Refuses an action that the drafting state does not allow, with TRANSITION_INVALID.
 *
 * @example assertDraftingAction('sent', 'edit') // throws: a sent letter is never edited, only corrected
 */
export function assertDraftingAction(status: DraftingStatus, action: DraftingAction): void {
  if (!ALLOWED[action].includes(status)) {
    throw new AppError('TRANSITION_INVALID', `cannot ${action} a communication that is ${status}`, { status, action });
  }
}

/**
 * The status after an edit: a draft stays a draft; a text out for signature, or already approved by all,
 * goes back out for signature with every decision reset, since the signatories approved another text.
 */
export function statusAfterEdit(status: DraftingStatus): DraftingStatus {
  assertDraftingAction(status, 'edit');
  return status === 'draft' ? 'draft' : 'submitted';
}

/**
 * Checks one mandate's decision: the mandate must sign this draft and must not have decided on this text
 * yet (one decision per mandate per text; an edit resets them). Returns the drafting status that follows
 * once the decision is recorded: approved when every signing mandate has approved.
 */
export function statusAfterDecision(
  status: DraftingStatus,
  decisions: ReadonlyMap<string, Decision>,
  mandate: string,
  decision: Exclude<Decision, 'pending'>,
): DraftingStatus {
  assertDraftingAction(status, 'decide');
  const current = decisions.get(mandate);
  if (current === undefined) {
    throw new AppError('MANDATE_NOT_SIGNING', `mandate ${mandate} does not sign this communication`, { mandate });
  }
  if (current !== 'pending') {
    throw new AppError('TRANSITION_INVALID', `mandate ${mandate} has already decided (${current}) on this text`, {
      mandate,
      decision: current,
    });
  }
  const after = new Map(decisions).set(mandate, decision);
  return [...after.values()].every((d) => d === 'approved') ? 'approved' : 'submitted';
}
