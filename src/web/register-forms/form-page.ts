import type { AppError, ErrorCode } from '../../errors.ts';
import type { Translate } from '../../i18n/translate.ts';
import { errorFieldOf, formErrorText, type FormOptions, type RegisterFormSpec } from './form-spec.ts';
import { textOf, type FormValues } from './form-values.ts';
import { FormBuilder, type RegisterFormPage } from './form-view.ts';

/** The fields every form carries hidden: the version a change was loaded at. */
const HIDDEN = ['version'];

/** What a form page shows besides its fields. */
export interface FormPageParts {
  heading: string;
  subject?: string | null;
  facts?: Array<{ label: string; value: string }>;
  back?: { href: string; label: string } | null;
  action: string;
  csrf: string;
  submitLabel: string;
  /** The error of a refused form, if it was refused. */
  error?: AppError | null;
  /** Message keys that say more than the error code's own message, by code (a detention changed meanwhile). */
  messages?: Partial<Record<ErrorCode, string>>;
  /** Where to load the form afresh, offered with a CONFLICT. */
  reloadHref?: string | null;
  notice?: string | null;
}

/**
 * The page of a form of the register: its fields filled with `values` (typed, or loaded from the record),
 * the field an error is about marked, and the error's message naming that field by its label.
 */
export function registerFormPage(t: Translate, spec: RegisterFormSpec, values: FormValues, options: FormOptions, parts: FormPageParts): RegisterFormPage {
  const error = parts.error ?? null;
  const invalid = error ? errorFieldOf(spec, error, values) : null;
  const b = new FormBuilder(t, values, invalid);
  const sections = spec.sections(b, options);
  const label = invalid ? (sections.flatMap((s) => s.fields).find((f) => f.name === invalid)?.label ?? null) : null;
  const special = error ? parts.messages?.[error.code] : undefined;
  return {
    heading: parts.heading,
    subject: parts.subject ?? null,
    facts: parts.facts ?? [],
    back: parts.back ?? null,
    action: parts.action,
    csrf: parts.csrf,
    hidden: HIDDEN.filter((name) => spec.fields.includes(name)).map((name) => ({ name, value: textOf(values, name) })),
    sections,
    submitLabel: parts.submitLabel,
    error: error ? (special ? t(special) : formErrorText(t, error, label)) : null,
    reload: error?.code === 'CONFLICT' ? (parts.reloadHref ?? null) : null,
    notice: parts.notice ?? null,
  };
}
