import type { AppError } from '../errors.ts';
import type { Locale } from '../i18n/locales.ts';
import { translator } from '../i18n/translate.ts';

/**
 * The catalogue's message for an error in a language, naming the field at fault (by its label, when
 * `labelKey` knows the field's message key; else by its name) and the value it is about. The one place
 * that fills an error message's arguments, for error pages and for forms alike.
 */
export function errorMessage(lang: Locale, err: AppError, labelKey: (field: string) => string | undefined = () => undefined): string {
  const t = translator(lang);
  const d = err.details ?? {};
  const field = typeof d.field === 'string' ? d.field : '';
  const value = [d.mandate, d.addressee].find((v) => typeof v === 'string') as string | undefined;
  const key = labelKey(field) ?? labelKey(field.split('.')[0] ?? '');
  return t(`error.${err.code}`, { field: key ? t(key) : field, value: value ?? '' });
}
