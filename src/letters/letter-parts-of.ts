import type { Communication } from '../domain/communication.ts';
import type { CitationLibrary } from '../reference/citation-library.ts';
import type { AnnexCitation, LetterParts } from './compose-letter.ts';
import { LETTER_LANGUAGES, type LetterLanguage } from './letter-boilerplate.ts';

const PIN_WORDS: Record<LetterLanguage, Record<string, string>> = {
  en: { art: 'Article', para: 'Paragraph', principle: 'Principle', rule: 'Rule' },
  fr: { art: 'Article', para: 'Paragraphe', principle: 'Principe', rule: 'Règle' },
  es: { art: 'Artículo', para: 'Párrafo', principle: 'Principio', rule: 'Regla' },
};

/** A library pinpoint as a letter writes it: `art. 20(1)` → "Article 20(1)", "Artículo 20(1)". */
export function pinLabel(pin: string, lang: LetterLanguage): string {
  const m = /^(art|para|principle|rule)\.?\s*(.+)$/i.exec(pin.trim());
  if (!m) return pin;
  return `${PIN_WORDS[lang][m[1]!.toLowerCase()] ?? m[1]} ${m[2]}`;
}

/** The letter language of a communication (English unless French or Spanish). */
export function letterLanguageOf(c: Pick<Communication, 'language'>): LetterLanguage {
  return (LETTER_LANGUAGES as readonly string[]).includes(c.language) ? (c.language as LetterLanguage) : 'en';
}

/**
 * The structured parts a letter is composed from, taken from a communication: its text parts, the annex
 * citations resolved in the library (titles and statements in the letter's language, English where the
 * library has no translation), and the letter's date — the day it was sent, or `today` for a draft.
 */
export function letterPartsOf(c: Communication, citations: CitationLibrary, today: string): LetterParts {
  const lang = letterLanguageOf(c);
  const annex: AnnexCitation[] = c.citations.flatMap((chosen) => {
    const instrument = citations.instrument(chosen.instrument);
    if (!instrument) return [];
    const provision = chosen.pin ? citations.provision(chosen.instrument, chosen.pin) : undefined;
    const statement = provision?.statement ?? instrument.statement;
    return [
      {
        pin: chosen.pin ? pinLabel(provision?.pin ?? chosen.pin, lang) : null,
        title: instrument.title[lang] ?? instrument.title.en,
        symbol: instrument.symbol,
        statement: statement[lang] ?? statement.en,
      },
    ];
  });
  return {
    type: c.type,
    language: lang,
    reference: c.reference,
    date: c.sentDate ?? today,
    mandates: c.mandates.map((m) => m.slug),
    subject: c.subject,
    summary: c.summary,
    body: c.body,
    concerns: c.concerns,
    questions: c.questions,
    annexText: c.annexText,
    citations: annex,
    confidentialAnnex: c.confidentialAnnex,
    pressRelease: c.pressRelease,
    victims: c.victims,
  };
}
