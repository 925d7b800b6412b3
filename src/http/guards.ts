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

/** Case officers (the workspace's full surface). */
export const isOfficer = (p: Principal) => p.kind === 'staff' && p.role === 'case_officer';
/** Case officers and mandate holders (drafts and their decisions). */
export const isOfficerOrHolder = (p: Principal) => p.kind === 'staff' && (p.role === 'case_officer' || p.role === 'mandate_holder');
/** Admins (accounts, audit). */
export const isAdmin = (p: Principal) => p.kind === 'staff' && p.role === 'admin';
/** A State's focal points (the government portal). */
export const isFocalPoint = (p: Principal) => p.kind === 'government';
