// The list of detainees the register benchmark imports: generated in memory, invented persons only.
import { seededRandom, type Random } from '../src/demo/random.ts';
import { transliterateCyrillic } from '../src/domain/transliterate.ts';
import { CHARGES, identityAt, type Identity, type World } from './register-data.ts';
import { familyFor } from './register-names.ts';

// The columns of the list, as a Government's list of detainees writes them.
const HEADER = ['ФИО', 'Год рождения', 'Пол', 'Место жительства', 'Дата задержания', 'Место содержания', 'Орган', 'Статьи'] as const;
/** Which column holds which field of the register (the mapping step's answer). */
export const DETAINEE_LIST_MAPPING = {
  name: 'ФИО',
  birth_year: 'Год рождения',
  sex: 'Пол',
  place: 'Место жительства',
  arrested_on: 'Дата задержания',
  detention_place: 'Место содержания',
  authority: 'Орган',
  charges: 'Статьи',
} as const;

// Kazakh letters as a Russian keyboard writes them, and the 2021 Kazakh Latin alphabet.
const RUSSIFY: Readonly<Record<string, string>> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и', Ә: 'А', Ғ: 'Г', Қ: 'К', Ң: 'Н', Ө: 'О', Ұ: 'У', Ү: 'У', Һ: 'Х', І: 'И' };
const KAZAKH_LATIN: Readonly<Record<string, string>> = {
  а: 'a', ә: 'ä', б: 'b', в: 'v', г: 'g', ғ: 'ğ', д: 'd', е: 'e', ё: 'io', ж: 'j', з: 'z', и: 'i', й: 'i', к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n',
  ң: 'ñ', о: 'o', ө: 'ö', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'ū', ү: 'ü', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch', ш: 'ş', щ: 'şş',
  ъ: '', ы: 'y', і: 'ı', ь: '', э: 'e', ю: 'iu', я: 'ia',
};
const capital = (s: string) => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1));
const russify = (s: string) => s.replace(/[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/g, (c) => RUSSIFY[c]!);
const kazakhLatin = (word: string) => capital([...word.toLowerCase()].map((c) => KAZAKH_LATIN[c] ?? c).join(''));

/**
 * The person's name as another list would write it: given name first in Latin, the passport's capitals,
 * an English-style "J" for "Zh", the 2021 Kazakh Latin alphabet, or Russian Cyrillic without Kazakh letters
 * and without the patronymic, or with initials only.
 */
function respelt(r: Random, p: Identity): string {
  const family = familyFor(p.family, p.nameSex);
  const latinFamily = transliterateCyrillic(family);
  const latinGiven = transliterateCyrillic(p.given);
  switch (r.int(0, 5)) {
    case 0:
      return `${latinGiven} ${latinFamily}`;
    case 1:
      return `${latinFamily.toUpperCase()} ${latinGiven}`;
    case 2:
      return `${latinFamily.replace(/^Zh/, 'J').replace(/zh/g, 'j').replace(/kh/g, 'h')} ${latinGiven.replace(/^Zh/, 'J').replace(/kh/g, 'h')}`;
    case 3:
      return `${kazakhLatin(family)} ${kazakhLatin(p.given)}`;
    case 4:
      return russify(`${family} ${p.given}`);
    default:
      return p.father ? russify(`${family} ${p.given[0]}. ${p.father[0]}.`) : russify(`${family} ${p.given}`);
  }
}

/** A CSV cell, quoted when it holds the delimiter, a quote or a line break. */
const cell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * A list of `rows` detainees as a CSV (semicolon-separated, as Russian-language spreadsheets write it):
 * about 30 % persons already in the register, spelt otherwise, with their birth year (sometimes one off or
 * missing), the rest new persons of the same name pool (so many share a family name with someone loaded).
 * Every row has an arrest in January 2022 with a place of detention (by its local name, or by its id when
 * only a number tells it from another), its authority and charges.
 */
export function detaineeListCsv(world: World, scale: number, rows: number, seed = 17): { file: Buffer; existingRows: number } {
  const r = seededRandom(seed);
  const lines = [HEADER.join(';')];
  let existingRows = 0;
  let fresh = scale;
  const arrestFacilities = world.facilities.filter((f) => f.stage !== 'prison');
  for (let i = 0; i < rows; i++) {
    const existing = r.chance(0.3);
    if (existing) existingRows++;
    const p = identityAt(world, existing ? r.int(0, scale - 1) : fresh++);
    const name = existing ? respelt(r, p) : r.chance(0.5) ? p.cyrillic : russify(p.cyrillic);
    const year = p.birthYear === null || r.chance(0.05) ? '' : String(p.birthYear + (existing && r.chance(0.08) ? r.pick([-1, 1]) : 0));
    const sex = p.sex === null || r.chance(0.1) ? '' : p.sex === 'm' ? 'м' : 'ж';
    const city = p.home ?? r.pick(world.cities);
    const facility = r.chance(0.85) ? r.pick(world.facilitiesAt.get(`${city.id}/arrest`)!.concat(world.facilitiesAt.get(`${city.id}/pretrial`)!)) : r.pick(arrestFacilities);
    const day = 2 + r.int(0, 18);
    const charges = [r.pick(CHARGES.slice(0, 6)), ...(r.chance(0.3) ? [r.pick(CHARGES)] : [])];
    lines.push(
      [
        name,
        year,
        sex,
        r.chance(0.7) ? `г. ${city.local}` : '',
        `${String(day).padStart(2, '0')}.01.2022`,
        // Numbered facilities by id: the place index reads "СИЗО № 1" and "СИЗО № 2" alike (digits carry no sound).
        /-\d+$/.test(facility.id) ? facility.id : facility.local,
        facility.authority,
        [...new Set(charges)].join('; '),
      ]
        .map(cell)
        .join(';'),
    );
  }
  return { file: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'), existingRows };
}
