import { AFFILIATIONS, PLACE_KINDS, SCRIPTS, SEXES } from '../../domain/register/vocabulary.ts';
import type { RegisterFormSpec } from './form-spec.ts';
import { checked, optional, SOURCE_FIELDS, sourcesOf, textOf, wholeNumberOf, type FormValues } from './form-values.ts';
import { placeGroups, vocabularyOptions, type FormBuilder, type SectionView } from './form-view.ts';

/** How many name variants the form offers (more can be added to the person later). */
export const NAME_SLOTS = 4;

const SLOTS = Array.from({ length: NAME_SLOTS }, (_, i) => i + 1);

/** The slots (1…4) whose name is filled in, in order: their positions in the person's list of names. */
function filledSlots(values: FormValues): number[] {
  return SLOTS.filter((n) => textOf(values, `name${n}`).trim() !== '');
}

function variantSection(b: FormBuilder, n: number): SectionView {
  const others = SLOTS.filter((k) => k !== n).map((k) => ({ value: String(k), label: b.t('registerForm.option.variant', { n: k }) }));
  return {
    legend: b.t('registerForm.section.nameVariant', { n }),
    hint: n === 1 ? b.t('registerForm.hint.nameVariants') : null,
    fields: [
      b.text(`name${n}`, { required: n === 1, max: 300, label: 'registerForm.field.name' }),
      b.select(`script${n}`, [{ options: vocabularyOptions(b.t, 'script', SCRIPTS) }], { blank: 'registerForm.option.scriptAuto', label: 'registerForm.field.script' }),
      b.select(`translitOf${n}`, [{ options: others }], { blank: 'registerForm.option.none', label: 'registerForm.field.translitOf' }),
    ],
  };
}

/**
 * The form of a new person: up to four name variants (each with its script, found from the letters when
 * left blank, and the variant it transliterates), sex, birth year, occupation, affiliation, home place,
 * whether the identity is withheld, and the source.
 */
export const personForm: RegisterFormSpec = {
  fields: [...SLOTS.flatMap((n) => [`name${n}`, `script${n}`, `translitOf${n}`]), 'sex', 'birthYear', 'occupation', 'affiliation', 'homePlaceId', 'identityWithheld', ...SOURCE_FIELDS],
  empty: { sourceKind: 'other' },
  needs: ['places'],
  sections: (b, o) => [
    ...SLOTS.map((n) => variantSection(b, n)),
    {
      legend: b.t('registerForm.section.about'),
      hint: null,
      fields: [
        b.select('sex', [{ options: vocabularyOptions(b.t, 'sex', SEXES) }], { blank: 'registerForm.option.unknown' }),
        b.text('birthYear', { max: 4, ltr: true, inputmode: 'numeric' }),
        b.text('occupation', { max: 200 }),
        b.select('affiliation', [{ options: vocabularyOptions(b.t, 'affiliation', AFFILIATIONS) }], { blank: 'registerForm.option.unknown' }),
        b.select('homePlaceId', placeGroups(b.t, o.places, PLACE_KINDS.filter((k) => k !== 'facility')), { blank: 'registerForm.option.unknown' }),
        b.checkbox('identityWithheld', { hint: true }),
      ],
    },
    b.source(),
  ],
  fieldOf: (path, values) => {
    const m = /^names\.(\d+)\.(\w+)/.exec(path);
    if (!m) return path === 'names' ? 'name1' : undefined;
    const slot = filledSlots(values)[Number(m[1])] ?? 1;
    return m[2] === 'transliterationOf' ? `translitOf${slot}` : m[2] === 'script' ? `script${slot}` : `name${slot}`;
  },
};

/**
 * The input of `recordPerson` from the form's values. Blank variants are left out, so "transliteration of
 * variant 3" is turned into the position variant 3 has among the names kept; pointing at a blank variant is
 * kept as an impossible reference (the variant itself), which the command refuses.
 */
export function personInputOf(values: FormValues): unknown {
  const slots = filledSlots(values);
  const names = slots.map((n, position) => {
    const script = textOf(values, `script${n}`);
    const of = textOf(values, `translitOf${n}`);
    const target = of === '' ? null : slots.indexOf(Number(of));
    return {
      name: textOf(values, `name${n}`),
      ...(script ? { script } : {}),
      ...(target === null ? {} : { transliterationOf: target < 0 ? position : target }),
    };
  });
  return {
    names,
    sex: optional(values, 'sex'),
    birthYear: wholeNumberOf(values, 'birthYear'),
    occupation: optional(values, 'occupation'),
    affiliation: optional(values, 'affiliation'),
    homePlaceId: optional(values, 'homePlaceId'),
    identityWithheld: checked(values, 'identityWithheld'),
    sources: sourcesOf(values),
  };
}
