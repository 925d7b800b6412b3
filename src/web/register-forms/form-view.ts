import type { Place } from '../../domain/register/records.ts';
import { SOURCE_KINDS } from '../../domain/register/vocabulary.ts';
import type { Translate } from '../../i18n/translate.ts';
import { CHECKED, textOf, listOf, type FormValues } from './form-values.ts';

/**
 * The view model of the register's forms: sections of fields that one template prints (labels, hints,
 * options and values translated and filled here, escaped there). A form is data, so that every form of the
 * register looks and behaves the same — labelled fields, hints tied to their field, the field at fault
 * marked — and works without JavaScript.
 */

/** One option of a select. */
export interface FieldOption {
  value: string;
  label: string;
  selected: boolean;
}

/** Options under a heading (`<optgroup>`), or without one (label null). */
export interface OptionGroup {
  label: string | null;
  options: FieldOption[];
}

/** One field as the template prints it. */
export interface FieldView {
  kind: 'text' | 'textarea' | 'select' | 'checkbox';
  name: string;
  label: string;
  hint: string | null;
  value: string;
  checked: boolean;
  multiple: boolean;
  groups: OptionGroup[];
  required: boolean;
  maxlength: number | null;
  rows: number;
  /** `ltr` for codes and numbers (dates, coordinates) that read left to right in every script. */
  dir: 'auto' | 'ltr';
  inputmode: 'numeric' | 'decimal' | null;
  /** The field the error is about: marked `aria-invalid` and described by the error. */
  invalid: boolean;
}

/** A group of fields (`<fieldset>` with a legend), or the fields of the form's top (legend null). */
export interface SectionView {
  legend: string | null;
  hint: string | null;
  fields: FieldView[];
}

/** The page of one form of the register. */
export interface RegisterFormPage {
  heading: string;
  /** What the form is about (a person, a detention), under the heading. */
  subject: string | null;
  /** Facts shown above the form (the current place of a detention). */
  facts: Array<{ label: string; value: string }>;
  back: { href: string; label: string } | null;
  action: string;
  csrf: string;
  hidden: Array<{ name: string; value: string }>;
  sections: SectionView[];
  submitLabel: string;
  /** The error of a refused form, in the page's language. */
  error: string | null;
  /** A link to load the form afresh, when the record changed meanwhile. */
  reload: string | null;
  /** A notice of what the last form did (a place added). */
  notice: string | null;
}

/** Options of the fields that take them. */
interface FieldOptions {
  required?: boolean;
  /** Show the hint `registerForm.hint.<name>` (or this key). */
  hint?: boolean | string;
  /** The label's key, when it is not `registerForm.field.<name>`. */
  label?: string;
  max?: number;
  ltr?: boolean;
  inputmode?: 'numeric' | 'decimal';
  rows?: number;
}

/** Options of a value list: its values with labels from `registerForm.<vocabulary>.<value>`. */
export function vocabularyOptions(t: Translate, vocabulary: string, values: readonly string[]): Array<{ value: string; label: string }> {
  return values.map((value) => ({ value, label: t(`registerForm.${vocabulary}.${value}`) }));
}

/** A place as an option's label: its name, the local name beside it when it has one. */
export function placeLabel(p: Place): string {
  return p.nameLocal && p.nameLocal !== p.name ? `${p.name} (${p.nameLocal})` : p.name;
}

/**
 * The places of the register as option groups by kind (countries, regions, cities, villages, places of
 * detention), each sorted by name; `first` puts one kind's group first (places of detention, for a
 * transfer).
 */
export function placeGroups(t: Translate, places: readonly Place[], kinds: readonly string[], first?: string): Array<{ label: string; options: Array<{ value: string; label: string }> }> {
  const order = first ? [first, ...kinds.filter((k) => k !== first)] : kinds;
  return order
    .map((kind) => ({
      label: t(`registerForm.placeKind.${kind}`),
      options: places
        .filter((p) => p.kind === kind)
        .map((p) => ({ value: p.id, label: placeLabel(p) }))
        .sort((a, b) => a.label.localeCompare(b.label) || a.value.localeCompare(b.value)),
    }))
    .filter((g) => g.options.length > 0);
}

/**
 * Builds the fields of a form from the values typed (or loaded), marking the field an error is about.
 * Labels are `registerForm.field.<name>`, hints `registerForm.hint.<name>`.
 */
export class FormBuilder {
  readonly t: Translate;
  readonly values: FormValues;
  readonly invalid: string | null;

