import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { auditReads } from '../../commands/audit-read.ts';
import { parseInput, text } from '../../commands/input.ts';
import { nameDigests } from '../../commands/register/register-fields.ts';
import { personOf } from '../../commands/register/register-records.ts';
import { listDetentionRows } from '../../db/repositories/register-list-repository.ts';
import { findPersonIdsByKeys, findPersonNames, findPersons } from '../../db/repositories/register-repository.ts';
import { authorizeRegister, visibleClasses } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { presentPerson, revealedClasses, type PersonView } from '../../presenters/register-presenter.ts';

const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

/** The persons page's query: a name in any script, and the page. */
export const personListSchema = z.object({
  q: optional(text(200)),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
});

/** How many persons a page lists. */
export const PERSONS_PER_PAGE = 50;

/** A page of persons: found by name, or (without a name) those with a recorded detention. */
export interface PersonList {
  /** What the list is: the persons found by name, or those detained, newest arrest first. */
  mode: 'search' | 'detained';
  q: string | null;
  persons: PersonView[];
  /** How many persons (search) or detentions (detained) there are in all. */
  total: number;
  page: number;
  limit: number;
}

/**
 * Persons of the register. With `q`, found by name: the register stores names encrypted, so the name asked
 * for is turned into the same keyed, transliteration-aware name keys the register indexes (Zhanbulatov
 * finds Жанбулатов), best match first. A reader who may not see withheld identities does not find persons
 * whose identity is withheld at all, lest the search confirm that a withheld person is in the register.
 * Without `q`, the persons with a recorded detention, newest arrest first. Withheld identities shown to a
 * reader who may see them are recorded as a read.
 */
export async function findRegisterPersons(ctx: AppContext, principal: Principal, query: unknown): Promise<PersonList> {
  authorizeRegister(principal, 'view');
  const filters = parseInput(personListSchema, query ?? {});
  const classes = visibleClasses(principal);
  const db = ctx.store.db;
  const page = filters.page ?? 1;
  const limit = PERSONS_PER_PAGE;
  const q = filters.q ?? null;

  let ids: string[];
  let total: number;
  if (q !== null) {
    const hits = await findPersonIdsByKeys(db, nameDigests(ctx, [q]));
    const rows = await findPersons(db, [...hits.keys()]);
    const visible = rows.filter((r) => classes.has('identity') || Number(r.identity_withheld) !== 1);
    // Best match first (most name keys shared), then the newest record.
    visible.sort((a, b) => (hits.get(b.id) ?? 0) - (hits.get(a.id) ?? 0) || b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
    total = visible.length;
    ids = visible.slice((page - 1) * limit, page * limit).map((r) => r.id);
  } else {
    const { rows, total: detentions } = await listDetentionRows(db, {}, { limit, offset: (page - 1) * limit });
    total = detentions;
    ids = [...new Set(rows.map((r) => r.person_id))];
  }
  const [rows, names] = await Promise.all([findPersons(db, ids), findPersonNames(db, ids)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const persons = ids.filter((id) => byId.has(id)).map((id) => presentPerson(personOf(ctx, byId.get(id)!, names), classes));
  // Each withheld identity shown is a read of that person's identity (never naming the words searched for).
  const withheld = persons.filter((p) => revealedClasses({ persons: [p] }).includes('identity'));
  await auditReads(
    ctx,
    principal,
    withheld.map((p) => ({ recordType: 'person', recordId: p.id, what: 'identity' })),
  );
  return { mode: q !== null ? 'search' : 'detained', q, persons, total, page, limit };
}
