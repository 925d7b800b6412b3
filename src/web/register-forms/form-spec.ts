import type { Act, Figure, Place } from '../../domain/register/records.ts';
import type { AppError } from '../../errors.ts';
import type { Translate } from '../../i18n/translate.ts';
import type { FormBuilder, SectionView } from './form-view.ts';
import type { FormValues } from './form-values.ts';

/**
 * What each form of the register declares: the fields it posts, its empty values, the option lists it
 * needs, how it lays out its fields, and which of its fields an error of its command is about.
 */

/** An event as an option: enough to recognise it. */
export interface EventOption {
  id: string;
  title: string;
  start: string;
}

/** The option lists a form may need, loaded for it. */
export interface FormOptions {
  places: Place[];
  events: EventOption[];
  figures: Figure[];
  /** The acts of the person the form is about. */
  acts: Act[];
  /** States, for a country code: `{ value: 'KAZ', label: 'Kazakhstan' }`. */
  countries: Array<{ value: string; label: string }>;
}

/** An option list a form may need. */
export type FormNeed = keyof FormOptions;

/** One form of the register. */
export interface RegisterFormSpec {
  /** The text fields (and single selects, checkboxes, hidden fields) the form posts. */
  fields: readonly string[];
  /** The multiple selects the form posts. */
  lists?: readonly string[];
  /** The values of the form before anything is typed (defaults of selects). */
  empty: FormValues;
  /** The option lists it shows. */
  needs: readonly FormNeed[];
  /** The fields, in sections. */
  sections(b: FormBuilder, options: FormOptions): SectionView[];
  /** The form's field a command's error path names (`start.value` → `start`), when the default is wrong. */
  fieldOf?(path: string, values: FormValues): string | undefined;
}

/**
 * The field of a form that a command's error path names, by the conventions all the forms share: a
 * partial date's parts (`start.value`, `start.end` → `start`, `startEnd`), the source (`sources.0.label` →
 * `sourceLabel`), else the path's first part.
 */
export function defaultFieldOf(path: string): string {
  const [first = '', second, third] = path.split('.');
  if (first === 'sources') return third === 'kind' ? 'sourceKind' : third === 'receivedOn' ? 'sourceReceivedOn' : 'sourceLabel';
  if (second === 'end') return `${first}End`;
  if (second === 'vague') return `${first}Vague`;
  return first;
}

/** The field of `spec` an error is about, if the error names one. */
export function errorFieldOf(spec: RegisterFormSpec, err: AppError, values: FormValues): string | null {
  const path = typeof err.details?.field === 'string' ? err.details.field : '';
  if (path === '') return null;
  return spec.fieldOf?.(path, values) ?? defaultFieldOf(path);
}

/**
 * The message of a refused form: the catalogue's message of the error's code, naming the field at fault by
 * the label the form shows for it (`label`), else by the field's name.
 */
export function formErrorText(t: Translate, err: AppError, label: string | null): string {
  const field = typeof err.details?.field === 'string' ? err.details.field : '';
  return t(`error.${err.code}`, { field: label ?? field, value: '' });
}
