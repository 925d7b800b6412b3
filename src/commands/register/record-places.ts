import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { insertPlacesIfMissing } from '../../db/repositories/register-repository.ts';
import { PLACE_KINDS } from '../../domain/register/vocabulary.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { parseInput } from '../input.ts';
import { auditRegister } from './register-fields.ts';
import { line, placeId } from './register-input.ts';

/** One place as input. */
export const placeInput = z
  .object({
    id: placeId,
    kind: z.enum(PLACE_KINDS),
    name: line(300).pipe(z.string().min(1, 'a place needs a name')),
    nameLocal: line(300).nullish(),
    parentId: placeId.nullish(),
    countryCode: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166 alpha-3 code'),
    lat: z.number().min(-90).max(90).nullish(),
    lon: z.number().min(-180).max(180).nullish(),
    source: line(300).nullish(),
  })
  .strict()
  .refine((p) => (p.lat == null) === (p.lon == null), { message: 'coordinates come in pairs', path: ['lon'] });

/** Input of {@link recordPlaces}: up to 1,000 places. */
export const recordPlacesSchema = z.array(placeInput).min(1).max(1000);

/**
 * Adds places to the register (countries, regions, cities, villages, places of detention); places already
 * there (by id) are kept as they are. One audit entry names the places added. Returns how many were new.
 */
export async function recordPlaces(ctx: AppContext, principal: Principal, input: unknown): Promise<number> {
  const places = parseInput(recordPlacesSchema, input);
  authorizeRegister(principal, 'edit');
  return ctx.store.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now().toISOString();
    const rows = places.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      name_local: p.nameLocal ?? null,
      parent_id: p.parentId ?? null,
      country_code: p.countryCode,
      lat: p.lat ?? null,
      lon: p.lon ?? null,
      source: p.source ?? null,
      created_at: at,
    }));
    const added = await insertPlacesIfMissing(tx, rows);
    if (added > 0) {
      await auditRegister(tx, { at, actor: principal.name, record: 'place', action: 'created', id: rows[0]!.id, before: null, after: rows, details: { places: rows.map((r) => r.id), added } });
    }
    return added;
  });
}
