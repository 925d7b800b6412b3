import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AppContext } from '../../context.ts';
import { indexDigest, open } from '../../commands/register/register-fields.ts';
import { findArrestsOfPersons, findKeyPairs, findNamesOfPersons, findPersonsById, type ArrestRow } from '../../db/repositories/list-import-repository.ts';
import type { Database, PersonNamesTable } from '../../db/schema.ts';
import { blockingKeys } from '../../domain/name-key.ts';
import { matchPerson, type PersonFacts, type PersonMatch } from '../../domain/person-match.ts';
import type { Sex } from '../../domain/register/vocabulary.ts';
import type { RowReport } from './row-report.ts';
import type { IncomingDetention, IncomingRow } from './validate-rows.ts';

/**
 * Matching a list against the register, without writing: for each row, the persons it may be (found by
 * the keyed name index, the rows of the same file before it included), each compared by the person
 * matcher, and the outcome decided. The result is a plan that the import then writes in one transaction
 * (see `runListImport` for how the plan is known to be still true at that moment).
 *
 * **Re-imports.** Each row carries a *row key*: the keyed digest (the name index's HMAC, so no clear value
 * is stored) of everything the row says, stored among the person's name keys. The same row imported again
 * finds the person it went to — also a provisional one awaiting review, or the person it was merged into
 * — and is `unchanged`: re-importing a list never creates duplicates, even for rows that name a person
 * too thinly for the matcher to say "same" (no birth year). A change of a person's names through the
 * register's editing replaces its keys and drops row keys; a later re-import then goes through the
 * matcher as any other list.
 *
 * **Candidates.** A row is looked up by its row key and, for each reading of each name, by the most
 * specific blocking key: `family|initial` (the family key alone only for a name without a given name or
 * initial). A common family (Ivanov) then brings the few persons who share the initial, not the thousands
 * who share the family: those with another initial could only be 'different' (the matcher's given-name
 * veto). Persons recorded with a family name alone are therefore not offered to rows that give a given
 * name; the later probabilistic linkage across whole lists is for such thin records. Known candidates are
 * ranked (keys shared, nearest birth year, agreeing sex) and the first {@link MAX_CANDIDATES} compared.
 */

type Db = Kysely<Database>;
type NameRow = Selectable<PersonNamesTable>;

/** Rows per chunk: one round of batched reads, one progress step. */
export const PLAN_CHUNK = 500;
/** Persons compared with one row at most (known ones, and as many created by earlier rows), best first. */
export const MAX_CANDIDATES = 10;

/** A checked row with the keyed digests it is looked up and indexed by. */
export interface PreparedRow extends IncomingRow {
  /** Keyed digests of the blocking keys of each name variant, in the order of `names`. */
  nameKeys: string[][];
  /** Every name digest of the row, deduplicated: what a person created from it is indexed by. */
  keys: string[];
  /** The digests it is looked up by: the most specific blocking key of each reading (see the module comment). */
  lookup: string[];
  /** The row key (see the module comment). */
  rowKey: string;
}

