import type { AppContext } from '../../context.ts';
import { auditReads, type AuditedRead } from '../../commands/audit-read.ts';
import { openAnswers, type InquiryAnswer } from '../../commands/register/answer-inquiry.ts';
import { nameDigests } from '../../commands/register/register-fields.ts';
import { recordId } from '../../commands/register/register-input.ts';
import { detentionOf, disappearanceOf, personOf, placeOf } from '../../commands/register/register-records.ts';
import { INQUIRY_STATUSES, openInquirer, openSubject, type Inquirer, type InquiryStatus, type InquirySubject } from '../../commands/register/submit-inquiry.ts';
import { countInquiriesByStatus, findInquiry, listInquiryRows } from '../../db/repositories/inquiries-repository.ts';
import {
  findPersonIdsByKeys,
  findPersonNames,
  findPersons,
  findPlaces,
  listDetentionsOfPerson,
  listDisappearancesOfPerson,
  listStays,
} from '../../db/repositories/register-repository.ts';
import { matchPerson, type MatchReason, type MatchVerdict } from '../../domain/person-match.ts';
import type { PartialDate } from '../../domain/register/partial-date.ts';
import type { Person, Place } from '../../domain/register/records.ts';
import { AppError } from '../../errors.ts';
import { authorizeRegister, visibleClasses, type RestrictedClass } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { presentDetention, presentDisappearance, presentPerson, type PersonView } from '../../presenters/register-presenter.ts';

/** Inquiries per page of the staff list. */
export const INQUIRY_PAGE_SIZE = 50;
/** Persons found by name whose match is computed; the name index may find more for a common family name. */
const CANDIDATES_SCORED = 200;
/** Candidates shown on an inquiry's page, best first. */
export const CANDIDATES_SHOWN = 20;

/** An inquiry in the staff list: nothing of the inquirer, so that listing reveals no one. */
export interface InquiryListItem {
  id: string;
  reference: string;
  status: InquiryStatus;
  language: string;
  createdAt: string;
  /** The first name the inquirer gave for the person asked about. */
  subjectName: string;
  subjectBirthYear: number | null;
  answeredAt: string | null;
}

/** A page of the staff list of inquiries, with the count of each status. */
export interface InquiryList {
  items: InquiryListItem[];
  counts: Record<InquiryStatus, number>;
  total: number;
  page: number;
  pageSize: number;
}

/** A person of the register who may be the one asked about, with what staff need to decide an answer. */
export interface InquiryCandidate {
  person: PersonView;
  verdict: MatchVerdict;
  score: number;
  reasons: MatchReason[];
  /** The person's latest detention, as the reader may see it. */
  detention: {
    id: string;
    status: string;
    arrested: PartialDate;
    currentAuthority: string | null;
    /** Absent unless the reader may see places of detention. */
    currentPlaceId?: string | null;
  } | null;
  /** The person's latest disappearance, if any. */
  disappearance: { id: string; status: string; lastSeen: PartialDate; lastSeenPlaceId?: string | null } | null;
  /** True when an answer already names this person. */
  linked: boolean;
}

/** One inquiry as a case officer sees it: everything the inquirer gave, the answers so far, the candidates. */
export interface InquiryPage {
  id: string;
  reference: string;
  language: string;
  status: InquiryStatus;
  createdAt: string;
  version: number;
  personId: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  inquirer: Inquirer;
  subject: InquirySubject;
  answers: InquiryAnswer[];
  /** Best first: 'same', then 'likely', then 'different', each by score. */
  candidates: InquiryCandidate[];
  /** The places the candidates' visible fields name, by id. */
  places: Record<string, Place>;
}

const statusOf = (s: string): InquiryStatus => ((INQUIRY_STATUSES as readonly string[]).includes(s) ? (s as InquiryStatus) : 'open');

/**
 * The inquiries for staff, newest first, of one status or all, a page at a time. Only the reference,
 * dates, status and the name of the person asked about are shown: the inquirer is revealed only on the
 * inquiry's own page, where the read is audited.
 */
