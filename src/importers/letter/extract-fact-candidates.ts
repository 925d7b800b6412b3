import type { Gazetteer, GazetteerPlace } from './load-gazetteer.ts';
import { isoDay, MONTH_NAMES, MONTHS } from './parse-written-date.ts';

/**
 * A date as a letter states it, with its precision: "11 January 2022" → day; "the night of 4-5 January 2022"
 * → a day range (`end`); "January 2022" → month (`value` `2022-01`); "since the beginning of January 2022" →
 * month and `vague`. `yearInferred` when the text gave no year ("On 4 January") and the year was taken from
 * the dates around it.
 */
export interface DateValue {
  value: string;
  precision: 'day' | 'month';
  end?: string;
  vague?: boolean;
  yearInferred?: boolean;
}

/** A place of the gazetteer as found in a text. */
export interface PlaceRef {
  id: string;
  name: string;
  kind: 'city' | 'region' | 'village' | 'street' | 'country';
  region: string | null;
  lat: number | null;
  lon: number | null;
}

/** A date stated in the facts. */
export interface DateCandidate {
  kind: 'date';
  date: DateValue;
  text: string;
  sentence: string;
}

/** A place named in the facts (once per place, with the first sentence naming it and how often it is named). */
export interface PlaceCandidate {
  kind: 'place';
  place: PlaceRef;
  text: string;
  mentions: number;
  sentence: string;
}

/**
 * A figure stated in the facts: "On 11 January 2022, the Interior Ministry reported that security forces had
 * detained over 9,900 people" → count 9900, qualifier 'over', what 'detained', whose 'people', reportedBy
 * 'Interior Ministry', date 2022-01-11 (from the sentence). A figure given as part of another ("including
 * 19 members of the security forces", "of which 3,393…", "446 of them") names that other count in `partOf`.
 */
export interface FigureCandidate {
  kind: 'figure';
  count: number;
  /** "over", "approximately", "close to", "an estimated", "a reported"… or null for a plain number. */
  qualifier: string | null;
  /** detained, arrested, killed, injured, casualties, in temporary detention, detained with court authorization, brought to police stations, assembled. */
  what: string;
  /** Whose people: people, protesters, security forces, law enforcement, children… */
  whose: string | null;
  /** The reporting body in a canonical name, and as the letter words it. */
  reportedBy: string | null;
  reportedByText: string | null;
  date: DateValue | null;
  /** Where the date comes from: the sentence itself, or the last date stated before it. */
  dateSource: 'sentence' | 'context' | null;
  /** The places the figure is about; the country when the letter names none (`scopeSource: 'country'`). */
  scope: PlaceRef[];
  scopeSource: 'sentence' | 'paragraph' | 'country' | null;
  partOf: number | null;
  /** The number as written: "9,900", "6’000", "eight". */
  text: string;
  sentence: string;
}

/** A candidate fact for staff to confirm. Candidates are never facts until a person confirms them. */
export type FactCandidate = DateCandidate | PlaceCandidate | FigureCandidate;

