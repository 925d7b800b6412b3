import { AppError } from '../../errors.ts';
import { FULL_NAME_FIELDS, isListField, LIST_FIELDS, type ListField, type ListMapping } from './list-fields.ts';

/**
 * Column names as lists write them, per field, in English, French, Spanish, Russian (and a few in Kazakh
 * and Arabic), already normalised (see {@link normalizeHeader}). Used only to prefill the mapping step:
 * the officer sees the guess and corrects it.
 */
const SYNONYMS: Readonly<Record<ListField, readonly string[]>> = {
  name: [
    'name', 'names', 'full name', 'person', 'fio', 'ф и о', 'фио', 'полное имя', 'фамилия имя отчество', 'фамилия имя', 'фамилия и имя',
    'имя фамилия', 'nom', 'nom complet', 'nom et prenom', 'nom prenom', 'nombre', 'nombre completo', 'nombre y apellidos',
    'apellidos y nombre', 'name and surname', 'surname and name', 'аты жөні', 'الاسم', 'الاسم الكامل',
  ],
  name_latin: ['name latin', 'latin name', 'name in latin', 'name latin script', 'name en', 'name english', 'фио латиницей', 'фио лат', 'ф и о лат', 'ф и о латиницей', 'латиница', 'транслитерация', 'nom latin', 'nombre latino'],
  name_cyrillic: ['name cyrillic', 'cyrillic name', 'name in cyrillic', 'name ru', 'name russian', 'фио кириллицей', 'фио кир', 'ф и о кир', 'ф и о кириллицей', 'фио ру', 'кириллица', 'nom cyrillique', 'nombre cirilico'],
  family_name: ['surname', 'family name', 'last name', 'lastname', 'фамилия', 'тегі', 'nom de famille', 'apellido', 'apellidos'],
  given_names: ['first name', 'firstname', 'given name', 'given names', 'forename', 'forenames', 'имя', 'аты', 'prenom', 'prenoms', 'nombre de pila'],
  patronymic: ['patronymic', 'middle name', 'father s name', 'fathers name', 'отчество', 'әкесінің аты', 'patronyme', 'patronimico'],
  sex: ['sex', 'gender', 'пол', 'жынысы', 'sexe', 'genre', 'sexo', 'genero', 'الجنس'],
  birth_year: [
    'birth year', 'year of birth', 'born', 'yob', 'date of birth', 'birth date', 'birthdate', 'dob', 'год рождения', 'г р', 'гр', 'дата рождения', 'год',
    'туған жылы', 'annee de naissance', 'date de naissance', 'ne en', 'ano de nacimiento', 'fecha de nacimiento', 'سنة الميلاد', 'تاريخ الميلاد',
  ],
  age: ['age', 'возраст', 'жасы', 'edad', 'العمر'],
  occupation: ['occupation', 'profession', 'job', 'род занятий', 'профессия', 'деятельность', 'место работы', 'metier', 'profesion', 'ocupacion'],
  place: [
    'place', 'city', 'town', 'locality', 'residence', 'place of residence', 'address', 'place of arrest', 'arrest place', 'where arrested', 'город',
    'населенный пункт', 'место жительства', 'место проживания', 'место задержания', 'адрес', 'lieu', 'ville', 'lieu de residence',
    'lieu d arrestation', 'lugar', 'ciudad', 'residencia', 'lugar de arresto',
  ],
  arrested_on: [
    'arrested', 'arrested on', 'arrest date', 'date of arrest', 'detained on', 'date detained', 'date of detention', 'дата задержания', 'задержан',
    'дата ареста', 'когда задержан', 'date d arrestation', 'arrete le', 'fecha de detencion', 'fecha de arresto', 'detenido el',
  ],
  detention_place: [
    'place of detention', 'detention place', 'detention facility', 'held at', 'where held', 'facility', 'prison', 'место содержания',
    'место содержания под стражей', 'место заключения', 'учреждение', 'сизо', 'изолятор', 'lieu de detention', 'etablissement',
    'lugar de detencion', 'centro de detencion',
  ],
  authority: ['authority', 'arresting authority', 'detaining authority', 'arrested by', 'agency', 'орган', 'задержавший орган', 'кем задержан', 'ведомство', 'autorite', 'arrete par', 'autoridad', 'detenido por'],
  charges: ['charges', 'charge', 'articles', 'article', 'accusation', 'статья', 'статьи', 'обвинение', 'статьи ук', 'статья ук рк', 'chefs d accusation', 'chef d accusation', 'inculpation', 'cargos', 'cargo', 'acusacion'],
  status: ['status', 'current status', 'situation', 'статус', 'положение', 'текущий статус', 'statut', 'estado', 'situacion'],
  released_on: ['released', 'released on', 'release date', 'date of release', 'дата освобождения', 'освобожден', 'date de liberation', 'libere le', 'fecha de liberacion', 'liberado el'],
  convicted_on: ['convicted', 'convicted on', 'date of conviction', 'sentenced on', 'verdict date', 'дата приговора', 'осужден', 'date de condamnation', 'fecha de condena'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'remark', 'примечание', 'примечания', 'комментарий', 'комментарии', 'remarques', 'observations', 'observaciones', 'notas', 'comentarios'],
};