export async function listInquiries(ctx: AppContext, principal: Principal, query: { status?: string; page?: number } = {}): Promise<InquiryList> {
  authorizeRegister(principal, 'answer_inquiry');
  const status = query.status && (INQUIRY_STATUSES as readonly string[]).includes(query.status) ? (query.status as InquiryStatus) : undefined;
  const page = Number.isInteger(query.page) && query.page! >= 1 ? Math.min(query.page!, 100_000) : 1;
  const db = ctx.store.db;
  const [rows, byStatus] = await Promise.all([
    listInquiryRows(db, { ...(status ? { status } : {}), limit: INQUIRY_PAGE_SIZE, offset: (page - 1) * INQUIRY_PAGE_SIZE }),
    countInquiriesByStatus(db),
  ]);
  const counts = Object.fromEntries(INQUIRY_STATUSES.map((s) => [s, byStatus.get(s) ?? 0])) as Record<InquiryStatus, number>;
  return {
    items: rows.map((r) => {
      const subject = openSubject(ctx, r);
      return {
        id: r.id,
        reference: r.reference,
        status: statusOf(r.status),
        language: r.language,
        createdAt: r.created_at,
        subjectName: subject.names[0] ?? '',
        subjectBirthYear: subject.birthYear,
        answeredAt: r.answered_at,
      };
    }),
    counts,
    total: INQUIRY_STATUSES.reduce((n, s) => n + counts[s], 0),
    page,
    pageSize: INQUIRY_PAGE_SIZE,
  };
}

/**
 * One inquiry for a case officer: the inquirer (restricted class `inquirer`), the person asked about, the
 * answers recorded so far, and the candidate records — persons of the register found under the keyed name
 * index by any name the inquirer gave (transliteration-aware: "Nurlan Zhanbulatov" finds Жанбулатов Нурлан),
 * ranked by the person matcher with the birth year, each with its latest detention's status and current
 * authority, and the place of detention for readers who may see places. The reading of the inquirer, and
 * of every restricted class a candidate shows, is recorded in the audit chain before anything is returned.
 * An inquiry one may not see is the same NOT_FOUND as a missing one.
 */
export async function getInquiry(ctx: AppContext, principal: Principal, id: string): Promise<InquiryPage> {
  authorizeRegister(principal, 'answer_inquiry');
  const key = recordId.safeParse(id);
  if (!key.success) throw new AppError('NOT_FOUND', 'no such record');
  const row = await findInquiry(ctx.store.db, key.data);
  if (!row) throw new AppError('NOT_FOUND', 'no such record');
  const subject = openSubject(ctx, row);
  const classes = visibleClasses(principal);
  const { candidates, reads } = await candidatesOf(ctx, classes, subject, row.person_id);
  const placeIds = candidates.flatMap((c) => [c.detention?.currentPlaceId, c.disappearance?.lastSeenPlaceId]).filter((x): x is string => typeof x === 'string');
  const places = Object.fromEntries((await findPlaces(ctx.store.db, placeIds)).map((p) => [p.id, placeOf(p)]));
  const inquirer = openInquirer(ctx, row);
  await auditReads(ctx, principal, [{ recordType: 'inquiry', recordId: row.id, what: 'inquirer' }, ...reads]);
  return {
    id: row.id,
    reference: row.reference,
    language: row.language,
    status: statusOf(row.status),
    createdAt: row.created_at,
    version: Number(row.version),
    personId: row.person_id,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    inquirer,
    subject,
    answers: openAnswers(ctx, row),
    candidates,
    places,
  };
}

const RANK: Record<MatchVerdict, number> = { same: 0, likely: 1, different: 2 };

