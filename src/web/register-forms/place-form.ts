import { romanize } from '../../domain/transliterate.ts';
import { PLACE_KINDS } from '../../domain/register/vocabulary.ts';
import { defaultFieldOf, type RegisterFormSpec } from './form-spec.ts';
import { decimalOf, optional, textOf, type FormValues } from './form-values.ts';
import { placeGroups, vocabularyOptions } from './form-view.ts';

/**
 * A place's id made from its name when none is given: romanized (Cyrillic and Kazakh letters too), lower
 * case, words joined by hyphens, at most 64 characters: "СИЗО № 1 г. Алматы" → `sizo-no-1-g-almaty`.
 */
export function placeIdOf(name: string): string {
  return romanize(name)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/**
 * The form of a new place (a place of detention, mostly): its kind, name, local name, the place it lies
 * in, its country, and its coordinates when known. The id is made from the name unless one is given.
 */
export const placeForm: RegisterFormSpec = {
  fields: ['kind', 'name', 'nameLocal', 'id', 'parentId', 'countryCode', 'lat', 'lon', 'source'],
  empty: { kind: 'facility' },
  needs: ['places', 'countries'],
  sections: (b, o) => [
    {
      legend: null,
      hint: null,
      fields: [
        b.select('kind', [{ options: vocabularyOptions(b.t, 'placeKindOne', PLACE_KINDS) }], { required: true, label: 'registerForm.field.placeKind' }),
        b.text('name', { required: true, max: 300, label: 'registerForm.field.placeName' }),
        b.text('nameLocal', { max: 300 }),
        b.text('id', { max: 64, ltr: true, hint: true, label: 'registerForm.field.placeId' }),
        b.select('parentId', placeGroups(b.t, o.places, PLACE_KINDS.filter((k) => k !== 'facility')), { blank: 'registerForm.option.none' }),
        b.select('countryCode', [{ options: o.countries }], { required: true, blank: 'registerForm.option.choose' }),
      ],
    },
    {
      legend: b.t('registerForm.section.coordinates'),
      hint: b.t('registerForm.hint.coordinates'),
      fields: [b.text('lat', { max: 20, ltr: true, inputmode: 'decimal' }), b.text('lon', { max: 20, ltr: true, inputmode: 'decimal' }), b.text('source', { max: 300, label: 'registerForm.field.placeSource' })],
    },
  ],
  // The command takes a list of places: its paths start with the place's index. An id made from the name
  // is the name's fault.
  fieldOf: (path, values) => {
    const field = defaultFieldOf(path.replace(/^\d+\./, ''));
    return field === 'id' && textOf(values, 'id').trim() === '' ? 'name' : field;
  },
};

/** The input of `recordPlaces` (one place) from the form's values. */
export function placeInputOf(values: FormValues): { id: string; [k: string]: unknown } {
  const given = textOf(values, 'id').trim();
  return {
    id: given === '' ? placeIdOf(textOf(values, 'name')) : given,
    kind: textOf(values, 'kind'),
    name: textOf(values, 'name'),
    nameLocal: optional(values, 'nameLocal'),
    parentId: optional(values, 'parentId'),
    countryCode: textOf(values, 'countryCode').trim().toUpperCase(),
    lat: decimalOf(values, 'lat'),
    lon: decimalOf(values, 'lon'),
    source: optional(values, 'source'),
  };
}
