import type { Figure } from '../../domain/register/records.ts';
import { FIGURE_MEASURES, FIGURE_POPULATIONS, FIGURE_QUALIFIERS, PLACE_KINDS } from '../../domain/register/vocabulary.ts';
import type { Translate } from '../../i18n/translate.ts';
import { eventOptions } from './act-form.ts';
import type { RegisterFormSpec } from './form-spec.ts';
import { optional, partialDateOf, SOURCE_FIELDS, sourcesOf, textOf, wholeNumberOf, type FormValues } from './form-values.ts';
import { placeGroups, vocabularyOptions } from './form-view.ts';

/**
 * The figures a new figure may be part of, grouped by what they count, the group of `measure` (the one
 * chosen, or asked for in the address) first: "3,393 security forces" is part of "4,353 injured", and
 * "446 with court authorisation" part of "672 in temporary detention", so other measures stay on offer.
 */
export function partOfGroups(t: Translate, figures: readonly Figure[], measure: string) {
  const measures = [...FIGURE_MEASURES].sort((a, b) => Number(b === measure) - Number(a === measure));
  return measures
    .map((m) => ({
      label: t(`registerForm.figureMeasure.${m}`),
      options: figures
        .filter((f) => f.measure === m)
        .sort((a, b) => a.reported.value.localeCompare(b.reported.value) || a.count - b.count)
        .map((f) => ({
          value: f.id,
          label: [
            t('registerForm.figureLabel', { qualifier: t(`registerForm.figureQualifier.${f.qualifier}`), count: f.count, population: t(`registerForm.figurePopulation.${f.population}`) }),
            f.reportedBy,
            f.reported.value,
          ]
            .filter(Boolean)
            .join(' · '),
        })),
    }))
    .filter((g) => g.options.length > 0);
}

/**
 * The form of a figure as a source reported it: the count and its qualifier ("over", "close to"), what
 * it counts and whose people, who reported it and when (as precise as the source, vague when it is), for
 * which place, part of which other figure, in which event, notes, the source's own words, and the source.
 */
export const figureForm: RegisterFormSpec = {
  fields: ['count', 'qualifier', 'measure', 'population', 'reportedBy', 'reported', 'reportedEnd', 'reportedVague', 'scopePlaceId', 'partOfId', 'eventId', 'notes', 'quote', ...SOURCE_FIELDS],
  empty: { qualifier: 'exact', measure: 'detained', population: 'all', sourceKind: 'official_statement' },
  needs: ['places', 'events', 'figures'],
  sections: (b, o) => [
    {
      legend: null,
      hint: null,
      fields: [
        b.text('count', { required: true, max: 20, ltr: true, inputmode: 'numeric' }),
        b.select('qualifier', [{ options: vocabularyOptions(b.t, 'figureQualifier', FIGURE_QUALIFIERS) }]),
        b.select('measure', [{ options: vocabularyOptions(b.t, 'figureMeasure', FIGURE_MEASURES) }], { required: true }),
        b.select('population', [{ options: vocabularyOptions(b.t, 'figurePopulation', FIGURE_POPULATIONS) }]),
      ],
    },
    {
      legend: b.t('registerForm.section.reported'),
      hint: null,
      fields: [b.text('reportedBy', { max: 200 }), ...b.date('reported', { required: true, range: true, vague: true, label: 'registerForm.field.reportedOn' })],
    },
    {
      legend: b.t('registerForm.section.context'),
      hint: null,
      fields: [
        b.select('scopePlaceId', placeGroups(b.t, o.places, PLACE_KINDS.filter((k) => k !== 'facility')), { required: true, blank: 'registerForm.option.choose' }),
        b.select('partOfId', partOfGroups(b.t, o.figures, textOf(b.values, 'measure')), { blank: 'registerForm.option.none', hint: true }),
        b.select('eventId', [{ options: eventOptions(o.events) }], { blank: 'registerForm.option.none', label: 'registerForm.field.event' }),
        b.textarea('notes', { max: 5000, rows: 3 }),
        b.textarea('quote', { max: 5000, rows: 3, hint: true }),
      ],
    },
    b.source(),
  ],
};

/** The input of `recordFigure` from the form's values. */
export function figureInputOf(values: FormValues): unknown {
  return {
    count: wholeNumberOf(values, 'count'),
    qualifier: textOf(values, 'qualifier') || undefined,
    measure: textOf(values, 'measure'),
    population: textOf(values, 'population') || undefined,
    reportedBy: optional(values, 'reportedBy'),
    reported: partialDateOf(values, 'reported'),
    scopePlaceId: textOf(values, 'scopePlaceId'),
    partOfId: optional(values, 'partOfId'),
    eventId: optional(values, 'eventId'),
    notes: textOf(values, 'notes'),
    quote: textOf(values, 'quote'),
    sources: sourcesOf(values),
  };
}
