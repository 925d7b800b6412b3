import type { LetterParagraph } from './normalize-letter-text.ts';
import { parseWrittenDate } from './parse-written-date.ts';

/** The parts of a Special Procedures letter, in the order letters have them; each a list of paragraphs. */
export interface LetterParts {
  header: LetterParagraph | undefined;
  referenceLine: LetterParagraph | undefined;
  dateLine: LetterParagraph | undefined;
  salutation: LetterParagraph | undefined;
  opening: LetterParagraph | undefined;
  introduction: LetterParagraph[];
  /** "According to the information received:" */
  informationLead: LetterParagraph | undefined;
  informationReceived: LetterParagraph[];
  concerns: LetterParagraph[];
  annexPointer: LetterParagraph | undefined;
  questionsIntro: LetterParagraph | undefined;
  /** The paragraphs holding the numbered questions. */
  questions: LetterParagraph[];
  closing: LetterParagraph[];
  /** Whether the closing formula ("Please accept, Excellency, the assurances…") was found. */
  closingFormula: boolean;
  signatures: LetterParagraph[];
  annex: LetterParagraph[];
}

const HEADER = /^(?:Mandates? of|Mandats? d[ue]s?|Mandatos? de)\b/i;
const REFERENCE_LINE = /^(?:Ref(?:erence)?|Réf(?:érence)?)\.?\s*:/i;
const SALUTATION = /^(?:Excellency|Excellence|Excelencia|Dear\b.*),?$/i;
const OPENING = /\bhave the honou?r to address you\b|\bin (?:our|my) capacit(?:y|ies) as\b|\bavons l['’]honneur\b|\btenemos el honor\b/i;
const INFORMATION_LEAD = /^According to (?:the )?information received:?$|^Selon les informations reçues\s*:?$|^De acuerdo con la información recibida:?$/i;
const CONCERNS = /^(?:While (?:we|I) do not wish to prejudge|Without (?:wishing to )?prejudg|Without (?:in any way )?implying|Sans vouloir préjuger|Sin (?:implicar|querer prejuzgar))/i;
const ANNEX_POINTER = /\brefer to the Annex\b|\bse référer à l['’]annexe\b|\bAnexo\b.*\badjunto\b/i;
const QUESTIONS_INTRO = /\b(?:following matters|questions suivantes|siguientes asuntos|following questions)\s*:?\s*$/i;
const QUESTION = /^\d{1,2}[.)]\s/;
const CLOSING_FORMULA = /^(?:Please accept|Veuillez agréer|Acepte),?\s.*\b(?:highest consideration|haute considération|alta consideración)\.?$/i;
const ANNEX = /^(?:Annex|Annexe|Anexo)\b/i;

/**
 * Finds the parts of a letter among its paragraphs by the set phrases Special Procedures letters use:
 * "Mandates of…", "Ref.:", the date, "Excellency,", "We have the honour to address you in our capacities
 * as…", "According to the information received:", "While we do not wish to prejudge…", "please refer to the
 * Annex…", "…the following matters:", the numbered questions, "Please accept, Excellency, the assurances of
 * our highest consideration.", the signatures and the "Annex". A part that is not found is empty.
 *
 * @example splitLetterSections(normalizeLetterText(text).paragraphs).questions.length // 2 paragraphs (1–7, 8)
 */
export function splitLetterSections(paragraphs: readonly LetterParagraph[]): LetterParts {
  const find = (re: RegExp, from = 0, to = paragraphs.length) => {
    for (let i = from; i < to; i++) if (re.test(paragraphs[i]!.text)) return i;
    return -1;
  };
  const header = find(HEADER, 0, Math.min(paragraphs.length, 5));
  const ref = find(REFERENCE_LINE, 0, Math.min(paragraphs.length, 8));
  const date = paragraphs.findIndex((p, i) => i < 10 && parseWrittenDate(p.text.replace(/^[\p{L} ]+,\s*/u, '')) !== undefined);
  const salutation = find(SALUTATION, 0, Math.min(paragraphs.length, 10));
  const opening = find(OPENING, 0, Math.min(paragraphs.length, 12));
  const start = opening >= 0 ? opening + 1 : salutation >= 0 ? salutation + 1 : 0;
  const lead = find(INFORMATION_LEAD, start);
  const concerns = find(CONCERNS, Math.max(start, lead + 1));
  const pointer = find(ANNEX_POINTER, Math.max(start, concerns));
  const questionsIntro = find(QUESTIONS_INTRO, Math.max(start, pointer, concerns));
  const closingEnd = find(CLOSING_FORMULA, Math.max(start, questionsIntro));
  const annex = paragraphs.findIndex((p, i) => i > Math.max(closingEnd, questionsIntro, start) && ANNEX.test(p.lines[0]!) && p.lines[0]!.length < 40);

  let qEnd = questionsIntro + 1;
  if (questionsIntro >= 0) while (qEnd < paragraphs.length && QUESTION.test(paragraphs[qEnd]!.lines[0]!)) qEnd++;
  const slice = (a: number, b: number) => (a >= 0 && b > a ? paragraphs.slice(a, b) : []);
  const end = annex >= 0 ? annex : paragraphs.length;
  const infoEnd = [concerns, pointer, questionsIntro, end].find((i) => i > lead) ?? end;
  const concernsEnd = [pointer, questionsIntro, end].find((i) => i > concerns) ?? end;
  const closingStart = questionsIntro >= 0 ? qEnd : -1;

  return {
    header: paragraphs[header],
    referenceLine: paragraphs[ref],
    dateLine: paragraphs[date],
    salutation: paragraphs[salutation],
    opening: paragraphs[opening],
    introduction: slice(start, [lead, concerns, pointer, questionsIntro].find((i) => i >= start) ?? start),
    informationLead: paragraphs[lead],
    informationReceived: lead >= 0 ? slice(lead + 1, infoEnd) : [],
    concerns: concerns >= 0 ? slice(concerns, concernsEnd) : [],
    annexPointer: paragraphs[pointer],
    questionsIntro: paragraphs[questionsIntro],
    questions: questionsIntro >= 0 ? slice(questionsIntro + 1, qEnd) : [],
    closing: closingStart >= 0 ? slice(closingStart, closingEnd >= 0 ? closingEnd + 1 : end) : [],
    closingFormula: closingEnd >= 0,
    signatures: closingEnd >= 0 ? slice(closingEnd + 1, end) : [],
    annex: annex >= 0 ? paragraphs.slice(annex) : [],
  };
}

/**
 * The numbered questions of a letter, whole and without their numbers: an item starts with "1." or "1)" at the
 * start of a line, and every following line that does not start a new item continues it.
 *
 * @example numberedQuestions(['1. Please provide…', 'on the measures.', '2. Please indicate…'])
 * // [{ number: 1, text: 'Please provide… on the measures.' }, { number: 2, text: 'Please indicate…' }]
 */
export function numberedQuestions(lines: readonly string[]): Array<{ number: number; text: string }> {
  const items: Array<{ number: number; text: string }> = [];
  for (const line of lines) {
    const m = /^(\d{1,2})[.)]\s+(.*)$/.exec(line);
    if (m) items.push({ number: Number(m[1]), text: m[2]!.trim() });
    else if (items.length > 0) {
      const last = items[items.length - 1]!;
      last.text = /\p{L}-$/u.test(last.text) ? last.text + line.trim() : `${last.text} ${line.trim()}`;
    }
  }
  return items;
}
