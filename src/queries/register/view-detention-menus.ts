import type { AppContext } from '../../context.ts';
import { placeOf } from '../../commands/register/register-records.ts';
import { detentionFacets } from '../../db/repositories/register-list-repository.ts';
import { listPlaces } from '../../db/repositories/register-repository.ts';
import type { Place } from '../../domain/register/records.ts';
import { authorizeRegister, visibleClasses } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';

/** The choices of the detention register's filter form. */
export interface DetentionMenus {
  /** Authorities holding people now, with how many detentions each, most frequent first. */
  authorities: Array<{ value: string; count: number }>;
  /** Charges, with how many detentions each, most frequent first. */
  charges: Array<{ value: string; count: number }>;
  /** Places of detention to filter by; null for a reader who may not see places of detention. */
  places: Place[] | null;
}

/**
 * The menus of the detention register's filters: authorities and charges as they occur in the register
 * (internal facts), and the places of detention only for readers of the `detention_place` class, for whom
 * the filter exists at all. Listing the facilities the register knows says nothing of who is held where,
 * so it is no read to audit.
 */
export async function detentionMenus(ctx: AppContext, principal: Principal): Promise<DetentionMenus> {
  authorizeRegister(principal, 'view');
  const db = ctx.store.db;
  const facets = await detentionFacets(db);
  const places = visibleClasses(principal).has('detention_place') ? (await listPlaces(db, ['facility'])).map(placeOf) : null;
  return { authorities: facets.authorities, charges: facets.charges, places };
}
