import { z } from 'zod';
import { isoDateSchema } from './schemas.ts';

/**
 * What a cited document is. Treaties bind their parties; declarations, principles and protocols are
 * standards; general comments, concluding observations and opinions come from treaty bodies or working
 * groups; reports come from mandate holders; resolutions from the General Assembly, the Security Council
 * or the Human Rights Council.
 *
 * @example citationKindSchema.parse('general-comment') // 'general-comment'
 */
export const CITATION_KINDS = [
  'treaty',
  'declaration',
  'principles',
  'protocol',
  'general-comment',
  'resolution',
  'report',
  'concluding-observations',
  'opinion',
] as const;

/** One of {@link CITATION_KINDS}. */
export const citationKindSchema = z.enum(CITATION_KINDS);

/** The kind of a cited instrument or document. */
export type CitationKind = z.infer<typeof citationKindSchema>;

/** Kinds that are UN documents and therefore always carry a document symbol. */
const KINDS_WITH_SYMBOL: ReadonlySet<CitationKind> = new Set(['general-comment', 'resolution', 'report', 'concluding-observations']);

/**
 * A pinpoint as letters cite it, in canonical form: `art. 9`, `art. 20(1)`, `para. 5(p)(i)`,
 * `principle 9`. Lower case, one space after the label, no space before a bracket.
 */
export const PIN_PATTERN = /^(art\.|para\.|principle) \d+(\([0-9a-z]+\))*$/;

/**
 * A UN document symbol as the UN writes it: `A/HRC/41/41`, `CCPR/C/21/Rev.1/Add.13`,
 * `A/RES/217(III)`, and for the Security Council `S/RES/1373 (2001)` with the year after a space.
 */
export const SYMBOL_PATTERN = /^[A-Z]+(\/[A-Za-z0-9.()]+)+( \(\d{4}\))?$/;

/** `S/RES/1373 (2001)`: number and year of a Security Council resolution. */
const SC_SYMBOL = /^S\/RES\/(\d+) \((\d{4})\)$/;

/**
 * One sentence in the library's own words: trimmed, on one line, ending with a full stop. (Whether it
 * is truly one sentence and not copied is for review; abbreviations such as "art." make a mechanical
 * sentence count unreliable.)
 */
const sentenceSchema = z
  .string()
  .trim()
  .min(10, 'must be a sentence')
  .refine((s) => !/[\r\n]/.test(s), 'must be on one line')
  .refine((s) => s.endsWith('.'), 'must be one sentence ending with a full stop');

/** A text in English (required, the fallback) and optionally French and Spanish. */
function textPerLanguage<T extends z.ZodType>(value: T) {
  return z.object({ en: value, fr: value.optional(), es: value.optional() }).strict();
}

/** The day of adoption (`1948-12-10`) or, when only the year is sure, the year (`2016`). */
export const adoptedSchema = z
  .string()
  .refine((v) => /^\d{4}$/.test(v) || isoDateSchema.safeParse(v).success, 'must be a real date written YYYY-MM-DD or a year written YYYY');

/** A mandate slug as in `data/mandates.json`; existence is checked by the loader. */
const mandateSlugSchema = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a mandate slug');

/** `verified: false` must say what is missing, so that screens can show why a fact is flagged. */
function requireNoteWhenUnverified(value: { verified?: boolean | undefined; note?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.verified === false && value.note === undefined) {
    ctx.addIssue({ code: 'custom', message: 'an unverified fact needs a note saying what is missing', path: ['note'] });
  }
}

/**
 * A pinpoint of an instrument (`art. 9`) or document (`para. 6`) with a one-sentence statement of
 * what it establishes. `verified: false` with a `note` flags a provision whose content was not
 * checked even though the instrument was.
 */
export const provisionSchema = z
  .object({
    pin: z.string().regex(PIN_PATTERN, 'must be a pinpoint such as "art. 9", "art. 20(1)", "para. 5(p)(i)" or "principle 4"'),
    statement: textPerLanguage(sentenceSchema),
    verified: z.boolean().optional(),
    note: z.string().trim().min(1).optional(),
  })
  .strict()
  .superRefine(requireNoteWhenUnverified);

/** A citable pinpoint of an instrument or document. */
export type Provision = z.infer<typeof provisionSchema>;

/**
 * An instrument or document that letters cite: stable `id`, `kind`, UN document `symbol` (null when it
 * has none, e.g. the Minnesota Protocol), `title` per language, `shortTitle`, `adopted` (date or year),
 * a `statement` about the whole, its `provisions`, the `mandates` that usually cite it, the mandate
 * that wrote it (`author`, for reports), and provenance.
 */
export const citationInstrumentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase letters and digits separated by hyphens'),
    kind: citationKindSchema,
    symbol: z.string().regex(SYMBOL_PATTERN, 'must be a UN document symbol such as "A/HRC/41/41" or "S/RES/1373 (2001)"').nullable(),
    title: textPerLanguage(z.string().trim().min(1)),
    shortTitle: z.string().trim().min(1).optional(),
    adopted: adoptedSchema,
    author: mandateSlugSchema.optional(),
    statement: textPerLanguage(sentenceSchema),
    provisions: z.array(provisionSchema),
    mandates: z.array(mandateSlugSchema).min(1, 'must name at least one mandate that cites it'),
    source: z.string().trim().min(1),
    verified: z.boolean(),
    note: z.string().trim().min(1).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    requireNoteWhenUnverified(c, ctx);
    if (c.symbol === null && KINDS_WITH_SYMBOL.has(c.kind)) {
      ctx.addIssue({ code: 'custom', message: `a ${c.kind} is a UN document and needs its symbol`, path: ['symbol'] });
    }
    const sc = c.symbol?.startsWith('S/RES/') ? SC_SYMBOL.exec(c.symbol) : undefined;
    if (sc === null) ctx.addIssue({ code: 'custom', message: 'a Security Council resolution is written "S/RES/1373 (2001)"', path: ['symbol'] });
    if (sc && sc[2] !== c.adopted.slice(0, 4)) ctx.addIssue({ code: 'custom', message: `adopted in ${c.adopted.slice(0, 4)}, not in the year of the symbol`, path: ['adopted'] });
    const pins = new Set<string>();
    c.provisions.forEach((p, i) => {
      if (pins.has(p.pin)) ctx.addIssue({ code: 'custom', message: `pin "${p.pin}" is listed twice`, path: ['provisions', i, 'pin'] });
      pins.add(p.pin);
    });
    const slugs = new Set<string>();
    c.mandates.forEach((m, i) => {
      if (slugs.has(m)) ctx.addIssue({ code: 'custom', message: `mandate "${m}" is listed twice`, path: ['mandates', i] });
      slugs.add(m);
    });
  });

/** An instrument or document in the citation library. */
export type CitationInstrument = z.infer<typeof citationInstrumentSchema>;

/** `data/citations.json`: instruments with unique ids and unique symbols. */
export const citationsFileSchema = z
  .object({ $comment: z.string().optional(), instruments: z.array(citationInstrumentSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const symbols = new Set<string>();
    file.instruments.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', message: `id "${c.id}" is used twice`, path: ['instruments', i, 'id'] });
      ids.add(c.id);
      if (c.symbol !== null) {
        if (symbols.has(c.symbol)) ctx.addIssue({ code: 'custom', message: `symbol "${c.symbol}" is used twice`, path: ['instruments', i, 'symbol'] });
        symbols.add(c.symbol);
      }
    });
  });
