import { intlTag, isLocale } from '../i18n/locales.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import type { ReportLetter, SessionReport } from './session-report.ts';

/**
 * A session's report with names in a language: addressees, mandate titles, the holders of each mandate
 * over the sending window (public people in their public role), and the session's meeting dates when the
 * reference data know them. Nothing is added that the report does not already hold.
 */

/** A name of an addressee in a language, falling back on its code. */
function addresseeOf(ref: ReferenceData, a: { id: string; code: string }, lang: string) {
  return { id: a.id, code: a.code, name: ref.addresseeName(a.id, lang) ?? a.code };
}

/**
 * A mandate's title in a language, and the abbreviation tables use for it: the short name stored in that
 * language, else the English one (as the annex of mandates pairs each abbreviation with the title in the
 * report's language), else the title itself.
 */
function mandateOf(ref: ReferenceData, slug: string, lang: string) {
  const names = ref.mandate(slug)?.names as Record<string, { title: string; short?: string } | undefined> | undefined;
  const title = ref.mandateTitle(slug, lang) ?? slug;
  return { slug, title, short: names?.[lang]?.short ?? names?.en?.short ?? title };
}

function letterOf(ref: ReferenceData, l: ReportLetter, lang: string) {
  return { ...l, addressee: addresseeOf(ref, l.addressee, lang), mandates: l.mandates.map((m) => mandateOf(ref, m, lang)) };
}

/** The holders of a mandate whose tenure overlaps a window, in the order of the reference data. */
function holdersOver(ref: ReferenceData, slug: string, from: string, to: string): string[] {
  return (ref.mandate(slug)?.holders ?? []).filter((h) => h.from <= to && (h.to === null || h.to >= from)).map((h) => h.name);
}

/** The report with every name resolved in `lang` (titles fall back on English where no translation is stored). */
export function presentSessionReport(report: SessionReport, ref: ReferenceData, lang = 'en') {
  const { windows } = report;
  const meeting = ref.session(report.session.number);
  const collator = new Intl.Collator(isLocale(lang) ? intlTag(lang) : lang);
  return {
    ...report,
    meeting: meeting ? { start: meeting.start, end: meeting.end } : null,
    sectionA: report.sectionA.map((c) => ({ ...letterOf(ref, c, lang), replies: c.replies, repliedInWindow: c.repliedInWindow })),
    sectionB: report.sectionB.map((b) => ({ letter: letterOf(ref, b.letter, lang), reply: b.reply })),
    statistics: {
      ...report.statistics,
      byAddressee: report.statistics.byAddressee.map((row) => ({ ...row, addressee: addresseeOf(ref, row.addressee, lang) })),
      byMandate: report.statistics.byMandate.map((row) => ({ ...row, mandate: mandateOf(ref, row.mandate, lang) })),
    },
    mandates: report.mandates
      .map((slug) => ({ ...mandateOf(ref, slug, lang), holders: holdersOver(ref, slug, windows.sent.from, windows.sent.to) }))
      .sort((a, b) => collator.compare(a.title, b.title)),
  };
}

/** A session's report as presented in a language. */
export type PresentedSessionReport = ReturnType<typeof presentSessionReport>;