/** The candidate records of an inquiry, best first, and the restricted reads their views make. */
async function candidatesOf(
  ctx: AppContext,
  classes: ReadonlySet<RestrictedClass>,
  subject: InquirySubject,
  linkedId: string | null,
): Promise<{ candidates: InquiryCandidate[]; reads: AuditedRead[] }> {
  const db = ctx.store.db;
  const found = await findPersonIdsByKeys(db, nameDigests(ctx, subject.names));
  // A common family name can find many; those sharing the most keys (family and initial) come first.
  const ids = [...found.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, CANDIDATES_SCORED)
    .map(([pid]) => pid);
  if (linkedId && !ids.includes(linkedId)) ids.push(linkedId);
  if (ids.length === 0) return { candidates: [], reads: [] };
  const [rows, names] = await Promise.all([findPersons(db, ids), findPersonNames(db, ids)]);
  const scored = rows
    .map((r) => {
      const person = personOf(ctx, r, names);
      const match = matchPerson(
        { names: subject.names, birthYear: subject.birthYear },
        { names: person.names.map((n) => n.name), sex: person.sex === 'm' || person.sex === 'f' ? person.sex : null, birthYear: person.birthYear },
      );
      return { person, match, linked: r.id === linkedId };
    })
    .sort((a, b) => RANK[a.match.verdict] - RANK[b.match.verdict] || b.match.score - a.match.score || a.person.id.localeCompare(b.person.id));
  const shown = scored.slice(0, CANDIDATES_SHOWN);
  // The person an answer names stays on the page even when the index no longer ranks it among the best.
  const linked = scored.find((s) => s.linked);
  if (linked && !shown.includes(linked)) shown.push(linked);

  const candidates: InquiryCandidate[] = [];
  const reads: AuditedRead[] = [];
  for (const s of shown) {
    const c = await candidateOf(ctx, classes, s.person, s.match, s.linked);
    candidates.push(c);
    for (const what of revealedBy(c)) reads.push({ recordType: 'person', recordId: s.person.id, what });
  }
  return { candidates, reads };
}

/** One candidate as the reader may see it: the presenter decides every restricted field. */
async function candidateOf(
  ctx: AppContext,
  classes: ReadonlySet<RestrictedClass>,
  person: Person,
  match: { verdict: MatchVerdict; score: number; reasons: MatchReason[] },
  linked: boolean,
): Promise<InquiryCandidate> {
  const db = ctx.store.db;
  const [detentions, disappearances] = await Promise.all([listDetentionsOfPerson(db, person.id), listDisappearancesOfPerson(db, person.id)]);
  const latest = detentions[detentions.length - 1];
  const detention = latest ? presentDetention(detentionOf(ctx, latest, await listStays(db, [latest.id])), classes) : null;
  const lastDisappearance = disappearances[disappearances.length - 1];
  const disappearance = lastDisappearance ? presentDisappearance(disappearanceOf(ctx, lastDisappearance), classes) : null;
  return {
    person: presentPerson(person, classes),
    verdict: match.verdict,
    score: match.score,
    reasons: match.reasons,
    detention: detention
      ? {
          id: detention.id,
          status: detention.status,
          arrested: detention.arrested,
          currentAuthority: detention.currentAuthority,
          ...(detention.currentPlaceId !== undefined ? { currentPlaceId: detention.currentPlaceId } : {}),
        }
      : null,
    disappearance: disappearance
      ? {
          id: disappearance.id,
          status: disappearance.status,
          lastSeen: disappearance.lastSeen,
          ...(disappearance.lastSeenPlaceId !== undefined ? { lastSeenPlaceId: disappearance.lastSeenPlaceId } : {}),
        }
      : null,
    linked,
  };
}

/** The restricted classes a candidate's view shows: a withheld identity's names, a place of detention. */
function revealedBy(c: InquiryCandidate): RestrictedClass[] {
  const out: RestrictedClass[] = [];
  if (c.person.identityWithheld && c.person.names) out.push('identity');
  if (c.detention && c.detention.currentPlaceId !== undefined) out.push('detention_place');
  return out;
}
