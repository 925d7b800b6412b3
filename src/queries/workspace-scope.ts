import type { WorkspaceScope } from '../db/repositories/workspace-repository.ts';
import { authorizeCommunication, listScope } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';

/**
 * The part of the register a principal's workspace lists read, as the policy's list scope says: everything
 * for a case officer, the letters its mandate signs for a mandate holder. A principal who may not list the
 * register gets NOT_FOUND, like any refused read.
 */
export function workspaceScope(principal: Principal): WorkspaceScope {
  authorizeCommunication(principal, 'list');
  const scope = listScope(principal);
  if ('mandate' in scope) return { mandate: scope.mandate };
  if ('addresseeCode' in scope) return { addresseeCode: scope.addresseeCode, sentOnly: true };
  return {};
}
