import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';
import type { z } from 'zod';
import { ReferenceData } from './reference-data.ts';
import { ReferenceDataError } from './reference-data-error.ts';
import {
  UN_LANGUAGES,
  addresseesFileSchema,
  hrcSessionsFileSchema,
  mandatesFileSchema,
  type Addressee,
  type UnLanguage,
} from './schemas.ts';

/** `data/` at the project root, found from this file so that the working directory does not matter. */
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

const cache = new Map<string, ReferenceData>();

const require = createRequire(import.meta.url);
let localesRegistered = false;

/** Registers the six UN languages with i18n-iso-countries once (its locales are JSON files). */
function registerLocales(): void {
  if (localesRegistered) return;
  for (const lang of UN_LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`) as countries.LocaleData);
  localesRegistered = true;
}

/** `mandates[0].holders[1].from` from a zod issue path. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}

/** Reads and validates one JSON file, failing with the file name and every invalid field. */
function readFile<S extends z.ZodType>(dir: string, name: string, schema: S): z.infer<S> {
  const file = join(dir, name);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ReferenceDataError(name, [error instanceof Error ? error.message : String(error)]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ReferenceDataError(name, parsed.error.issues.map((i) => `${fieldPath(i.path)}: ${i.message}`));
  return parsed.data;
}

/**
 * Loads `mandates.json`, `addressees.json` and `hrc-sessions.json` from `dataDir` (default: the
 * project's `data/`), validates them and returns the {@link ReferenceData}. State names come from the
 * i18n-iso-countries package in the six UN languages, overridden by any `names` in the file. Results
 * are cached per directory; a file that is unreadable or invalid raises a {@link ReferenceDataError}
 * naming the file and the field.
 *
 * @example loadReferenceData().mandateTitle('wgad') // 'Working Group on Arbitrary Detention'
 */
export function loadReferenceData(dataDir: string = DEFAULT_DATA_DIR): ReferenceData {
  const dir = resolve(dataDir);
  const cached = cache.get(dir);
  if (cached) return cached;

  const mandates = readFile(dir, 'mandates.json', mandatesFileSchema);
  const addresseesFile = readFile(dir, 'addressees.json', addresseesFileSchema);
  const sessions = readFile(dir, 'hrc-sessions.json', hrcSessionsFileSchema);

  registerLocales();
  const problems: string[] = [];
  const states: Addressee[] = addresseesFile.states.map((s, i) => {
    const names: Partial<Record<UnLanguage, string>> = {};
    for (const lang of UN_LANGUAGES) {
      const name = s.names?.[lang] ?? countries.getName(s.code, lang);
      if (name) names[lang] = name;
    }
    if (!names.en) problems.push(`states[${i}].code: "${s.code}" is not an ISO 3166-1 alpha-3 code known to i18n-iso-countries`);
    return { id: s.code, code: s.code, kind: 'state', status: s.status, names: { ...names, en: names.en ?? s.code } };
  });
  if (problems.length > 0) throw new ReferenceDataError('addressees.json', problems);
  const others: Addressee[] = addresseesFile.other.map((o) => ({ ...o }));

  const data = new ReferenceData({ mandates: mandates.mandates, addressees: [...states, ...others], sessions: sessions.sessions });
  cache.set(dir, data);
  return data;
}
