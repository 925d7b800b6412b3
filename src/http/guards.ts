import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Principal } from '../policies/principal.ts';
import { signInRequired } from './html.ts';

/**
 * The principal of a request that needs a signed-in account (at the full stage), for which `allowed` holds.
 * No session: SIGN_IN_REQUIRED (pages redirect to the sign-in page). A signed-in account of another role:
 * NOT_FOUND, the same answer as a page that does not exist.
 */
export function requirePrincipal(request: FastifyRequest, allowed: (p: Principal) => boolean): Principal {
  const p = request.principal;
  if (request.session?.stage !== 'full' || p.kind === 'public') throw signInRequired();
  if (!allowed(p)) throw new AppError('NOT_FOUND', 'no such page');
  return p;
}
