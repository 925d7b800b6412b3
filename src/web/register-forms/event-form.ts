import { EVENT_TYPES, PLACE_KINDS } from '../../domain/register/vocabulary.ts';
import type { RegisterFormSpec } from './form-spec.ts';
import { listOf, partialDateOf, SOURCE_FIELDS, sourcesOf, textOf, type FormValues } from './form-values.ts';
import { placeGroups, vocabularyOptions } from './form-view.ts';

/** The form of a new event: type, title, description, when (as precise as the source), where, and its source. */
export const eventForm: RegisterFormSpec = {
  fields: ['type', 'title', 'description', 'start', 'startEnd', 'startVague', 'end', 'countryCode', ...SOURCE_FIELDS],
  lists: ['placeIds'],
  empty: { type: 'assembly', countryCode: '', sourceKind: 'other', placeIds: [] },
  needs: ['places', 'countries'],
  sections: (b, o) => [
    {
      legend: null,
      hint: null,
      fields: [
        b.select('type', [{ options: vocabularyOptions(b.t, 'eventType', EVENT_TYPES) }], { required: true }),
        b.text('title', { required: true, max: 300 }),
        b.textarea('description', { max: 20_000, rows: 6 }),
      ],
    },
    { legend: b.t('registerForm.section.when'), hint: null, fields: [...b.date('start', { required: true, range: true, vague: true }), ...b.date('end', { label: 'registerForm.field.end' })] },
    {
      legend: b.t('registerForm.section.where'),
      hint: null,
      fields: [
        b.select('countryCode', [{ options: o.countries }], { required: true, blank: 'registerForm.option.choose' }),
        b.multi('placeIds', placeGroups(b.t, o.places, PLACE_KINDS)),
      ],
    },
    b.source(),
  ],
};

/** The input of `recordEvent` from the form's values. */
export function eventInputOf(values: FormValues): unknown {
  return {
    type: textOf(values, 'type'),
    title: textOf(values, 'title'),
    description: textOf(values, 'description'),
    start: partialDateOf(values, 'start'),
    end: partialDateOf(values, 'end', { optional: true }),
    countryCode: textOf(values, 'countryCode').trim().toUpperCase(),
    placeIds: listOf(values, 'placeIds'),
    sources: sourcesOf(values),
  };
}
