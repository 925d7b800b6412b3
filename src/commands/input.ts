import { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * Validates a command's input against its schema; the first problem becomes a VALIDATION_FAILED error
 * naming the field, before anything is read or written.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'input';
    throw new AppError('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'invalid'}`, { field });
  }
  return parsed.data;
}

/** Free text a person writes: trimmed, no NUL or other control characters except line breaks and tabs. */
export const text = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    // Control characters other than line breaks and tabs have no place in a letter and can hide text.
    .refine((s) => !/[\p{Cc}]/u.test(s.replace(/[\n\r\t]/g, '')), 'contains control characters')
    .transform((s) => s.trim());

/** A reason given for a publication decision: required, at most 2,000 characters. */
export const reason = text(2000).pipe(z.string().min(1, 'a reason is required'));

/** The languages letters are written in. */
export const LETTER_LANGUAGES = ['en', 'fr', 'es'] as const;

/** A calendar date YYYY-MM-DD. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
