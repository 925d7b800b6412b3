import { genevaDate } from '../domain/geneva-time.ts';
import { COMMUNICATION_TYPES } from '../domain/reference.ts';
import { REPLY_KINDS } from '../domain/replies.ts';
import type { AppError } from '../errors.ts';
import type { Locale } from '../i18n/locales.ts';
import { intlTag } from '../i18n/locales.ts';
import { formatDate, languageName, translator, type Translate } from '../i18n/translate.ts';
import type { DiffPart } from '../letters/public-version-diff.ts';
import type { StaffCommunication } from '../presenters/communication-presenter.ts';
import type { WorkspaceItem } from '../presenters/workspace-presenter.ts';
import type { OverviewList } from '../queries/workspace-overview.ts';
import type { Deadlines } from '../queries/list-deadlines.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import type { DraftFormValues } from './staff-forms.ts';
import { errorMessage } from './error-message.ts';
import { siteHref, type PageLanguage } from './view-models.ts';

/**
 * View models of the staff workspace's pages: they turn what the queries and presenters return into what
 * the templates print (translated labels, dates, links, which forms to show). They format; the commands
 * and the policy decide what may be done, and a form shown here is refused there if it may not. Links and
 * form actions are in the page's language (under its prefix when it has one).
 */

/** The page of a draft, by id. */
export const draftPath = (id: string) => `/staff/drafts/${encodeURIComponent(id)}`;
/** The staff page of a sent communication, by id. */
export const communicationPath = (id: string) => `/staff/communications/${encodeURIComponent(id)}`;
/** The page of a letter as staff open it from a list: a draft's page until it is sent. */
export const itemPath = (item: { id: string; draftingStatus: string }) => (item.draftingStatus === 'sent' ? communicationPath(item.id) : draftPath(item.id));

/** A `<time>`: a calendar date or an instant (shown as its Geneva date). */
function dateOf(lang: Locale, iso: string | null): { iso: string; text: string } | null {
  if (!iso) return null;
  const day = iso.length > 10 ? genevaDate(new Date(iso)) : iso;
  return { iso: day, text: formatDate(lang, day) };
}

/** A label from the catalogue, or the raw value when the catalogue has none (an action added later). */
function labelOr(t: Translate, key: string, raw: string): string {
  const text = t(key);
  return text === key ? raw : text;
}

const DECISION_BADGE: Record<string, string> = { approved: 'badge--ok', changes_requested: 'badge--late', declined: 'badge--late', pending: '' };

