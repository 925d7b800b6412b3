import { formatReference, parseReference, type CommunicationType } from '../../domain/reference.ts';
import { extractNumberedResolutions, extractSymbols, type Pinpoint, type SymbolMention } from '../../domain/symbol-extraction.ts';
import type { CitationLibrary } from '../../reference/citation-library.ts';
import type { ReferenceData } from '../../reference/reference-data.ts';
import { extractFactCandidates, type FactCandidate } from './extract-fact-candidates.ts';
import { findCitedInstruments, type CitedInstrument } from './find-cited-instruments.ts';
import { loadGazetteer, type Gazetteer } from './load-gazetteer.ts';
import { matchMandateTitle, titleOfRole } from './match-mandate-title.ts';
import { normalizeLetterText, type LetterFootnote, type LetterParagraph } from './normalize-letter-text.ts';
import { parseSignatories } from './parse-signatories.ts';
import { parseWrittenDate } from './parse-written-date.ts';
import { numberedQuestions, splitLetterSections } from './split-letter-sections.ts';

/**
 * Why a letter cannot be imported as it stands. Each problem must be resolved by a person before the letter
 * enters the register.
 */
export type LetterProblemCode =
  | 'LETTER_EMPTY'
  | 'NOT_A_LETTER'
  | 'REFERENCE_MISSING'
  | 'REFERENCE_INVALID'
  | 'ADDRESSEE_UNKNOWN'
  | 'DATE_MISSING'
  | 'MANDATES_MISSING'
  | 'MANDATE_UNKNOWN'
  | 'SECTION_MISSING'
  | 'QUESTIONS_NUMBERING'
  | 'SIGNATURES_MISSING'
  | 'SIGNATORY_MISSING'
  | 'SIGNATORY_UNKNOWN';

/** Something a person should look at, which does not stop the import. */
export type LetterWarningCode =
  | 'RESOLUTION_NOT_OF_MANDATE'
  | 'RESOLUTION_NOT_LATEST'
  | 'RESOLUTIONS_COUNT'
  | 'MANDATE_LISTS_DIFFER'
  | 'HOLDER_NOT_IN_OFFICE'
  | 'DATE_YEAR_DIFFERS'
  | 'SECTION_MISSING';

/** A problem or warning: a stable code, a message for a person, and where in the letter it was met. */
export interface LetterIssue<C extends string> {
  code: C;
  message: string;
  where: string;
}

/** A signing mandate as the letter names it, with the resolution it cites for it. */
export interface LetterMandate {
  /** The mandate's slug in the reference data, or null when the title is unknown. */
  slug: string | null;
  /** The title as written in the letter's header (or opening paragraph). */
  title: string;
  /** The resolution cited for it in the opening paragraph, as written ("41/12"), or null. */
  resolution: string | null;
}

/** A signatory: name and role as printed, and the mandate the role names. */
export interface LetterSignatory {
  name: string;
  role: string;
  mandate: string | null;
}

/** A document symbol cited, with every pinpoint cited with it (canonical: `para. 11`, `para. 5(p)(i)`). */
export interface CitedSymbol {
  symbol: string;
  pinpoints: string[];
  mentions: number;
  inLibrary: boolean;
}

/** The text of each part of the letter. */
export interface LetterSectionsText {
  opening: string;
  introduction: string;
  informationReceived: string;
  concerns: string;
  annexPointer: string;
  questionsIntro: string;
  closing: string;
  annex: string;
}

/** What {@link parseLetter} recovers from a letter, and what it could not. */
export interface ParsedLetter {
  /** Whether the text is a Special Procedures letter at all. */
  recognised: boolean;
  /** Whether it may be imported as a draft: recognised and no problem left. */
  importable: boolean;
  reference: { type: CommunicationType; code: string; number: number; year: number; text: string } | null;
  /** The date of the letter, `YYYY-MM-DD`. */
  date: string | null;
  mandates: LetterMandate[];
  signatories: LetterSignatory[];
  sections: LetterSectionsText;
  /** The letter's own statement of its subject: the bold run of the introduction. */
  summary: string | null;
  questions: string[];
  symbols: CitedSymbol[];
  /** Resolutions cited by number ("Security Council resolutions 1373 (2001)…"), resolved to their symbols. */
  resolutions: CitedSymbol[];
  instruments: CitedInstrument[];
  candidates: FactCandidate[];
  footnotes: LetterFootnote[];
  /** Running headers and page numbers dropped from the text. */
  removed: { runningHeaders: number; pageNumbers: number };
  problems: Array<LetterIssue<LetterProblemCode>>;
  warnings: Array<LetterIssue<LetterWarningCode>>;
}

