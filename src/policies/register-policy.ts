import { AppError } from '../errors.ts';
import type { Principal } from './principal.ts';

/**
 * What can be done with the case register:
 * - `view`: events, figures, persons (names unless withheld), acts, detentions and disappearances without
 *   their restricted parts;
 * - `edit`: create and change records, link them to communications and sources;
 * - `import`: import lists of persons; `review_match`: decide whether an imported person is one already known;
 * - `export`: export the register (each field as the exporter may see it);
 * - `inquire`: ask about a person's whereabouts (anyone, through the public form);
 * - `answer_inquiry`: see inquiries, their candidates, and record what the inquirer is told.
 */
export const REGISTER_ACTIONS = ['view', 'edit', 'import', 'review_match', 'export', 'inquire', 'answer_inquiry'] as const;
/** An action on the register (see {@link REGISTER_ACTIONS}). */
export type RegisterAction = (typeof REGISTER_ACTIONS)[number];

/**
 * The restricted classes of register fields (DESIGN.md, data protection): a withheld identity, places of
 * detention (arrest place, stays, transfers, current place, last seen place), health, sources, the people
 * around a disappearance (who last saw the person, what relatives did, how the fate was clarified), and
 * inquirers. Everything else a `view` shows is internal.
 */
export const RESTRICTED_CLASSES = ['identity', 'detention_place', 'health', 'sources', 'relatives', 'inquirer'] as const;
/** A restricted class (see {@link RESTRICTED_CLASSES}). */
export type RestrictedClass = (typeof RESTRICTED_CLASSES)[number];

const isOfficer = (p: Principal) => p.kind === 'staff' && p.role === 'case_officer';
const isHolder = (p: Principal) => p.kind === 'staff' && p.role === 'mandate_holder';

/**
 * Whether a principal may do `action` on the register. Case officers may do everything; mandate holders may
 * view (the facts behind the letters they sign) but change nothing; the public may only inquire; admins,
 * focal points, sources and the system actor's reads go through the same rules (the system may edit, for
 * demo data and imports run by maintenance).
 */
export function allowRegister(principal: Principal, action: RegisterAction): boolean {
  if (action === 'inquire') return true;
  if (isOfficer(principal)) return true;
  if (principal.kind === 'system') return action === 'edit' || action === 'view' || action === 'import';
  if (isHolder(principal)) return action === 'view';
  return false;
}

/**
 * The restricted classes a principal may see. Case officers see them all (each read audited); mandate
 * holders see none: they read the facts, not who gave them, where a detainee is held, or a detainee's
 * health; everyone else sees nothing of the register at all.
 */
export function visibleClasses(principal: Principal): ReadonlySet<RestrictedClass> {
  return isOfficer(principal) ? ALL : NONE;
}

const ALL: ReadonlySet<RestrictedClass> = new Set(RESTRICTED_CLASSES);
const NONE: ReadonlySet<RestrictedClass> = new Set();

/**
 * Throws NOT_FOUND unless {@link allowRegister} allows it: a record of the register that one may not see
 * looks exactly like one that does not exist.
 */
export function authorizeRegister(principal: Principal, action: RegisterAction): void {
  if (!allowRegister(principal, action)) throw new AppError('NOT_FOUND', 'no such record');
}

/** Throws NOT_FOUND unless the principal may see the class (a filter on a place of detention, say). */
export function authorizeClass(principal: Principal, cls: RestrictedClass): void {
  if (!visibleClasses(principal).has(cls)) throw new AppError('NOT_FOUND', 'no such record');
}
