import type { PublicationPeriods } from '../domain/publication.ts';
import type { CommunicationType } from '../domain/reference.ts';
import type { ReferenceData } from '../reference/reference-data.ts';
import { parseBlocks, parseRuns } from './inline-runs.ts';
import type { Block, LetterDocument, Run, Signature } from './letter-document.ts';
import { joinList, letterDate, letterText, type LetterLanguage } from './letter-boilerplate.ts';
import { publicTextParts, type PublicTextParts, type Victim } from './public-version.ts';

/** A provision chosen for the annex, with the library's wording of it. */
export interface AnnexCitation {
  /** "Article 9", "Principle 4", "Paragraph 6"; null to cite the instrument as a whole. */
  pin: string | null;
  title: string;
  symbol: string | null;
  statement: string;
}

/** What a letter is composed from: the communication's structured parts (the text parts as the public reads them, and more). */
export interface LetterParts extends PublicTextParts {
  type: CommunicationType;
  language: LetterLanguage;
  /** The reference once sent; null for a draft. */
  reference: string | null;
  /** The letter's date (YYYY-MM-DD): the date sent, or today for a draft. */
  date: string;
  /** Signing mandates, in order. */
  mandates: string[];
  citations: AnnexCitation[];
  /** Goes to the Government only; never in the public version. */
  confidentialAnnex: string;
  pressRelease: boolean;
  victims: Victim[];
}

/** What composition needs besides the parts. */
export interface CompositionContext {
  ref: ReferenceData;
  periods: PublicationPeriods;
}

const text = (t: string): Run[] => [{ text: t }];
const paragraph = (runs: Run[]): Block => ({ kind: 'paragraph', runs });

/** Lower-cases the first letter of a summary used inside a sentence, unless it starts an acronym or a name in capitals. */
function inSentence(s: string): string {
  const trimmed = s.trim().replace(/[.\s]+$/, '');
  return /^\p{Lu}\p{Ll}/u.test(trimmed) ? trimmed[0]!.toLocaleLowerCase() + trimmed.slice(1) : trimmed;
}

/**
 * Composes the whole letter as UN letters lay it out: the header naming every signing mandate, reference and
 * date, salutation; the opening paragraph from the mandates and their latest resolutions (singular for one
 * mandate); the information received, the concerns, the numbered questions; the standard closing paragraphs
 * (publication within the configured days for AL and UA, after the configured hours for OL; interim measures
 * for AL and UA; a possible press release); the signatures of the holders in office on the letter's date;
 * and the annex "Reference to international human rights law". The public version redacts every withheld
 * victim's name and leaves the confidential annex out.
 */
export function composeLetter(parts: LetterParts, ctx: CompositionContext, version: 'full' | 'public' = 'full'): LetterDocument {
  const lang = parts.language;
  const t = letterText(lang);
  const count = parts.mandates.length;
  const isPublic = version === 'public';
  const content = isPublic ? publicTextParts(parts, parts.victims, t('name.withheld')) : parts;

  const titles = parts.mandates.map((slug) => ctx.ref.mandateTitle(slug, lang) ?? slug);
  const header = t('header', {
    count,
    list: joinList(titles.map((title) => t('header.article', { title })), t('list.separator'), t('list.and')),
  });
  const resolutions = parts.mandates.map((slug) => ctx.ref.latestResolution(slug, parts.date)?.number).filter((n): n is string => n !== undefined);

  const body: Block[] = [];
  body.push(paragraph(text(t('opening', { count, titles: joinList(titles, t('list.separator'), t('list.and')), resolutions: joinList(resolutions, t('list.comma'), t('list.and')) }))));
  if (content.summary.trim()) {
    body.push(paragraph([{ text: `${t(parts.type === 'OL' ? 'introduction.other' : 'introduction', { count })} ` }, { text: `${inSentence(content.summary)}.`, bold: true }]));
  }
  if (content.body.trim()) {
    if (parts.type !== 'OL') body.push(paragraph(text(t('information.heading'))));
    body.push(...parseBlocks(content.body));
  }
  if (content.concerns.trim()) body.push(...parseBlocks(content.concerns));
  const hasAnnex = content.annexText.trim() !== '' || parts.citations.length > 0;
  if (hasAnnex) {
    body.push(paragraph([{ text: t('annex.pointer.before') }, { text: t('annex.pointer.bold'), bold: true }, { text: t('annex.pointer.after') }]));
  }
  if (content.questions.length > 0) {
    body.push(paragraph(text(t('questions.intro', { count }))));
    body.push({ kind: 'numbered', start: 1, items: content.questions.map((q) => parseRuns(q)) });
  }
  body.push(
    paragraph(
      text(
        parts.type === 'OL'
          ? t('closing.publication.hours', { hours: ctx.periods.otherLetterHours })
          : t('closing.publication.days', { days: ctx.periods.letterDays }),
      ),
    ),
  );
  if (parts.type !== 'OL') body.push(paragraph(text(t('closing.interim', { count }))));
  if (parts.pressRelease) body.push(paragraph(text(t('closing.press', { count }))));
  body.push(paragraph(text(t('closing.courtesy', { count }))));

  const annexBody: Block[] = [];
  if (hasAnnex) {
    annexBody.push(paragraph(text(t(count === 1 ? 'annex.intro.one' : 'annex.intro'))));
    if (content.annexText.trim()) annexBody.push(...parseBlocks(content.annexText));
    for (const c of parts.citations) {
      const values = { pin: c.pin ?? '', title: c.title, symbol: c.symbol ? ` (${c.symbol})` : '', statement: c.statement };
      annexBody.push(paragraph(text(t(c.pin ? 'annex.citation' : 'annex.citation.whole', values))));
    }
  }
  if (!isPublic && parts.confidentialAnnex.trim()) {
    annexBody.push({ kind: 'heading', runs: text(t('confidential.heading')) });
    annexBody.push(...parseBlocks(parts.confidentialAnnex));
  }

  return {
    language: lang,
    reference: parts.reference,
    referenceLine: parts.reference ? t('reference.line', { reference: parts.reference }) : null,
    referenceNote: parts.reference ? t('reference.note') : null,
    header,
    dateLine: letterDate(parts.date, lang),
    salutation: t('salutation'),
    body,
    signatures: signatures(parts, ctx.ref),
    annex: annexBody.length > 0 ? { title: t('annex.title'), subtitle: t('annex.subtitle'), body: annexBody } : null,
    footnotes: [],
    pageLabel: t('page.label'),
    pageOfLabel: t('page.of'),
    publicVersion: isPublic,
    publicMark: isPublic ? t('public.mark') : null,
  };
}

/** The holders of the signing mandates in office on the letter's date, each with the title the letter prints. */
function signatures(parts: LetterParts, ref: ReferenceData): Signature[] {
  return parts.mandates.map((slug) => {
    const holder = ref.holdersOn(slug, parts.date)[0];
    const lang = parts.language;
    return {
      name: holder?.name ?? '',
      role: (holder?.role as Record<string, string> | undefined)?.[lang] ?? holder?.role.en ?? ref.mandateTitle(slug, lang) ?? slug,
    };
  });
}