/** Normal form of a name for "is this variant new?": whitespace collapsed, case folded. */
export function sameNameForm(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** What a row says, in a fixed order, as its row key digests it. */
function rowText(r: IncomingRow): string {
  const d = r.detention;
  return JSON.stringify([
    r.names.map(sameNameForm),
    r.sex,
    r.birthYear,
    r.occupation,
    r.homePlaceId,
    d ? [d.arrested.value, d.arrestPlaceId, d.detentionPlaceId, d.authority, d.charges, d.releasedOn, d.convictedOn, d.note] : null,
  ]);
}

/** Adds the keyed digests to checked rows (each distinct blocking key is digested once). */
export function prepareRows(ctx: Pick<AppContext, 'keys'>, rows: readonly IncomingRow[]): PreparedRow[] {
  const digests = new Map<string, string>();
  const digestOf = (key: string) => {
    let d = digests.get(key);
    if (d === undefined) digests.set(key, (d = indexDigest(ctx, key)));
    return d;
  };
  return rows.map((r) => {
    const blocking = r.names.map((n) => blockingKeys(n));
    const nameKeys = blocking.map((keys) => [...new Set(keys.map(digestOf))]);
    const lookup = new Set<string>();
    for (const keys of blocking) {
      for (const k of keys) if (k.includes('|') || !keys.some((x) => x.startsWith(`${k}|`))) lookup.add(digestOf(k));
    }
    return { ...r, nameKeys, keys: [...new Set(nameKeys.flat())], lookup: [...lookup], rowKey: indexDigest(ctx, `list-row\u0000${rowText(r)}`) };
  });
}

/** A person the import creates (a new one, or a provisional one kept apart for review). */
export interface NewPerson {
  id: string;
  row: number;
  names: string[];
  sex: Sex | null;
  birthYear: number | null;
  occupation: string | null;
  homePlaceId: string | null;
  keys: Set<string>;
}

/** A known person the import adds to: name variants (at positions from `nextPosition`), keys, unknown facts. */
export interface PersonUpdate {
  id: string;
  nextPosition: number;
  addNames: string[];
  addKeys: Set<string>;
  fill: { sex?: Sex; birth_year?: number; occupation?: string; home_place_id?: string };
}

/** A detention the import creates. */
export interface PlannedDetention {
  id: string;
  personId: string;
  row: number;
  detention: IncomingDetention;
}

/** A likely match the import leaves for staff. */
export interface PlannedReview {
  id: string;
  row: number;
  personId: string;
  candidateId: string;
  score: number;
  reasons: string[];
}

/** What an import will write, and the report of every row. */
export interface ImportPlan {
  report: RowReport[];
  created: number;
  matched: number;
  unchanged: number;
  toReview: number;
  newPersons: NewPerson[];
  /** Known persons the import changes (names, keys, facts). */
  updates: PersonUpdate[];
  detentions: PlannedDetention[];
  reviews: PlannedReview[];
  /** Known records the import confirms: linked to its source. */
  confirms: { persons: string[]; detentions: string[] };
}

/** A candidate as compared: what is known now, the import's planned additions included. */
interface Candidate {
  id: string;
  known: boolean;
  /** Name variants in clear (decrypted on first use). */
  names: string[];
  sex: Sex | null;
  birthYear: number | null;
  homePlaceId: string | null;
  occupation: string | null;
  /** Arrests as `date|place`, to the detention id when known. */
  arrests: Map<string, string | null>;
  /** The keyed digests the person is known to hold (for a known person: those the reads met). */
  keys: Set<string>;
  nextPosition: number;
}

const arrestKey = (on: string, place: string | null) => `${on}|${place ?? ''}`;

/**
 * A person of the register as a candidate, its names decrypted on first use. Built outside the planning loop
 * on purpose: a closure made inside it would keep the whole chunk's reads alive (V8 closures hold their
 * enclosing scope), and the candidates the plan changes are kept until the end of the file — at a million
 * persons that was gigabytes.
 */
function knownCandidate(
  ctx: Pick<AppContext, 'keys'>,
  p: { id: string; sex: string | null; birth_year: number | null; home_place_id: string | null; occupation: string | null },
  nameRows: readonly NameRow[],
  arrestRows: readonly ArrestRow[],
  keys: ReadonlySet<string> | undefined,
): Candidate {
  const id = p.id;
  const own = [...nameRows].sort((a, b) => Number(a.position) - Number(b.position)).map((n) => ({ position: Number(n.position), name: n.name }));
  let names: string[] | null = null;
  return {
    id,
    known: true,
    get names() {
      names ??= own.map((n) => open(ctx, 'person_names', 'name', `${id}#${n.position}`, n.name));
      return names;
    },
    sex: (p.sex as Sex | null) ?? null,
    birthYear: p.birth_year === null ? null : Number(p.birth_year),
    homePlaceId: p.home_place_id,
    occupation: p.occupation,
    arrests: new Map(arrestRows.map((a) => [arrestKey(a.arrested_on, a.arrest_place_id), a.id])),
    keys: new Set(keys ?? []),
    nextPosition: own.reduce((m, n) => Math.max(m, n.position + 1), 0),
  };
}

/** Appends to the list of a key, in place (copying the list on every append is quadratic for common keys). */
function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Orders matches: verdict first, then score. */
function rank(m: PersonMatch): number {
  return (m.verdict === 'same' ? 2 : m.verdict === 'likely' ? 1 : 0) * 10 + m.score;
}

/** Options of {@link planImport}. */
export interface PlanOptions {
  /** Called after each chunk with the rows matched so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Whether to let other work run between chunks (outside a transaction). */
  yieldBetweenChunks?: boolean;
}

/**
 * Matches every row against the register and the rows before it, and plans what to write. For each row:
 * - a person holding the row's row key (in the register, or created or attached earlier in this file) →
 *   the same record again;
 * - else its candidates (known persons sharing a lookup key, the best {@link MAX_CANDIDATES}, and as many
 *   persons created by earlier rows), each compared by the person matcher: `same` → the row is attached
 *   to that person (new name variants, keys, unknown facts, and the detention unless the same arrest —
 *   date and place — is already recorded); `likely` → a provisional person and a review; `different` or
 *   no candidate → a new person. Two candidates both `same` are a question for staff, not a guess: review,
 *   with the better one.
 * Reads the register in one round of batched queries per chunk of {@link PLAN_CHUNK} rows.
 */
export async function planImport(ctx: Pick<AppContext, 'keys'>, db: Db, rows: readonly PreparedRow[], options: PlanOptions = {}): Promise<ImportPlan> {
  const plan: ImportPlan = { report: [], created: 0, matched: 0, unchanged: 0, toReview: 0, newPersons: [], updates: [], detentions: [], reviews: [], confirms: { persons: [], detentions: [] } };
  const newById = new Map<string, NewPerson>();
  const fresh = new Map<string, Candidate>();
  const freshByKey = new Map<string, string[]>();
  /** Known persons the plan changes: kept, with the planned changes, for the rest of the file. */
  const changed = new Map<string, Candidate>();
  const updates = new Map<string, PersonUpdate>();
  const confirmedPersons = new Set<string>();
  const confirmedDetentions = new Set<string>();
  /** Who each row key went to in this import (it is not in the register yet). */
  const rowKeyOwner = new Map<string, Candidate>();

  const update = (c: Candidate): PersonUpdate => {
    let u = updates.get(c.id);
    if (!u) {
      u = { id: c.id, nextPosition: c.nextPosition, addNames: [], addKeys: new Set(), fill: {} };
      updates.set(c.id, u);
      changed.set(c.id, c);
    }
    return u;
  };

  const addDetention = (c: Candidate, row: PreparedRow) => {
    const d = row.detention!;
    // A known person with a planned detention is kept in memory, so that later rows see that arrest too.
    if (c.known) update(c);
    c.arrests.set(arrestKey(d.arrested.value, d.arrestPlaceId), null);
    plan.detentions.push({ id: randomUUID(), personId: c.id, row: row.row, detention: d });
  };

  const create = (row: PreparedRow): Candidate => {
    const id = randomUUID();
    const keys = new Set([...row.keys, row.rowKey]);
    const c: Candidate = {
      id,
      known: false,
      names: [...row.names],
      sex: row.sex,
      birthYear: row.birthYear,
      homePlaceId: row.homePlaceId,
      occupation: row.occupation,
      arrests: new Map(),
      keys,
      nextPosition: row.names.length,
    };
    fresh.set(id, c);
    rowKeyOwner.set(row.rowKey, c);
    for (const k of keys) pushTo(freshByKey, k, id);
    const np: NewPerson = { id, row: row.row, names: c.names, sex: row.sex, birthYear: row.birthYear, occupation: row.occupation, homePlaceId: row.homePlaceId, keys };
    plan.newPersons.push(np);
    newById.set(id, np);
    if (row.detention) addDetention(c, row);
    return c;
  };

  /** Attaches a row to a person; true when it added anything. */
  const attach = (c: Candidate, row: PreparedRow): boolean => {
    let added = false;
    const have = new Set(c.names.map(sameNameForm));
    const addKeys = new Set<string>([row.rowKey]);
    row.names.forEach((n, i) => {
      if (have.has(sameNameForm(n)) || c.names.length >= 20) return;
      have.add(sameNameForm(n));
      c.names.push(n);
      for (const k of row.nameKeys[i]!) addKeys.add(k);
      added = true;
      if (c.known) update(c).addNames.push(n);
    });
    for (const k of addKeys) {
      if (c.keys.has(k)) continue;
      c.keys.add(k);
      if (c.known) update(c).addKeys.add(k);
      else pushTo(freshByKey, k, c.id);
    }
    const fill: PersonUpdate['fill'] = {};
    if (c.sex === null && row.sex !== null) c.sex = fill.sex = row.sex;
    if (c.birthYear === null && row.birthYear !== null) c.birthYear = fill.birth_year = row.birthYear;
    if (c.occupation === null && row.occupation !== null) c.occupation = fill.occupation = row.occupation;
    if (c.homePlaceId === null && row.homePlaceId !== null) c.homePlaceId = fill.home_place_id = row.homePlaceId;
    if (Object.keys(fill).length > 0) {
      added = true;
      if (c.known) Object.assign(update(c).fill, fill);
      else Object.assign(newById.get(c.id)!, { sex: c.sex, birthYear: c.birthYear, occupation: c.occupation, homePlaceId: c.homePlaceId });
    }
    if (row.detention) {
      const existing = c.arrests.get(arrestKey(row.detention.arrested.value, row.detention.arrestPlaceId));
      if (existing === undefined) {
        addDetention(c, row);
        added = true;
      } else if (existing !== null) confirmedDetentions.add(existing);
    }
    if (c.known) confirmedPersons.add(c.id);
    // A row key the register does not hold yet is found here by the file's later rows; one it holds, by the read.
    if (!rowKeyOwner.has(row.rowKey) && (!c.known || updates.has(c.id))) rowKeyOwner.set(row.rowKey, c);
    return added;
  };

  /** Persons created by earlier rows that share a lookup key with the row, best first. */
  const rankFresh = (row: PreparedRow): Candidate[] => {
    const shared = new Map<string, number>();
    for (const k of row.lookup) for (const id of freshByKey.get(k) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const gap = (c: Candidate) => (c.birthYear === null || row.birthYear === null ? 50 : Math.abs(c.birthYear - row.birthYear));
    return [...shared.entries()]
      .map(([id, count]) => ({ c: fresh.get(id)!, count }))
      .sort((a, b) => b.count - a.count || gap(a.c) - gap(b.c))
      .slice(0, MAX_CANDIDATES)
      .map((x) => x.c);
  };

  const incomingFacts = (row: PreparedRow): PersonFacts => ({
    names: row.names,
    sex: row.sex === 'x' ? null : row.sex,
    birthYear: row.birthYear,
    place: row.detention?.arrestPlaceId ?? row.homePlaceId,
  });
  const factsOf = (c: Candidate, row: PreparedRow): PersonFacts => {
    // Places are compared like for like: an arrest place with the person's arrests, a residence with the residence.
    const arrestPlace = row.detention?.arrestPlaceId ?? null;
    const place = arrestPlace !== null ? ([...c.arrests.keys()].some((k) => k.endsWith(`|${arrestPlace}`)) ? arrestPlace : null) : c.homePlaceId;
    return { names: c.names, sex: c.sex === 'x' ? null : c.sex, birthYear: c.birthYear, place };
  };

  for (let start = 0; start < rows.length; start += PLAN_CHUNK) {
    const chunk = rows.slice(start, start + PLAN_CHUNK);

    // 1. Who holds the chunk's row keys and lookup keys.
    const pairs = await findKeyPairs(
      db,
      chunk.flatMap((r) => [...r.lookup, r.rowKey]),
    );
    const byKey = new Map<string, string[]>();
    const keysOf = new Map<string, Set<string>>();
    for (const p of pairs) {
      pushTo(byKey, p.key, p.person_id);
      keysOf.set(p.person_id, (keysOf.get(p.person_id) ?? new Set()).add(p.key));
    }
    // 2. A row whose row key a known person holds goes to that person; the others need their candidates ranked.
    const holderOf = chunk.map((r) => {
      const holders = byKey.get(r.rowKey) ?? [];
      return holders.length > 0 ? [...holders].sort()[0]! : undefined;
    });
    const toRank = chunk.filter((r, i) => holderOf[i] === undefined && !rowKeyOwner.has(r.rowKey));
    const persons = new Map(
      (
        await findPersonsById(db, [
          ...holderOf.filter((x): x is string => x !== undefined),
          ...toRank.flatMap((r) => r.lookup.flatMap((k) => byKey.get(k) ?? [])),
        ])
      ).map((p) => [p.id, p]),
    );
    const ranked = new Map<PreparedRow, string[]>();
    for (const r of toRank) {
      const shared = new Map<string, number>();
      for (const k of r.lookup) for (const id of byKey.get(k) ?? []) if (persons.has(id)) shared.set(id, (shared.get(id) ?? 0) + 1);
      const score = (id: string) => {
        const p = persons.get(id)!;
        const year = p.birth_year === null || r.birthYear === null ? 50 : Math.abs(Number(p.birth_year) - r.birthYear);
        const sex = p.sex === null || r.sex === null ? 0 : p.sex === r.sex ? 1 : -1;
        return { id, count: shared.get(id)!, year, sex };
      };
      const order = [...shared.keys()].map(score).sort((a, b) => b.count - a.count || a.year - b.year || b.sex - a.sex || (a.id < b.id ? -1 : 1));
      ranked.set(
        r,
        order.slice(0, MAX_CANDIDATES).map((s) => s.id),
      );
    }
    // 3. The names and arrests of the persons that will be compared or attached (those already changed are in memory).
    const needed = [...new Set([...holderOf.filter((x): x is string => x !== undefined), ...[...ranked.values()].flat()])].filter((id) => !changed.has(id));
    const nameRows = new Map<string, NameRow[]>();
    for (const n of await findNamesOfPersons(db, needed)) pushTo(nameRows, n.person_id, n);
    const arrestRows = new Map<string, ArrestRow[]>();
    for (const a of await findArrestsOfPersons(db, needed)) pushTo(arrestRows, a.person_id, a);

    const known = (id: string): Candidate => {
      const kept = changed.get(id);
      if (kept) {
        for (const k of keysOf.get(id) ?? []) kept.keys.add(k);
        return kept;
      }
      return knownCandidate(ctx, persons.get(id)!, nameRows.get(id) ?? [], arrestRows.get(id) ?? [], keysOf.get(id));
    };

    chunk.forEach((row, i) => {
      const holder = holderOf[i];
      const same = holder !== undefined ? known(holder) : rowKeyOwner.get(row.rowKey);
      let best: { c: Candidate; m: PersonMatch | null } | null = same ? { c: same, m: null } : null;
      let sameCount = 0;
      if (!best) {
        const candidates = [...(ranked.get(row) ?? []).map(known), ...rankFresh(row)];
        const incoming = incomingFacts(row);
        for (const c of candidates) {
          const m = matchPerson(incoming, factsOf(c, row));
          if (m.verdict === 'same') sameCount++;
          if (m.verdict === 'different') continue;
          if (!best || rank(m) > rank(best.m!)) best = { c, m };
        }
      }
      if (best && (best.m === null || (best.m.verdict === 'same' && sameCount === 1))) {
        const added = attach(best.c, row);
        if (added) plan.matched++;
        else plan.unchanged++;
        plan.report.push({ row: row.row, outcome: added ? 'matched' : 'unchanged', personId: best.c.id, errors: [] });
      } else if (best) {
        const c = create(row);
        const reasons = [...best.m!.reasons, ...(sameCount > 1 ? ['several_same'] : [])];
        plan.reviews.push({ id: randomUUID(), row: row.row, personId: c.id, candidateId: best.c.id, score: best.m!.score, reasons });
        plan.toReview++;
        plan.report.push({ row: row.row, outcome: 'review', personId: c.id, candidateId: best.c.id, errors: [] });
      } else {
        const c = create(row);
        plan.created++;
        plan.report.push({ row: row.row, outcome: 'created', personId: c.id, errors: [] });
      }
    });
    options.onProgress?.(Math.min(start + PLAN_CHUNK, rows.length), rows.length);
    if (options.yieldBetweenChunks) await new Promise((resolve) => setImmediate(resolve));
  }
  plan.updates = [...updates.values()].filter((u) => u.addNames.length > 0 || u.addKeys.size > 0 || Object.keys(u.fill).length > 0);
  plan.confirms = { persons: [...confirmedPersons], detentions: [...confirmedDetentions] };
  return plan;
}
