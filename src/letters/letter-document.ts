/**
 * The layout model of a letter: what composition produces and what both renderers (HTML with print CSS,
 * and PDF) draw, so that the two never disagree. Text is plain Unicode; emphasis is carried by runs.
 */

/** A piece of text with its emphasis. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** The number of a footnote whose marker follows this run. */
  footnote?: number;
}

/** One block of the letter's body. */
export type Block =
  | { kind: 'heading'; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  /** A numbered list, e.g. the questions; `start` is the first number. */
  | { kind: 'numbered'; start: number; items: Run[][] }
  | { kind: 'bullets'; items: Run[][] };

/** A signature: the holder's name and role title as the letter prints them. */
export interface Signature {
  name: string;
  role: string;
}

/** A whole letter, laid out. */
export interface LetterDocument {
  /** BCP 47 language of the letter: en, fr or es. */
  language: string;
  /** The reference printed on every page, e.g. "AL KAZ 1/2022"; null for a draft. */
  reference: string | null;
  /** "Ref.: AL KAZ 1/2022" line and the line under it ("(Please use this reference in your reply)"). */
  referenceLine: string | null;
  referenceNote: string | null;
  /** The header naming every signing mandate ("Mandates of the Special Rapporteur on …; the Working Group on …"). */
  header: string;
  /** The date as the letter prints it, e.g. "18 January 2022". */
  dateLine: string;
  salutation: string;
  /** The body: opening, information received, concerns, questions, closing. */
  body: Block[];
  signatures: Signature[];
  /** The annex, composed from the chosen citations; null when there is none. */
  annex: { title: string; subtitle: string; body: Block[] } | null;
  /** Footnotes by number. */
  footnotes: Array<{ number: number; runs: Run[] }>;
  /** Text of the page footer label, e.g. "Page", for "Page 2 of 7". */
  pageLabel: string;
  /** "of" in "Page 2 of 7". */
  pageOfLabel: string;
  /** True for the public version (names withheld, confidential annex left out). */
  publicVersion: boolean;
  /** The mark printed on every page of the public version ("Public version"); null for the full letter. */
  publicMark: string | null;
}
