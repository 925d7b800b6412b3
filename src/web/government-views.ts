import { REFERENCE_ZONE } from '../domain/geneva-time.ts';
import { REPLY_KINDS } from '../domain/replies.ts';
import type { AttachmentLimits } from '../files/attachment-limits.ts';
import { intlTag, LOCALES, type Locale } from '../i18n/locales.ts';
import { formatDate, languageName, translator, type Translate } from '../i18n/translate.ts';
import type { DiffPart } from '../letters/public-version-diff.ts';
import type { Block, LetterDocument, Run } from '../letters/letter-document.ts';
import type { ReplyReceipt } from '../commands/submit-government-reply.ts';
import type { GovernmentCommunication, GovernmentSummary } from '../presenters/government-presenter.ts';
import type { PortalReply } from '../queries/get-portal-replies.ts';
import { siteHref, type PageLanguage } from './view-models.ts';

/**
 * View models of the government portal and of the staff's review of a portal reply: they format what the
 * presenters and queries let out (labels, dates, links in the page's language) and decide nothing about
 * exposure.
 */

/** The portal's address of a communication, by its URL form. */
export function governmentPath(slug: string): string {
  return `/government/communications/${encodeURIComponent(slug)}`;
}

const dateOf = (lang: Locale, iso: string | null) => (iso ? { iso, text: formatDate(lang, iso) } : null);

/** An instant in Geneva time in the page's language, with its ISO form for `<time>`. */
export function instantOf(lang: Locale, iso: string): { iso: string; text: string } {
  const text = new Intl.DateTimeFormat(intlTag(lang), { dateStyle: 'long', timeStyle: 'long', timeZone: REFERENCE_ZONE }).format(new Date(iso));
  return { iso, text };
}

/** A size in bytes as people read it. */
function sizeOf(lang: Locale, bytes: number): string {
  const units = [['byte', 1], ['kilobyte', 1024], ['megabyte', 1024 * 1024]] as const;
  const [unit, factor] = [...units].reverse().find(([, f]) => bytes >= f) ?? units[0];
  return new Intl.NumberFormat(intlTag(lang), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(bytes / factor);
}

const statusLabel = (t: Translate, status: string) => t(`replyStatus.${status}`);

/** The portal's list: one page of the communications sent to the State. */
export function governmentListView(
  language: PageLanguage,
  state: string,
  result: { total: number; page: number; limit: number; rows: GovernmentSummary[] },
) {
  const { lang } = language;
  const t = translator(lang);
  const pages = Math.max(1, Math.ceil(result.total / result.limit));
  return {
    heading: t('gov.list.title'),
    intro: t('gov.list.intro', { state }),
    total: t('gov.list.total', { count: result.total }),
    empty: result.rows.length === 0 ? t(result.total > 0 ? 'home.emptyPage' : 'gov.list.empty') : null,
    rows: result.rows.map((r) => ({
      reference: r.reference,
      href: siteHref(language, governmentPath(r.slug ?? '')),
      displayType: r.displayType,
      typeLabel: t(`type.${r.displayType}`),
      date: dateOf(lang, r.sentDate),
      subject: r.subject,
      mandates: r.mandates.map((m) => m.title),
      deadline: dateOf(lang, r.replyDeadline),
      replyStatus: r.replyStatus,
      reply: statusLabel(t, r.replyStatus),
      overdue: r.replyOverdue,
      synthetic: r.synthetic,
    })),
    pagination:
      pages > 1 || result.page > 1
        ? {
            status: t('pagination.status', { page: result.page, pages }),
            previous: result.page > 1 ? siteHref(language, '/government', { page: Math.min(result.page - 1, pages) }) : null,
            next: result.page < pages ? siteHref(language, '/government', { page: result.page + 1 }) : null,
          }
        : null,
  };
}

/** A run of the letter: its text, emphasis and footnote marker. */
function runView(r: Run) {
  return { text: r.text, bold: r.bold === true, italic: r.italic === true, footnote: r.footnote ?? null };
}

function blockView(b: Block) {
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
      return { kind: b.kind, runs: b.runs.map(runView), items: [], start: 1 };
    case 'numbered':
      return { kind: b.kind, runs: [], items: b.items.map((i) => i.map(runView)), start: Number.isInteger(b.start) ? b.start : 1 };
    case 'bullets':
      return { kind: b.kind, runs: [], items: b.items.map((i) => i.map(runView)), start: 1 };
  }
}

/** The letter as a page shows it: the same layout model the HTML and PDF renderers draw, as plain data. */
export function letterView(doc: LetterDocument) {
  return {
    lang: doc.language,
    header: doc.header,
    referenceLine: doc.referenceLine,
    referenceNote: doc.referenceNote,
    dateLine: doc.dateLine,
    salutation: doc.salutation,
    body: doc.body.map(blockView),
    signatures: doc.signatures,
    annex: doc.annex ? { title: doc.annex.title, subtitle: doc.annex.subtitle, body: doc.annex.body.map(blockView) } : null,
    footnotes: doc.footnotes.map((f) => ({ number: f.number, runs: f.runs.map(runView) })),
  };
}

