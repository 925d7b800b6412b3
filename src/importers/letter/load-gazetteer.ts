import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../../errors.ts';

const placeSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    names: z.array(z.string().trim().min(1)).min(1),
    kind: z.enum(['city', 'region', 'village', 'street']),
    region: z.string().nullable(),
    lat: z.number().min(-90).max(90).nullable(),
    lon: z.number().min(-180).max(180).nullable(),
    source: z.string().trim().min(1),
  })
  .strict();

const gazetteerFileSchema = z
  .object({
    $comment: z.string().optional(),
    country: z.object({ code: z.string().regex(/^[A-Z]{3}$/), name: z.string().min(1) }).strict(),
    places: z.array(placeSchema).min(1),
  })
  .strict();

/** A place of a gazetteer: a city, region or village, the region it lies in, and coordinates where sourced. */
export type GazetteerPlace = z.infer<typeof placeSchema>;

/** A small gazetteer: the country and the places a letter names (see `data/places-kz.json`). */
export type Gazetteer = z.infer<typeof gazetteerFileSchema>;

const DEFAULT_FILE = fileURLToPath(new URL('../../../data/places-kz.json', import.meta.url));
const cache = new Map<string, Gazetteer>();

/**
 * Loads and validates a gazetteer file (default: `data/places-kz.json`, the places of the reference letter).
 * Cached per file.
 *
 * @example loadGazetteer().places.find((p) => p.id === 'zhanaozen')?.region // 'mangystau'
 * @throws AppError FILE_INVALID when the file is unreadable or malformed
 */
export function loadGazetteer(file: string = DEFAULT_FILE): Gazetteer {
  const cached = cache.get(file);
  if (cached) return cached;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('FILE_INVALID', `gazetteer ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  const parsed = gazetteerFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('FILE_INVALID', `gazetteer ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { file });
  }
  cache.set(file, parsed.data);
  return parsed.data;
}
