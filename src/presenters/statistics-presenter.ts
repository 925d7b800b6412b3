import type { Addressee, Mandate } from '../reference/schemas.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import type { GroupFigures, PublicStatistics, ReplyFigures } from '../stats/public-statistics.ts';

/**
 * The figures of the public database as the site and the API give them: counts, and shares rounded to four
 * decimals (0.5263), with the names of mandates and addressees in the reader's language. Both the pages and
 * the JSON answers are made from this one form, so that they cannot disagree.
 */

/** A share rounded to four decimals; null stays null (nothing to divide). */
export function roundShare(r: number | null): number | null {
  return r === null ? null : Math.round(r * 10_000) / 10_000;
}

function presentReplies(r: ReplyFigures) {
  return {
    total: r.total,
    replied: r.replied,
    late: r.late,
    none: r.none,
    rate: roundShare(r.rate),
    onTimeRate: roundShare(r.onTimeRate),
    lateRate: roundShare(r.lateRate),
  };
}

/** Reply figures as presented. */
export type PresentedReplies = ReturnType<typeof presentReplies>;

/** A mandate's names in a language, and the language its title is really written in (titles fall back to English). */
export function presentMandate(m: Mandate, lang: string) {
  const names = m.names as Record<string, { title: string; short?: string } | undefined>;
  const own = names[lang];
  const title = own?.title ?? m.names.en.title;
  return {
    slug: m.slug,
    title,
    /** A short name for chart labels: the language's own short name or title, else the English ones. */
    short: own ? (own.short ?? own.title) : (m.names.en.short ?? m.names.en.title),
    titleLang: own ? lang : 'en',
    kind: m.kind,
    body: m.body,
  };
}

/** An addressee's identity and name in a language. */
export function presentAddressee(ref: ReferenceData, a: Addressee, lang: string) {
  return { id: a.id, code: a.code, kind: a.kind, name: ref.addresseeName(a.id, lang) ?? a.id };
}

/** A mandate's figures, named. */
function presentMandateGroup(ref: ReferenceData, g: GroupFigures, lang: string) {
  const m = ref.mandate(g.key);
  const names = m ? presentMandate(m, lang) : { slug: g.key, title: g.key, short: g.key, titleLang: 'en', kind: null, body: null };
  return { ...names, count: g.count, joint: g.joint, replies: presentReplies(g.replies) };
}

/** An addressee's figures, named. */
function presentAddresseeGroup(ref: ReferenceData, g: GroupFigures, lang: string) {
  const a = ref.addressee(g.key);
  const names = a ? presentAddressee(ref, a, lang) : { id: g.key, code: g.key, kind: null, name: g.key };
  return { ...names, count: g.count, joint: g.joint, replies: presentReplies(g.replies) };
}

/**
 * Every figure, presented in a language.
 *
 * @example presentStatistics(publicStatistics(cat), ctx.ref, 'fr').byAddressee[0]?.name // 'Kazakhstan'
 */
export function presentStatistics(s: PublicStatistics, ref: ReferenceData, lang = 'en') {
  return {
    total: s.total,
    joint: s.joint,
    jointShare: roundShare(s.jointShare),
    replies: presentReplies(s.replies),
    byYear: s.byYear.map((y) => ({ year: y.year, count: y.count, joint: y.joint, replies: presentReplies(y.replies) })),
    byType: s.byType.map((t) => ({ type: t.type, count: t.count, joint: t.joint, share: roundShare(s.total > 0 ? t.count / s.total : null) })),
    byMandate: s.byMandate.map((g) => presentMandateGroup(ref, g, lang)),
    byAddressee: s.byAddressee.map((g) => presentAddresseeGroup(ref, g, lang)),
  };
}

/** The figures as presented. */
export type PresentedStatistics = ReturnType<typeof presentStatistics>;
/** A mandate's figures as presented. */
export type PresentedMandateFigures = PresentedStatistics['byMandate'][number];
/** An addressee's figures as presented. */
export type PresentedAddresseeFigures = PresentedStatistics['byAddressee'][number];