/** The reply form's choices and what was typed, kept when a reply is refused. */
export interface ReplyFormState {
  text: string;
  kind: string;
  language: string;
  error: string | null;
}

/** The portal's page of one communication: facts, the letter, the replies, the reply form. */
export function governmentCommunicationView(
  language: PageLanguage,
  c: GovernmentCommunication,
  letter: LetterDocument,
  form: ReplyFormState & { csrf: string; limits: AttachmentLimits },
) {
  const { lang } = language;
  const t = translator(lang);
  const path = siteHref(language, governmentPath(c.slug ?? ''));
  return {
    reference: c.reference,
    displayType: c.displayType,
    typeLabel: t(`type.${c.displayType}`),
    subject: c.subject,
    synthetic: c.synthetic,
    date: dateOf(lang, c.sentDate),
    deadline: dateOf(lang, c.replyDeadline),
    overdue: c.replyOverdue,
    replyStatus: c.replyStatus,
    reply: statusLabel(t, c.replyStatus),
    mandatesLabel: t('communication.mandates', { count: c.mandates.length }),
    mandates: c.mandates.map((m) => m.title),
    backHref: siteHref(language, '/government'),
    pdfHref: `${path}/letter.pdf`,
    letter: letterView(letter),
    replies: c.replies.map((r) => ({
      received: dateOf(lang, r.receivedOn),
      receivedText: t('communication.replyReceived', { date: formatDate(lang, r.receivedOn) }),
      kind: t(`replyKind.${r.kind}`),
      language: t('communication.replyLanguage', { language: languageName(intlTag(lang), r.language) }),
      portal: r.portal
        ? {
            receipt: r.portal.receipt,
            text: r.portal.text,
            submitted: t('gov.reply.submittedBy', { name: r.portal.submittedBy, date: instantOf(lang, r.portal.submittedAt).text }),
            documents: r.portal.documents.map((d) => ({ name: d.displayName, size: sizeOf(lang, d.size), sha256: d.sha256 })),
          }
        : null,
    })),
    form: {
      action: `${path}/replies`,
      csrf: form.csrf,
      error: form.error,
      text: form.text,
      kinds: REPLY_KINDS.map((k) => ({ value: k, label: t(`replyKind.${k}`), selected: k === form.kind })),
      languages: Object.keys(LOCALES).map((code) => ({ value: code, label: languageName(intlTag(lang), code), selected: code === form.language })),
      documentsLabel: t('gov.reply.form.documents', { count: form.limits.maxFilesPerOwner, size: sizeOf(lang, form.limits.maxFileBytes) }),
    },
  };
}

/** The receipt of a reply. */
export function receiptView(language: PageLanguage, receipt: ReplyReceipt, slug: string) {
  const { lang } = language;
  const t = translator(lang);
  return {
    intro: t('gov.receipt.intro', { reference: receipt.reference }),
    number: receipt.number,
    reference: receipt.reference,
    received: instantOf(lang, receipt.receivedAt),
    receivedUtc: receipt.receivedAt,
    documents: receipt.documents.map((d) => ({ name: d.displayName, size: sizeOf(lang, d.size), sha256: d.sha256 })),
    backHref: siteHref(language, governmentPath(slug)),
  };
}

/** The staff's review of a portal reply: the text, the proposed public version side by side, the documents. */
export function replyReviewView(
  language: PageLanguage,
  input: {
    reference: string | null;
    communicationHref: string;
    reply: PortalReply;
    proposed: string;
    diff: DiffPart[];
    csrf: string;
    action: string;
    error: string | null;
    saved: boolean;
  },
) {
  const { lang } = language;
  const t = translator(lang);
  const r = input.reply;
  const approved = r.publicApprovedAt !== null && r.publicApprovedBy !== null;
  return {
    heading: t('review.title', { reference: input.reference ?? '' }),
    communicationHref: siteHref(language, input.communicationHref),
    reference: input.reference,
    received: t('review.received', {
      date: formatDate(lang, r.receivedOn),
      kind: t(`replyKind.${r.kind}`),
      language: languageName(intlTag(lang), r.language),
    }),
    submitted: t('review.submittedBy', { name: r.submittedBy, time: instantOf(lang, r.submittedAt).text, receipt: r.receipt }),
    text: r.text,
    proposed: input.proposed,
    diff: input.diff,
    approved: approved ? t('review.approved', { name: r.publicApprovedBy ?? '', date: instantOf(lang, r.publicApprovedAt ?? '').text }) : null,
    documents: r.documents.map((d) => ({
      name: d.displayName,
      href: siteHref(language, `/staff/attachments/${encodeURIComponent(d.id)}`),
      mediaType: d.mediaType,
      size: sizeOf(lang, d.size),
      sha256: d.sha256,
    })),
    csrf: input.csrf,
    action: siteHref(language, input.action),
    error: input.error,
    saved: input.saved,
  };
}