/** Splits text into paragraphs at blank lines. */
function paragraphs(text: string): string[] {
  return text.split(/\n[ \t]*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
}

/** One decision badge: the mandate (short name, full title on hover) and what it decided. */
function decisionBadges(t: Translate, mandates: WorkspaceItem['mandates']) {
  return mandates.map((m) => ({
    slug: m.slug,
    title: m.title,
    decision: t(`staff.decision.${m.decision}`),
    className: DECISION_BADGE[m.decision] ?? '',
  }));
}

/** A row of any workspace table. */
function rowOf(t: Translate, language: PageLanguage, item: WorkspaceItem) {
  const { lang } = language;
  return {
    href: siteHref(language, itemPath(item)),
    reference: item.reference ?? t('staff.draft.noReference'),
    hasReference: item.reference !== null,
    typeLabel: t(`type.${item.displayType}`),
    displayType: item.displayType,
    addressee: item.addressee.name,
    subject: item.subject,
    status: t(`staff.status.${item.draftingStatus}`),
    decisions: decisionBadges(t, item.mandates),
    sent: dateOf(lang, item.sentDate),
    publishDue: dateOf(lang, item.publishDueAt),
    publicationDue: item.publishDueAt !== null && item.publicationStatus === 'scheduled',
    heldUntil: dateOf(lang, item.heldUntil),
    holdReason: item.holdReason,
    replyDeadline: dateOf(lang, item.replyDeadline),
    replyOverdue: item.replyOverdue,
    publication: item.publicationStatus ? t(`staff.publication.${item.publicationStatus}`) : '',
    synthetic: item.synthetic,
  };
}

/** The workspace's home page. */
export function staffHomeView(language: PageLanguage, lists: OverviewList[], submissions: { total: number; href: string } | null) {
  const t = translator(language.lang);
  const hrefs: Record<string, string> = {
    awaitingDecisions: '/staff/drafts?status=submitted',
    readyToSend: '/staff/drafts?status=approved',
    publicationDue: '/staff/deadlines#publication-due',
    publicationHeld: '/staff/deadlines#publication-held',
    repliesOverdue: '/staff/deadlines#replies-overdue',
    awaitingMyDecision: '/staff/drafts',
  };
  return {
    heading: t('staff.home.title'),
    submissions: submissions ? { text: t('staff.home.submissions', { count: submissions.total }), href: siteHref(language, submissions.href) } : null,
    lists: lists.map((l) => ({
      id: l.name,
      heading: t(`staff.home.${l.name}`),
      count: t('staff.home.count', { count: l.total }),
      href: siteHref(language, hrefs[l.name] ?? '/staff'),
      more: l.total > l.items.length,
      rows: l.items.map((item) => rowOf(t, language, item)),
    })),
  };
}

/** The list of drafts, with each mandate's decision. */
export function staffDraftsView(language: PageLanguage, result: { status: string | undefined; items: WorkspaceItem[] }, canCreate: boolean) {
  const t = translator(language.lang);
  const statuses = ['', 'draft', 'submitted', 'approved', 'withdrawn'];
  return {
    heading: t('staff.drafts.title'),
    newHref: canCreate ? siteHref(language, '/staff/drafts/new') : null,
    filters: statuses.map((s) => ({
      label: s === '' ? t('staff.drafts.inPlay') : t(`staff.status.${s}`),
      href: siteHref(language, '/staff/drafts', { status: s }),
      current: (result.status ?? '') === s,
    })),
    empty: result.items.length === 0 ? t('staff.drafts.empty') : null,
    rows: result.items.map((item) => rowOf(t, language, item)),
  };
}

/** Options of the draft form: types, addressees, mandates and letter languages, with what is chosen. */
function draftFormOptions(ref: ReferenceData, lang: Locale, v: DraftFormValues) {
  const t = translator(lang);
  const collator = new Intl.Collator(intlTag(lang));
  const byLabel = <T extends { label: string }>(xs: T[]) => xs.sort((a, b) => collator.compare(a.label, b.label));
  const addressees = ref.addressees();
  const chosen = new Set(v.mandates);
  // The chosen mandates first, in their signing order; then the others.
  const mandates = [
    ...v.mandates.filter((slug) => ref.mandate(slug)).map((slug) => ({ value: slug, label: ref.mandateTitle(slug, lang) ?? slug, selected: true })),
    ...byLabel(ref.mandates().filter((m) => !chosen.has(m.slug)).map((m) => ({ value: m.slug, label: ref.mandateTitle(m.slug, lang) ?? m.slug, selected: false }))),
  ];
  return {
    types: COMMUNICATION_TYPES.map((type) => ({ value: type, label: `${type} — ${t(`type.${type}`)}`, selected: v.type === type })),
    states: byLabel(addressees.filter((a) => a.kind === 'state').map((a) => ({ value: a.id, label: ref.addresseeName(a.id, lang) ?? a.id, selected: v.addressee === a.id }))),
    others: byLabel(addressees.filter((a) => a.kind !== 'state').map((a) => ({ value: a.id, label: ref.addresseeName(a.id, lang) ?? a.id, selected: v.addressee === a.id }))),
    mandates,
    languages: ['en', 'fr', 'es'].map((code) => ({ value: code, label: languageName(intlTag(lang), code), selected: v.language === code })),
  };
}

/** The draft form (new draft, or the edit form on a draft's page). */
export function draftFormView(ref: ReferenceData, lang: Locale, v: DraftFormValues, action: string, submitLabel: string, extra: { expectedVersion?: number } = {}) {
  return { action, submitLabel, values: v, options: draftFormOptions(ref, lang, v), expectedVersion: extra.expectedVersion ?? null };
}

/** The page of a new draft. */
export function newDraftView(ref: ReferenceData, language: PageLanguage, v: DraftFormValues, csrf: string, error: string | null) {
  const t = translator(language.lang);
  return { heading: t('staff.new.title'), csrf, error, form: draftFormView(ref, language.lang, v, siteHref(language, '/staff/drafts/new'), t('staff.new.submit')) };
}

/** What a person may be offered on a letter's page: which forms to show (the commands still decide). */
export interface StaffAbilities {
  officer: boolean;
  /** The mandate a holder decides for, when the page's letter awaits its decision. */
  decideAs: { mandate: string; holder: string } | null;
}

/** A history entry as the staff pages list it. */
function historyOf(t: Translate, lang: Locale, c: StaffCommunication) {
  return [...c.history].reverse().map((h) => {
    const d = h.details ?? {};
    const decision = typeof d.decision === 'string' && typeof d.mandate === 'string' ? `${d.mandate}: ${t(`staff.decision.${d.decision}`)}` : null;
    const reference = typeof d.reference === 'string' ? d.reference : null;
    const reset = d.decisionsReset === true ? t('staff.history.decisionsReset') : null;
    return {
      date: dateOf(lang, h.at),
      actor: h.actor,
      action: labelOr(t, `staff.history.${h.action}`, h.action),
      reason: h.reason,
      detail: [decision, reference, reset].filter((x) => x !== null).join(' · '),
    };
  });
}

/** The comparison of the full letter and its public version, for the side-by-side columns. */
function comparisonOf(diff: DiffPart[]) {
  return {
    full: diff.filter((p) => p.in !== 'public').map((p) => ({ text: p.text, changed: p.in === 'full' })),
    public: diff.filter((p) => p.in !== 'full').map((p) => ({ text: p.text, changed: p.in === 'public' })),
    differs: diff.some((p) => p.in !== 'both'),
  };
}

/** The facts shared by the draft and communication pages. */
function letterFacts(t: Translate, language: PageLanguage, c: StaffCommunication) {
  const { lang } = language;
  return {
    id: c.id,
    reference: c.reference,
    typeLabel: t(`type.${c.displayType}`),
    displayType: c.displayType,
    subject: c.subject,
    addressee: c.addressee.name ?? c.addressee.code,
    language: languageName(intlTag(lang), c.language),
    status: t(`staff.status.${c.draftingStatus}`),
    synthetic: c.synthetic,
    created: dateOf(lang, c.createdAt),
    createdBy: c.createdBy,
    mandates: c.mandates.map((m) => ({
      title: m.title ?? m.slug,
      slug: m.slug,
      decision: t(`staff.decision.${m.decision}`),
      className: DECISION_BADGE[m.decision] ?? '',
      decidedBy: m.decidedBy,
      decidedAt: dateOf(lang, m.decidedAt),
      note: m.note,
    })),
    summary: paragraphs(c.summary),
    body: paragraphs(c.body),
    concerns: paragraphs(c.concerns),
    questions: c.questions,
    victims: c.victims.map((v) => ({
      name: v.name,
      variants: v.variants.join('; '),
      mode: t(v.publishName ? 'staff.victim.publish' : v.publicForm === 'initials' ? 'staff.victim.initials' : 'staff.victim.withhold'),
    })),
    annexText: paragraphs(c.annexText),
    confidentialAnnex: paragraphs(c.confidentialAnnex),
    publicVersion: c.publicVersionApproved
      ? t('staff.public.approved', { name: c.publicVersion?.approvedBy ?? '', date: dateOf(lang, c.publicVersion?.approvedAt ?? null)?.text ?? '' })
      : c.publicVersion
        ? t('staff.public.changed')
        : t('staff.public.notApproved'),
    publicVersionApproved: c.publicVersionApproved,
    letterHref: siteHref(language, `${communicationPath(c.id)}/letter`),
    pdfHref: siteHref(language, `${communicationPath(c.id)}/letter.pdf`),
    history: historyOf(t, lang, c),
  };
}

/** The page of a draft: the text, each mandate's decision, the public version beside the full one, the forms. */
export function staffDraftView(
  ref: ReferenceData,
  language: PageLanguage,
  c: StaffCommunication,
  diff: DiffPart[],
  can: StaffAbilities,
  extra: { csrf: string; error: string | null; done: string | null; form: DraftFormValues; formChanged: boolean },
) {
  const { lang } = language;
  const t = translator(lang);
  const status = c.draftingStatus;
  const inPlay = status === 'draft' || status === 'submitted' || status === 'approved';
  const path = siteHref(language, draftPath(c.id));
  return {
    ...letterFacts(t, language, c),
    heading: c.subject,
    csrf: extra.csrf,
    error: extra.error,
    done: extra.done ? labelOr(t, `staff.done.${extra.done}`, '') : null,
    comparison: comparisonOf(diff),
    forms: {
      submit: can.officer && status === 'draft' ? `${path}/submit` : null,
      send: can.officer && status === 'approved' ? `${path}/send` : null,
      withdraw: can.officer && inPlay ? `${path}/withdraw` : null,
      approvePublic: can.officer && status !== 'withdrawn' && !c.publicVersionApproved ? `${path}/approve-public` : null,
      decide: can.decideAs && status === 'submitted' ? { action: `${path}/decide`, mandate: ref.mandateTitle(can.decideAs.mandate, lang) ?? can.decideAs.mandate } : null,
      edit: can.officer && inPlay
        ? {
            ...draftFormView(ref, lang, extra.form, `${path}/edit`, t('staff.draft.save'), { expectedVersion: c.version }),
            resets: status !== 'draft',
            open: extra.formChanged,
          }
        : null,
    },
  };
}

/** The staff page of a sent communication: reference, dates, replies, publication and the forms that change them. */
export function staffCommunicationView(
  language: PageLanguage,
  c: StaffCommunication,
  can: StaffAbilities,
  extra: { csrf: string; error: string | null; done: string | null; today: string; form: Record<string, string> },
) {
  const { lang } = language;
  const t = translator(lang);
  const path = siteHref(language, communicationPath(c.id));
  const pub = c.publicationStatus;
  return {
    ...letterFacts(t, language, c),
    heading: c.reference ?? c.subject,
    csrf: extra.csrf,
    error: extra.error,
    done: extra.done ? labelOr(t, `staff.done.${extra.done}`, '') : null,
    sent: dateOf(lang, c.sentDate),
    replyDeadline: dateOf(lang, c.replyDeadline),
    replyStatus: c.replyStatus ? t(`replyStatus.${c.replyStatus}`) : '',
    replyOverdue: c.replyOverdue,
    replies: c.replies.map((r) => ({
      href: siteHref(language, `/staff/replies/${encodeURIComponent(r.id)}`),
      received: dateOf(lang, r.receivedOn),
      kind: t(`replyKind.${r.kind}`),
      language: languageName(intlTag(lang), r.language),
      summary: r.summary,
      recordedBy: r.recordedBy,
    })),
    publication: pub ? t(`staff.publication.${pub}`) : '',
    publishDue: pub === 'scheduled' ? dateOf(lang, c.publishDueAt) : null,
    published: dateOf(lang, c.publishedAt),
    holdReason: pub === 'held' ? c.holdReason : null,
    heldUntil: pub === 'held' ? dateOf(lang, c.heldUntil) : null,
    publicHref: pub === 'published' && c.slug ? siteHref(language, `/communications/${encodeURIComponent(c.slug)}`) : null,
    replyKinds: REPLY_KINDS.map((k) => ({ value: k, label: t(`replyKind.${k}`), selected: (extra.form.kind ?? 'substantive') === k })),
    form: { receivedOn: extra.form.receivedOn ?? extra.today, language: extra.form.language ?? 'en', summary: extra.form.summary ?? '' },
    today: extra.today,
    forms: {
      reply: can.officer ? `${path}/replies` : null,
      hold: can.officer && pub === 'scheduled' ? `${path}/hold` : null,
      release: can.officer && pub === 'held' ? `${path}/release` : null,
      publish: can.officer && (pub === 'scheduled' || pub === 'held' || pub === 'retracted') ? `${path}/publish` : null,
      retract: can.officer && pub === 'published' ? `${path}/retract` : null,
      approvePublic: can.officer && !c.publicVersionApproved ? `${path}/approve-public` : null,
    },
  };
}

/** The deadlines page. */
export function staffDeadlinesView(language: PageLanguage, d: Deadlines) {
  const t = translator(language.lang);
  const list = (id: string, key: string, l: Deadlines['publicationDue']) => ({
    id,
    heading: t(`staff.deadlines.${key}`),
    count: t('staff.home.count', { count: l.total }),
    empty: l.items.length === 0 ? t('staff.deadlines.none') : null,
    rows: l.items.map((item) => rowOf(t, language, item)),
  });
  return {
    heading: t('staff.deadlines.title'),
    due: list('publication-due', 'publicationDue', d.publicationDue),
    held: list('publication-held', 'publicationHeld', d.publicationHeld),
    overdue: list('replies-overdue', 'repliesOverdue', d.repliesOverdue),
  };
}

/** A submission found by the search, as the intake's query returns it. */
export interface FoundSubmission {
  href: string;
  label: string;
  detail: string;
}

/** Submissions found by the intake's search, as links to their pages in the inbox. */
export function foundSubmissions(language: PageLanguage, hits: ReadonlyArray<{ id: string; reference: string; status: string; summary: string }>): FoundSubmission[] {
  const t = translator(language.lang);
  return hits.map((h) => ({
    href: siteHref(language, `/staff/submissions/${encodeURIComponent(h.id)}`),
    label: h.reference,
    detail: `${labelOr(t, `staff.submission.${h.status}`, h.status)} — ${h.summary.length > 200 ? `${h.summary.slice(0, 200)}…` : h.summary}`,
  }));
}

/** The search page: the form and, after a search, the communications (and submissions) found. */
export function staffSearchView(language: PageLanguage, q: string, result: { items: WorkspaceItem[]; submissions: FoundSubmission[] | null } | null, error: string | null) {
  const t = translator(language.lang);
  return {
    heading: t('staff.search.title'),
    q,
    error,
    searched: result !== null,
    count: result ? t('staff.search.count', { count: result.items.length }) : '',
    rows: result ? result.items.map((item) => rowOf(t, language, item)) : [],
    submissions: result?.submissions ?? null,
  };
}

/** Labels of the draft form's fields, for messages that name the field at fault. */
const FIELD_KEYS: Record<string, string> = {
  type: 'staff.field.type', addressee: 'staff.field.addressee', mandates: 'staff.field.mandates', language: 'staff.field.language',
  subject: 'staff.field.subject', summary: 'staff.field.summary', body: 'staff.field.body', questions: 'staff.field.questions',
  victims: 'staff.field.victims', concerns: 'staff.field.concerns', annexText: 'staff.field.annexText',
  confidentialAnnex: 'staff.field.confidentialAnnex', reason: 'staff.field.reason', until: 'staff.field.until',
  receivedOn: 'staff.field.receivedOn', kind: 'staff.field.kind', note: 'staff.field.note', decision: 'staff.field.decision',
  q: 'staff.search.label',
};

/** The message of an error shown on a form, naming the field at fault when the error says which. */
export function formErrorMessage(lang: Locale, err: AppError): string {
  return errorMessage(lang, err, (field) => FIELD_KEYS[field]);
}
