import { SOURCE_KINDS } from '../../domain/register/vocabulary.ts';
import type { AppError } from '../../errors.ts';
import type { Locale } from '../../i18n/locales.ts';
import { translator, type Translate } from '../../i18n/translate.ts';
import type { ImportJob } from '../../importers/list/import-jobs.ts';
import type { ImportSummary } from '../../importers/list/list-imports-overview.ts';
import { LIST_FIELDS, type ListField } from '../../importers/list/list-fields.ts';
import { LIST_LIMITS } from '../../importers/list/list-limits.ts';
import { ROW_ERROR_CODES, type RowError, type RowReport, type ReportWords } from '../../importers/list/row-report.ts';
import { errorMessage } from '../error-message.ts';
import { siteHref, type PageLanguage } from '../view-models.ts';

/**
 * View models of the list import pages: the upload form with the recent imports, the column-mapping step,
 * the progress of a running import and its result with the row report. They format; the import decides.
 */

/** Rows of the report a page shows (the CSV has them all). */
export const REPORT_ROWS_SHOWN = 500;

/** The form's fields, by the name a command's error gives them. */
const FORM_FIELDS: Readonly<Record<string, string>> = {
  file: 'registerImport.form.file',
  kind: 'registerImport.form.sourceKind',
  label: 'registerImport.form.sourceLabel',
  receivedOn: 'registerImport.form.receivedOn',
  decision: 'registerReview.decision',
};

/** The catalogue's label of a register field. */
export function fieldLabel(t: Translate, field: string): string {
  const key = `registerImport.field.${field}`;
  const label = t(key);
  return label === key ? field : label;
}

/** An error in the page's language, naming the field at fault by its label, with its stable code. */
export function importErrorText(lang: Locale, err: AppError): string {
  const t = translator(lang);
  const message = errorMessage(lang, err, (field) => {
    const f = field.startsWith('mapping.') ? field.slice('mapping.'.length) : field;
    if ((LIST_FIELDS as readonly string[]).includes(f)) return `registerImport.field.${f}`;
    return FORM_FIELDS[f];
  });
  // A file's own problem says more than the catalogue's general sentence.
  const detail = err.code === 'FILE_INVALID' || err.code === 'PAYLOAD_TOO_LARGE' ? ` ${t('registerImport.detail', { detail: err.message })}` : '';
  return `${message}${detail} ${t('error.code', { code: err.code })}`;
}

/** A row error in the page's language. */
export function rowErrorText(t: Translate, e: RowError): string {
  const code = (ROW_ERROR_CODES as readonly string[]).includes(e.code) ? e.code : 'other';
  return t(`registerImport.rowError.${code}`, { field: fieldLabel(t, e.field) });
}

/** The report's words in a language, for the CSV. */
export function reportWords(lang: Locale): ReportWords {
  const t = translator(lang);
  return {
    outcome: (o) => t(`registerImport.outcome.${o}`),
    error: (e) => rowErrorText(t, e),
    headers: [t('registerImport.col.row'), t('registerImport.col.outcome'), t('registerImport.col.person'), t('registerImport.col.candidate'), t('registerImport.col.field'), t('registerImport.col.code'), t('registerImport.col.problem')],
  };
}

/** What the upload form holds, to show it again after an error. */
export interface UploadValues {
  sourceKind: string;
  sourceLabel: string;
  receivedOn: string;
}

/** The upload page: the form, the recent imports, the link to the review queue. */
export function uploadView(language: PageLanguage, input: { csrf: string; values: UploadValues; error: string | null; imports: ImportSummary[]; pendingReviews: number }) {
  const t = translator(language.lang);
  return {
    csrf: input.csrf,
    error: input.error,
    action: siteHref(language, '/staff/register/imports'),
    maxMb: LIST_LIMITS.maxBytes / (1024 * 1024),
    maxRows: LIST_LIMITS.maxRows,
    values: input.values,
    kinds: SOURCE_KINDS.filter((k) => k !== 'list_import').map((k) => ({ value: k, label: t(`registerImport.sourceKind.${k}`), selected: k === (input.values.sourceKind || 'ngo_report') })),
    imports: input.imports.map((i) => ({ ...i, when: i.createdAt.slice(0, 16).replace('T', ' ') })),
    pendingReviews: input.pendingReviews,
    reviewsHref: siteHref(language, '/staff/register/reviews'),
  };
}

/** The job page: the mapping step, the progress, or the result, as the job stands. */
export function jobView(language: PageLanguage, job: ImportJob, input: { csrf: string; error: string | null }) {
  const t = translator(language.lang);
  const base = `/staff/register/imports/${job.id}`;
  const running = job.state === 'queued' || job.state === 'running';
  const result = job.result;
  const report: RowReport[] = result?.report ?? [];
  const shown = report.slice(0, REPORT_ROWS_SHOWN);
  const mapping = job.table && !running && result?.status !== 'imported'
    ? {
        action: siteHref(language, base),
        fields: LIST_FIELDS.map((f: ListField) => {
          const chosen = job.mapping[f];
          return {
            name: `map_${f}`,
            id: `map-${f}`,
            label: fieldLabel(t, f),
            hint: t(`registerImport.fieldHint.${f}`),
            // Columns without a name cannot be mapped (a mapping names columns by their header).
            options: job.header.map((h, i) => ({ value: String(i), label: h, selected: chosen !== undefined && chosen === h })).filter((o) => o.label !== ''),
            none: chosen === undefined,
          };
        }),
        header: job.header,
        preview: job.preview,
      }
    : null;
  return {
    csrf: input.csrf,
    error: input.error,
    fileName: job.fileName,
    rowCount: job.rowCount,
    headerRow: job.headerRow,
    state: job.state,
    running,
    progress: running
      ? {
          text:
            job.state === 'queued'
              ? t('registerImport.job.queued')
              : job.stage === 'writing'
                ? t('registerImport.job.writing', { done: job.done, total: job.total })
                : job.stage === 'matching'
                  ? t('registerImport.job.matching', { done: job.done, total: job.total })
                  : t('registerImport.job.checking'),
          done: job.done,
          total: Math.max(job.total, 1),
        }
      : null,
    refreshHref: siteHref(language, base),
    failure: job.state === 'failed' && job.error ? importErrorText(language.lang, job.error) : null,
    result: result
      ? {
          status: result.status,
          summary:
            result.status === 'rejected'
              ? t('registerImport.result.rejected', { count: result.report.length, rows: result.rows })
              : t(`registerImport.result.${result.status}`, { rows: result.rows, created: result.created, matched: result.matched, toReview: result.toReview }),
          reportHref: siteHref(language, `${base}/report.csv`),
          rows: shown.map((r) => ({
            row: r.row,
            outcome: t(`registerImport.outcome.${r.outcome}`),
            error: r.outcome === 'error',
            problems: r.errors.map((e) => rowErrorText(t, e)),
          })),
          more: report.length > shown.length ? t('registerImport.shownFirst', { shown: shown.length, total: report.length }) : null,
          reviews: result.status === 'imported' && result.toReview > 0,
        }
      : null,
    mapping,
    reviewsHref: siteHref(language, '/staff/register/reviews'),
    newHref: siteHref(language, '/staff/register/imports'),
  };
}
