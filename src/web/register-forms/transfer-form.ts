import type { RegisterFormSpec } from './form-spec.ts';
import { optional, partialDateOf, SOURCE_FIELDS, sourcesOf, textOf, UNKNOWN_PLACE, versionOf, type FormValues } from './form-values.ts';
import { detentionPlaceField } from './detention-form.ts';

/**
 * The form of a transfer: to which place of detention (or to a place nobody would name), since when, by
 * which authority, a note, and the source. The detention's version travels in a hidden field, so that a
 * transfer recorded on a page that someone else changed meanwhile is refused rather than applied blindly.
 */
export const transferForm: RegisterFormSpec = {
  fields: ['version', 'placeId', 'since', 'authority', 'note', ...SOURCE_FIELDS],
  empty: { sourceKind: 'other' },
  needs: ['places'],
  sections: (b, o) => [
    {
      legend: null,
      hint: null,
      fields: [
        detentionPlaceField(b, 'placeId', o, { required: true, blank: 'registerForm.option.choose', label: 'registerForm.field.transferTo' }),
        ...b.date('since', { required: true, label: 'registerForm.field.transferDate' }),
        b.text('authority', { max: 200, hint: 'registerForm.hint.transferAuthority' }),
        b.textarea('note', { max: 5000, hint: 'registerForm.hint.restricted' }),
      ],
    },
    b.source(),
  ],
};

/**
 * The input of `recordTransfer`. No place chosen is kept as an impossible place id (''), which the command
 * refuses, rather than read as "an unknown place": that must be chosen on purpose.
 */
export function transferInputOf(values: FormValues): unknown {
  const place = textOf(values, 'placeId');
  return {
    version: versionOf(values),
    placeId: place === UNKNOWN_PLACE ? null : place,
    since: partialDateOf(values, 'since'),
    authority: optional(values, 'authority'),
    note: textOf(values, 'note'),
    sources: sourcesOf(values),
  };
}
