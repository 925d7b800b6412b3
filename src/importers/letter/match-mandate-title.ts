import type { ReferenceData } from '../../reference/reference-data.ts';

// Words that carry no meaning for telling mandates apart, in English, French and Spanish.
const STOPWORDS = new Set([
  'the', 'of', 'on', 'and', 'or', 'in', 'a', 'an', 'to', 'for', 'its', 'this',
  'le', 'la', 'les', 'l', 'de', 'des', 'du', 'd', 'et', 'ou', 'sur', 'en', 'a', 'au', 'aux',
  'el', 'los', 'las', 'y', 'o', 'sobre', 'del', 'e', 'u',
]);

/**
 * A title reduced to its words for comparison: accents, case, punctuation, "the", "and/&/or" and other small
 * words dropped, plurals folded ("rights" = "right"). The first two words (the kind of mandate: "special
 * rapporteur", "working group") are kept apart from the rest (its subject).
 *
 * @example titleWords('the Special Rapporteur on Torture and Other Cruel, Inhuman …').body // ['special', 'rapporteur']
 */
export function titleWords(title: string): { body: string[]; topic: string[] } {
  const words = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !STOPWORDS.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return { body: words.slice(0, 2), topic: words.slice(2) };
}

/** Dice coefficient of two word lists as sets. */
function dice(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size + sb.size === 0) return 1;
  let common = 0;
  for (const w of sa) if (sb.has(w)) common++;
  return (2 * common) / (sa.size + sb.size);
}

/** A mandate found for a title: its slug and how sure the match is (1 for the same words). */
export interface MandateMatch {
  slug: string;
  score: number;
}

// Below this, two subjects are different mandates ("… in Belarus" and "… in Myanmar" score 0.75).
const THRESHOLD = 0.85;

/**
 * Finds the mandate a title names, as a letter writes it, against every title of every mandate in the
 * reference data (English, and French, Spanish… where stored). Tolerant of case, punctuation, "the",
 * "and/&", "and/or" and plurals, and of a word or two of difference in a long title; the kind of mandate
 * (Special Rapporteur, Working Group, Independent Expert) must be the same. Undefined when nothing is close
 * enough or two mandates are equally close.
 *
 * @example matchMandateTitle(ref, 'Special Rapporteur on Torture and Other Cruel, Inhuman and Degrading Treatment or Punishment')
 * // { slug: 'sr-torture', score: 1 }
 */
export function matchMandateTitle(ref: ReferenceData, title: string): MandateMatch | undefined {
  const wanted = titleWords(title.replace(/^\s*(?:the|le|la|el)\s+/i, ''));
  if (wanted.topic.length === 0) return undefined;
  let best: MandateMatch | undefined;
  let tie = false;
  for (const mandate of ref.mandates()) {
    let score = 0;
    for (const name of Object.values(mandate.names)) {
      if (!name) continue;
      const known = titleWords(name.title);
      if (known.body.join(' ') !== wanted.body.join(' ')) continue;
      score = Math.max(score, dice(known.topic, wanted.topic));
    }
    if (score < THRESHOLD) continue;
    if (!best || score > best.score) {
      best = { slug: mandate.slug, score };
      tie = false;
    } else if (score === best.score) tie = true;
  }
  return tie ? undefined : best;
}

/**
 * The role of a signatory reduced to the mandate title it names: "Chair-Rapporteur of the Working Group on
 * Arbitrary Detention" → "Working Group on Arbitrary Detention"; a Special Rapporteur's role is the title.
 */
export function titleOfRole(role: string): string {
  return role.replace(/^\s*(?:(?:Vice-)?Chair(?:-Rapporteur|person)?|Member|Président(?:e)?(?:-Rapporteur(?:e)?)?|Presidente(?:-Relator(?:a)?)?)\s+(?:of|du|de)\s+(?:the\s+|la\s+|l[’'])?/i, '');
}
