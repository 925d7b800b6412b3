import { ANSWER_CHANNELS } from '../../commands/register/answer-inquiry.ts';
import { INQUIRY_STATUSES, type InquiryStatus } from '../../commands/register/submit-inquiry.ts';
import type { PartialDate } from '../../domain/register/partial-date.ts';
import { intlTag, isLocale, type Locale } from '../../i18n/locales.ts';
import { languageName, translator } from '../../i18n/translate.ts';
import type { InquiryCandidate, InquiryList, InquiryPage } from '../../queries/register/inquiry-views.ts';
import { siteHref, type PageLanguage } from '../view-models.ts';

/**
 * View models of the staff pages of whereabouts inquiries: they turn what the inquiry queries return
 * (already cut by the register presenter) into what the templates print — labels, dates, links. They decide
 * nothing about exposure.
 */

/** A timestamp as staff pages write it (UTC, to the minute). */
const stamp = (iso: string | null): string => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

/** A partial date as recorded: `2022-01`, or `2022-01-05 – 2022-01-07` for a range. */
function partial(d: PartialDate | null | undefined): string {
  if (!d) return '';
  return d.end ? `${d.value} – ${d.end}` : d.value;
}

/** The name of the language a form was filled in. */
function formLanguage(lang: Locale, code: string): string {
  return isLocale(code) ? languageName(intlTag(lang), code) : code;
}

/** The list of inquiries: status filters with their counts, one row per inquiry, paging. */
export function inquiryListView(language: PageLanguage, list: InquiryList, status: InquiryStatus | undefined) {
  const t = translator(language.lang);
  const pages = Math.max(1, Math.ceil((status ? list.counts[status] : list.total) / list.pageSize));
  return {
    filters: [
      { label: t('inquiry.staff.all'), count: list.total, href: siteHref(language, '/staff/inquiries'), current: status === undefined },
      ...INQUIRY_STATUSES.map((s) => ({ label: t(`inquiry.status.${s}`), count: list.counts[s], href: siteHref(language, '/staff/inquiries', { status: s }), current: s === status })),
    ],
    items: list.items.map((i) => ({
      href: siteHref(language, `/staff/inquiries/${i.id}`),
      reference: i.reference,
      received: stamp(i.createdAt),
      status: t(`inquiry.status.${i.status}`),
      open: i.status === 'open',
      subject: i.subjectName,
      birthYear: i.subjectBirthYear === null ? '' : String(i.subjectBirthYear),
      language: formLanguage(language.lang, i.language),
      answered: stamp(i.answeredAt),
    })),
    previous: list.page > 1 ? siteHref(language, '/staff/inquiries', { status, page: list.page - 1 }) : null,
    next: list.page < pages ? siteHref(language, '/staff/inquiries', { status, page: list.page + 1 }) : null,
    pageLabel: t('inquiry.staff.page', { page: list.page, pages }),
  };
}

/** The names of a candidate as the reader may see them, or the "withheld" label. */
function candidateNames(t: ReturnType<typeof translator>, c: InquiryCandidate): string {
  return c.person.names ? c.person.names.map((n) => n.name).join(' · ') : t('inquiry.staff.nameWithheld');
}

/** One inquiry: its facts, the inquirer, the candidates, the answers so far and the answer form. */
export function inquiryPageView(language: PageLanguage, page: InquiryPage, form: { csrf: string; error: string | null; notice: string | null; values?: AnswerFormValues }) {
  const t = translator(language.lang);
  const placeName = (id: string | null | undefined) => (id ? (page.places[id]?.name ?? id) : '');
  const candidates = page.candidates.map((c, i) => ({
    rank: i + 1,
    id: c.person.id,
    href: siteHref(language, `/staff/register/persons/${c.person.id}`),
    names: candidateNames(t, c),
    withheld: c.person.identityWithheld,
    synthetic: c.person.synthetic,
    birthYear: c.person.birthYear === null ? '' : String(c.person.birthYear),
    verdict: c.verdict,
    verdictLabel: t(`inquiry.verdict.${c.verdict}`),
    score: Math.round(c.score * 100),
    reasons: c.reasons.map((r) => t(`inquiry.reason.${r}`)).join(', '),
    linked: c.linked,
    detention: c.detention
      ? {
          status: t(`inquiry.detentionStatus.${c.detention.status}`),
          arrested: partial(c.detention.arrested),
          authority: c.detention.currentAuthority ?? '',
          place: c.detention.currentPlaceId === undefined ? null : c.detention.currentPlaceId === null ? t('inquiry.staff.placeUnknown') : placeName(c.detention.currentPlaceId),
        }
      : null,
    disappearance: c.disappearance
      ? { status: t(`inquiry.disappearanceStatus.${c.disappearance.status}`), lastSeen: partial(c.disappearance.lastSeen), place: placeName(c.disappearance.lastSeenPlaceId) }
      : null,
  }));
  const nameOf = (personId: string | null) => {
    if (!personId) return '';
    const c = page.candidates.find((x) => x.person.id === personId);
    return c ? candidateNames(t, c) : personId;
  };
  const values = form.values ?? { answer: '', channel: '', personId: page.personId ?? '', status: 'answered' };
  const base = siteHref(language, `/staff/inquiries/${page.id}`);
  return {
    csrf: form.csrf,
    error: form.error,
    notice: form.notice,
    backHref: siteHref(language, '/staff/inquiries'),
    answerAction: `${base}/answer`,
    header: {
      id: page.id,
      reference: page.reference,
      status: t(`inquiry.status.${page.status}`),
      closed: page.status === 'closed',
      received: stamp(page.createdAt),
      language: formLanguage(language.lang, page.language),
      answered: page.answeredAt ? t('inquiry.staff.answeredBy', { at: stamp(page.answeredAt), by: page.answeredBy ?? '' }) : '',
      person: page.personId ? { names: nameOf(page.personId), href: siteHref(language, `/staff/register/persons/${page.personId}`) } : null,
      version: page.version,
    },
    inquirer: { ...page.inquirer, relation: t(`inquiry.relation.${page.inquirer.relation}`) },
    subject: {
      names: page.subject.names,
      birthYear: page.subject.birthYear === null ? '' : String(page.subject.birthYear),
      lastSeenOn: page.subject.lastSeenOn,
      lastSeenPlace: page.subject.lastSeenPlace,
      detainedBy: page.subject.detainedBy,
      details: page.subject.details,
    },
    candidates,
    answers: page.answers.map((a) => ({
      at: stamp(a.at),
      by: a.by,
      channel: t(`inquiry.channel.${a.channel}`),
      status: t(`inquiry.status.${a.status}`),
      person: a.personId ? nameOf(a.personId) : '',
      text: a.text,
    })),
    values,
    channels: ANSWER_CHANNELS.map((c) => ({ value: c, label: t(`inquiry.channel.${c}`), selected: c === values.channel })),
    persons: [
      { value: '', label: t('inquiry.staff.noPerson'), selected: values.personId === '' },
      ...candidates.map((c) => ({ value: c.id, label: `${c.rank}. ${c.names}${c.birthYear ? ` (${c.birthYear})` : ''}`, selected: c.id === values.personId })),
    ],
    statuses: (['answered', 'closed'] as const).map((s) => ({ value: s, label: t(`inquiry.staff.leave.${s}`), checked: s === values.status })),
  };
}

/** What the answer form holds, to show it again after an error. */
export interface AnswerFormValues {
  answer: string;
  channel: string;
  personId: string;
  status: string;
}
