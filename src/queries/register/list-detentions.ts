import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { auditReads } from '../../commands/audit-read.ts';
import { parseInput } from '../../commands/input.ts';
import { detentionOf, personOf, placeOf } from '../../commands/register/register-records.ts';
import { placeId } from '../../commands/register/register-input.ts';
import { listDetentionRows, type DetentionFilters } from '../../db/repositories/register-list-repository.ts';
import { findPersonNames, findPersons, findPlaces, listStays } from '../../db/repositories/register-repository.ts';
import { digest } from '../../domain/audit-chain.ts';
import type { Place } from '../../domain/register/records.ts';
import { DETENTION_STATUSES } from '../../domain/register/vocabulary.ts';
import { authorizeClass, authorizeRegister, visibleClasses } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { presentDetention, presentPerson, revealedClasses, type DetentionView, type PersonView } from '../../presenters/register-presenter.ts';

const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

/** The detention register's filters as a query string gives them. */
export const detentionListSchema = z
  .object({
    place: optional(placeId),
    authority: optional(z.string().trim().max(200)),
    charge: optional(z.string().trim().max(200)),
    status: optional(z.enum(DETENTION_STATUSES)),
    contact: optional(z.enum(['family', 'counsel', 'either'])),
    from: optional(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date written YYYY, YYYY-MM or YYYY-MM-DD')),
    to: optional(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date written YYYY, YYYY-MM or YYYY-MM-DD')),
    page: optional(z.coerce.number().int().min(1).max(100_000)),
    limit: optional(z.coerce.number().int().min(1).max(200)),
  })
  .strict();

/** One row of the register: the detention and its person, as the reader may see them. */
export interface DetentionListItem {
  detention: DetentionView;
  person: PersonView;
}

/** A page of the detention register. */
export interface DetentionList {
  items: DetentionListItem[];
  total: number;
  page: number;
  limit: number;
  filters: z.output<typeof detentionListSchema>;
  places: Record<string, Place>;
}

/**
 * The detention register: filters by place of detention, authority, charge, status (`whereabouts_unknown`
 * is the "whereabouts unknown" list) and contact (`contact=either` is the "no contact with family or
 * counsel" list), newest arrest first. Filtering by place needs the `detention_place` class (otherwise the
 * answer would say where people are held): without it, NOT_FOUND. A page that shows places of detention or
 * health is recorded as a read of each class, once per page, naming the filters' digest.
 */
export async function listDetentions(ctx: AppContext, principal: Principal, query: unknown): Promise<DetentionList> {
  authorizeRegister(principal, 'view');
  const filters = parseInput(detentionListSchema, query ?? {});
  if (filters.place) authorizeClass(principal, 'detention_place');
  // The list never shows health: that is read on the person's page, where the read is audited per person.
  const classes = new Set([...visibleClasses(principal)].filter((c) => c !== 'health'));
  const limit = filters.limit ?? 50;
  const page = filters.page ?? 1;
  const f: DetentionFilters = {
    placeId: filters.place,
    authority: filters.authority,
    charge: filters.charge,
    status: filters.status,
    noContact: filters.contact,
    arrestedFrom: filters.from,
    arrestedTo: filters.to,
  };
  const db = ctx.store.db;
  const { rows, total } = await listDetentionRows(db, f, { limit, offset: (page - 1) * limit });
  const personIds = rows.map((r) => r.person_id);
  const [persons, names, stays] = await Promise.all([
    findPersons(db, personIds),
    findPersonNames(db, personIds),
    classes.has('detention_place')
      ? listStays(
          db,
          rows.map((r) => r.id),
        )
      : Promise.resolve([]),
  ]);
  const byId = new Map(persons.map((p) => [p.id, p]));
  const items = rows.map((r) => ({
    detention: presentDetention(detentionOf(ctx, r, stays), classes),
    person: presentPerson(personOf(ctx, byId.get(r.person_id)!, names), classes),
  }));
  const placeIds = items.flatMap((i) => [i.detention.currentPlaceId, i.detention.arrestPlaceId, i.person.homePlaceId]).filter((x): x is string => typeof x === 'string');
  const places = Object.fromEntries((await findPlaces(db, placeIds)).map((p) => [p.id, placeOf(p)]));
  const revealed = revealedClasses({ persons: items.map((i) => i.person), detentions: items.map((i) => i.detention) });
  const listId = `list:${digest({ ...filters, page, limit }).slice(0, 32)}`;
  await auditReads(
    ctx,
    principal,
    revealed.map((what) => ({ recordType: 'detention_register', recordId: listId, what })),
  );
  return { items, total, page, limit, filters, places };
}
