import type { Place } from '../../domain/register/records.ts';
import type { Locale } from '../../i18n/locales.ts';
import { formatDate, translator, type Translate } from '../../i18n/translate.ts';
import type { DetentionView, DisappearanceView, SourceView } from '../../presenters/register-presenter.ts';
import type { LinkedCommunication, PersonPage } from '../../queries/register/get-person.ts';
import type { PersonList } from '../../queries/register/view-persons.ts';
import { siteHref, type PageLanguage } from '../view-models.ts';
import { pagesOf, registerNav, type Cell, type RegisterTable } from './register-blocks.ts';
import { label, otherNames, partialDateText, personName, placeText, registerPath } from './register-format.ts';

/** A fact of a record: its term and value, perhaps a date, perhaps free text written in any direction. */
export interface Fact {
  term: string;
  value: string;
  datetime?: string;
  auto?: boolean;
  warn?: boolean;
}

/** Links to the communications about a record: the reference (or "draft") and subject. */
export function communicationLinks(language: PageLanguage, list: readonly LinkedCommunication[]) {
  const t = translator(language.lang);
  return list.map((c) => ({
    href: siteHref(language, c.sentAt ? registerPath.communication(c.id) : `/staff/drafts/${encodeURIComponent(c.id)}`),
    reference: c.reference ?? t('registerView.draft'),
    hasReference: c.reference !== null,
    subject: c.subject,
    sent: c.sentAt ? { iso: c.sentAt.slice(0, 10), text: formatDate(language.lang, c.sentAt.slice(0, 10)) } : null,
  }));
}

/** The sources of a fact as lines: kind, label, when received. */
export function sourceLines(t: Translate, lang: Locale, sources: readonly SourceView[]): string[] {
  return sources.map((s) => [label(t, 'sourceKind', s.kind), s.label, s.receivedOn ? formatDate(lang, s.receivedOn) : ''].filter((x) => x).join(' — '));
}

/** An access state (counsel, family) with its word: "Yes", "No", "Unknown". */
const access = (t: Translate, v: string) => label(t, 'access', v);

/** One step of a detention's history: the arrest, a place of detention, or a transfer between two. */
export interface JourneyStep {
  kind: 'arrest' | 'place' | 'transfer' | 'unknown';
  title: string;
  lines: string[];
  datetime?: string;
}

/** A detention's history as steps: arrest → place → transfer → place … → "whereabouts unknown". */
function journey(t: Translate, lang: Locale, d: DetentionView, places: Readonly<Record<string, Place>>): JourneyStep[] | null {
  if (!d.stays) return null;
  const steps: JourneyStep[] = [];
  const arrestPlace = placeText(places, d.arrestPlaceId);
  steps.push({
    kind: 'arrest',
    title: t('registerView.journey.arrest'),
    lines: [partialDateText(t, lang, d.arrested), arrestPlace ?? '', d.arrestAuthority ? t('registerView.journey.by', { authority: d.arrestAuthority }) : ''].filter((x) => x),
    datetime: d.arrested.value,
  });
  d.stays.forEach((s, i) => {
    if (i > 0) {
      const tr = d.transfers?.[i - 1];
      steps.push({
        kind: 'transfer',
        title: t('registerView.journey.transfer'),
        lines: [partialDateText(t, lang, s.since), tr?.authority ? t('registerView.journey.by', { authority: tr.authority }) : t('registerView.journey.authorityUnknown')],
        datetime: s.since.value,
      });
    }
    const name = placeText(places, s.placeId);
    steps.push({
      kind: name ? 'place' : 'unknown',
      title: name ?? t('registerView.journey.unknown'),
      lines: [t('registerView.journey.since', { date: partialDateText(t, lang, s.since) }), s.authority ? t('registerView.journey.heldBy', { authority: s.authority }) : '', s.note].filter((x) => x),
      datetime: s.since.value,
    });
  });
  if (d.stays.length === 0) steps.push({ kind: 'unknown', title: t('registerView.journey.unknown'), lines: [t('registerView.journey.noPlace')] });
  return steps;
}

