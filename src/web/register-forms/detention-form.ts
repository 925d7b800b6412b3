import { ACCESS_STATES, PLACE_KINDS } from '../../domain/register/vocabulary.ts';
import type { Translate } from '../../i18n/translate.ts';
import type { FormOptions, RegisterFormSpec } from './form-spec.ts';
import { linesOf, optional, partialDateOf, SOURCE_FIELDS, sourcesOf, textOf, triStateOf, UNKNOWN_PLACE, type FormValues } from './form-values.ts';
import { placeGroups, vocabularyOptions, type FormBuilder, type FieldView } from './form-view.ts';

/** Yes / no / not known, for a court's authorisation. */
export function courtOptions(t: Translate) {
  return [{ options: [{ value: 'yes', label: t('registerForm.access.yes') }, { value: 'no', label: t('registerForm.access.no') }] }];
}

/** The acts of the person as options: type and date. */
export function actOptions(t: Translate, acts: FormOptions['acts']): Array<{ value: string; label: string }> {
  return acts.map((a) => ({ value: a.id, label: [t(`registerForm.actType.${a.type}`), a.date?.value].filter(Boolean).join(' · ') }));
}

/** A place of detention: the register's places (places of detention first) and "an unknown place". */
export function detentionPlaceField(b: FormBuilder, name: string, o: FormOptions, opts: { required?: boolean; blank?: string; label?: string } = {}): FieldView {
  return b.select(
    name,
    [{ label: null, options: [{ value: UNKNOWN_PLACE, label: b.t('registerForm.option.unknownPlace') }] }, ...placeGroups(b.t, o.places, PLACE_KINDS, 'facility')],
    { hint: 'registerForm.hint.detentionPlace', ...opts },
  );
}

/** The fields of what changes during a detention, shared by the new detention and its change. */
export function detentionFactFields(b: FormBuilder): FieldView[] {
  return [
    b.text('legalBasis', { max: 500 }),
    b.textarea('charges', { hint: true, rows: 3 }),
    b.select('courtAuthorised', courtOptions(b.t), { blank: 'registerForm.option.unknown' }),
    b.day('courtAuthorisedOn'),
    b.textarea('health', { max: 20_000, hint: true }),
    b.select('counselAccess', [{ options: vocabularyOptions(b.t, 'access', ACCESS_STATES) }]),
    b.select('familyContact', [{ options: vocabularyOptions(b.t, 'access', ACCESS_STATES) }]),
  ];
}

/**
 * The form of a new detention of a person: the arrest (date, place, authority), legal basis and charges,
 * court authorisation, the first place of detention (or an unknown place) since when and held by whom,
 * health, access to counsel, contact with family, and the source.
 */
export const detentionForm: RegisterFormSpec = {
  fields: [
    'actId', 'arrested', 'arrestPlaceId', 'arrestAuthority', 'legalBasis', 'charges', 'courtAuthorised', 'courtAuthorisedOn',
    'stayPlaceId', 'staySince', 'stayAuthority', 'health', 'counselAccess', 'familyContact', ...SOURCE_FIELDS,
  ],
  empty: { counselAccess: 'unknown', familyContact: 'unknown', sourceKind: 'other' },
  needs: ['places', 'acts'],
  sections: (b, o) => [
    {
      legend: b.t('registerForm.section.arrest'),
      hint: null,
      fields: [
        ...b.date('arrested', { required: true }),
        b.select('arrestPlaceId', placeGroups(b.t, o.places, PLACE_KINDS), { blank: 'registerForm.option.unknown' }),
        b.text('arrestAuthority', { max: 200 }),
        b.select('actId', [{ options: actOptions(b.t, o.acts) }], { blank: 'registerForm.option.none', hint: true }),
      ],
    },
    {
      legend: b.t('registerForm.section.stay'),
      hint: null,
      fields: [
        detentionPlaceField(b, 'stayPlaceId', o, { blank: 'registerForm.option.notRecorded' }),
        ...b.date('staySince', { label: 'registerForm.field.since' }).map((f) => ({ ...f, hint: b.t('registerForm.hint.staySince') })),
        b.text('stayAuthority', { max: 200, label: 'registerForm.field.authority' }),
      ],
    },
    { legend: b.t('registerForm.section.detention'), hint: null, fields: detentionFactFields(b) },
    b.source(),
  ],
  fieldOf: (path) => {
    if (path.startsWith('stays.')) return path.includes('since') ? 'staySince' : 'stayPlaceId';
    // Both the arrest place and the places of detention are checked under `stays`.
    if (path === 'stays') return 'stayPlaceId';
    return undefined;
  },
};

/**
 * The input of `recordDetention` for the person `personId`. A first place chosen (or "an unknown place")
 * makes one stay, since the date given or else since the arrest, as precisely as the arrest is known.
 */
export function detentionInputOf(personId: string, values: FormValues): unknown {
  const stayPlace = textOf(values, 'stayPlaceId');
  const arrested = partialDateOf(values, 'arrested');
  const since = partialDateOf(values, 'staySince', { optional: true }) ?? arrested;
  const stays = stayPlace === '' ? [] : [{ placeId: stayPlace === UNKNOWN_PLACE ? null : stayPlace, since, authority: optional(values, 'stayAuthority') }];
  return {
    personId,
    actId: optional(values, 'actId'),
    arrested,
    arrestPlaceId: optional(values, 'arrestPlaceId'),
    arrestAuthority: optional(values, 'arrestAuthority'),
    legalBasis: optional(values, 'legalBasis'),
    charges: linesOf(values, 'charges'),
    courtAuthorised: triStateOf(values, 'courtAuthorised'),
    courtAuthorisedOn: optional(values, 'courtAuthorisedOn')?.trim() ?? null,
    health: textOf(values, 'health'),
    counselAccess: textOf(values, 'counselAccess') || undefined,
    familyContact: textOf(values, 'familyContact') || undefined,
    stays,
    sources: sourcesOf(values),
  };
}
