import type { AppContext } from '../../context.ts';
import { auditReads, type AuditedRead } from '../../commands/audit-read.ts';
import { personOf } from '../../commands/register/register-records.ts';
import { countPendingReviews, findArrestsOfPersons, findListImport, listPendingReviews } from '../../db/repositories/list-import-repository.ts';
import { findPersonNames, findPersons, findPlaces } from '../../db/repositories/register-repository.ts';
import { authorizeRegister, visibleClasses } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';

/** One side of a likely match, as the reviewer compares it. */
export interface ReviewSide {
  id: string;
  names: string[];
  sex: string | null;
  birthYear: number | null;
  occupation: string | null;
  homePlace: string | null;
  /** The arrests recorded: date, place (absent when the reader may not see places of detention), status. */
  arrests: Array<{ on: string; place?: string | null; status: string }>;
  version: number;
}

/** A likely match awaiting a decision. */
export interface PendingReview {
  id: string;
  importId: string;
  fileName: string;
  row: number;
  score: number;
  reasons: string[];
  createdAt: string;
  incoming: ReviewSide;
  candidate: ReviewSide;
}

/** A page of the review queue. */
export interface ReviewQueue {
  total: number;
  page: number;
  pageSize: number;
  items: PendingReview[];
}

/** Reviews per page. */
export const REVIEW_PAGE_SIZE = 20;

/**
 * The likely matches awaiting a decision, oldest first, each with both persons side by side: names, sex,
 * birth year, occupation, place of residence, arrests, and the matcher's reasons. Case officers only
 * (policy `review_match`); the reads of restricted parts shown (a withheld identity, places of arrest)
 * are recorded in the audit chain before the page is returned.
 */
export async function listMatchReviews(ctx: AppContext, principal: Principal, query: { page?: number } = {}): Promise<ReviewQueue> {
  authorizeRegister(principal, 'review_match');
  const db = ctx.store.db;
  const total = await countPendingReviews(db);
  const pages = Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(query.page ?? 1) || 1), pages);
  const rows = await listPendingReviews(db, { limit: REVIEW_PAGE_SIZE, offset: (page - 1) * REVIEW_PAGE_SIZE });
  const ids = [...new Set(rows.flatMap((r) => [r.person_id, r.candidate_id]))];
  const [persons, names, arrests] = await Promise.all([findPersons(db, ids), findPersonNames(db, ids), findArrestsOfPersons(db, ids)]);
  const classes = visibleClasses(principal);
  const showPlaces = classes.has('detention_place');
  const placeIds = [
    ...persons.map((p) => p.home_place_id),
    ...(showPlaces ? arrests.map((a) => a.arrest_place_id) : []),
  ].filter((x): x is string => typeof x === 'string');
  const placeNames = new Map((await findPlaces(db, placeIds)).map((p) => [p.id, p.name]));
  const reads: AuditedRead[] = [];
  const side = (id: string): ReviewSide => {
    const row = persons.find((p) => p.id === id)!;
    const person = personOf(ctx, row, names);
    const mine = arrests.filter((a) => a.person_id === id).sort((a, b) => a.arrested_on.localeCompare(b.arrested_on));
    if (person.identityWithheld) reads.push({ recordType: 'person', recordId: id, what: 'identity' });
    if (showPlaces && mine.some((a) => a.arrest_place_id !== null)) reads.push({ recordType: 'person', recordId: id, what: 'detention_place' });
    return {
      id,
      names: person.names.map((n) => n.name),
      sex: person.sex,
      birthYear: person.birthYear,
      occupation: person.occupation,
      homePlace: person.homePlaceId ? (placeNames.get(person.homePlaceId) ?? person.homePlaceId) : null,
      arrests: mine.map((a) => ({
        on: a.arrested_on,
        ...(showPlaces ? { place: a.arrest_place_id ? (placeNames.get(a.arrest_place_id) ?? a.arrest_place_id) : null } : {}),
        status: a.status,
      })),
      version: person.version,
    };
  };
  const imports = new Map<string, string>();
  const items: PendingReview[] = [];
  for (const r of rows) {
    if (!imports.has(r.import_id)) imports.set(r.import_id, (await findListImport(db, r.import_id))?.file_name ?? '');
    items.push({
      id: r.id,
      importId: r.import_id,
      fileName: imports.get(r.import_id)!,
      row: Number(r.row_number),
      score: Number(r.score),
      reasons: JSON.parse(r.reasons) as string[],
      createdAt: r.created_at,
      incoming: side(r.person_id),
      candidate: side(r.candidate_id),
    });
  }
  // Deduplicated: a person shown twice on the page is one read.
  const unique = [...new Map(reads.map((r) => [`${r.recordId} ${r.what}`, r])).values()];
  await auditReads(ctx, principal, unique);
  return { total, page, pageSize: REVIEW_PAGE_SIZE, items };
}