/** The facts of a detention the reader may see. */
function detentionFacts(t: Translate, lang: Locale, d: DetentionView, places: Readonly<Record<string, Place>>): Fact[] {
  const facts: Fact[] = [
    { term: t('registerView.col.status'), value: label(t, 'detentionStatus', d.status), warn: d.status === 'whereabouts_unknown' },
    { term: t('registerView.col.arrested'), value: partialDateText(t, lang, d.arrested), datetime: d.arrested.value },
  ];
  if (d.arrestAuthority) facts.push({ term: t('registerView.col.arrestAuthority'), value: d.arrestAuthority, auto: true });
  if (d.arrestPlaceId !== undefined) facts.push({ term: t('registerView.col.arrestPlace'), value: placeText(places, d.arrestPlaceId) ?? t('registerView.unknown') });
  if (d.currentPlaceId !== undefined) facts.push({ term: t('registerView.col.currentPlace'), value: placeText(places, d.currentPlaceId) ?? t('registerView.journey.unknown'), warn: d.currentPlaceId === null });
  if (d.currentAuthority) facts.push({ term: t('registerView.col.currentAuthority'), value: d.currentAuthority, auto: true });
  if (d.legalBasis) facts.push({ term: t('registerView.col.legalBasis'), value: d.legalBasis, auto: true });
  facts.push({ term: t('registerView.col.charges'), value: d.charges.length > 0 ? d.charges.join('; ') : t('registerView.none'), auto: true });
  facts.push({
    term: t('registerView.col.court'),
    value:
      d.courtAuthorised === null
        ? t('registerView.unknown')
        : d.courtAuthorised
          ? d.courtAuthorisedOn
            ? t('registerView.court.yesOn', { date: formatDate(lang, d.courtAuthorisedOn) })
            : t('registerView.court.yes')
          : t('registerView.court.no'),
    warn: d.courtAuthorised === false,
  });
  facts.push({ term: t('registerView.col.counsel'), value: access(t, d.counselAccess), warn: d.counselAccess === 'no' });
  facts.push({ term: t('registerView.col.family'), value: access(t, d.familyContact), warn: d.familyContact === 'no' });
  if (d.releasedOn) facts.push({ term: t('registerView.col.released'), value: formatDate(lang, d.releasedOn), datetime: d.releasedOn });
  if (d.convictedOn) facts.push({ term: t('registerView.col.convicted'), value: formatDate(lang, d.convictedOn), datetime: d.convictedOn });
  if (d.sentence) facts.push({ term: t('registerView.col.sentence'), value: d.sentence, auto: true });
  return facts;
}

/** The facts of a disappearance the reader may see. */
function disappearanceFacts(t: Translate, lang: Locale, d: DisappearanceView, places: Readonly<Record<string, Place>>): Fact[] {
  const facts: Fact[] = [
    { term: t('registerView.col.status'), value: label(t, 'disappearanceStatus', d.status), warn: d.status === 'outstanding' },
    { term: t('registerView.col.lastSeen'), value: partialDateText(t, lang, d.lastSeen), datetime: d.lastSeen.value },
    { term: t('registerView.col.lastSeenPlace'), value: placeText(places, d.lastSeenPlaceId) ?? t('registerView.unknown') },
  ];
  if (d.lastSeenBy) facts.push({ term: t('registerView.col.lastSeenBy'), value: d.lastSeenBy, auto: true });
  if (d.relativesSteps) facts.push({ term: t('registerView.col.relativesSteps'), value: d.relativesSteps, auto: true });
  if (d.clarification) facts.push({ term: t('registerView.col.clarification'), value: d.clarification, auto: true });
  if (d.clarifiedOn) facts.push({ term: t('registerView.col.clarifiedOn'), value: formatDate(lang, d.clarifiedOn), datetime: d.clarifiedOn });
  return facts;
}

