import type { AppContext } from '../context.ts';
import { countsBySession, rowsOfSession, rowsWithRepliesIn } from '../db/repositories/public-report-repository.ts';
import { recordOfRow } from '../db/repositories/public-repository.ts';
import { genevaDate } from '../domain/geneva-time.ts';
import { FIRST_REPORTED_SESSION, sessionByNumber, sessionForSentDate, sessionWindows } from '../domain/sessions-calendar.ts';
import { AppError } from '../errors.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';
import { presentSessionReport, type PresentedSessionReport } from '../reports/present-session-report.ts';
import { buildSessionReport } from '../reports/session-report.ts';

/** The latest session with a report on a Geneva date: the one whose sending window has started. */
export function latestReportedSession(today: string): number {
  return sessionForSentDate(today).number;
}

/**
 * A session number as asked (a path segment, a CLI argument), checked: digits only, from the first session
 * with a report ({@link FIRST_REPORTED_SESSION}) to the latest whose sending window has started by `today`.
 * Anything else is SESSION_UNKNOWN, the same answer whether malformed or out of range.
 */
export function parseSessionNumber(raw: unknown, today: string): number {
  const text = typeof raw === 'number' ? String(raw) : raw;
  const number = typeof text === 'string' && /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(number) || number < FIRST_REPORTED_SESSION || number > latestReportedSession(today)) {
    throw new AppError('SESSION_UNKNOWN', `there is no report for session ${String(raw).slice(0, 20)}`, { session: String(raw).slice(0, 20) });
  }
  return number;
}

/**
 * The communications report to a session, with names in `lang`: read from the public database only, so
 * it holds published communications in their public version and nothing else.
 * Errors: SESSION_UNKNOWN.
 */
export async function getSessionReport(ctx: AppContext, principal: Principal, raw: unknown, lang = 'en'): Promise<PresentedSessionReport> {
  const today = genevaDate(ctx.clock.now());
  const number = parseSessionNumber(raw, today);
  authorizeCommunication(principal, 'list_published');
  const windows = sessionWindows(number);
  const [sent, earlier] = await Promise.all([
    rowsOfSession(ctx.store.db, number, windows.sent),
    rowsWithRepliesIn(ctx.store.db, ctx.store.dialect, windows.sent.from, windows.replies),
  ]);
  const report = buildSessionReport(number, [...sent, ...earlier].map(recordOfRow), today);
  return presentSessionReport(report, ctx.ref, lang);
}

/** One entry of the list of reports. */
export interface SessionReportEntry {
  number: number;
  year: number;
  slot: ReturnType<typeof sessionByNumber>['slot'];
  windows: ReturnType<typeof sessionWindows>;
  /** The session's meeting days, when the reference data know them. */
  meeting: { start: string; end: string } | null;
  /** Published communications sent in the sending window. */
  communications: number;
  /** The reply window has not closed yet. */
  provisional: boolean;
}

/** Every session with a report, the latest first, with how many published communications each lists. */
export async function listSessionReports(ctx: AppContext, principal: Principal): Promise<SessionReportEntry[]> {
  const today = genevaDate(ctx.clock.now());
  authorizeCommunication(principal, 'list_published');
  const counts = await countsBySession(ctx.store.db);
  const entries: SessionReportEntry[] = [];
  for (let n = latestReportedSession(today); n >= FIRST_REPORTED_SESSION; n--) {
    const { year, slot } = sessionByNumber(n);
    const windows = sessionWindows(n);
    const meeting = ctx.ref.session(n);
    entries.push({
      number: n,
      year,
      slot,
      windows,
      meeting: meeting ? { start: meeting.start, end: meeting.end } : null,
      communications: counts.get(n) ?? 0,
      provisional: today <= windows.replies.to,
    });
  }
  return entries;
}
