import { DateTime } from 'luxon';
import { parseIsoDate, REFERENCE_ZONE } from './geneva-time.ts';

/** The three regular sessions of the Human Rights Council each year. */
export type SessionSlot = 'march' | 'june' | 'september';

/** A regular session named by its year and slot, with its number. */
export interface SessionKey {
  year: number;
  slot: SessionSlot;
  /** The session's number: the 18th (September 2011) is the first with a joint communications report. */
  number: number;
}

/** An inclusive span of Geneva calendar dates. */
export interface DateWindow {
  from: string;
  to: string;
}

/** The first session with a joint communications report. */
export const FIRST_REPORTED_SESSION = 18;

const SLOTS: readonly SessionSlot[] = ['march', 'june', 'september'];
// Three sessions a year since 2012; the 19th met in March 2012.
const NUMBER_BASE = { march: 19, june: 20, september: 21 } as const;

/** The number of the session of a year and slot. */
export function sessionNumber(year: number, slot: SessionSlot): number {
  return 3 * (year - 2012) + NUMBER_BASE[slot];
}

/** The year and slot of a session number (18 is September 2011). */
export function sessionByNumber(number: number): SessionKey {
  const offset = number - 19;
  const year = 2012 + Math.floor(offset / 3);
  const slot = SLOTS[((offset % 3) + 3) % 3]!;
  return { year, slot, number };
}

function date(isoDate: string): DateTime {
  return DateTime.fromISO(parseIsoDate(isoDate), { zone: REFERENCE_ZONE });
}

/**
 * The session whose communications report lists a letter sent on a date:
 * March — sent 1 June to 30 November of the previous year; June — 1 December to the end of February;
 * September — 1 March to 31 May.
 */
export function sessionForSentDate(isoDate: string): SessionKey {
  const d = date(isoDate);
  const m = d.month;
  if (m >= 6 && m <= 11) return key(d.year + 1, 'march');
  if (m === 12) return key(d.year + 1, 'june');
  if (m <= 2) return key(d.year, 'june');
  return key(d.year, 'september');
}

/**
 * The session whose report counts a reply received on a date: the sending windows shifted two months later
 * (March — 1 August to 31 January; June — 1 February to 30 April; September — 1 May to 31 July).
 */
export function sessionForReplyDate(isoDate: string): SessionKey {
  const shifted = date(isoDate).minus({ months: 2 }).toISODate() as string;
  return sessionForSentDate(shifted);
}

/** The sending and reply windows of a session's communications report. */
export function sessionWindows(number: number): { sent: DateWindow; replies: DateWindow } {
  const { year, slot } = sessionByNumber(number);
  const starts: Record<SessionSlot, DateTime> = {
    march: DateTime.fromObject({ year: year - 1, month: 6, day: 1 }, { zone: REFERENCE_ZONE }),
    june: DateTime.fromObject({ year: year - 1, month: 12, day: 1 }, { zone: REFERENCE_ZONE }),
    september: DateTime.fromObject({ year, month: 3, day: 1 }, { zone: REFERENCE_ZONE }),
  };
  const months = slot === 'march' ? 6 : 3;
  const from = starts[slot];
  const window = (start: DateTime): DateWindow => ({
    from: start.toISODate() as string,
    to: start.plus({ months }).minus({ days: 1 }).toISODate() as string,
  });
  return { sent: window(from), replies: window(from.plus({ months: 2 })) };
}

function key(year: number, slot: SessionSlot): SessionKey {
  return { year, slot, number: sessionNumber(year, slot) };
}
