import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

/** The addressee and mandate of a list's filters, checked against the reference data. */
export interface ResolvedListFilters {
  addresseeCode?: string;
  addresseeId?: string;
  /** The addressee as understood: a State's code, a non-State addressee's id, or `OTH`. */
  addressee?: string;
  mandate?: string;
}

/**
 * Resolves the addressee and mandate filters of a list. States are named by their alpha-3 code in any case,
 * non-State addressees by their id, and `OTH` alone names all of them. An unknown mandate or addressee is an
 * error (MANDATE_UNKNOWN, ADDRESSEE_UNKNOWN), not an empty page, so that a typo is not mistaken for "no letters".
 */
export function resolveListFilters(ctx: AppContext, f: { addressee?: string; mandate?: string }): ResolvedListFilters {
  if (f.mandate !== undefined && !ctx.ref.mandate(f.mandate)) {
    throw new AppError('MANDATE_UNKNOWN', `"${f.mandate}" is not a known mandate`, { mandate: f.mandate });
  }
  if (f.addressee === undefined) return { mandate: f.mandate };
  const code = f.addressee.toUpperCase();
  if (code === 'OTH') return { addresseeCode: 'OTH', addressee: 'OTH', mandate: f.mandate };
  const a = ctx.ref.addressee(f.addressee) ?? ctx.ref.addressee(code);
  if (!a) throw new AppError('ADDRESSEE_UNKNOWN', `"${f.addressee}" is not a known addressee`, { addressee: f.addressee });
  return { ...(a.code === 'OTH' ? { addresseeId: a.id } : { addresseeCode: a.code }), addressee: a.id, mandate: f.mandate };
}
