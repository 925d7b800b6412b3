import type { Principal } from './principal.ts';

/**
 * Who may enter each part of the signed-in site. What a principal may then do with a given record is decided
 * by the record's own policy (communications, submissions, accounts); these only open the doors.
 */

/** The workspace's full surface: case officers. */
export const isOfficer = (p: Principal) => p.kind === 'staff' && p.role === 'case_officer';
/** Drafts and their decisions: case officers and mandate holders. */
export const isOfficerOrHolder = (p: Principal) => p.kind === 'staff' && (p.role === 'case_officer' || p.role === 'mandate_holder');
/** Accounts: admins. */
export const isAdmin = (p: Principal) => p.kind === 'staff' && p.role === 'admin';
/** The government portal: a State's focal points. */
export const isFocalPoint = (p: Principal) => p.kind === 'government';
