import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

/**
 * The addressee named by a State's alpha-3 code (`KAZ`, any case) or a non-State addressee's id; unknown
 * ones (and the bare code `OTH`, which names no one) are ADDRESSEE_UNKNOWN.
 */
export function resolveAddressee(ctx: AppContext, idOrCode: string): { id: string; code: string } {
  const a = ctx.ref.addressee(idOrCode) ?? ctx.ref.addressee(idOrCode.toUpperCase());
  if (!a) {
    throw new AppError('ADDRESSEE_UNKNOWN', `"${idOrCode}" is not a known addressee (a State's ISO 3166-1 alpha-3 code, or a non-State addressee's id)`, {
      addressee: idOrCode,
    });
  }
  return { id: a.id, code: a.code };
}

/** Checks that every signing mandate is known and named once; MANDATE_UNKNOWN or VALIDATION_FAILED otherwise. */
export function checkMandates(ctx: AppContext, slugs: readonly string[]): void {
  const seen = new Set<string>();
  for (const slug of slugs) {
    if (!ctx.ref.mandate(slug)) throw new AppError('MANDATE_UNKNOWN', `"${slug}" is not a known mandate`, { mandate: slug });
    if (seen.has(slug)) throw new AppError('VALIDATION_FAILED', `mandate ${slug} is named twice`, { field: 'mandates', mandate: slug });
    seen.add(slug);
  }
}
