import type { AppContext } from '../context.ts';
import type { ChosenCitation } from '../domain/communication.ts';
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

/**
 * Checks the citations chosen for an annex against the library and writes their pinpoints in the
 * library's form (`Article 20 (1)` → `art. 20(1)`); an unknown instrument or provision is CITATION_UNKNOWN.
 */
export function checkCitations(ctx: AppContext, chosen: ReadonlyArray<{ instrument: string; pin: string | null }>): ChosenCitation[] {
  return chosen.map(({ instrument, pin }) => {
    if (!ctx.citations.instrument(instrument)) {
      throw new AppError('CITATION_UNKNOWN', `"${instrument}" is not an instrument of the citation library`, { instrument });
    }
    if (pin === null) return { instrument, pin: null };
    const provision = ctx.citations.provision(instrument, pin);
    if (!provision) throw new AppError('CITATION_UNKNOWN', `${instrument} has no provision "${pin}" in the library`, { instrument, pin });
    return { instrument, pin: provision.pin };
  });
}
