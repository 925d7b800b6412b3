import type { AppContext } from '../../context.ts';
import { auditReads } from '../../commands/audit-read.ts';
import { recordId } from '../../commands/register/register-input.ts';
import { actOf, detentionOf, disappearanceOf, eventOf, figureOf, personOf, placeOf } from '../../commands/register/register-records.ts';
import { findIdByReference } from '../../db/repositories/communications-repository.ts';
import {
  findActs,
  findDetention,
  findDisappearance,
  findEvents,
  findPersonNames,
  findPersons,
  findPlaces,
  listActsOfPerson,
  listEvents,
  listFigures,
  listPlaces,
  listStays,
} from '../../db/repositories/register-repository.ts';
import type { Detention, Disappearance, Place } from '../../domain/register/records.ts';
import { formatReference, parseReference } from '../../domain/reference.ts';
import { AppError } from '../../errors.ts';
import type { Locale } from '../../i18n/locales.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import type { FormNeed, FormOptions } from './form-spec.ts';

/**
 * What the register's forms read besides what is typed: the option lists (places, events, figures, a
 * person's acts, States), the record a form changes, and a short description of what a form is about.
 * Each read first checks that the reader may edit the register (a form is no way to read it), and a form
 * that shows a restricted value as it stands (a detainee's health, the current place of detention, what
 * the relatives did) records that read in the audit chain before showing it — on the form's first showing
 * only: a refused form is shown again from what was typed, and writes nothing.
 */

/** The option lists `needs` names; `personId` gives the acts. Lists not needed are empty. */
export async function loadFormOptions(ctx: AppContext, principal: Principal, needs: readonly FormNeed[], lang: Locale, personId?: string): Promise<FormOptions> {
  authorizeRegister(principal, 'edit');
  const db = ctx.store.db;
  const want = new Set(needs);
  const [places, events, figures, acts] = await Promise.all([
    want.has('places') ? listPlaces(db) : [],
    want.has('events') ? listEvents(db) : [],
    want.has('figures') ? listFigures(db) : [],
    want.has('acts') && personId ? listActsOfPerson(db, personId) : [],
  ]);
  const countries = want.has('countries')
    ? ctx.ref
        .addressees()
        .filter((a) => a.kind === 'state')
        .map((a) => ({ value: a.code, label: ctx.ref.addresseeName(a.id, lang) ?? a.code }))
        .sort((a, b) => a.label.localeCompare(b.label, lang))
    : [];
  return {
    places: places.map(placeOf),
    events: events.map((e) => ({ id: e.id, title: e.title, start: eventOf(e).start.value })),
    figures: figures.map(figureOf),
    acts: acts.map((a) => actOf(ctx, a)),
    countries,
  };
}

/** A person a form is about: its id and, unless the identity is withheld, its first name variant. */
export interface PersonSubject {
  id: string;
  /** The first name variant; null when the identity is withheld (a form heading does not reveal it). */
  name: string | null;
}

/** The person `id`, for a form about it; a missing person (or a malformed id) is NOT_FOUND. */
export async function loadPersonSubject(ctx: AppContext, principal: Principal, id: string): Promise<PersonSubject> {
  authorizeRegister(principal, 'edit');
  const parsed = recordId.safeParse(id);
  const row = parsed.success ? (await findPersons(ctx.store.db, [parsed.data]))[0] : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'no such record');
  if (Number(row.identity_withheld) === 1) return { id: row.id, name: null };
  const person = personOf(ctx, row, await findPersonNames(ctx.store.db, [row.id]));
  return { id: row.id, name: person.names[0]?.name ?? null };
}

/** A detention, decrypted, for a form that changes it; missing is NOT_FOUND. Nothing is audited here. */
export async function loadDetention(ctx: AppContext, principal: Principal, id: string): Promise<Detention> {
  authorizeRegister(principal, 'edit');
  const parsed = recordId.safeParse(id);
  const row = parsed.success ? await findDetention(ctx.store.db, parsed.data) : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'no such record');
  return detentionOf(ctx, row, await listStays(ctx.store.db, [row.id]));
}

/** A disappearance, decrypted, for a form that changes it; missing is NOT_FOUND. Nothing is audited here. */
export async function loadDisappearance(ctx: AppContext, principal: Principal, id: string): Promise<Disappearance> {
  authorizeRegister(principal, 'edit');
  const parsed = recordId.safeParse(id);
  const row = parsed.success ? await findDisappearance(ctx.store.db, parsed.data) : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'no such record');
  return disappearanceOf(ctx, row);
}

/** A place by id, if the register has it. */
export async function loadPlace(ctx: AppContext, id: string | null): Promise<Place | null> {
  if (!id) return null;
  const row = (await findPlaces(ctx.store.db, [id]))[0];
  return row ? placeOf(row) : null;
}

/**
 * Records that a form showed restricted values of a record as they stand (`health`, `detention_place`,
 * `relatives`), before the form is sent.
 */
export async function auditFormReads(ctx: AppContext, principal: Principal, recordType: 'detention' | 'disappearance', id: string, classes: readonly string[]): Promise<void> {
  await auditReads(
    ctx,
    principal,
    classes.map((what) => ({ recordType, recordId: id, what })),
  );
}

/**
 * The id of the communication a person named by its reference ("AL KAZ 1/2022", "al-kaz-1-2022") or by
 * its id (a draft has no reference yet). A reference no letter has is VALIDATION_FAILED on the field.
 */
export async function resolveCommunication(ctx: AppContext, written: string): Promise<string> {
  const text = written.trim();
  const asId = recordId.safeParse(text);
  if (asId.success) return asId.data;
  let reference: string;
  try {
    reference = formatReference(parseReference(text));
  } catch {
    throw new AppError('REFERENCE_INVALID', 'not a reference like "AL KAZ 1/2022"', { field: 'communication' });
  }
  const id = await findIdByReference(ctx.store.db, reference);
  if (!id) throw new AppError('VALIDATION_FAILED', `communication: no communication ${reference}`, { field: 'communication' });
  return id;
}

/**
 * What a link form is about, in a few words: an event's title, a person's first name variant (not when the
 * identity is withheld), an act's type with the person's id. Null when there is no such record (the form
 * still shows, and linking is refused).
 */
export async function describeRecord(ctx: AppContext, principal: Principal, type: string, id: string): Promise<{ kind: 'event' | 'person' | 'act'; text: string | null; personId: string | null } | null> {
  authorizeRegister(principal, 'edit');
  const parsed = recordId.safeParse(id);
  if (!parsed.success) return null;
  if (type === 'event') {
    const e = (await findEvents(ctx.store.db, [parsed.data]))[0];
    return e ? { kind: 'event', text: e.title, personId: null } : null;
  }
  if (type === 'person') {
    const p = await loadPersonSubject(ctx, principal, parsed.data).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    });
    return p ? { kind: 'person', text: p.name, personId: p.id } : null;
  }
  if (type === 'act') {
    const a = (await findActs(ctx.store.db, [parsed.data]))[0];
    return a ? { kind: 'act', text: a.type, personId: a.person_id } : null;
  }
  return null;
}