/** What {@link parseLetter} reads the letter against. */
export interface ParseLetterDeps {
  ref: ReferenceData;
  citations: CitationLibrary;
  /** Gazetteers of places, one per country; the one of the addressee is used. Default: `data/places-kz.json`. */
  gazetteers?: readonly Gazetteer[];
}

const BODY_WORDS = String.raw`(?:the\s+)?(?:Special Rapporteur|Working Group|Independent Expert|Special Representative|Chair|Rapporteur spécial|Groupe de travail|Expert indépendant|Relator Especial|Grupo de Trabajo|Experto Independiente)\b`;
const TITLE_SEPARATOR = new RegExp(String.raw`\s*;\s*(?:and\s+|et\s+|y\s+)?|,?\s+(?:and|et|y)\s+(?=${BODY_WORDS})`, 'i');

/** The titles of a list such as "the Special Rapporteur on …; the Working Group on … and the Special Rapporteur on …". */
function splitTitles(list: string): string[] {
  return list
    .split(TITLE_SEPARATOR)
    .map((t) => t.trim().replace(/^(?:the|le|la|el)\s+/i, '').replace(/[\s,.;:]+$/, ''))
    .filter((t) => t !== '');
}

function pin(p: Pinpoint): string {
  const range = p.through === undefined ? '' : `-${p.through}`;
  return `para. ${p.paragraph}${range}${p.subdivisions.map((s) => `(${s})`).join('')}`;
}

function groupMentions(mentions: readonly SymbolMention[], citations: CitationLibrary): CitedSymbol[] {
  const bySymbol = new Map<string, CitedSymbol>();
  for (const m of mentions) {
    let entry = bySymbol.get(m.symbol);
    if (!entry) {
      entry = { symbol: m.symbol, pinpoints: [], mentions: 0, inLibrary: citations.bySymbol(m.symbol) !== undefined };
      bySymbol.set(m.symbol, entry);
    }
    entry.mentions++;
    for (const p of m.pinpoints.map(pin)) if (!entry.pinpoints.includes(p)) entry.pinpoints.push(p);
  }
  return [...bySymbol.values()];
}

const textOf = (ps: readonly LetterParagraph[]) => ps.map((p) => p.lines.join('\n')).join('\n\n');

/**
 * Reads a Special Procedures letter from its text (as extracted from its PDF, page-break artefacts and all)
 * and recovers everything the register holds about it: reference, date, signing mandates matched to the
 * reference data with the resolutions cited for each, the parts of the letter, the summary, the numbered
 * questions whole, the signatories, every document symbol and instrument cited, and the dates, places and
 * figures of the facts as candidates. What could not be recognised is listed in `problems` (the letter is
 * then not importable until a person resolves them) or `warnings`. Never throws on bad input.
 *
 * @example
 * const parsed = parseLetter(text, { ref: loadReferenceData(), citations: loadCitationLibrary() });
 * parsed.reference?.text // 'AL KAZ 1/2022'
 * parsed.mandates.map((m) => `${m.slug} ${m.resolution}`) // ['sr-assembly 41/12', 'wgad 42/22', …]
 */
