import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CitationLibrary } from './citation-library.ts';
import { citationsFileSchema } from './citation-schemas.ts';
import { loadReferenceData } from './load-reference-data.ts';
import { ReferenceDataError } from './reference-data-error.ts';

/** `data/` at the project root, found from this file so that the working directory does not matter. */
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

const FILE = 'citations.json';

const cache = new Map<string, CitationLibrary>();

/** `instruments[0].provisions[1].pin` from a zod issue path. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}

/**
 * Loads `citations.json` from `dataDir` (default: the project's `data/`), validates it — unique ids
 * and symbols, canonical symbols and pinpoints, non-empty one-line statements, real dates, and mandate
 * slugs that exist in `mandates.json` of the same directory (read through `loadReferenceData`) — and
 * returns the {@link CitationLibrary}. Results are cached per directory; a file that is unreadable or
 * invalid raises a {@link ReferenceDataError} naming the file and every invalid field.
 *
 * @example loadCitationLibrary().bySymbol('CCPR/C/21/Rev.1/Add.13')?.id // 'ccpr-gc-31'
 */
export function loadCitationLibrary(dataDir: string = DEFAULT_DATA_DIR): CitationLibrary {
  const dir = resolve(dataDir);
  const cached = cache.get(dir);
  if (cached) return cached;

  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, FILE), 'utf8'));
  } catch (error) {
    throw new ReferenceDataError(FILE, [error instanceof Error ? error.message : String(error)]);
  }
  const parsed = citationsFileSchema.safeParse(json);
  if (!parsed.success) throw new ReferenceDataError(FILE, parsed.error.issues.map((i) => `${fieldPath(i.path)}: ${i.message}`));

  const reference = loadReferenceData(dir);
  const problems: string[] = [];
  parsed.data.instruments.forEach((c, i) => {
    c.mandates.forEach((slug, j) => {
      if (!reference.mandate(slug)) problems.push(`instruments[${i}].mandates[${j}]: unknown mandate "${slug}" (not in mandates.json)`);
    });
    if (c.author !== undefined && !reference.mandate(c.author)) problems.push(`instruments[${i}].author: unknown mandate "${c.author}" (not in mandates.json)`);
  });
  if (problems.length > 0) throw new ReferenceDataError(FILE, problems);

  const library = new CitationLibrary(parsed.data.instruments);
  cache.set(dir, library);
  return library;
}
