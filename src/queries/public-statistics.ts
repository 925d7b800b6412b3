import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';
import { presentAddressee, presentMandate, presentStatistics } from '../presenters/statistics-presenter.ts';
import type { Addressee, Mandate } from '../reference/schemas.ts';
import { currentCatalogue } from '../search/public-catalogue.ts';
import { publicStatistics } from '../stats/public-statistics.ts';

/**
 * The statistics of the public database: of everything, of one addressee, of one mandate, and the lists of
 * addressees and mandates with their counts. Read from the in-memory catalogue of the public database
 * (published communications only), authorized as a listing of published communications.
 */

/** The figures of every published communication, presented in a language. */
export async function getPublicStatistics(ctx: AppContext, principal: Principal, lang = 'en') {
  authorizeCommunication(principal, 'list_published');
  const catalogue = await currentCatalogue(ctx.store.db);
  return presentStatistics(publicStatistics(catalogue), ctx.ref, lang);
}

/**
 * The addressee a page or the API names: a State by its alpha-3 code in any case (`KAZ`, `kaz`), a
 * non-State addressee by its id (`oth-glencore`). Anything else is NOT_FOUND (`OTH` included: it names
 * no one addressee).
 */
export function findAddressee(ctx: AppContext, codeOrId: string): Addressee {
  const a = ctx.ref.addressee(codeOrId) ?? ctx.ref.addressee(codeOrId.toUpperCase()) ?? ctx.ref.addressee(codeOrId.toLowerCase());
  if (!a) throw new AppError('NOT_FOUND', 'no such addressee');
  return a;
}

/** The mandate a page or the API names by its slug, in any case; else NOT_FOUND. */
export function findMandate(ctx: AppContext, slug: string): Mandate {
  const m = ctx.ref.mandate(slug) ?? ctx.ref.mandate(slug.toLowerCase());
  if (!m) throw new AppError('NOT_FOUND', 'no such mandate');
  return m;
}

/**
 * One addressee and the figures of the published communications sent to it (zero when there is none: the
 * addressee exists all the same). NOT_FOUND for an addressee the reference data does not know.
 */
export async function getAddresseeStatistics(ctx: AppContext, principal: Principal, codeOrId: string, lang = 'en') {
  authorizeCommunication(principal, 'list_published');
  const a = findAddressee(ctx, codeOrId);
  const catalogue = await currentCatalogue(ctx.store.db);
  return { addressee: presentAddressee(ctx.ref, a, lang), statistics: presentStatistics(publicStatistics(catalogue, { addressee: a.id }), ctx.ref, lang) };
}

/** One mandate and the figures of the published communications it signed, alone or jointly. */
export async function getMandateStatistics(ctx: AppContext, principal: Principal, slug: string, lang = 'en') {
  authorizeCommunication(principal, 'list_published');
  const m = findMandate(ctx, slug);
  const catalogue = await currentCatalogue(ctx.store.db);
  return { mandate: presentMandate(m, lang), statistics: presentStatistics(publicStatistics(catalogue, { mandate: m.slug }), ctx.ref, lang) };
}

/** The addressees of at least one published communication, most written to first, with their figures. */
export async function listAddresseeStatistics(ctx: AppContext, principal: Principal, lang = 'en') {
  return (await getPublicStatistics(ctx, principal, lang)).byAddressee;
}

/**
 * Every mandate of the reference data with the figures of its published communications: those that signed
 * most first, then those without any in the reference data's order.
 */
export async function listMandateStatistics(ctx: AppContext, principal: Principal, lang = 'en') {
  const { byMandate } = await getPublicStatistics(ctx, principal, lang);
  const counted = new Set(byMandate.map((m) => m.slug));
  const zero = { total: 0, replied: 0, late: 0, none: 0, rate: null, onTimeRate: null, lateRate: null };
  const silent = ctx.ref
    .mandates()
    .filter((m) => !counted.has(m.slug))
    .map((m) => ({ ...presentMandate(m, lang), count: 0, joint: 0, replies: zero }));
  return [...byMandate, ...silent];
}
