import { COMMUNICATION_TYPES, type CommunicationType } from '../domain/reference.ts';
import { countsAsReply, REPLY_KINDS, type ReplyKind } from '../domain/replies.ts';
import { sessionByNumber, sessionForReplyDate, sessionForSentDate, sessionWindows, type DateWindow, type SessionKey } from '../domain/sessions-calendar.ts';
import type { PublicRecord } from '../presenters/communication-presenter.ts';

/**
 * The communications report to a session of the Human Rights Council, built from public records only and
 * in no language in particular (names are resolved by `presentSessionReport`). As in the Council's joint
 * reports: section A lists the communications sent in the session's sending window, each with the replies
 * received by the end of its reply window (the sending window two months later); section B lists the
 * replies received in the reply window to communications of earlier reports. The windows tile the
 * calendar, so every reply is counted in exactly one report: with its letter when it came in time, else in
 * section B of the report whose reply window it fell in.
 */

/** What the report says of a communication: public fields only, taken from its public record. */
export interface ReportLetter {
  reference: string;
  slug: string;
  type: CommunicationType;
  displayType: string;
  joint: boolean;
  addressee: { id: string; code: string };
  mandates: string[];
  sentAt: string;
  sentDate: string;
  /** The session whose report lists the letter (section A). */
  session: number;
  subject: string;
  synthetic: boolean;
}

/** A reply as the report lists it. */
export interface ReportReply {
  receivedOn: string;
  kind: ReplyKind;
  language: string;
}

/** A reply under its letter in section A: whether it came by the end of the reply window, and if not, which report lists it. */
export interface SectionAReply extends ReportReply {
  inWindow: boolean;
  /** The session whose report counts the reply: this one when in the window, a later one's section B otherwise. */
  reportedIn: number;
}

/** A communication of section A. */
export interface SectionAEntry extends ReportLetter {
  replies: SectionAReply[];
  /** A reply that is more than an acknowledgment came by the end of the reply window. */
  repliedInWindow: boolean;
}

/** A reply of section B, with the earlier communication it answers. */
export interface SectionBEntry {
  letter: ReportLetter;
  reply: ReportReply;
}

/** A count of communications and how many of them were replied to within the window. */
export interface CountRow {
  count: number;
  replied: number;
}

/** The report's statistics tables. Every table over section A sums to its communications. */
export interface ReportStatistics {
  communications: number;
  replied: number;
  /** `replied / communications`, or null when no communication was sent. */
  replyRate: number | null;
  byType: Array<{ type: CommunicationType } & CountRow>;
  joint: { joint: CountRow; single: CountRow };
  /** By addressee (non-State addressees share the code OTH, so they are told apart by id), largest first. */
  byAddressee: Array<{ addressee: { id: string; code: string } } & CountRow>;
  /** By signing mandate, largest first: a joint letter counts once for each of its mandates. */
  byMandate: Array<{ mandate: string } & CountRow>;
  /** Section B: replies to earlier communications received in the window. */
  earlier: { replies: number; communications: number; byKind: Array<{ kind: ReplyKind; count: number }> };
}

/** The communications report to one session. */
export interface SessionReport {
  session: SessionKey;
  windows: { sent: DateWindow; replies: DateWindow };
  /** The Geneva date the report was drawn up on. */
  asOf: string;
  /** The reply window has not closed yet: replies may still come and change the figures. */
  provisional: boolean;
  sectionA: SectionAEntry[];
  sectionB: SectionBEntry[];
  statistics: ReportStatistics;
  /** The mandates that signed a communication sent in the window (slugs, by number of communications). */
  mandates: string[];
}

/** True for a Geneva date inside an inclusive window. */
export function inWindow(date: string, w: DateWindow): boolean {
  return w.from <= date && date <= w.to;
}

function letterOf(r: PublicRecord): ReportLetter {
  return {
    reference: r.reference,
    slug: r.slug,
    type: r.type,
    displayType: r.displayType,
    joint: r.joint,
    addressee: { id: r.addressee.id, code: r.addressee.code },
    mandates: [...r.mandates],
    sentAt: r.sentAt,
    sentDate: r.sentDate,
    session: sessionForSentDate(r.sentDate).number,
    subject: r.subject,
    synthetic: r.synthetic,
  };
}

const byDate = (a: { sentAt: string; reference: string }, b: { sentAt: string; reference: string }) =>
  a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0;

const largestFirst = <T extends CountRow>(key: (row: T) => string) => (a: T, b: T) => b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

