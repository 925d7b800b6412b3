import { LOCALES } from '../i18n/locales.ts';
import { formatDate, translator } from '../i18n/translate.ts';
import type { SessionReportEntry } from '../queries/session-report.ts';
import { communicationPath, siteHref, type PageLanguage } from '../web/view-models.ts';
import type { PresentedSessionReport } from './present-session-report.ts';
import { REPORT_LANGUAGES, sessionReportDocument } from './session-report-document.ts';

/** The list of the reports to the Council. */
export const SESSION_REPORTS_PATH = '/reports/sessions';

/** The address of a session's report page (`/reports/sessions/50`); its downloads add `.pdf` and `.csv`. */
export function sessionReportPath(number: number): string {
  return `${SESSION_REPORTS_PATH}/${number}`;
}

/** The downloads of a report: a PDF and a CSV in each report language, each under its language's prefix. */
function downloads(number: number) {
  return (['pdf', 'csv'] as const).map((format) => ({
    format,
    links: REPORT_LANGUAGES.map((lang) => ({
      lang,
      name: LOCALES[lang].nativeName,
      href: siteHref({ lang, explicit: true }, `${sessionReportPath(number)}.${format}`),
    })),
  }));
}

/** The page of a session's report: the report's document with the page's links, and its downloads. */
export function sessionReportView(language: PageLanguage, report: PresentedSessionReport) {
  const t = translator(language.lang);
  const doc = sessionReportDocument(report, language.lang, {
    communication: (slug) => siteHref(language, communicationPath(slug)),
    session: (number) => siteHref(language, sessionReportPath(number)),
  });
  return {
    ...doc,
    backHref: siteHref(language, SESSION_REPORTS_PATH),
    downloads: downloads(report.session.number).map((d) => ({ ...d, label: t(`report.download.${d.format}`) })),
  };
}

/** The page listing every report, the latest first. */
export function sessionReportsView(language: PageLanguage, entries: readonly SessionReportEntry[]) {
  const t = translator(language.lang);
  const date = (iso: string) => formatDate(language.lang, iso);
  return {
    heading: t('report.index.title'),
    intro: t('report.index.intro'),
    reports: entries.map((e) => ({
      number: e.number,
      href: siteHref(language, sessionReportPath(e.number)),
      title: t('report.shortTitle', { number: e.number }),
      slot: t('report.slot', { slot: e.slot, year: String(e.year) }),
      meeting: e.meeting ? t('report.meeting', { start: date(e.meeting.start), end: date(e.meeting.end) }) : null,
      sent: t('report.index.sentWindow', { from: date(e.windows.sent.from), to: date(e.windows.sent.to) }),
      communications: t('report.index.communications', { count: e.communications }),
      inProgress: e.provisional ? t('report.index.inProgress') : null,
    })),
  };
}