  constructor(t: Translate, values: FormValues, invalid: string | null) {
    this.t = t;
    this.values = values;
    this.invalid = invalid;
  }

  #field(kind: FieldView['kind'], name: string, o: FieldOptions): FieldView {
    const hintKey = typeof o.hint === 'string' ? o.hint : o.hint ? `registerForm.hint.${name}` : null;
    return {
      kind,
      name,
      label: this.t(o.label ?? `registerForm.field.${name}`),
      hint: hintKey ? this.t(hintKey) : null,
      value: textOf(this.values, name),
      checked: false,
      multiple: false,
      groups: [],
      required: o.required === true,
      maxlength: o.max ?? null,
      rows: o.rows ?? 4,
      dir: o.ltr ? 'ltr' : 'auto',
      inputmode: o.inputmode ?? null,
      invalid: this.invalid === name,
    };
  }

  /** A one-line text field. */
  text(name: string, o: FieldOptions = {}): FieldView {
    return this.#field('text', name, o);
  }

  /** A text area. */
  textarea(name: string, o: FieldOptions = {}): FieldView {
    return this.#field('textarea', name, { rows: 4, ...o });
  }

  /** A checkbox. */
  checkbox(name: string, o: FieldOptions = {}): FieldView {
    return { ...this.#field('checkbox', name, o), checked: textOf(this.values, name) === CHECKED };
  }

  /**
   * A select of one value. `blank` adds an empty first option with that label key (a value that may be
   * left out); groups without a label are plain options.
   */
  select(name: string, groups: ReadonlyArray<{ label?: string | null; options: ReadonlyArray<{ value: string; label: string }> }>, o: FieldOptions & { blank?: string } = {}): FieldView {
    const chosen = textOf(this.values, name);
    const all = [
      ...(o.blank !== undefined ? [{ label: null, options: [{ value: '', label: this.t(o.blank) }] }] : []),
      ...groups,
    ];
    return {
      ...this.#field('select', name, o),
      groups: all.map((g) => ({ label: g.label ?? null, options: g.options.map((x) => ({ ...x, selected: x.value === chosen })) })),
    };
  }

  /** A select of several values (places of an event). */
  multi(name: string, groups: ReadonlyArray<{ label?: string | null; options: ReadonlyArray<{ value: string; label: string }> }>, o: FieldOptions = {}): FieldView {
    const chosen = new Set(listOf(this.values, name));
    return {
      ...this.#field('select', name, { hint: true, ...o }),
      multiple: true,
      groups: groups.map((g) => ({ label: g.label ?? null, options: g.options.map((x) => ({ ...x, selected: chosen.has(x.value) })) })),
    };
  }

  /**
   * The fields of a partial date: the date (YYYY, YYYY-MM or YYYY-MM-DD), and on request the end of a
   * range and "the source is vague".
   */
  date(name: string, o: { required?: boolean; range?: boolean; vague?: boolean; label?: string } = {}): FieldView[] {
    return [
      this.text(name, { required: o.required, hint: 'registerForm.hint.partialDate', max: 10, ltr: true, ...(o.label ? { label: o.label } : {}) }),
      ...(o.range ? [this.text(`${name}End`, { hint: 'registerForm.hint.rangeEnd', max: 10, ltr: true, label: 'registerForm.field.rangeEnd' })] : []),
      ...(o.vague ? [this.checkbox(`${name}Vague`, { hint: 'registerForm.hint.vague', label: 'registerForm.field.vague' })] : []),
    ];
  }

  /** A calendar day (YYYY-MM-DD). */
  day(name: string, o: FieldOptions = {}): FieldView {
    return this.text(name, { hint: 'registerForm.hint.day', max: 10, ltr: true, ...o });
  }

  /**
   * The source part of a form: what kind of source, what it is (left blank, the fact is recorded without a
   * source for now), and when it was received. Sources are restricted: only case officers see them.
   */
  source(): SectionView {
    // Sources that are records of their own (a submission, a list import) are linked where those are handled.
    const kinds = SOURCE_KINDS.filter((k) => k !== 'submission' && k !== 'list_import');
    return {
      legend: this.t('registerForm.section.source'),
      hint: this.t('registerForm.hint.source'),
      fields: [
        this.select('sourceKind', [{ options: vocabularyOptions(this.t, 'sourceKind', kinds) }]),
        this.textarea('sourceLabel', { max: 1000, rows: 2 }),
        this.day('sourceReceivedOn'),
      ],
    };
  }
}
