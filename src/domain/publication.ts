import { AppError } from '../errors.ts';
import { genevaDaysLater } from './geneva-time.ts';
import type { CommunicationType } from './reference.ts';

/** Where a sent communication stands with the public. */
export const PUBLICATION_STATUSES = ['scheduled', 'held', 'published', 'retracted'] as const;
/** A publication status; null before sending. */
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** The publication actions staff and the scheduler take. */
export type PublicationAction = 'hold' | 'release' | 'publish' | 'retract' | 'correct' | 'publish_due';

const ALLOWED: Record<PublicationAction, readonly PublicationStatus[]> = {
  hold: ['scheduled'],
  release: ['held'],
  // Early publication (with a press release), or publishing again after a retraction, both with a reason.
  publish: ['scheduled', 'held', 'retracted'],
  retract: ['published'],
  correct: ['published'],
  publish_due: ['scheduled'],
};

/** The status each action leads to. */
const NEXT: Record<PublicationAction, PublicationStatus | null> = {
  hold: 'held',
  release: 'scheduled',
  publish: 'published',
  retract: 'retracted',
  correct: null, // stays published; the correction is recorded in the public history
  publish_due: 'published',
};

/**
 * The publication status after an action, or TRANSITION_INVALID when the current status does not allow it
 * (a held communication is never published by the scheduler; only a person's explicit decision publishes it).
 */
export function publicationAfter(status: PublicationStatus | null, action: PublicationAction): PublicationStatus {
  if (status === null || !ALLOWED[action].includes(status)) {
    throw new AppError('TRANSITION_INVALID', `cannot ${action.replace('_', ' ')} a communication that is ${status ?? 'not sent'}`, {
      status,
      action,
    });
  }
  return NEXT[action] ?? status;
}

/** The periods after sending at which communications become public (configuration). */
export interface PublicationPeriods {
  /** Allegation letters and urgent appeals: days after sending. */
  letterDays: number;
  /** Other letters (comments on law and policy): hours after sending. */
  otherLetterHours: number;
}

/** The default periods: AL and UA after 60 days, OL after 48 hours. */
export const DEFAULT_PUBLICATION_PERIODS: PublicationPeriods = { letterDays: 60, otherLetterHours: 48 };

/**
 * The instant at which a communication sent at `sentAt` becomes due for publication: other letters after
 * so many hours; allegation letters and urgent appeals after so many calendar days in Geneva (the same
 * time of day, whatever a change of clocks in between).
 */
export function publicationDueAt(type: CommunicationType, sentAt: Date, periods: PublicationPeriods): Date {
  if (type === 'OL') return new Date(sentAt.getTime() + periods.otherLetterHours * 3_600_000);
  return genevaDaysLater(sentAt, periods.letterDays);
}