/** Options of {@link extractFactCandidates}. */
export interface FactOptions {
  /** The places to recognise; none when absent. */
  gazetteer?: Gazetteer;
  /** The year for dates written without one, before any dated sentence (the letter's year). */
  year?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Dates

interface FoundDate {
  date: DateValue;
  at: number;
  end: number;
  text: string;
}

const M = `(${MONTH_NAMES})`;
const DAY_RANGE = new RegExp(String.raw`\b(?:(?:during |on )?the night of |from |between )?(\d{1,2})\s*(?:-|–|to|and)\s*(\d{1,2})\s+${M}(?:\s+(\d{4}))?\b`, 'gi');
const DAY = new RegExp(String.raw`\b(\d{1,2})\s+${M}(?:\s+(\d{4}))?\b`, 'gi');
const MONTH = new RegExp(String.raw`\b(?:(since|from|until|before|after)\s+)?(?:(?:the\s+)?(beginning|start|end|middle|early|late|mid)(?:\s+of)?\s+)?${M}\s+(\d{4})\b`, 'gi');

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The dates of one sentence, in order; `year` stands in for a missing year. */
function findDates(sentence: string, year: number | undefined): FoundDate[] {
  const found: FoundDate[] = [];
  const free = (a: number, b: number) => !found.some((f) => a < f.end && b > f.at);
  for (const m of sentence.matchAll(DAY_RANGE)) {
    // "on 5, 6, 7, 8, 10 and 17 January 2022" is a list of days, not a range from 10 to 17.
    if (/\d,\s*$/.test(sentence.slice(0, m.index))) continue;
    const y = m[4] ? Number(m[4]) : year;
    const month = MONTHS[m[3]!.toLowerCase()]!;
    if (y === undefined) continue;
    const from = isoDay(y, month, Number(m[1]));
    const to = isoDay(y, month, Number(m[2]));
    if (!from || !to || to <= from) continue;
    found.push({ date: { value: from, precision: 'day', end: to, ...(m[4] ? {} : { yearInferred: true }) }, at: m.index, end: m.index + m[0].length, text: m[0] });
  }
  for (const m of sentence.matchAll(DAY)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    const y = m[3] ? Number(m[3]) : year;
    const day = y === undefined ? undefined : isoDay(y, MONTHS[m[2]!.toLowerCase()]!, Number(m[1]));
    if (!day) continue;
    found.push({ date: { value: day, precision: 'day', ...(m[3] ? {} : { yearInferred: true }) }, at: m.index, end: m.index + m[0].length, text: m[0] });
  }
  for (const m of sentence.matchAll(MONTH)) {
    const at = m.index + m[0].indexOf(m[3]!);
    if (!free(at, m.index + m[0].length)) continue;
    const vague = m[1] !== undefined || m[2] !== undefined;
    found.push({ date: { value: `${m[4]}-${pad(MONTHS[m[3]!.toLowerCase()]!)}`, precision: 'month', ...(vague ? { vague: true } : {}) }, at: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return found.sort((a, b) => a.at - b.at);
}

// ---------------------------------------------------------------------------------------------------------
// Places

interface FoundPlace {
  place: PlaceRef;
  at: number;
  end: number;
  text: string;
}

function ref(p: GazetteerPlace): PlaceRef {
  return { id: p.id, name: p.names[0]!, kind: p.kind, region: p.region, lat: p.lat, lon: p.lon };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The gazetteer's places named in a sentence, in order; "the Mangystau and Almaty regions" names two regions. */
function findPlaces(sentence: string, gazetteer: Gazetteer | undefined): FoundPlace[] {
  if (!gazetteer) return [];
  const found: FoundPlace[] = [];
  const byName = (name: string) => gazetteer.places.find((p) => p.names.some((n) => n.toLowerCase() === name.toLowerCase()));
  for (const m of sentence.matchAll(/\b([A-Z][\w-]+) and ([A-Z][\w-]+) regions\b/g)) {
    for (const name of [m[1]!, m[2]!]) {
      const p = byName(`${name} region`);
      if (p) found.push({ place: ref(p), at: m.index + m[0].indexOf(name), end: m.index + m[0].length, text: m[0] });
    }
  }
  const names = gazetteer.places.flatMap((p) => p.names.map((n) => ({ n, p }))).sort((a, b) => b.n.length - a.n.length);
  for (const { n, p } of names) {
    for (const m of sentence.matchAll(new RegExp(String.raw`(?<![\p{L}-])${escape(n)}(?![\p{L}-])`, 'giu'))) {
      const end = m.index + m[0].length;
      if (!/^\p{Lu}/u.test(m[0])) continue;
      if (found.some((f) => m.index < f.end && end > f.at)) continue;
      // Part of a longer proper name ("Astana Squares", "Almaty International Airport"): not the place itself.
      if (/^ (?!And\b|In\b|On\b)\p{Lu}/u.test(sentence.slice(end, end + 20))) continue;
      found.push({ place: ref(p), at: m.index, end, text: m[0] });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

// ---------------------------------------------------------------------------------------------------------
// Figures

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};
// "9,900", "6’000", "6'000", "2 298", "164", "eight" — not "four-year-old", "five-day", "1/2022", "01:30".
const NUMBER = new RegExp(
  String.raw`(?<![\w.,’'/:-])(\d{1,3}(?:[,’' \u202f](?=\d{3}\b)\d{3})+|\d+|${Object.keys(NUMBER_WORDS).join('|')})(?![\w/:-]|[.,]\d|’\d|'\d)`,
  'gi',
);
const QUALIFIER = /(over|more than|approximately|about|around|close to|nearly|almost|at least|up to|an estimated|a reported|some|roughly)\s+$/i;
const NOT_A_COUNT_BEFORE = /(?:age of|aged|articles?|resolutions?|para(?:graph)?s?\.?|no\.|number|page|principles?|in|since|until|from|by)\s+$/i;

// Whose people: what the number counts, right after it.
const WHOSE: ReadonlyArray<[RegExp, string | ((m: RegExpExecArray) => string)]> = [
  [/^\s+members of (?:the )?(security forces|law enforcement|the police|police|armed forces|military)\b/i, (m) => m[1]!.replace(/^the /, '').toLowerCase()],
  [/^\s+(?:soldiers|servicemen|police officers|policemen|law enforcement officers|officers)\b/i, 'security forces'],
  [/^\s+(protesters|demonstrators)(?: and (activists|journalists|bystanders))?\b/i, (m) => (m[2] ? `protesters and ${m[2].toLowerCase()}` : 'protesters')],
  [/^\s+(?:children|minors|girls|boys)\b/i, 'children'],
  [/^\s+(journalists|activists|civilians|citizens|residents|detainees|trade unionists|human rights defenders|bystanders)\b/i, (m) => m[1]!.toLowerCase()],
  [/^\s+(?:people|persons|individuals)\b/i, 'people'],
];
// What happened to them: the nearest of these words in the number's clause.
const WHAT: ReadonlyArray<[RegExp, string]> = [
  [/\bdetained with court[- ]issued authori[sz]ation\b/gi, 'detained with court authorization'],
  [/\b(?:placed )?in temporary detention\b/gi, 'in temporary detention'],
  [/\bbrought to police stations?\b/gi, 'brought to police stations'],
  [/\barrest(?:ed|s)?\b/gi, 'arrested'],
  [/\bdetain(?:ed)?\b/gi, 'detained'],
  [/\b(?:killed|died|deaths?|death toll|dead)\b/gi, 'killed'],
  [/\b(?:injured|wounded|injuries)\b/gi, 'injured'],
  [/\bcasualties\b/gi, 'casualties'],
  [/\b(?:assembled|gathered|rallied|gatherings?|marched|camped)\b/gi, 'assembled'],
];
// Clause starts inside a sentence: a figure belongs to its clause. Those marked `part` make it part of the one before.
const CLAUSE_BREAK = /(?:;|,? and that\b|, that\b|, while\b|, whereas\b|, (?:of which|of whom)\b|,? including\b|, as well as\b)/gi;
const PART_OF = /^(?:,?\s*(?:of which|of whom|including))\b/i;

// Reporting bodies, with the name they are recorded under.
const REPORTERS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:the )?(?:Interior Ministry|Ministry of (?:the )?Interior|Ministry of Internal Affairs|Interior Minister)\b/gi, 'Interior Ministry'],
  [/\b(?:the )?(?:Health Ministry|Ministry of Health(?:care)?)\b/gi, 'Health Ministry'],
  [/\b(?:the )?(?:Ministry of Foreign Affairs|Foreign (?:Affairs )?Ministry)\b/gi, 'Ministry of Foreign Affairs'],
  [/\b(?:the )?(?:Prosecutor(?: General)?['’]s [Oo]ffice|Prosecutor General|General Prosecutor['’]s [Oo]ffice)\b/g, "Prosecutor General's Office"],
  [/\b(?:the )?Border Guard Service\b/gi, 'Border Guard Service'],
  [/\b(?:the )?Ombudsperson for Children['’]s Rights\b/gi, "Ombudsperson for Children's Rights"],
  [/\b(?:the )?(?:National Security Committee|Committee of National Security)\b/gi, 'National Security Committee'],
  [/\b(?:the )?Ministry of Information\b/gi, 'Ministry of Information'],
  [/\b(?:initial|official|preliminary|first) reports\b/gi, 'initial reports'],
];
const REPORTING_VERB = /^[\s\w’',-]{0,30}?\b(?:reported|reports|announced|confirmed|said|says|specified|stated|indicated|raised|declared|estimated|told)\b/i;

function countOf(written: string): number {
  const word = NUMBER_WORDS[written.toLowerCase()];
  return word ?? Number(written.replace(/[,’' \u202f]/g, ''));
}

/** The reporting body of a sentence: "according to X", or X followed by a reporting verb. */
function reporterOf(sentence: string): { name: string; text: string } | null {
  let best: { name: string; text: string; at: number } | null = null;
  for (const [re, name] of REPORTERS) {
    for (const m of sentence.matchAll(re)) {
      const end = m.index + m[0].length;
      const according = /according to\s+$/i.test(sentence.slice(Math.max(0, m.index - 20), m.index));
      if (!according && !REPORTING_VERB.test(sentence.slice(end))) continue;
      if (!best || m.index < best.at) best = { name, text: m[0].replace(/^the /i, ''), at: m.index };
    }
  }
  return best && { name: best.name, text: best.text };
}

/** The clause of a sentence around `at`: from the last clause break before it to the next one after. */
function clauseAround(sentence: string, at: number): { start: number; end: number } {
  let start = 0;
  let end = sentence.length;
  for (const m of sentence.matchAll(CLAUSE_BREAK)) {
    if (m.index < at) start = m.index;
    else if (m.index > at) {
      end = m.index;
      break;
    }
  }
  return { start, end };
}

/** The nearest "what" word in a clause: after the number first (the verb it takes), else before it. */
function whatOf(clause: string, numberAt: number, numberEnd: number): string | null {
  let after: { at: number; len: number; what: string } | null = null;
  let before: { at: number; what: string } | null = null;
  for (const [re, what] of WHAT) {
    for (const m of clause.matchAll(re)) {
      if (m.index >= numberEnd) {
        if (!after || m.index < after.at || (m.index === after.at && m[0].length > after.len)) after = { at: m.index, len: m[0].length, what };
      } else if (m.index + m[0].length <= numberAt) {
        if (!before || m.index > before.at) before = { at: m.index, what };
      }
    }
  }
  return after?.what ?? before?.what ?? null;
}

/** Splits text into sentences (ICU rules: "p.m." or "U.N." inside a sentence do not end it). */
function sentencesOf(paragraph: string): string[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  return [...segmenter.segment(paragraph)].map((s) => s.segment.trim()).filter((s) => s !== '');
}

/**
 * Finds the dates, places and figures stated in the facts of a letter (its "information received") as
 * candidates for staff to confirm. Precision matters more than recall: a number becomes a figure only when it
 * counts people ("people", "protesters", "members of the security forces"…) and its clause says what befell
 * them (detained, arrested, killed, injured, in temporary detention, brought to police stations, assembled…);
 * vague quantities ("hundreds of residents", "dozens") are left out. Each figure carries its qualifier, who
 * reported it, the date of its sentence (or of the last dated sentence before it), the places it is about and
 * the sentence it came from.
 *
 * @example
 * extractFactCandidates(['On 11 January 2022, the Interior Ministry reported that security forces had detained over 9,900 people.'])
 * // [{ kind: 'date', … }, { kind: 'figure', count: 9900, qualifier: 'over', what: 'detained', whose: 'people',
 * //    reportedBy: 'Interior Ministry', date: { value: '2022-01-11', precision: 'day' }, dateSource: 'sentence', … }]
 */
export function extractFactCandidates(paragraphs: readonly string[] | string, options: FactOptions = {}): FactCandidate[] {
  const list = typeof paragraphs === 'string' ? paragraphs.split(/\n\s*\n/) : paragraphs;
  const { gazetteer } = options;
  const country: PlaceRef | null = gazetteer ? { id: gazetteer.country.code.toLowerCase(), name: gazetteer.country.name, kind: 'country', region: null, lat: null, lon: null } : null;
  const out: FactCandidate[] = [];
  const places = new Map<string, PlaceCandidate>();
  let context: DateValue | null = null;
  let year = options.year;

  for (const paragraph of list) {
    const text = paragraph.replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    const sentences = sentencesOf(text);
    // "In Zhanaozen, …", "In the city of Aktau, …": the paragraph is about that place.
    const lead = /^In (?:the (?:city|cities|town|village|region) of )?/.test(text) ? findPlaces(sentences[0]!, gazetteer)[0] : undefined;
    const leadPlace = lead && lead.at < 30 ? lead.place : undefined;

    for (const sentence of sentences) {
      const dates = findDates(sentence, year);
      for (const d of dates) out.push({ kind: 'date', date: d.date, text: d.text, sentence });
      const found = findPlaces(sentence, gazetteer);
      for (const f of found) {
        const seen = places.get(f.place.id);
        if (seen) seen.mentions++;
        else places.set(f.place.id, { kind: 'place', place: f.place, text: f.text, mentions: 1, sentence });
      }
      const reporter = reporterOf(sentence);
      const dateSpans = dates.map((d) => [d.at, d.end] as const);
      const figures: FigureCandidate[] = [];

      for (const m of sentence.matchAll(NUMBER)) {
        const at = m.index;
        const end = at + m[0].length;
        if (dateSpans.some(([a, b]) => at >= a && at < b)) continue;
        if (NOT_A_COUNT_BEFORE.test(sentence.slice(Math.max(0, at - 20), at))) continue;
        const rest = sentence.slice(end);
        const clause = clauseAround(sentence, at);
        const clauseText = sentence.slice(clause.start, clause.end);
        const previous = figures.at(-1);
        const partOfPrevious = previous !== undefined && PART_OF.test(clauseText);

        let whose: string | null;
        let what: string | null = whatOf(clauseText, at - clause.start, end - clause.start);
        let partOf: number | null = partOfPrevious ? previous.count : null;
        const ofThem = /^\s+of (?:them|whom)\b/i.exec(rest);
        const ofThe = /^\s+of the (casualties|victims|dead|deceased|detainees)\b/i.exec(rest);
        const were = /^\s+were(?= )/i.exec(rest);
        const noun = WHOSE.map(([re, name]) => {
          const w = re.exec(were ? rest.slice(were[0].length) : rest);
          return w ? (typeof name === 'string' ? name : name(w)) : null;
        }).find((x) => x !== null);
        if (noun !== undefined && (!were || partOfPrevious)) whose = noun;
        else if (ofThem && previous) {
          whose = previous.whose;
          partOf = previous.count;
        } else if (ofThe) {
          whose = /under the age of 18|children|minors/i.test(clauseText) ? 'children' : 'people';
          what = what ?? 'casualties';
        } else continue;
        if (what === null && partOfPrevious) what = previous.what;
        if (what === null) continue;

        const qualifier = QUALIFIER.exec(sentence.slice(Math.max(0, at - 20), at))?.[1]?.toLowerCase() ?? null;
        const before = dates.filter((d) => d.end <= at).at(-1) ?? dates[0];
        const inClause = found.filter((f) => f.at >= clause.start && f.end <= clause.end);
        const nearest = inClause.filter((f) => f.end <= at).at(-1) ?? inClause.find((f) => f.at >= end);
        let scope: PlaceRef[] = [];
        let scopeSource: FigureCandidate['scopeSource'] = null;
        if (nearest) {
          // "Karasaybatyr and Masanchi": places joined to the nearest one count with it.
          const joined = inClause.filter((f) => f === nearest || /^(?:,\s*|\s+and\s+)$/.test(sentence.slice(f.end, nearest.at)));
          scope = joined.map((f) => f.place);
          scopeSource = 'sentence';
        } else if (leadPlace) {
          scope = [leadPlace];
          scopeSource = 'paragraph';
        } else if (country) {
          scope = [country];
          scopeSource = 'country';
        }
        const figure: FigureCandidate = {
          kind: 'figure',
          count: countOf(m[0]),
          qualifier,
          what,
          whose,
          reportedBy: reporter?.name ?? null,
          reportedByText: reporter?.text ?? null,
          date: before?.date ?? context,
          dateSource: before ? 'sentence' : context ? 'context' : null,
          scope,
          scopeSource,
          partOf,
          text: m[0],
          sentence,
        };
        figures.push(figure);
      }
      out.push(...figures);
      // The sentence's own date is its first one that is not an end ("… until 19 January 2022").
      const anchor = dates.find((d) => !/\b(?:until|to|till)\s+(?:[\w:]+\s+){0,4}$/i.test(sentence.slice(Math.max(0, d.at - 40), d.at))) ?? dates[0];
      if (anchor) {
        context = anchor.date;
        year = Number(anchor.date.value.slice(0, 4));
      }
    }
  }
  return [...out, ...places.values()];
}