/** A person's page. */
export function personPageView(language: PageLanguage, page: PersonPage, canEdit = false) {
  const { lang } = language;
  const t = translator(lang);
  const p = page.person;
  const names = (p.names ?? []).map((n) => {
    const of = n.transliterationOf !== null ? p.names?.[n.transliterationOf]?.name : undefined;
    return {
      name: n.name,
      script: label(t, 'script', n.script),
      note: of ? t('registerView.person.transliterationOf', { name: of, system: n.transliteration ?? '' }) : null,
    };
  });
  const facts: Fact[] = [
    { term: t('registerView.col.sex'), value: p.sex ? label(t, 'sex', p.sex) : t('registerView.unknown') },
    { term: t('registerView.col.birthYear'), value: p.birthYear !== null ? String(p.birthYear) : t('registerView.unknown') },
    { term: t('registerView.col.occupation'), value: p.occupation ?? '—', auto: true },
    { term: t('registerView.col.affiliation'), value: p.affiliation ? label(t, 'affiliation', p.affiliation) : '—' },
  ];
  if (p.homePlaceId) facts.push({ term: t('registerView.col.homePlace'), value: placeText(page.places, p.homePlaceId) ?? '' });
  const events = new Map(page.events.map((e) => [e.id, e]));
  const acts: RegisterTable = {
    caption: t('registerView.person.actsCaption'),
    head: [t('registerView.col.act'), t('registerView.col.perpetrator'), t('registerView.col.status'), t('registerView.col.date'), t('registerView.col.place'), t('registerView.col.event'), t('registerView.col.description')],
    rows: page.acts.map((a): Cell[] => {
      const e = a.eventId ? events.get(a.eventId) : undefined;
      return [
        { text: label(t, 'actType', a.type) },
        { text: label(t, 'perpetrator', a.perpetrator) },
        { text: label(t, 'actStatus', a.status) },
        { text: a.date ? partialDateText(t, lang, a.date) : '—', datetime: a.date?.value },
        { text: placeText(page.places, a.placeId) ?? '—' },
        e ? { text: e.title, href: siteHref(language, registerPath.event(e.id)), dir: 'auto' } : { text: '—' },
        { text: a.description || '—', dir: 'auto', notes: a.sources ? sourceLines(t, lang, a.sources) : undefined },
      ];
    }),
  };
  const link = (path: string, key: string) => ({ href: siteHref(language, path), label: t(key) });
  const base = `/staff/register/persons/${p.id}`;
  return {
    actions: canEdit
      ? [
          link(`${base}/acts/new`, 'registerView.action.newAct'),
          link(`${base}/detentions/new`, 'registerView.action.newDetention'),
          link(`${base}/disappearances/new`, 'registerView.action.newDisappearance'),
          link(`/staff/register/links/new?recordType=person&recordId=${p.id}`, 'registerView.action.link'),
        ]
      : [],
    heading: names[0]?.name ?? t('registerView.person.withheld'),
    withheld: p.names === undefined,
    nav: registerNav(language, t, registerPath.persons),
    back: { href: siteHref(language, registerPath.persons), label: t('registerView.person.back') },
    synthetic: p.synthetic ? t('registerView.syntheticRecord') : null,
    identityNote: p.identityWithheld ? (p.names ? t('registerView.person.withheldShown') : t('registerView.person.withheldHidden')) : null,
    namesHeading: t('registerView.person.names'),
    names,
    facts,
    sources: p.sources ? sourceLines(t, lang, p.sources) : null,
    sourcesHeading: t('registerView.sources'),
    actsHeading: t('registerView.person.acts'),
    acts,
    actsEmpty: page.acts.length === 0 ? t('registerView.person.noActs') : null,
    detentionsHeading: t('registerView.person.detentions'),
    detentions: page.detentions.map((d, i) => ({
      id: `detention-${i + 1}`,
      actions: canEdit
        ? [link(`/staff/register/detentions/${d.id}/transfer`, 'registerView.action.transfer'), link(`/staff/register/detentions/${d.id}/edit`, 'registerView.action.editDetention')]
        : [],
      heading: t('registerView.person.detention', { date: partialDateText(t, lang, d.arrested) }),
      facts: detentionFacts(t, lang, d, page.places),
      health: d.health !== undefined ? d.health || t('registerView.person.noHealth') : null,
      healthHeading: t('registerView.person.health'),
      journeyHeading: t('registerView.journey.heading'),
      journey: journey(t, lang, d, page.places),
      journeyHidden: d.stays === undefined ? t('registerView.journey.hidden', { count: d.stayCount }) : null,
      sources: d.sources ? sourceLines(t, lang, d.sources) : null,
    })),
    detentionsEmpty: page.detentions.length === 0 ? t('registerView.person.noDetentions') : null,
    disappearancesHeading: t('registerView.person.disappearances'),
    disappearances: page.disappearances.map((d) => ({
      actions: canEdit ? [link(`/staff/register/disappearances/${d.id}/status`, 'registerView.action.disappearanceStatus')] : [],
      heading: t('registerView.person.disappearance', { date: partialDateText(t, lang, d.lastSeen) }),
      facts: disappearanceFacts(t, lang, d, page.places),
      sources: d.sources ? sourceLines(t, lang, d.sources) : null,
    })),
    communicationsHeading: t('registerView.communications'),
    communications: communicationLinks(language, page.communications),
    communicationsEmpty: page.communications.length === 0 ? t('registerView.noCommunications') : null,
    sourcesLabel: t('registerView.sources'),
  };
}

/** The persons page: the search by name, and the persons found (or those detained). */
export function personListView(language: PageLanguage, list: PersonList) {
  const t = translator(language.lang);
  const pages = Math.ceil(list.total / list.limit);
  const table: RegisterTable = {
    caption: list.mode === 'search' ? t('registerView.persons.found', { count: list.total, q: list.q ?? '' }) : t('registerView.persons.detained'),
    head: [t('registerView.col.person'), t('registerView.col.sex'), t('registerView.col.birthYear'), t('registerView.col.occupation'), t('registerView.col.affiliation')],
    rows: list.persons.map((p): Cell[] => [
      {
        text: personName(t, p),
        href: siteHref(language, registerPath.person(p.id)),
        dir: 'auto',
        notes: otherNames(p),
        badge: p.synthetic ? t('registerView.synthetic') : undefined,
      },
      { text: p.sex ? label(t, 'sex', p.sex) : '—' },
      { text: p.birthYear !== null ? String(p.birthYear) : '—' },
      { text: p.occupation ?? '—', dir: 'auto' },
      { text: p.affiliation ? label(t, 'affiliation', p.affiliation) : '—' },
    ]),
  };
  return {
    heading: t('registerView.persons.heading'),
    nav: registerNav(language, t, registerPath.persons),
    form: { action: siteHref(language, registerPath.persons), q: list.q ?? '', label: t('registerView.persons.search'), hint: t('registerView.persons.hint'), submit: t('registerView.persons.submit') },
    intro: list.mode === 'detained' ? t('registerView.persons.detainedIntro') : null,
    table,
    empty: list.persons.length === 0 ? (list.mode === 'search' ? t('registerView.persons.noneFound') : t('registerView.persons.none')) : null,
    pagination: pagesOf(language, t, registerPath.persons, { q: list.q }, list.page, pages),
  };
}
