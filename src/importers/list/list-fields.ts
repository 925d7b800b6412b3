/**
 * The register fields a column of a list of persons can be mapped to. A list (a Government's list of
 * detainees, an NGO's list, a family's report) names persons and, often, one detention each:
 *
 * | field | what the column holds | stored as |
 * |---|---|---|
 * | `name` | a full name, any script and order ("Жанбулатов Нурлан Серикович", "Nurlan Zhanbulatov") | a name variant |
 * | `name_latin`, `name_cyrillic` | the same person's name in another script, when the list gives both | more name variants |
 * | `family_name`, `given_names`, `patronymic` | a name split over columns (Фамилия / Имя / Отчество) | one variant, "Family Given Patronymic" |
 * | `sex` | m/f, male/female, м/ж, муж./жен. … | the person's sex |
 * | `birth_year` | a year, or a date of birth (only its year is kept) | the birth year |
 * | `age` | an age in years, when the list gives no year | birth year = year received (or this year) − age |
 * | `occupation` | journalist, worker … | the person's occupation |
 * | `place` | where the person lives or was arrested, by a name of a place of the register | with an arrest date: the arrest place; without: the place of residence |
 * | `arrested_on` | the date of arrest: YYYY, YYYY-MM, YYYY-MM-DD, DD.MM.YYYY, MM.YYYY (day first) | a detention |
 * | `detention_place` | where the person is held, by a name of a place of the register | the detention's place of detention |
 * | `authority` | who arrested and holds the person | the arrest and holding authority |
 * | `charges` | charges or articles, separated by ";" | the detention's charges |
 * | `status` | in custody, released, convicted, whereabouts unknown (en, fr, es, ru) | checked against the dates and place |
 * | `released_on`, `convicted_on` | the day of release or conviction | the detention's release or conviction |
 * | `notes` | remarks on the detention | the (encrypted) note of the place of detention |
 *
 * A name is the only required field. The detention fields need `arrested_on`: the register never invents
 * the date of an arrest. Places must be places of the register (by name in any script, or by id).
 */
export const LIST_FIELDS = [
  'name',
  'name_latin',
  'name_cyrillic',
  'family_name',
  'given_names',
  'patronymic',
  'sex',
  'birth_year',
  'age',
  'occupation',
  'place',
  'arrested_on',
  'detention_place',
  'authority',
  'charges',
  'status',
  'released_on',
  'convicted_on',
  'notes',
] as const;

/** A register field a list column can be mapped to (see {@link LIST_FIELDS}). */
export type ListField = (typeof LIST_FIELDS)[number];

/** The fields that hold a whole name variant. */
export const FULL_NAME_FIELDS = ['name', 'name_latin', 'name_cyrillic'] as const satisfies readonly ListField[];

/** The fields that hold a part of one name variant, in the order they are joined. */
export const NAME_PART_FIELDS = ['family_name', 'given_names', 'patronymic'] as const satisfies readonly ListField[];

/** The fields that describe a detention: any of them makes the row record one, which needs `arrested_on`. */
export const DETENTION_FIELDS = ['arrested_on', 'detention_place', 'authority', 'charges', 'status', 'released_on', 'convicted_on', 'notes'] as const satisfies readonly ListField[];

/** A mapping: which column (by its header) holds which field. Fields left out are not in the file. */
export type ListMapping = Partial<Record<ListField, string>>;

/** True for a {@link ListField}. */
export function isListField(value: string): value is ListField {
  return (LIST_FIELDS as readonly string[]).includes(value);
}