function tally<K>(map: Map<string, { key: K } & CountRow>, id: string, key: K, replied: boolean): void {
  let row = map.get(id);
  if (!row) map.set(id, (row = { key, count: 0, replied: 0 }));
  row.count++;
  if (replied) row.replied++;
}

/**
 * Builds the report to session `number` from public records, as of the Geneva date `today`. Records are
 * sorted into the sections by their dates, whatever the caller passed: a record sent in the sending window
 * is in section A; a record sent before it contributes its replies received in the reply window to
 * section B; any other record is ignored.
 *
 * @example buildSessionReport(50, records, '2022-11-29').statistics.communications
 */
export function buildSessionReport(number: number, records: Iterable<PublicRecord>, today: string): SessionReport {
  const windows = sessionWindows(number);
  const sectionA: SectionAEntry[] = [];
  const sectionB: SectionBEntry[] = [];
  for (const r of records) {
    if (inWindow(r.sentDate, windows.sent)) {
      const replies = [...r.replies]
        .sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0))
        .map((reply) => {
          const within = reply.receivedOn <= windows.replies.to;
          return {
            receivedOn: reply.receivedOn,
            kind: reply.kind,
            language: reply.language,
            inWindow: within,
            reportedIn: within ? number : sessionForReplyDate(reply.receivedOn).number,
          };
        });
      sectionA.push({ ...letterOf(r), replies, repliedInWindow: replies.some((reply) => reply.inWindow && countsAsReply(reply.kind)) });
    } else if (r.sentDate < windows.sent.from) {
      const inReplyWindow = r.replies.filter((reply) => inWindow(reply.receivedOn, windows.replies));
      if (inReplyWindow.length === 0) continue;
      const letter = letterOf(r);
      for (const reply of inReplyWindow) sectionB.push({ letter, reply: { receivedOn: reply.receivedOn, kind: reply.kind, language: reply.language } });
    }
  }
  sectionA.sort(byDate);
  sectionB.sort((a, b) => (a.reply.receivedOn < b.reply.receivedOn ? -1 : a.reply.receivedOn > b.reply.receivedOn ? 1 : byDate(a.letter, b.letter)));
  const statistics = statisticsOf(sectionA, sectionB);
  return {
    session: sessionByNumber(number),
    windows,
    asOf: today,
    provisional: today <= windows.replies.to,
    sectionA,
    sectionB,
    statistics,
    mandates: statistics.byMandate.map((m) => m.mandate),
  };
}

/** The statistics tables of the two sections. */
function statisticsOf(sectionA: readonly SectionAEntry[], sectionB: readonly SectionBEntry[]): ReportStatistics {
  const types = new Map<string, { key: CommunicationType } & CountRow>(COMMUNICATION_TYPES.map((type) => [type, { key: type, count: 0, replied: 0 }]));
  const joint = { joint: { count: 0, replied: 0 }, single: { count: 0, replied: 0 } };
  const addressees = new Map<string, { key: { id: string; code: string } } & CountRow>();
  const mandates = new Map<string, { key: string } & CountRow>();
  let replied = 0;
  for (const c of sectionA) {
    const yes = c.repliedInWindow;
    if (yes) replied++;
    tally(types, c.type, c.type, yes);
    const side = c.joint ? joint.joint : joint.single;
    side.count++;
    if (yes) side.replied++;
    tally(addressees, c.addressee.id, c.addressee, yes);
    for (const m of new Set(c.mandates)) tally(mandates, m, m, yes);
  }
  const kinds = new Map<ReplyKind, number>(REPLY_KINDS.map((k) => [k, 0]));
  for (const b of sectionB) kinds.set(b.reply.kind, (kinds.get(b.reply.kind) ?? 0) + 1);
  return {
    communications: sectionA.length,
    replied,
    replyRate: sectionA.length === 0 ? null : replied / sectionA.length,
    byType: [...types.values()].map(({ key, count, replied: r }) => ({ type: key, count, replied: r })),
    joint,
    byAddressee: [...addressees.values()]
      .map(({ key, count, replied: r }) => ({ addressee: key, count, replied: r }))
      .sort(largestFirst((row) => row.addressee.id)),
    byMandate: [...mandates.values()].map(({ key, count, replied: r }) => ({ mandate: key, count, replied: r })).sort(largestFirst((row) => row.mandate)),
    earlier: {
      replies: sectionB.length,
      communications: new Set(sectionB.map((b) => b.letter.reference)).size,
      byKind: [...kinds].map(([kind, count]) => ({ kind, count })),
    },
  };
}
