import type { Detention } from '../../domain/register/records.ts';
import type { RegisterFormSpec } from './form-spec.ts';
import { linesOf, optional, SOURCE_FIELDS, sourcesOf, textOf, triStateOf, versionOf, type FormValues } from './form-values.ts';
import { detentionFactFields } from './detention-form.ts';

/**
 * The form that changes what is known of a detention: legal basis, charges, court authorisation, health,
 * access to counsel, contact with family, release, conviction and sentence, and the source of the news.
 * It shows every field as it stands and sends them all, with the version it was loaded at.
 */
export const detentionChangeForm: RegisterFormSpec = {
  fields: ['version', 'legalBasis', 'charges', 'courtAuthorised', 'courtAuthorisedOn', 'health', 'counselAccess', 'familyContact', 'releasedOn', 'convictedOn', 'sentence', ...SOURCE_FIELDS],
  empty: { counselAccess: 'unknown', familyContact: 'unknown', sourceKind: 'other' },
  needs: [],
  sections: (b) => [
    { legend: b.t('registerForm.section.detention'), hint: null, fields: detentionFactFields(b) },
    {
      legend: b.t('registerForm.section.outcome'),
      hint: null,
      fields: [b.day('releasedOn'), b.day('convictedOn'), b.text('sentence', { max: 500 })],
    },
    b.source(),
  ],
};

/** The change form's values of a detention as it stands. */
export function detentionChangeValues(d: Detention): FormValues {
  return {
    version: String(d.version),
    legalBasis: d.legalBasis ?? '',
    charges: d.charges.join('\n'),
    courtAuthorised: d.courtAuthorised === null ? '' : d.courtAuthorised ? 'yes' : 'no',
    courtAuthorisedOn: d.courtAuthorisedOn ?? '',
    health: d.health,
    counselAccess: d.counselAccess,
    familyContact: d.familyContact,
    releasedOn: d.releasedOn ?? '',
    convictedOn: d.convictedOn ?? '',
    sentence: d.sentence ?? '',
    sourceKind: 'other',
  };
}

/** The input of `changeDetention`: every field of the form, a blank one clearing what it holds. */
export function detentionChangeInputOf(values: FormValues): unknown {
  return {
    version: versionOf(values),
    legalBasis: optional(values, 'legalBasis'),
    charges: linesOf(values, 'charges'),
    courtAuthorised: triStateOf(values, 'courtAuthorised'),
    courtAuthorisedOn: optional(values, 'courtAuthorisedOn')?.trim() ?? null,
    health: textOf(values, 'health'),
    counselAccess: textOf(values, 'counselAccess') || undefined,
    familyContact: textOf(values, 'familyContact') || undefined,
    releasedOn: optional(values, 'releasedOn')?.trim() ?? null,
    convictedOn: optional(values, 'convictedOn')?.trim() ?? null,
    sentence: optional(values, 'sentence'),
    sources: sourcesOf(values),
  };
}
