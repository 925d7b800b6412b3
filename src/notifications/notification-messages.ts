import { CATALOGUES, formatDate, translator, type Translate } from '../i18n/translate.ts';
import { DEFAULT_LOCALE } from '../i18n/locales.ts';
import { parseReference, referenceSlug } from '../domain/reference.ts';
import { redactNames, type Victim } from '../letters/public-version.ts';

/**
 * What a notification says, in the recipient's language. E-mail is not a safe channel: messages carry a
 * reference or a draft's subject (with every victim's name withheld, whatever the consent), a date and a
 * link path — never victims' names, sources' identities or the letter's content. The reader follows the
 * link and signs in to read more.
 */
export interface NotificationMessage {
  subject: string;
  text: string;
}

/**
 * Where each audience reads more: the staff workspace, the government portal, the source's status page.
 * Paths, not URLs: the installation's address is added by whoever knows it.
 */
export const NOTIFICATION_PATHS = {
  staffCommunication: (id: string) => `/staff/communications/${encodeURIComponent(id)}`,
  governmentCommunication: (reference: string) => `/government/communications/${referenceSlug(parseReference(reference))}`,
  sourceStatus: () => '/intake/status',
} as const;

// Long enough for any real subject line; a subject is a pointer, not a summary.
const MAX_SUBJECT_CHARS = 150;

/** The statuses of a source's submission that have a message of their own; another is shown as its code. */
export const SOURCE_STATUSES = ['received', 'under_review', 'communication_sent', 'closed'] as const;

function compose(t: Translate, subject: string, lines: string[], path: string): NotificationMessage {
  const text = [...lines, '', t('notify.link', { path }), '', t('notify.footer')].join('\n');
  return { subject: oneLine(subject), text: `${text}\n` };
}

/** One line, no control characters, at most {@link MAX_SUBJECT_CHARS} characters. */
function oneLine(s: string): string {
  const flat = s.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return flat.length <= MAX_SUBJECT_CHARS ? flat : `${flat.slice(0, MAX_SUBJECT_CHARS - 1).trimEnd()}…`;
}

/**
 * A draft's subject as a notification may show it: every spelling of every victim's name withheld — in an
 * e-mail, even a name the letter may publish, since the draft is not public yet and mail is not private.
 */
export function safeDraftSubject(subject: string, victims: readonly Victim[], withheldLabel: string): string {
  const all = victims.map((v) => ({ ...v, publishName: false, publicForm: 'withheld' as const }));
  return oneLine(redactNames(subject, all, withheldLabel));
}

/**
 * To a signing mandate's holders: a draft awaits their decision.
 *
 * @example draftAwaitingDecisionMessage('en', { id, subject: 'Detention of a journalist', victims: [] }).subject
 * // 'Draft awaiting your decision: Detention of a journalist'
 */
export function draftAwaitingDecisionMessage(
  lang: string,
  draft: { id: string; subject: string; victims: readonly Victim[] },
): NotificationMessage {
  const t = translator(lang);
  const subject = safeDraftSubject(draft.subject, draft.victims, t('notify.nameWithheld'));
  return compose(
    t,
    t('notify.draftAwaitingDecision.subject', { subject }),
    [t('notify.draftAwaitingDecision.text', { subject })],
    NOTIFICATION_PATHS.staffCommunication(draft.id),
  );
}

/** To the addressee's focal points: a communication was sent to them, with its date and reply deadline. */
export function communicationSentMessage(
  lang: string,
  c: { reference: string; sentDate: string; replyDeadline: string },
): NotificationMessage {
  const t = translator(lang);
  return compose(
    t,
    t('notify.communicationSent.subject', { reference: c.reference }),
    [t('notify.communicationSent.text', { reference: c.reference, date: formatDate(lang, c.sentDate), deadline: formatDate(lang, c.replyDeadline) })],
    NOTIFICATION_PATHS.governmentCommunication(c.reference),
  );
}

/** To staff: a reply to a communication was recorded. */
export function replyReceivedMessage(lang: string, c: { id: string; reference: string }, receivedOn: string): NotificationMessage {
  const t = translator(lang);
  return compose(
    t,
    t('notify.replyReceived.subject', { reference: c.reference }),
    [t('notify.replyReceived.text', { reference: c.reference, date: formatDate(lang, receivedOn) })],
    NOTIFICATION_PATHS.staffCommunication(c.id),
  );
}

/** Who a reminder of an overdue reply goes to, which decides where its link leads. */
export type OverdueAudience = 'staff' | 'government';

/** A reminder that the reply deadline of a communication has passed with no reply. */
export function replyOverdueMessage(
  lang: string,
  c: { id: string; reference: string; replyDeadline: string },
  audience: OverdueAudience,
): NotificationMessage {
  const t = translator(lang);
  return compose(
    t,
    t('notify.replyOverdue.subject', { reference: c.reference }),
    [t('notify.replyOverdue.text', { reference: c.reference, deadline: formatDate(lang, c.replyDeadline) })],
    audience === 'government' ? NOTIFICATION_PATHS.governmentCommunication(c.reference) : NOTIFICATION_PATHS.staffCommunication(c.id),
  );
}

/**
 * To a source, at the address it gave: the status of its submission changed. Only the receipt and the
 * status: the source's mailbox may be read by others, and the message must not say what was reported.
 */
export function sourceStatusChangedMessage(lang: string, submission: { receipt: string; status: string }): NotificationMessage {
  const t = translator(lang);
  const key = `notify.sourceStatus.${submission.status}`;
  const status = Object.hasOwn(CATALOGUES[DEFAULT_LOCALE], key) ? t(key) : submission.status;
  return compose(
    t,
    t('notify.sourceStatusChanged.subject', { receipt: submission.receipt }),
    [t('notify.sourceStatusChanged.text', { receipt: submission.receipt, status })],
    NOTIFICATION_PATHS.sourceStatus(),
  );
}
