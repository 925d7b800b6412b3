import { z } from 'zod';

/**
 * The six official languages of the United Nations, in which names and titles may be stored.
 *
 * @example unLanguageSchema.parse('ru') // 'ru'
 */
export const UN_LANGUAGES = ['en', 'fr', 'es', 'ru', 'ar', 'zh'] as const;

/** One of the six official UN languages. */
export const unLanguageSchema = z.enum(UN_LANGUAGES);

/** A UN language code: `en fr es ru ar zh`. */
export type UnLanguage = z.infer<typeof unLanguageSchema>;

/**
 * A calendar date written `YYYY-MM-DD` that exists (no 30 February). Reference data are dates, not
 * instants: Geneva calendar days.
 */
export const isoDateSchema = z.iso.date({ error: 'must be a real date written YYYY-MM-DD' });

/**
 * Where a fact comes from and whether the source confirms it. A fact that the cited source does not
 * fully confirm stays in the data with `verified: false` and a `note` saying what is missing, so that
 * screens can flag it instead of presenting it as certain.
 */
const provenance = {
  source: z.string().trim().min(1),
  verified: z.boolean(),
  note: z.string().trim().min(1).optional(),
};

/** A text per UN language, English required (the fallback). */
function perLanguage<T extends z.ZodType>(value: T) {
  return z
    .object({ en: value, fr: value.optional(), es: value.optional(), ru: value.optional(), ar: value.optional(), zh: value.optional() })
    .strict();
}

/**
 * A resolution of the Commission on Human Rights (`CHR`) or the Human Rights Council (`HRC`) that
 * establishes or renews a mandate, e.g. HRC 41/12 (2019). `number` is kept as printed: `41/12`,
 * `1991/42`, `20 (XXXVI)`. `adopted` is the day of adoption where a source gives it; without it the
 * resolution counts from the end of its HRC session (or of its year), never earlier than it could have
 * been cited.
 */
export const resolutionSchema = z
  .object({
    body: z.enum(['CHR', 'HRC']),
    number: z.string().regex(/^(\d+\/\d+|\d+ \([IVXLC]+\))$/, 'must look like "41/12", "1991/42" or "20 (XXXVI)"'),
    year: z.number().int().min(1946).max(2100),
    adopted: isoDateSchema.optional(),
    role: z.enum(['establish', 'renew']),
    ...provenance,
  })
  .strict()
  .refine((r) => r.adopted === undefined || Number(r.adopted.slice(0, 4)) === r.year, { message: 'adoption date is not in the year of the resolution', path: ['adopted'] });

/** A resolution establishing or renewing a mandate. */
export type Resolution = z.infer<typeof resolutionSchema>;

/**
 * A person who held a mandate (for a working group: who signs for it, the Chair-Rapporteur) from one
 * day to another, both inclusive; `to: null` means still in office. `role` is the signature title as
 * letters print it. `aliases` are other spellings of the name met in letters.
 */
export const mandateHolderSchema = z
  .object({
    name: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)).optional(),
    role: perLanguage(z.string().trim().min(1)),
    from: isoDateSchema,
    to: isoDateSchema.nullable(),
    ...provenance,
  })
  .strict()
  .refine((h) => h.to === null || h.from <= h.to, { message: 'tenure ends before it starts', path: ['to'] });

/** A holder of a mandate over a period. */
export type MandateHolder = z.infer<typeof mandateHolderSchema>;

/**
 * How a mandate is named in one language: `title` exactly as letters write it in the header and the
 * opening paragraph, a `short` label for lists, and the `mandate` phrase ("Mandates of the …").
 */
const mandateNameSchema = z
  .object({
    title: z.string().trim().min(1),
    short: z.string().trim().min(1).optional(),
    mandate: z.string().trim().min(1).optional(),
    /** Where a translated title comes from, and whether it was checked against that source. */
    source: z.string().trim().min(1).optional(),
    verified: z.boolean().optional(),
  })
  .strict();

/**
 * A Special Procedure: stable slug, kind, body, names per language (English complete), its
 * resolutions in chronological order and its holders over time.
 */
export const mandateSchema = z
  .object({
    slug: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens'),
    kind: z.enum(['thematic', 'country']),
    body: z.enum(['special-rapporteur', 'working-group', 'independent-expert']),
    names: z
      .object({
        en: mandateNameSchema,
        fr: mandateNameSchema.optional(),
        es: mandateNameSchema.optional(),
        ru: mandateNameSchema.optional(),
        ar: mandateNameSchema.optional(),
        zh: mandateNameSchema.optional(),
      })
      .strict(),
    resolutions: z.array(resolutionSchema).min(1),
    holders: z.array(mandateHolderSchema),
    ...provenance,
  })
  .strict()
  .superRefine((m, ctx) => {
    m.resolutions.forEach((r, i) => {
      const previous = m.resolutions[i - 1];
      if (previous && previous.year > r.year) {
        ctx.addIssue({ code: 'custom', message: 'resolutions must be in chronological order', path: ['resolutions', i, 'year'] });
      }
    });
    if (m.resolutions[0]?.role !== 'establish') {
      ctx.addIssue({ code: 'custom', message: 'the first resolution must be the one that establishes the mandate', path: ['resolutions', 0, 'role'] });
    }
    m.holders.forEach((h, i) => {
      const previous = m.holders[i - 1];
      if (previous && (previous.to === null || previous.to >= h.from)) {
        ctx.addIssue({ code: 'custom', message: 'holders must be in order and their tenures must not overlap', path: ['holders', i, 'from'] });
      }
    });
  });

