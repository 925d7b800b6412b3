import type { AppContext } from '../../context.ts';
import type { FigureCandidate } from '../../importers/letter/extract-fact-candidates.ts';
import { parseLetter } from '../../importers/letter/parse-letter.ts';
import { renderLetterText } from '../../letters/render/render-letter-text.ts';
import { SYSTEM } from '../../policies/principal.ts';
import { composeCommunicationLetter } from '../../queries/compose-communication-letter.ts';

/**
 * The figure candidates of the reference letter as the letter importer finds them in the letter the store
 * holds: the letter is composed and rendered as text exactly as it was sent, then read back by
 * `parseLetter`, the importer staff run on a letter's file. So the demo's figures come from the same path
 * as any confirmed figure, and confirming the published letter's file again finds them already there.
 */
export async function referenceLetterFigureCandidates(ctx: AppContext, letterId: string): Promise<FigureCandidate[]> {
  const { letter } = await composeCommunicationLetter(ctx, SYSTEM, letterId, 'full');
  const parsed = parseLetter(renderLetterText(letter), { ref: ctx.ref, citations: ctx.citations });
  return parsed.candidates.filter((c): c is FigureCandidate => c.kind === 'figure');
}

// Figures about one place on one day belong to the event of that place and day (keys of reference-letter-events.ts).
const LOCAL_EVENTS: Readonly<Record<string, string>> = {
  'zhanaozen@2022-01-03': 'zhanaozen-square-0103',
  'almaty@2022-01-03': 'almaty-0103',
  'aktau@2022-01-03': 'aktau-0103',
  'atyrau@2022-01-04': 'protests-0104',
  'almaty@2022-01-04': 'protests-0104',
  'almaty@2022-01-05': 'almaty-airport-0105',
  'zhanaozen@2022-01-06': 'zhanaozen-0106',
  'karasaybatyr@2022-01-06': 'mop-up-0106',
};

const DETENTION = new Set(['detained', 'arrested', 'in temporary detention', 'detained with court authorization', 'brought to police stations']);
const HARM = new Set(['killed', 'injured', 'casualties']);

/**
 * The event of the reference letter a figure belongs to, by its key, where it is obvious: a crowd or an
 * arrest count in one city on one day belongs to that day's event there; the national counts of the
 * detained belong to the wide-scale arrests, those of the killed and injured to the lethal use of force.
 */
export function eventKeyOfFigure(c: FigureCandidate): string | null {
  const place = c.scope[0]?.id;
  const local = place && c.date ? LOCAL_EVENTS[`${place}@${c.date.value}`] : undefined;
  if (local) return local;
  if (DETENTION.has(c.what)) return 'arrests-nationwide';
  if (HARM.has(c.what)) return 'lethal-force';
  return null;
}
