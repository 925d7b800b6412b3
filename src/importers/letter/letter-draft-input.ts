import { AppError } from '../../errors.ts';
import type { ParsedLetter } from './parse-letter.ts';

/** The content of a draft (see `draftContentSchema` in `commands/create-draft.ts`) taken from a parsed letter. */
export interface LetterDraftInput {
  type: string;
  addressee: string;
  mandates: string[];
  language: 'en';
  subject: string;
  summary: string;
  body: string;
  questions: string[];
  concerns: string;
  annexText: string;
  pressRelease: boolean;
}

// The annex's headings and standard first sentence, which composition writes itself.
const ANNEX_HEADINGS = /^\s*Annex\s*\n+\s*Reference to international human rights law\s*\n+/i;
const ANNEX_INTRO = /^In connection with (the )?above alleged facts and concerns, (we|I) would like to refer your Excellency's Government to the international norms and standards applicable to the present case\.\s*/i;

/** The first sentence of a text, capitalised, at most `max` characters. */
function firstSentence(text: string, max: number): string {
  const [first = ''] = [...new Intl.Segmenter('en', { granularity: 'sentence' }).segment(text)].map((s) => s.segment.trim());
  const capitalised = first.charAt(0).toUpperCase() + first.slice(1);
  return capitalised.length > max ? `${capitalised.slice(0, max - 1)}…` : capitalised;
}

/**
 * The draft to create from a parsed letter, for staff to confirm: type, addressee and signing mandates from
 * the reference and header, the summary, the information received as body, the concerns, the questions, the
 * annex text and whether a press release is announced. Refuses a
 * letter that is not importable, naming its problems, so that nothing is imported until they are resolved.
 *
 * @example await createDraft(ctx, principal, letterDraftInput(parseLetter(text, deps)))
 * @throws AppError VALIDATION_FAILED when the letter was not recognised or has problems
 */
export function letterDraftInput(parsed: ParsedLetter, subject?: string): LetterDraftInput {
  if (!parsed.importable || !parsed.reference) {
    const problems = parsed.problems.map((p) => p.code).join(', ') || 'not recognised';
    throw new AppError('VALIDATION_FAILED', `the letter cannot be imported until its problems are resolved: ${problems}`, { problems: parsed.problems });
  }
  const summary = parsed.summary ?? '';
  return {
    type: parsed.reference.type,
    addressee: parsed.reference.code,
    mandates: parsed.mandates.map((m) => m.slug!),
    language: 'en',
    subject: subject ?? (firstSentence(summary, 500) || parsed.reference.text),
    summary: summary.charAt(0).toUpperCase() + summary.slice(1),
    body: parsed.sections.informationReceived,
    questions: parsed.questions,
    concerns: parsed.sections.concerns,
    annexText: parsed.sections.annex.replace(ANNEX_HEADINGS, '').replace(ANNEX_INTRO, '').trim(),
    pressRelease: /publicly express (our|my) concerns/i.test(parsed.sections.closing),
  };
}