/** A Special Procedures mandate. */
export type Mandate = z.infer<typeof mandateSchema>;

/** `data/mandates.json`: the mandates, unique slugs. */
export const mandatesFileSchema = z
  .object({ $comment: z.string().optional(), mandates: z.array(mandateSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.mandates.forEach((m, i) => {
      if (seen.has(m.slug)) ctx.addIssue({ code: 'custom', message: `slug "${m.slug}" is used twice`, path: ['mandates', i, 'slug'] });
      seen.add(m.slug);
    });
  });

/** The code under which all non-State addressees share one reference sequence (`AL OTH 74/2022`). */
export const NON_STATE_CODE = 'OTH';

/** A State in `data/addressees.json`: its ISO 3166-1 alpha-3 code, UN status and optional name overrides. */
export const stateEntrySchema = z
  .object({
    code: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code'),
    status: z.enum(['member', 'observer']),
    names: z
      .object({ en: z.string().optional(), fr: z.string().optional(), es: z.string().optional(), ru: z.string().optional(), ar: z.string().optional(), zh: z.string().optional() })
      .strict()
      .optional(),
    source: z.string().optional(),
  })
  .strict()
  .refine((s) => s.code !== NON_STATE_CODE, { message: 'OTH is not a State', path: ['code'] });

/** A non-State addressee in `data/addressees.json` (company, intergovernmental body, de facto authority…). */
export const otherAddresseeEntrySchema = z
  .object({
    id: z.string().regex(/^oth-[a-z0-9-]+$/, 'must start with "oth-" followed by lowercase letters, digits and hyphens'),
    code: z.literal(NON_STATE_CODE),
    kind: z.enum(['company', 'intergovernmental', 'de-facto-authority', 'other']),
    names: perLanguage(z.string().trim().min(1)),
    ...provenance,
  })
  .strict();

/** `data/addressees.json`: States (unique codes) and non-State addressees (unique ids). */
export const addresseesFileSchema = z
  .object({ $comment: z.string().optional(), states: z.array(stateEntrySchema).min(1), other: z.array(otherAddresseeEntrySchema) })
  .strict()
  .superRefine((file, ctx) => {
    const codes = new Set<string>();
    file.states.forEach((s, i) => {
      if (codes.has(s.code)) ctx.addIssue({ code: 'custom', message: `code "${s.code}" is listed twice`, path: ['states', i, 'code'] });
      codes.add(s.code);
    });
    const ids = new Set<string>();
    file.other.forEach((o, i) => {
      if (ids.has(o.id)) ctx.addIssue({ code: 'custom', message: `id "${o.id}" is used twice`, path: ['other', i, 'id'] });
      ids.add(o.id);
    });
  });

/**
 * An addressee as the application sees it: a State (`id` = `code` = its alpha-3 code) or a non-State
 * addressee (`code` = `OTH`, `id` = `oth-…`), with its names per language (English always present).
 */
export const addresseeSchema = z.object({
  id: z.string(),
  code: z.string(),
  kind: z.enum(['state', 'company', 'intergovernmental', 'de-facto-authority', 'other']),
  status: z.enum(['member', 'observer']).optional(),
  names: perLanguage(z.string()),
  source: z.string().optional(),
  verified: z.boolean().optional(),
  note: z.string().optional(),
});

/** A State or non-State addressee with its display names. */
export type Addressee = z.infer<typeof addresseeSchema>;

/** A continuous part of a session (a session suspended and resumed has several). */
const sessionPartSchema = z
  .object({ start: isoDateSchema, end: isoDateSchema })
  .strict()
  .refine((p) => p.start <= p.end, { message: 'part ends before it starts', path: ['end'] });

/**
 * A regular session of the Human Rights Council: number, first and last day, the parts when it was
 * interrupted, and whether the dates are confirmed by the source.
 */
export const hrcSessionSchema = z
  .object({
    number: z.number().int().positive(),
    start: isoDateSchema,
    end: isoDateSchema,
    parts: z.array(sessionPartSchema).min(2).optional(),
    ...provenance,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.start > s.end) ctx.addIssue({ code: 'custom', message: 'session ends before it starts', path: ['end'] });
    if (s.parts) {
      if (s.parts[0]?.start !== s.start) ctx.addIssue({ code: 'custom', message: 'first part must start on the session start', path: ['parts', 0, 'start'] });
      if (s.parts[s.parts.length - 1]?.end !== s.end) ctx.addIssue({ code: 'custom', message: 'last part must end on the session end', path: ['parts', s.parts.length - 1, 'end'] });
    }
  });

/** A regular session of the Human Rights Council. */
export type HrcSession = z.infer<typeof hrcSessionSchema>;

/** `data/hrc-sessions.json`: sessions with unique numbers. */
export const hrcSessionsFileSchema = z
  .object({ $comment: z.string().optional(), sessions: z.array(hrcSessionSchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<number>();
    file.sessions.forEach((s, i) => {
      if (seen.has(s.number)) ctx.addIssue({ code: 'custom', message: `session ${s.number} is listed twice`, path: ['sessions', i, 'number'] });
      seen.add(s.number);
    });
  });
