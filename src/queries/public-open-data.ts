import type { AppContext } from '../context.ts';
import { countPublic } from '../db/repositories/public-dump-repository.ts';
import { recentlyChanged, type PublicRow } from '../db/repositories/public-repository.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';

/** The public records changed most recently (published, corrected, replied to), newest first, for the feed. */
export async function recentPublicChanges(ctx: AppContext, principal: Principal, limit: number): Promise<PublicRow[]> {
  authorizeCommunication(principal, 'list_published');
  return recentlyChanged(ctx.store.db, limit);
}

/** How many communications are public, for the sitemap's parts. */
export async function publicCount(ctx: AppContext, principal: Principal): Promise<number> {
  authorizeCommunication(principal, 'list_published');
  return countPublic(ctx.store.db);
}
