import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import {
  decideReview,
  deletePerson,
  findMatchReview,
  insertRows,
  keysOfPerson,
  movePersonRecords,
  type MatchReviewRow,
} from '../../db/repositories/list-import-repository.ts';
import { findPersonNames, findPersons, updatePerson, type PersonNameRow, type PersonRow } from '../../db/repositories/register-repository.ts';
import { AppError } from '../../errors.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput } from '../input.ts';
import { personSnapshot } from './record-person.ts';
import { auditRegister, open, seal } from './register-fields.ts';
import { recordId } from './register-input.ts';

/** Input of {@link decideMatch}: same person or not, and the version of the candidate as the reviewer saw it. */
export const decideMatchSchema = z
  .object({
    decision: z.enum(['same', 'different']),
    version: z.coerce.number().int().min(1).optional(),
  })
  .strict();

/** What a decision did. */
export interface MatchDecision {
  reviewId: string;
  decision: 'same' | 'different';
  /** The person the row stands for now: the candidate after a merge, else the row's own person. */
  personId: string;
}

/** How names compare for "is it a new variant?": whitespace collapsed, case folded. */
const nameForm = (n: string) => n.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Decides a likely match left by a list import: is the person the row created the candidate already in
 * the register?
 * - `same`: the row's (provisional) person is merged into the candidate, in one transaction: its names that
 *   are new variants (re-sealed under the candidate), its keys (row keys included, so that re-importing the
 *   list finds the candidate), the facts the candidate lacks (sex, birth year, occupation, place of
 *   residence), its acts, detentions, disappearances, sources, links to communications and inquiries, and
 *   other reviews naming it, all move to the candidate; the provisional person is deleted.
 * - `different`: both persons stay; the review is closed.
 * One audit entry either way (`person.merged` on the candidate, `person.kept_apart` on the row's person).
 * Case officers only (policy `review_match`); a review that is not pending is TRANSITION_INVALID; when
 * `version` is given and the candidate has changed since, CONFLICT.
 *
 * @example await decideMatch(ctx, officer, reviewId, { decision: 'same', version: 3 })
 */
export async function decideMatch(ctx: AppContext, principal: Principal, reviewId: string, input: unknown): Promise<MatchDecision> {
  const data = parseInput(decideMatchSchema, input);
  authorizeRegister(principal, 'review_match');
  const id = recordId.safeParse(reviewId);
  if (!id.success) throw new AppError('NOT_FOUND', 'no such review');
  return ctx.store.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now().toISOString();
    const review = await findMatchReview(tx, id.data);
    if (!review) throw new AppError('NOT_FOUND', 'no such review');
    if (review.status !== 'pending') throw new AppError('TRANSITION_INVALID', `this review was already decided (${review.status})`);
    const persons = await findPersons(tx, [review.person_id, review.candidate_id]);
    const incoming = persons.find((p) => p.id === review.person_id);
    const candidate = persons.find((p) => p.id === review.candidate_id);
    if (!incoming || !candidate) throw new AppError('NOT_FOUND', 'no such person');
    if (data.version !== undefined && Number(candidate.version) !== data.version) {
      throw new AppError('CONFLICT', 'the known person changed since the review was shown; look at it again');
    }
    const decided = { decided_by: principal.name, decided_at: at };

    if (data.decision === 'different') {
      if (!(await decideReview(tx, review.id, { status: 'different', ...decided }))) throw new AppError('TRANSITION_INVALID', 'this review was already decided');
      await auditRegister(tx, {
        at,
        actor: principal.name,
        record: 'person',
        action: 'kept_apart',
        id: incoming.id,
        before: reviewSnapshot(review),
        after: reviewSnapshot({ ...review, status: 'different', ...decided }),
        details: { reviewId: review.id, importId: review.import_id, candidateId: candidate.id },
      });
      return { reviewId: review.id, decision: 'different', personId: incoming.id };
    }

    const names = await findPersonNames(tx, [incoming.id, candidate.id]);
    const own = names.filter((n) => n.person_id === candidate.id);
    const theirs = names.filter((n) => n.person_id === incoming.id);
    const before = { candidate: personSnapshot(candidate, own), merged: personSnapshot(incoming, theirs), review: reviewSnapshot(review) };

    // Names: the new variants, re-sealed under the candidate at the next positions.
    const have = new Map(own.map((n) => [nameForm(open(ctx, 'person_names', 'name', `${candidate.id}#${Number(n.position)}`, n.name)), Number(n.position)]));
    let next = own.reduce((m, n) => Math.max(m, Number(n.position) + 1), 0);
    const positionOf = new Map<number, number>();
    const added: PersonNameRow[] = [];
    for (const n of [...theirs].sort((a, b) => Number(a.position) - Number(b.position))) {
      const clear = open(ctx, 'person_names', 'name', `${incoming.id}#${Number(n.position)}`, n.name);
      const known = have.get(nameForm(clear));
      if (known !== undefined) {
        positionOf.set(Number(n.position), known);
        continue;
      }
      if (own.length + added.length >= 20) continue;
      positionOf.set(Number(n.position), next);
      have.set(nameForm(clear), next);
      added.push({
        person_id: candidate.id,
        position: next,
        name: seal(ctx, 'person_names', 'name', `${candidate.id}#${next}`, clear),
        script: n.script,
        transliteration_of: null,
        transliteration: n.transliteration,
      });
      next++;
    }
    // A transliteration keeps pointing at its original, wherever that one now is.
    for (const a of added) {
      const source = theirs.find((n) => positionOf.get(Number(n.position)) === a.position);
      const of = source?.transliteration_of;
      a.transliteration_of = of === null || of === undefined ? null : (positionOf.get(Number(of)) ?? null);
    }
    await insertRows(tx, 'person_names', added);

    // Keys: the provisional person's that the candidate lacks (its row keys included).
    const candidateKeys = new Set(await keysOfPerson(tx, candidate.id));
    const keys = (await keysOfPerson(tx, incoming.id)).filter((k) => !candidateKeys.has(k));
    await insertRows(
      tx,
      'person_keys',
      keys.map((key) => ({ key, person_id: candidate.id })),
    );

    if (!(await decideReview(tx, review.id, { status: 'same', ...decided, person_id: candidate.id }))) throw new AppError('TRANSITION_INVALID', 'this review was already decided');
    const moved = await movePersonRecords(tx, incoming.id, candidate.id);
    await deletePerson(tx, incoming.id);

    const after: PersonRow = {
      ...candidate,
      sex: candidate.sex ?? incoming.sex,
      birth_year: candidate.birth_year ?? incoming.birth_year,
      occupation: candidate.occupation ?? incoming.occupation,
      affiliation: candidate.affiliation ?? incoming.affiliation,
      home_place_id: candidate.home_place_id ?? incoming.home_place_id,
      updated_at: at,
      version: Number(candidate.version) + 1,
    };
    const patch = { sex: after.sex, birth_year: after.birth_year, occupation: after.occupation, affiliation: after.affiliation, home_place_id: after.home_place_id, updated_at: at };
    if (!(await updatePerson(tx, candidate.id, Number(candidate.version), patch))) throw new AppError('CONFLICT', 'the known person changed meanwhile; try again');

    await auditRegister(tx, {
      at,
      actor: principal.name,
      record: 'person',
      action: 'merged',
      id: candidate.id,
      before,
      after: { candidate: personSnapshot(after, [...own, ...added]), review: reviewSnapshot({ ...review, status: 'same', ...decided, person_id: candidate.id }) },
      details: { reviewId: review.id, importId: review.import_id, merged: incoming.id, names: added.length, keys: keys.length, ...moved },
    });
    return { reviewId: review.id, decision: 'same', personId: candidate.id };
  });
}

/** A review as the audit log digests it. */
function reviewSnapshot(r: MatchReviewRow): unknown {
  return { ...r, row_number: Number(r.row_number), score: Number(r.score) };
}
