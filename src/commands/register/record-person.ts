import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { insertPerson, linkSources, type PersonRow } from '../../db/repositories/register-repository.ts';
import { AFFILIATIONS, SCRIPTS, SEXES, type Script } from '../../domain/register/vocabulary.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput } from '../input.ts';
import { auditRegister, nameDigests, seal } from './register-fields.ts';
import { checkPlaces, line, placeId, resolveSources, sourcesInput } from './register-input.ts';

/** The script a name is written in, when its writer did not say: Cyrillic, Arabic, else Latin. */
export function scriptOf(name: string): Script {
  if (/\p{Script=Cyrillic}/u.test(name)) return 'cyrl';
  if (/\p{Script=Arabic}/u.test(name)) return 'arab';
  return 'latn';
}

/** One name variant as input. */
export const nameInput = z
  .object({
    name: line(300).pipe(z.string().min(1, 'a name is required')),
    script: z.enum(SCRIPTS).optional(),
    transliterationOf: z.number().int().min(0).max(19).nullish(),
    transliteration: z.string().regex(/^[a-z0-9_]{1,16}$/).nullish(),
  })
  .strict();

/** The fields of a person, shared by creation and change. */
export const personFields = {
  names: z.array(nameInput).min(1, 'a person needs a name').max(20, 'at most 20 name variants'),
  sex: z.enum(SEXES).nullish(),
  birthYear: z.number().int().min(1900).max(2100).nullish(),
  occupation: line(200).nullish(),
  affiliation: z.enum(AFFILIATIONS).nullish(),
  homePlaceId: placeId.nullish(),
  identityWithheld: z.boolean().default(false),
};

/** Input of {@link recordPerson}. */
export const recordPersonSchema = z
  .object({ ...personFields, synthetic: z.boolean().default(false), sources: sourcesInput })
  .strict()
  .superRefine((p, ctx) => {
    p.names.forEach((n, i) => {
      if (n.transliterationOf != null && (n.transliterationOf === i || n.transliterationOf >= p.names.length)) {
        ctx.addIssue({ code: 'custom', message: 'transliterates another variant of the list', path: ['names', i, 'transliterationOf'] });
      }
    });
  });

/** The stored name rows of a person (names encrypted) and the keyed digests of their name keys. */
export function personNameRows(ctx: Pick<AppContext, 'keys'>, personId: string, names: z.output<typeof nameInput>[]) {
  return {
    rows: names.map((n, position) => ({
      person_id: personId,
      position,
      name: seal(ctx, 'person_names', 'name', `${personId}#${position}`, n.name),
      script: n.script ?? scriptOf(n.name),
      transliteration_of: n.transliterationOf ?? null,
      transliteration: n.transliteration ?? null,
    })),
    keys: nameDigests(
      ctx,
      names.map((n) => n.name),
    ),
  };
}

/** What the audit log digests of a person: its row and its names as stored (ciphertexts). */
export function personSnapshot(row: PersonRow, names: readonly { position: number; name: string; script: string }[]): unknown {
  return { ...row, version: Number(row.version), names: names.map((n) => ({ position: Number(n.position), name: n.name, script: n.script })) };
}

/**
 * Records a person once, with name variants in several scripts (encrypted; found again by the
 * transliteration-aware keys of every variant), sex, birth year, occupation and affiliation, and the
 * sources. Audited. Returns the new person's id.
 */
export async function recordPerson(ctx: AppContext, principal: Principal, input: unknown): Promise<string> {
  const data = parseInput(recordPersonSchema, input);
  authorizeRegister(principal, 'edit');
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now().toISOString();
    await checkPlaces(tx, [data.homePlaceId], 'homePlaceId');
    const row = {
      id,
      sex: data.sex ?? null,
      birth_year: data.birthYear ?? null,
      occupation: data.occupation ?? null,
      affiliation: data.affiliation ?? null,
      home_place_id: data.homePlaceId ?? null,
      identity_withheld: data.identityWithheld ? 1 : 0,
      synthetic: data.synthetic ? 1 : 0,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    const names = personNameRows(ctx, id, data.names);
    await insertPerson(tx, row, names.rows, names.keys);
    const sources = await resolveSources(tx, ctx, at, data.sources);
    await linkSources(tx, 'person', id, sources);
    await auditRegister(tx, { at, actor: principal.name, record: 'person', action: 'created', id, before: null, after: personSnapshot(row, names.rows), details: { names: names.rows.length, sources: sources.length } });
  });
  return id;
}
