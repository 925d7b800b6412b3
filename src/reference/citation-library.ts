import type { CitationInstrument, Provision } from './citation-schemas.ts';

/**
 * A pinpoint in the library's canonical form, so that "Article 20 (1)", "art 20(1)" and "art. 20(1)"
 * find the same provision: lower case, "article"/"art" → "art.", "paragraph"/"para"/"paras." →
 * "para.", single spaces, no space before or between brackets.
 *
 * @example canonicalPin('Article 20 (1)') // 'art. 20(1)'
 */
export function canonicalPin(pin: string): string {
  return pin
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(articles?|arts?\.?)\s*/, 'art. ')
    .replace(/^(paragraphs?|paras?\.?)\s*/, 'para. ')
    .replace(/^principles?\s*/, 'principle ')
    .replace(/\s+\(/g, '(')
    .replace(/\)\s+/g, ')');
}

/**
 * The validated citation library (`data/citations.json`) with the questions letter composition asks
 * of it. Immutable once built; obtain it through `loadCitationLibrary()`.
 *
 * @example
 * const lib = loadCitationLibrary();
 * lib.bySymbol('CCPR/C/GC/37')?.id // 'ccpr-gc-37'
 * lib.provision('iccpr', 'art. 21')?.statement.en
 * lib.forMandates(['sr-terrorism']).map((c) => c.id) // […, 'sres-1373-2001', …]
 */
export class CitationLibrary {
  readonly #instruments: readonly CitationInstrument[];
  readonly #byId: ReadonlyMap<string, CitationInstrument>;
  readonly #bySymbol: ReadonlyMap<string, CitationInstrument>;

  /** Builds the lookups; ids and symbols are already known to be unique. */
  constructor(instruments: readonly CitationInstrument[]) {
    this.#instruments = [...instruments];
    this.#byId = new Map(instruments.map((c) => [c.id, c]));
    this.#bySymbol = new Map(instruments.flatMap((c) => (c.symbol === null ? [] : [[c.symbol, c] as const])));
  }

  /** The instrument or document with this id, or `undefined`. */
  instrument(id: string): CitationInstrument | undefined {
    return this.#byId.get(id);
  }

  /**
   * The instrument or document with exactly this canonical symbol (`A/HRC/41/41`,
   * `S/RES/1373 (2001)`, `CCPR/C/21/Rev.1/Add.13`), or `undefined`. No normalisation: a symbol is an
   * identifier, and "S/RES/1373(2001)" is a typo to fix, not a variant to accept.
   */
  bySymbol(symbol: string): CitationInstrument | undefined {
    return this.#bySymbol.get(symbol);
  }

  /** All instruments and documents, in the order of `data/citations.json`. */
  instruments(): readonly CitationInstrument[] {
    return this.#instruments;
  }

  /**
   * The instruments and documents usually cited by any of the given mandates, in file order — the
   * starting point for the annex of a joint letter signed by those mandates. Unknown slugs match nothing.
   */
  forMandates(slugs: Iterable<string>): CitationInstrument[] {
    const wanted = new Set(slugs);
    return this.#instruments.filter((c) => c.mandates.some((m) => wanted.has(m)));
  }

  /**
   * The provision `pin` of instrument `id` (the pin is compared in canonical form, see
   * {@link canonicalPin}), or `undefined` if either is unknown.
   */
  provision(id: string, pin: string): Provision | undefined {
    const wanted = canonicalPin(pin);
    return this.instrument(id)?.provisions.find((p) => p.pin === wanted);
  }
}
