import { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * Who is acting. Until accounts exist, staff actions name their actor explicitly (the CLI's `--as NAME`),
 * the scheduler and maintenance act as the named system actor, and anyone else is the public.
 */
export type Principal =
  | { kind: 'system'; name: string }
  | { kind: 'staff'; name: string }
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
 * A staff principal named by the person acting; a bad name is VALIDATION_FAILED.
 *
 * @example staff('A. Officer') // { kind: 'staff', name: 'A. Officer' }
 */
export function staff(name: string): Principal {
  const parsed = actorName.safeParse(name);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `actor: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { field: 'actor' });
  }
  return parsed.data === 'system' ? SYSTEM : { kind: 'staff', name: parsed.data };
}
