/**
 * The public version of a letter: victims whose names may not be published (the source's consent choice
 * or a staff decision) appear as initials or as "[name withheld]" everywhere in the text; a confidential
 * annex is left out. Pure functions: the same parts always give the same public text.
 */

/** A victim named in a letter, with how the public version shows the name. */
export interface Victim {
  /** The name as the letter writes it. */
  name: string;
  /** Other spellings that appear in the text (another script, surname alone, another order). */
  variants: string[];
  /** May the name be published? */
  publishName: boolean;
  /** How a withheld name appears: its initials, or a "[name withheld]" marker. */
  publicForm: 'initials' | 'withheld';
}

/** The initials of a name, in its own script: "Жанбулатов Қайрат" → "Ж. Қ.", "Anna-Maria Ortiz" → "A.-M. O.". */
export function initials(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) =>
      word
        .split('-')
        .map((part) => {
          const first = [...part].find((ch) => /\p{L}/u.test(ch));
          return first ? `${first.toLocaleUpperCase()}.` : '';
        })
        .filter(Boolean)
        .join('-'),
    )
    .filter(Boolean)
    .join(' ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The spellings to look for, longest first, so that "Қайрат Жанбулатов" is replaced before "Жанбулатов". */
function spellings(v: Victim): string[] {
  const words = v.name.trim().split(/\s+/);
  const reversed = words.length > 1 ? [[...words].reverse().join(' ')] : [];
  return [...new Set([v.name.trim(), ...reversed, ...v.variants.map((x) => x.trim())].filter((x) => x.length > 1))].sort(
    (a, b) => b.length - a.length,
  );
}

/**
 * Replaces every spelling of every withheld victim's name in a text, whole words only and whatever the
 * case, with the victim's initials or with `withheldLabel`. Names that may be published are left as they are.
 *
 * @example redactNames('Mr. Ivanov was detained', [{ name: 'Ivan Ivanov', variants: ['Ivanov'], publishName: false, publicForm: 'initials' }], '[name withheld]')
 * // 'Mr. I. I. was detained'
 */
export function redactNames(text: string, victims: readonly Victim[], withheldLabel: string): string {
  let out = text;
  for (const v of victims) {
    if (v.publishName) continue;
    const replacement = v.publicForm === 'initials' ? initials(v.name) : withheldLabel;
    for (const spelling of spellings(v)) {
      // Whole words in any script: no letter or digit may touch the name on either side, nor a hyphen that
      // joins it to another word ("Nur" is not in "Nur-Sultan").
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}]|\\p{L}-)${escapeRegExp(spelling).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}]|-\\p{L})`, 'giu');
      out = out.replace(pattern, replacement);
    }
    // Initials end with a full stop; one at the end of a sentence is enough.
    if (replacement.endsWith('.')) out = out.replaceAll(`${replacement}.`, replacement);
  }
  return out;
}

/** The parts of a communication that the public reads. */
export interface PublicTextParts {
  subject: string;
  summary: string;
  /** The information received. */
  body: string;
  concerns: string;
  questions: string[];
  /** Free text of the annex, before the citations chosen from the library. */
  annexText: string;
}

/**
 * The public text of a communication: every part redacted. The confidential annex is not a public part at
 * all. Staff approve exactly this; its digest is what an approval records.
 */
export function publicTextParts(parts: PublicTextParts, victims: readonly Victim[], withheldLabel: string): PublicTextParts {
  const r = (t: string) => redactNames(t, victims, withheldLabel);
  return {
    subject: r(parts.subject),
    summary: r(parts.summary),
    body: r(parts.body),
    concerns: r(parts.concerns),
    questions: parts.questions.map(r),
    annexText: r(parts.annexText),
  };
}
