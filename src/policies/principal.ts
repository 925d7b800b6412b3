import { z } from 'zod';
import { AppError } from '../errors.ts';

/** The roles of people with accounts. */
export const ROLES = ['admin', 'case_officer', 'mandate_holder', 'focal_point'] as const;
export type Role = (typeof ROLES)[number];

/** Roles inside the Special Procedures (every one needs the second factor, as do focal points). */
export type StaffRole = Exclude<Role, 'focal_point'>;

/**
 * Who is acting. People with accounts act as `staff` (admin, case officer, mandate holder) or `government`
 * (a State's focal point); a source follows its own submission by its receipt code; the scheduler and
 * maintenance act as the named system actor; anyone else is the public. The CLI's `--as NAME` acts as a
 * named case officer.
 */
export type Principal =
  | { kind: 'system'; name: string }
  | { kind: 'staff'; name: string; role: StaffRole; accountId?: string; mandate?: string }
  | { kind: 'government'; name: string; accountId: string; stateCode: string }
  | { kind: 'source'; name: 'source'; submissionId: string }
  | { kind: 'public'; name: 'public' };

/** The system actor: the publication scheduler, migrations, demo data, and the CLI when no `--as` is given. */
export const SYSTEM: Principal = { kind: 'system', name: 'system' };

/** The anonymous public. */
export const PUBLIC: Principal = { kind: 'public', name: 'public' };

const actorName = z
  .string()
  .trim()
  .min(1, 'an actor needs a name')
  .max(200, 'an actor name has at most 200 characters')
  .regex(/^[^\p{Cc}]+$/u, 'an actor name has no control characters');

/**
 * A case officer named by the person acting (the CLI's `--as`); a bad name is VALIDATION_FAILED.
 *
 * @example staff('A. Officer') // { kind: 'staff', name: 'A. Officer', role: 'case_officer' }
 */
export function staff(name: string): Principal {
  const parsed = actorName.safeParse(name);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `actor: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { field: 'actor' });
  }
  return parsed.data === 'system' ? SYSTEM : { kind: 'staff', name: parsed.data, role: 'case_officer' };
}

/** What an account row says about its holder, enough to build its principal. */
export interface AccountIdentity {
  id: string;
  displayName: string;
  role: Role;
  stateCode: string | null;
  mandateSlug: string | null;
}

/** The principal of a signed-in account. */
export function principalOfAccount(a: AccountIdentity): Principal {
  if (a.role === 'focal_point') return { kind: 'government', name: a.displayName, accountId: a.id, stateCode: a.stateCode ?? '' };
  return {
    kind: 'staff',
    name: a.displayName,
    role: a.role,
    accountId: a.id,
    ...(a.role === 'mandate_holder' && a.mandateSlug ? { mandate: a.mandateSlug } : {}),
  };
}

/** The role a principal acts in, for tables and logs: its account role, or its kind. */
export function roleOf(p: Principal): Role | 'system' | 'source' | 'public' {
  if (p.kind === 'staff') return p.role;
  if (p.kind === 'government') return 'focal_point';
  return p.kind;
}
