import type { Disappearance } from '../../domain/register/records.ts';
import { DISAPPEARANCE_STATUSES, PLACE_KINDS } from '../../domain/register/vocabulary.ts';
import type { RegisterFormSpec } from './form-spec.ts';
import { optional, partialDateOf, SOURCE_FIELDS, sourcesOf, textOf, versionOf, type FormValues } from './form-values.ts';
import { placeGroups, vocabularyOptions } from './form-view.ts';
import { actOptions } from './detention-form.ts';

/**
 * The form of a disappearance: when and where the person was last seen and by whom, the steps the
 * relatives took, the act it belongs to, and the source. It starts outstanding.
 */
export const disappearanceForm: RegisterFormSpec = {
  fields: ['lastSeen', 'lastSeenPlaceId', 'lastSeenBy', 'relativesSteps', 'actId', ...SOURCE_FIELDS],
  empty: { sourceKind: 'other' },
  needs: ['places', 'acts'],
  sections: (b, o) => [
    {
      legend: null,
      hint: null,
      fields: [
        ...b.date('lastSeen', { required: true }),
        b.select('lastSeenPlaceId', placeGroups(b.t, o.places, PLACE_KINDS), { blank: 'registerForm.option.unknown' }),
        b.textarea('lastSeenBy', { max: 2000, rows: 2, hint: 'registerForm.hint.restricted' }),
        b.textarea('relativesSteps', { max: 20_000, hint: 'registerForm.hint.restricted' }),
        b.select('actId', [{ options: actOptions(b.t, o.acts) }], { blank: 'registerForm.option.none', hint: true }),
      ],
    },
    b.source(),
  ],
};

/** The input of `recordDisappearance` for the person `personId`. */
export function disappearanceInputOf(personId: string, values: FormValues): unknown {
  return {
    personId,
    actId: optional(values, 'actId'),
    lastSeen: partialDateOf(values, 'lastSeen'),
    lastSeenPlaceId: optional(values, 'lastSeenPlaceId'),
    lastSeenBy: textOf(values, 'lastSeenBy'),
    relativesSteps: textOf(values, 'relativesSteps'),
    sources: sourcesOf(values),
  };
}

/**
 * The form of a disappearance's status: outstanding, clarified (how the fate or whereabouts became known,
 * by whom, when) or closed; the relatives' steps as they now stand; the source.
 */
export const disappearanceStatusForm: RegisterFormSpec = {
  fields: ['version', 'status', 'clarification', 'clarifiedOn', 'relativesSteps', ...SOURCE_FIELDS],
  empty: { status: 'outstanding', sourceKind: 'other' },
  needs: [],
  sections: (b) => [
    {
      legend: null,
      hint: null,
      fields: [
        b.select('status', [{ options: vocabularyOptions(b.t, 'disappearanceStatus', DISAPPEARANCE_STATUSES) }], { required: true, label: 'registerForm.field.disappearanceStatus' }),
        b.textarea('clarification', { max: 20_000, hint: true }),
        b.day('clarifiedOn'),
        b.textarea('relativesSteps', { max: 20_000, hint: 'registerForm.hint.restricted' }),
      ],
    },
    b.source(),
  ],
};

/** The status form's values of a disappearance as it stands. */
export function disappearanceStatusValues(d: Disappearance): FormValues {
  return {
    version: String(d.version),
    status: d.status,
    clarification: d.clarification,
    clarifiedOn: d.clarifiedOn ?? '',
    relativesSteps: d.relativesSteps,
    sourceKind: 'other',
  };
}

/** The input of `changeDisappearance`. */
export function disappearanceStatusInputOf(values: FormValues): unknown {
  return {
    version: versionOf(values),
    status: textOf(values, 'status'),
    clarification: textOf(values, 'clarification'),
    clarifiedOn: optional(values, 'clarifiedOn')?.trim() ?? null,
    relativesSteps: textOf(values, 'relativesSteps'),
    sources: sourcesOf(values),
  };
}