/**
 * A column name reduced for comparison: accents and other combining marks dropped (so "Prénom" = "prenom",
 * "ё" = "е"), lower case, punctuation as spaces, spaces collapsed.
 *
 * @example normalizeHeader('Ф.И.О.') // 'ф и о'
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const NORMALIZED: ReadonlyArray<[ListField, string[]]> = LIST_FIELDS.map((f) => [f, SYNONYMS[f].map(normalizeHeader)]);

/** True when the words of `phrase` occur, in order and whole, among the words of `header`. */
function containsWords(header: string, phrase: string): boolean {
  return ` ${header} `.includes(` ${phrase} `);
}

/**
 * A first guess at the mapping from a file's column names: a column whose name is a known name of a field
 * (in any of the languages above) is mapped to it; failing that, one whose name contains such a name as
 * whole words ("Дата задержания (число)"). Each column serves one field and each field one column; exact
 * names win over containment, longer names over shorter ones.
 *
 * @example guessMapping(['ФИО', 'Год рождения', 'Город']) // { name: 'ФИО', birth_year: 'Год рождения', place: 'Город' }
 */
export function guessMapping(header: readonly string[]): ListMapping {
  const candidates: Array<{ field: ListField; column: number; score: number }> = [];
  header.forEach((h, column) => {
    const n = normalizeHeader(h);
    if (n === '') return;
    for (const [field, names] of NORMALIZED) {
      for (const name of names) {
        if (name === n) candidates.push({ field, column, score: 1000 + name.length });
        else if (containsWords(n, name)) candidates.push({ field, column, score: name.length });
      }
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column || LIST_FIELDS.indexOf(a.field) - LIST_FIELDS.indexOf(b.field));
  const out: ListMapping = {};
  const usedColumns = new Set<number>();
  for (const c of candidates) {
    if (out[c.field] !== undefined || usedColumns.has(c.column)) continue;
    out[c.field] = header[c.column]!;
    usedColumns.add(c.column);
  }
  return out;
}

/** The column index of each mapped field. */
export type ColumnMap = Partial<Record<ListField, number>>;

/**
 * Checks a mapping against a file's column names and gives the column of each mapped field: every field
 * must be a register field and every column one of the file's (by its exact name, or ignoring case), and
 * some column must hold names (a full name, or at least a family name).
 *
 * @throws AppError VALIDATION_FAILED with `details.field` = `mapping.<field>`
 */
export function resolveMapping(header: readonly string[], mapping: Readonly<Record<string, string | undefined>>): ColumnMap {
  const out: ColumnMap = {};
  for (const [field, column] of Object.entries(mapping)) {
    if (!isListField(field)) throw new AppError('VALIDATION_FAILED', `mapping: "${field}" is not a register field`, { field: 'mapping' });
    if (column === undefined || column.trim() === '') continue;
    let index = header.indexOf(column.trim());
    if (index === -1) index = header.findIndex((h) => h.toLowerCase() === column.trim().toLowerCase());
    if (index === -1) throw new AppError('VALIDATION_FAILED', `mapping.${field}: the file has no column "${column}"`, { field: `mapping.${field}` });
    out[field] = index;
  }
  if (![...FULL_NAME_FIELDS, 'family_name' as const].some((f) => out[f] !== undefined)) {
    throw new AppError('VALIDATION_FAILED', 'mapping.name: choose the column that holds the names', { field: 'mapping.name' });
  }
  return out;
}
