import { ACT_STATUSES, ACT_TYPES, PERPETRATORS, PLACE_KINDS } from '../../domain/register/vocabulary.ts';
import type { EventOption, RegisterFormSpec } from './form-spec.ts';
import { optional, partialDateOf, SOURCE_FIELDS, sourcesOf, textOf, type FormValues } from './form-values.ts';
import { placeGroups, vocabularyOptions } from './form-view.ts';

/** Events as options: the start date, then the title, newest first. */
export function eventOptions(events: readonly EventOption[]): Array<{ value: string; label: string }> {
  return [...events].sort((a, b) => b.start.localeCompare(a.start) || a.title.localeCompare(b.title)).map((e) => ({ value: e.id, label: `${e.start} · ${e.title}` }));
}

/** The form of an act a person suffered: what, by whom, how established, in which event, when, where, and the source. */
export const actForm: RegisterFormSpec = {
  fields: ['type', 'perpetrator', 'status', 'eventId', 'date', 'placeId', 'description', ...SOURCE_FIELDS],
  empty: { type: 'arbitrary_arrest_and_detention', perpetrator: 'unknown', status: 'alleged', sourceKind: 'other' },
  needs: ['places', 'events'],
  sections: (b, o) => [
    {
      legend: null,
      hint: null,
      fields: [
        b.select('type', [{ options: vocabularyOptions(b.t, 'actType', ACT_TYPES) }], { required: true, label: 'registerForm.field.actType' }),
        b.select('perpetrator', [{ options: vocabularyOptions(b.t, 'perpetrator', PERPETRATORS) }]),
        b.select('status', [{ options: vocabularyOptions(b.t, 'actStatus', ACT_STATUSES) }], { label: 'registerForm.field.actStatus' }),
        b.select('eventId', [{ options: eventOptions(o.events) }], { blank: 'registerForm.option.none', label: 'registerForm.field.event' }),
        ...b.date('date', { label: 'registerForm.field.actDate' }),
        b.select('placeId', placeGroups(b.t, o.places, PLACE_KINDS), { blank: 'registerForm.option.unknown', label: 'registerForm.field.place' }),
        b.textarea('description', { max: 20_000, rows: 6 }),
      ],
    },
    b.source(),
  ],
};

/** The input of `recordAct` for the person `personId` from the form's values. */
export function actInputOf(personId: string, values: FormValues): unknown {
  return {
    personId,
    eventId: optional(values, 'eventId'),
    type: textOf(values, 'type'),
    perpetrator: textOf(values, 'perpetrator') || undefined,
    status: textOf(values, 'status') || undefined,
    date: partialDateOf(values, 'date', { optional: true }),
    placeId: optional(values, 'placeId'),
    description: textOf(values, 'description'),
    sources: sourcesOf(values),
  };
}