export function parseLetter(text: string, deps: ParseLetterDeps): ParsedLetter {
  const problems: Array<LetterIssue<LetterProblemCode>> = [];
  const warnings: Array<LetterIssue<LetterWarningCode>> = [];
  const normalized = normalizeLetterText(text);
  const parts = splitLetterSections(normalized.paragraphs);
  const empty: LetterSectionsText = { opening: '', introduction: '', informationReceived: '', concerns: '', annexPointer: '', questionsIntro: '', closing: '', annex: '' };
  const result: ParsedLetter = {
    recognised: false,
    importable: false,
    reference: null,
    date: null,
    mandates: [],
    signatories: [],
    sections: empty,
    summary: null,
    questions: [],
    symbols: [],
    resolutions: [],
    instruments: [],
    candidates: [],
    footnotes: normalized.footnotes,
    removed: normalized.removed,
    problems,
    warnings,
  };
  if (normalized.paragraphs.length === 0) {
    problems.push({ code: 'LETTER_EMPTY', message: 'the file holds no text', where: 'file' });
    return result;
  }
  const markers = [parts.header, parts.referenceLine, parts.salutation, parts.opening, parts.closingFormula ? parts.closing.at(-1) : undefined];
  if (markers.filter((m) => m !== undefined).length < 2) {
    problems.push({
      code: 'NOT_A_LETTER',
      message: 'this is not a Special Procedures letter: no "Mandates of…" header, no "Ref.:" line, no "Excellency," and no "We have the honour to address you…" were found',
      where: 'file',
    });
    return result;
  }
  result.recognised = true;

  // Reference: "Ref.: AL KAZ 1/2022".
  const refText = parts.referenceLine?.text.replace(/^[^:]*:\s*/, '').replace(/\s*\(.*$/, '').trim();
  if (refText === undefined || refText === '') {
    problems.push({ code: 'REFERENCE_MISSING', message: 'no "Ref.:" line with the reference (such as "AL KAZ 1/2022") was found', where: 'header' });
  } else {
    try {
      const r = parseReference(refText);
      result.reference = { ...r, text: formatReference(r) };
      if (r.code !== 'OTH' && !deps.ref.isStateCode(r.code)) {
        problems.push({ code: 'ADDRESSEE_UNKNOWN', message: `"${r.code}" in the reference is not the code of a State in the reference data`, where: `reference "${refText}"` });
      }
    } catch (error) {
      problems.push({ code: 'REFERENCE_INVALID', message: `"${refText}" is not a reference like "AL KAZ 1/2022"${error instanceof Error ? ` (${error.message})` : ''}`, where: `reference line "${parts.referenceLine!.text}"` });
    }
  }

  // Date.
  const dateLine = parts.dateLine?.text.replace(/^[\p{L} ]+,\s*/u, '');
  result.date = dateLine === undefined ? null : (parseWrittenDate(dateLine) ?? null);
  if (result.date === null) problems.push({ code: 'DATE_MISSING', message: 'no date such as "18 January 2022" was found after the reference', where: 'header' });
  else if (result.reference && Number(result.date.slice(0, 4)) !== result.reference.year) {
    warnings.push({ code: 'DATE_YEAR_DIFFERS', message: `the letter is dated ${result.date} but its reference is of ${result.reference.year}`, where: 'header' });
  }

  // Mandates: the header names them; the opening pairs each title with its resolution.
  const headerTitles = parts.header ? splitTitles(parts.header.text.replace(/^(?:Mandates? of|Mandats? d[ue]s?|Mandatos? de)\s+/i, '')) : [];
  const opening = parts.opening ? /capacit(?:y|ies) as\s+(.+?),?\s+pursuant to\s+(.+)$/i.exec(parts.opening.text) : null;
  const openingTitles = opening ? splitTitles(opening[1]!) : [];
  const cited = opening ? [...opening[2]!.matchAll(/\b(\d{1,4}\/\d{1,4}|\d{1,2} \([IVXLC]+\))/g)].map((m) => m[1]!) : [];
  if (opening && openingTitles.length !== cited.length) {
    warnings.push({ code: 'RESOLUTIONS_COUNT', message: `the opening paragraph names ${openingTitles.length} mandates but cites ${cited.length} resolutions`, where: 'opening' });
  }
  const resolutionBySlug = new Map<string, string>();
  openingTitles.forEach((title, i) => {
    const slug = matchMandateTitle(deps.ref, title)?.slug;
    if (slug && cited[i] !== undefined && !resolutionBySlug.has(slug)) resolutionBySlug.set(slug, cited[i]!);
  });
  const titles = headerTitles.length > 0 ? headerTitles : openingTitles;
  const where = headerTitles.length > 0 ? 'header' : 'opening';
  if (titles.length === 0) problems.push({ code: 'MANDATES_MISSING', message: 'no signing mandates were found in a "Mandates of…" header or the opening paragraph', where: 'header' });
  titles.forEach((title, i) => {
    const slug = matchMandateTitle(deps.ref, title)?.slug ?? null;
    const resolution = slug ? (resolutionBySlug.get(slug) ?? null) : headerTitles.length === openingTitles.length ? (cited[i] ?? null) : null;
    result.mandates.push({ slug, title, resolution });
    if (!slug) {
      problems.push({ code: 'MANDATE_UNKNOWN', message: `no mandate in the reference data has the title "${title}"`, where: `${where}, mandate ${i + 1}` });
      return;
    }
    const mandate = deps.ref.mandate(slug)!;
    if (resolution !== null && !mandate.resolutions.some((r) => r.number === resolution)) {
      warnings.push({ code: 'RESOLUTION_NOT_OF_MANDATE', message: `resolution ${resolution} is not among the resolutions of ${slug} (${mandate.resolutions.map((r) => r.number).join(', ')})`, where: 'opening' });
    } else if (resolution !== null && result.date !== null) {
      const latest = deps.ref.latestResolution(slug, result.date)?.number;
      if (latest !== undefined && latest !== resolution) {
        warnings.push({ code: 'RESOLUTION_NOT_LATEST', message: `${slug} is cited under resolution ${resolution}, but ${latest} was the latest on ${result.date}`, where: 'opening' });
      }
    }
  });
  const headerSlugs = headerTitles.map((t) => matchMandateTitle(deps.ref, t)?.slug ?? t);
  const openingSlugs = openingTitles.map((t) => matchMandateTitle(deps.ref, t)?.slug ?? t);
  if (headerTitles.length > 0 && openingTitles.length > 0 && headerSlugs.join('|') !== openingSlugs.join('|')) {
    warnings.push({ code: 'MANDATE_LISTS_DIFFER', message: 'the header and the opening paragraph do not name the same mandates in the same order', where: 'opening' });
  }

  // Sections.
  result.sections = {
    opening: parts.opening?.text ?? '',
    introduction: textOf(parts.introduction),
    informationReceived: textOf(parts.informationReceived),
    concerns: textOf(parts.concerns),
    annexPointer: parts.annexPointer?.text ?? '',
    questionsIntro: parts.questionsIntro?.text ?? '',
    closing: textOf(parts.closing),
    annex: textOf(parts.annex),
  };
  for (const [name, present] of [
    ['opening', parts.opening],
    ['information received', parts.informationReceived.length > 0],
    ['concerns', parts.concerns.length > 0],
  ] as const) {
    if (!present) warnings.push({ code: 'SECTION_MISSING', message: `no ${name} section was recognised`, where: name });
  }
  result.summary = parts.introduction.flatMap((p) => p.bold).find((b) => b.length >= 20) ?? null;

  // Questions.
  const questions = numberedQuestions(parts.questions.flatMap((p) => p.lines));
  result.questions = questions.map((q) => q.text);
  if (questions.length === 0) problems.push({ code: 'SECTION_MISSING', message: 'no numbered questions were found after "…the following matters:"', where: 'questions' });
  const wrong = questions.findIndex((q, i) => q.number !== i + 1);
  if (wrong >= 0) problems.push({ code: 'QUESTIONS_NUMBERING', message: `question ${wrong + 1} is numbered ${questions[wrong]!.number}: a question may be missing or split`, where: 'questions' });
  if (!parts.closingFormula) {
    problems.push({ code: 'SECTION_MISSING', message: 'the closing formula "Please accept, Excellency, the assurances of our highest consideration." was not found: the letter may be truncated', where: 'closing' });
  }

  // Signatories.
  const blocks = parseSignatories(parts.signatures.flatMap((p) => p.lines));
  result.signatories = blocks.map((b) => ({ name: b.name, role: b.role, mandate: b.role ? (matchMandateTitle(deps.ref, titleOfRole(b.role))?.slug ?? null) : null }));
  if (blocks.length === 0) {
    problems.push({ code: 'SIGNATURES_MISSING', message: 'no signatures were found after the closing formula: the letter may be truncated', where: 'signatures' });
  } else {
    for (const s of result.signatories) {
      if (s.mandate === null) problems.push({ code: 'SIGNATORY_UNKNOWN', message: `the role of ${s.name} ("${s.role}") names no known mandate`, where: `signature of ${s.name}` });
      else if (result.date !== null && !deps.ref.isHolderOnDate(s.mandate, s.name, result.date)) {
        warnings.push({ code: 'HOLDER_NOT_IN_OFFICE', message: `${s.name} is not recorded as holder of ${s.mandate} on ${result.date}`, where: `signature of ${s.name}` });
      }
    }
    for (const m of result.mandates) {
      if (m.slug && !result.signatories.some((s) => s.mandate === m.slug)) {
        problems.push({ code: 'SIGNATORY_MISSING', message: `no signature for ${m.slug} ("${m.title}")`, where: 'signatures' });
      }
    }
  }

  // Citations.
  const fullText = [normalized.text, ...normalized.footnotes.map((f) => f.text)].join('\n\n');
  result.symbols = groupMentions(extractSymbols(fullText), deps.citations);
  result.resolutions = groupMentions(extractNumberedResolutions(fullText), deps.citations);
  result.instruments = findCitedInstruments(
    [...normalized.paragraphs.map((p) => p.text), ...normalized.footnotes.map((f) => f.text)],
    [...result.symbols, ...result.resolutions].map((s) => s.symbol),
    deps.citations,
  );

  // Facts, as candidates.
  const gazetteers = deps.gazetteers ?? [loadGazetteer()];
  const gazetteer = gazetteers.find((g) => g.country.code === result.reference?.code);
  result.candidates = extractFactCandidates(
    parts.informationReceived.map((p) => p.text),
    { ...(gazetteer ? { gazetteer } : {}), ...(result.date ? { year: Number(result.date.slice(0, 4)) } : {}) },
  );

  result.importable = result.recognised && problems.length === 0;
  return result;
}
