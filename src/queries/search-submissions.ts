import type { AppContext } from '../context.ts';
import { listRecentSubmissions, listVictimsOf } from '../db/repositories/submissions-repository.ts';
import { headerOf, openFacts, openVictims } from '../commands/submissions/submission-fields.ts';
import type { SubmissionStatus } from '../domain/submission.ts';
import { authorizeSubmission } from '../policies/submission-policy.ts';
import type { Principal } from '../policies/principal.ts';

/** A submission found by {@link searchSubmissions}: enough to list it and link to it. */
export interface SubmissionHit {
  id: string;
  reference: string;
  status: SubmissionStatus;
  createdAt: string;
  countryCode: string | null;
  summary: string;
  /** Which fields matched: `reference`, `summary`, `place`, `perpetrators`, `circumstances`, `victims`. */
  matched: string[];
}

/**
 * How many of the newest submissions a search reads. Restricted fields are encrypted, so no index can
 * search them: the search decrypts in memory, and this bound keeps its cost fixed. Older submissions are
 * found by their reference in the inbox.
 */
export const SEARCH_SCAN_LIMIT = 2000;
/** Most hits a search returns. */
export const SEARCH_MAX_RESULTS = 100;

/** Lower case, accents removed, spaces collapsed: "Жанбулатов", "Zhanaózen" match as people type them. */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Searches submissions for case officers (everyone else: NOT_FOUND): every word of `query` must appear,
 * case and accents aside, in the reference, summary, place, perpetrators, circumstances or victims' names
 * of one of the {@link SEARCH_SCAN_LIMIT} newest submissions; newest first, at most `limit` (≤ 100). The
 * submitter's identity is never searched (reading it is audited one submission at a time). Decrypted text
 * stays in memory; the results carry only the summary.
 *
 * @example await searchSubmissions(ctx, officer, 'Zhanaozen detention', 20)
 */
export async function searchSubmissions(ctx: AppContext, principal: Principal, query: string, limit: number): Promise<SubmissionHit[]> {
  authorizeSubmission(principal, 'search');
  const words = fold(String(query).slice(0, 200)).split(' ').filter((w) => w.length > 0);
  const max = Math.max(0, Math.min(SEARCH_MAX_RESULTS, Math.floor(Number.isFinite(limit) ? limit : 0)));
  if (words.length === 0 || max === 0) return [];
  const rows = await listRecentSubmissions(ctx.store.db, SEARCH_SCAN_LIMIT);
  const hits: SubmissionHit[] = [];
  const BATCH = 200;
  for (let i = 0; i < rows.length && hits.length < max; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const victimRows = await listVictimsOf(ctx.store.db, batch.map((r) => r.id));
    for (const row of batch) {
      if (hits.length >= max) break;
      const facts = openFacts(ctx, row);
      const victims = openVictims(ctx, victimRows.filter((v) => v.submission_id === row.id));
      const fields: Record<string, string> = {
        reference: fold(row.reference),
        summary: fold(facts.summary),
        place: fold(facts.place),
        perpetrators: fold(facts.perpetrators),
        circumstances: fold(facts.circumstances),
        victims: fold(victims.map((v) => v.name).join(' · ')),
      };
      const all = Object.values(fields).join('\n');
      if (!words.every((w) => all.includes(w))) continue;
      const header = headerOf(row);
      hits.push({
        id: header.id,
        reference: header.reference,
        status: header.status,
        createdAt: header.createdAt,
        countryCode: header.countryCode,
        summary: facts.summary,
        matched: Object.entries(fields)
          .filter(([, v]) => words.some((w) => v.includes(w)))
          .map(([k]) => k),
      });
    }
  }
  return hits;
}
