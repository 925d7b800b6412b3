import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  extractNumberedResolutions,
  extractSymbols,
  type Pinpoint,
  type SymbolMention,
} from '../../src/domain/symbol-extraction.ts';

const LETTER = readFileSync(new URL('../fixtures/AL-KAZ-1-2022.txt', import.meta.url), 'utf8');

/** A pinpoint written compactly for assertions: "11", "5(p)(i)", "20-22". */
function pin(p: Pinpoint): string {
  const range = p.through === undefined ? '' : `-${p.through}`;
  return `${p.paragraph}${range}${p.subdivisions.map((s) => `(${s})`).join('')}`;
}

/** A mention written compactly: "A/HRC/47/24 ¶20,22", or the bare symbol when no paragraph is cited. */
function compact(m: SymbolMention): string {
  return m.pinpoints.length === 0 ? m.symbol : `${m.symbol} ¶${m.pinpoints.map(pin).join(',')}`;
}

const symbolsOf = (text: string): string[] => extractSymbols(text).map(compact);
const resolutionsOf = (text: string): string[] => extractNumberedResolutions(text).map(compact);

describe('extractSymbols on the reference letter AL KAZ 1/2022', () => {
  const mentions = extractSymbols(LETTER);

  it('finds exactly the 29 distinct symbols the letter writes out', () => {
    // Read off the letter by hand: the legal annex (and one paragraph of the letter itself) cites these.
    const expected = [
      'A/61/312',
      'A/62/225',
      'A/HRC/20/27',
      'A/HRC/23/39',
      'A/HRC/26/36',
      'A/HRC/29/25/Add.1',
      'A/HRC/29/25/Add.2',
      'A/HRC/31/66',
      'A/HRC/35/28',
      'A/HRC/38/34',
      'A/HRC/41/41',
      'A/HRC/43/46/Add.1',
      'A/HRC/45/13/Add.3',
      'A/HRC/45/16',
      'A/HRC/47/24',
      'A/HRC/47/24/Add.2',
      'A/HRC/RES/12/16',
      'A/HRC/RES/15/21',
      'A/HRC/RES/38/11',
      'A/HRC/RES/38/7',
      'A/HRC/RES/44/20',
      'A/RES/49/60',
      'A/RES/51/210',
      'A/RES/72/123',
      'A/RES/73/173',
      'CCPR/C/GC/35',
      'CCPR/C/GC/37',
      'CCPR/C/MDG/CO/4',
      'CCPR/C/THA/CO/2',
    ];
    assert.equal(expected.length, 29);
    assert.deepEqual([...new Set(mentions.map((m) => m.symbol))].sort(), expected);
  });

  it('finds all 40 mentions in reading order, each with the paragraphs cited right after it', () => {
    assert.deepEqual(mentions.map(compact), [
      'A/HRC/29/25/Add.2',
      'A/HRC/43/46/Add.1',
      'CCPR/C/GC/37 ¶6',
      'CCPR/C/THA/CO/2 ¶40',
      'A/HRC/RES/12/16 ¶5(p)(i)',
      'CCPR/C/MDG/CO/4 ¶51',
      'CCPR/C/GC/37 ¶49',
      'A/HRC/20/27', // "(A/HRC/20/27), that States…": the "(para. 25)" further on is not attached
      'A/HRC/23/39 ¶49',
      'A/HRC/31/66 ¶59',
      'A/HRC/26/36 ¶75',
      'A/HRC/31/66 ¶60',
      'A/RES/49/60',
      'A/RES/51/210',
      'A/RES/72/123',
      'A/HRC/47/24 ¶20,22',
      'A/HRC/20/27',
      'A/HRC/38/34',
      'A/HRC/29/25/Add.1 ¶53',
      'A/HRC/35/28',
      'A/HRC/20/27 ¶52',
      'A/HRC/29/25/Add.1 ¶34',
      'A/HRC/RES/38/11',
      'A/HRC/41/41 ¶11',
      'A/HRC/23/39 ¶76',
      'A/HRC/RES/15/21',
      'A/HRC/41/41 ¶12',
      'A/RES/73/173',
      'A/HRC/RES/38/7',
      'A/HRC/RES/44/20',
      'A/HRC/47/24/Add.2 ¶45',
      'CCPR/C/GC/35 ¶17',
      'CCPR/C/GC/35 ¶17',
      'A/HRC/45/16', // its "(Paragraph 50)" comes a sentence later: not attached
      'A/HRC/47/24 ¶51',
      'CCPR/C/GC/37 ¶84', // "…freedom of movement CCPR/C/GC/37, para. 84)": no opening parenthesis
      'A/HRC/47/24 ¶55',
      'A/HRC/45/13/Add.3',
      'A/61/312',
      'A/62/225 ¶91,93',
    ]);
  });

  it('gathers the pinpoints of the symbols cited more than once', () => {
    const paragraphs = (symbol: string): number[] =>
      mentions.filter((m) => m.symbol === symbol).flatMap((m) => m.pinpoints.map((p) => p.paragraph));
    assert.deepEqual(paragraphs('A/HRC/41/41'), [11, 12]);
    assert.deepEqual(paragraphs('A/HRC/47/24'), [20, 22, 51, 55]);
    assert.deepEqual(paragraphs('A/62/225'), [91, 93]);
    assert.deepEqual(paragraphs('CCPR/C/GC/37'), [6, 49, 84]);
    assert.deepEqual(paragraphs('A/HRC/23/39'), [49, 76]);
    assert.deepEqual(paragraphs('A/HRC/29/25/Add.1'), [53, 34]);
  });

  it('points into the letter exactly where each symbol is written', () => {
    for (const m of mentions) {
      assert.equal(LETTER.slice(m.offset, m.offset + m.length), m.text);
      assert.equal(m.text, m.symbol, 'the letter writes every symbol canonically');
    }
  });

  it('classifies what it finds', () => {
    const kinds = Object.fromEntries(mentions.map((m) => [m.symbol, m.parsed.kind]));
    assert.equal(kinds['A/HRC/RES/38/7'], 'resolution');
    assert.equal(kinds['A/RES/73/173'], 'resolution');
    assert.equal(kinds['CCPR/C/GC/37'], 'general-comment');
    assert.equal(kinds['CCPR/C/THA/CO/2'], 'concluding-observations');
    assert.equal(kinds['A/HRC/47/24/Add.2'], 'report');
    assert.equal(kinds['A/61/312'], 'report');
  });
});

describe('extractNumberedResolutions on the reference letter AL KAZ 1/2022', () => {
  const found = extractNumberedResolutions(LETTER);

  it('resolves every resolution named by number, in reading order', () => {
    assert.deepEqual(found.map(compact), [
      // "pursuant to Human Rights Council resolutions 41/12, 42/22, 45/3, 44/5, 43/4, 43/16, 40/16 and 43/20."
      'A/HRC/RES/41/12',
      'A/HRC/RES/42/22',
      'A/HRC/RES/45/3',
      'A/HRC/RES/44/5',
      'A/HRC/RES/43/4',
      'A/HRC/RES/43/16',
      'A/HRC/RES/40/16',
      'A/HRC/RES/43/20',
      // Question 8: "Security Council resolutions 1373 (2001), 1456(2003), … and 2396 (2017); as well as Human
      // Rights Council resolution 35/34 and General Assembly resolutions 49/60, …, 72/180 and 73/174".
      'S/RES/1373 (2001)',
      'S/RES/1456 (2003)',
      'S/RES/1566 (2004)',
      'S/RES/1624 (2005)',
      'S/RES/2178 (2014)',
      'S/RES/2341 (2017)',
      'S/RES/2354 (2017)',
      'S/RES/2368 (2017)',
      'S/RES/2370 (2017)',
      'S/RES/2395 (2017)',
      'S/RES/2396 (2017)',
      'A/HRC/RES/35/34',
      'A/RES/49/60',
      'A/RES/51/210',
      'A/RES/72/123',
      'A/RES/72/180',
      'A/RES/73/174',
      // "the model definition proposed in Security Council resolution 1566 (2004)"
      'S/RES/1566 (2004)',
      // "Resolution 15/21 of the Human Rights Council makes it clear…"
      'A/HRC/RES/15/21',
      // "Human Rights Council Resolution 16/23, paragraph 7(b), urges States…"
      'A/HRC/RES/16/23 ¶7(b)',
    ]);
  });

  it('counts 11 Security Council, 5 General Assembly and 11 Human Rights Council resolutions', () => {
    const distinct = (prefix: string): number =>
      new Set(found.map((m) => m.symbol).filter((s) => s.startsWith(prefix))).size;
    assert.equal(distinct('S/RES/'), 11);
    assert.equal(distinct('A/RES/'), 5);
    assert.equal(distinct('A/HRC/RES/'), 11);
  });

  it('points at each number as written, "1456(2003)" included', () => {
    for (const m of found) assert.equal(LETTER.slice(m.offset, m.offset + m.length), m.text);
    assert.deepEqual(
      found.filter((m) => m.symbol === 'S/RES/1456 (2003)').map((m) => m.text),
      ['1456(2003)'],
    );
    assert.equal(found[0]!.text, '41/12');
  });
});

describe('extractSymbols', () => {
  it('reads symbols inside brackets and parentheses, with their pinpoints', () => {
    assert.deepEqual(symbolsOf('associations [A/HRC/20/27, para. 52] and assemblies'), ['A/HRC/20/27 ¶52']);
    assert.deepEqual(symbolsOf('online [A/HRC/RES/38/11]" (A/HRC/41/41, para. 11).'), [
      'A/HRC/RES/38/11',
      'A/HRC/41/41 ¶11',
    ]);
    assert.deepEqual(symbolsOf('movement CCPR/C/GC/37, para. 84)" (A/HRC/47/24, para. 55).'), [
      'CCPR/C/GC/37 ¶84',
      'A/HRC/47/24 ¶55',
    ]);
    assert.deepEqual(symbolsOf('[A/HRC/20/27 and A/HRC/38/34]'), ['A/HRC/20/27', 'A/HRC/38/34']);
    assert.deepEqual(symbolsOf('(A/RES/49/60, A/RES/51/210 and A/RES/72/123).'), [
      'A/RES/49/60',
      'A/RES/51/210',
      'A/RES/72/123',
    ]);
  });

  it('reads the pinpoint styles letters use', () => {
    assert.deepEqual(symbolsOf('(A/HRC/47/24, paras. 20 and 22)'), ['A/HRC/47/24 ¶20,22']);
    assert.deepEqual(symbolsOf('(A/62/225, paras. 91 and 93)'), ['A/62/225 ¶91,93']);
    assert.deepEqual(symbolsOf('(A/HRC/RES/12/16, para. 5 (p) (i)).'), ['A/HRC/RES/12/16 ¶5(p)(i)']);
    assert.deepEqual(symbolsOf('A/HRC/RES/16/23, paragraph 7(b), urges'), ['A/HRC/RES/16/23 ¶7(b)']);
    assert.deepEqual(symbolsOf('(A/HRC/41/41, paras. 11, 12, and 14)'), ['A/HRC/41/41 ¶11,12,14']);
    assert.deepEqual(symbolsOf('(A/HRC/41/41, paras. 20–22)'), ['A/HRC/41/41 ¶20-22']);
    assert.deepEqual(symbolsOf('(see A/HRC/26/36 para. 75)'), ['A/HRC/26/36 ¶75']);
    // A pinpoint is what follows the symbol directly, not a paragraph named later in the sentence.
    assert.deepEqual(symbolsOf('(A/HRC/45/16), where it said so (Paragraph 50).'), ['A/HRC/45/16']);
    assert.deepEqual(symbolsOf('(para. 25) (A/HRC/23/39, para. 49)'), ['A/HRC/23/39 ¶49']);
  });

  it('writes Security Council resolutions canonically, with or without the space before the year', () => {
    const [m] = extractSymbols('see S/RES/1373(2001), para. 2.');
    assert.equal(m!.symbol, 'S/RES/1373 (2001)');
    assert.equal(m!.text, 'S/RES/1373(2001)');
    assert.deepEqual(m!.pinpoints, [{ paragraph: 2, subdivisions: [] }]);
    assert.deepEqual(symbolsOf('S/RES/1373 (2001) and S/RES/2178'), ['S/RES/1373 (2001)', 'S/RES/2178']);
  });

  it('joins a sentence split by a page break, and keeps offsets in the original text', () => {
    const text = 'as stated in the report (A/HRC/41/41, para.\n\n11) of the Special Rapporteur.';
    const [m] = extractSymbols(text);
    assert.deepEqual(m!.pinpoints, [{ paragraph: 11, subdivisions: [] }]);
    assert.equal(m!.offset, text.indexOf('A/HRC/41/41'));
    assert.deepEqual(symbolsOf('(A/HRC/47/24, paras. 20 and\n\n22)'), ['A/HRC/47/24 ¶20,22']);
  });

  it('does not join across the end of a paragraph', () => {
    assert.deepEqual(symbolsOf('See the report A/HRC/45/16.\n\nParagraph 50 says…'), ['A/HRC/45/16']);
  });

  it('reads a sentence around a footnote dropped into it, and the footnote too', () => {
    const text =
      'the report (A/61/312, para.\n\n¹ See also A/HRC/31/66, para. 59.\n<https://undocs.org/A/HRC/26/36>\n\n15) of 2006.';
    const mentions = extractSymbols(text);
    assert.deepEqual(mentions.map(compact), ['A/61/312 ¶15', 'A/HRC/31/66 ¶59']);
    assert.equal(mentions[1]!.offset, text.indexOf('A/HRC/31/66'));
  });

  it('reads through markdown emphasis', () => {
    const text = 'the report **A/HRC/41/41**, para. 11, and *A/HRC/RES/38/7*.';
    const mentions = extractSymbols(text);
    assert.deepEqual(mentions.map(compact), ['A/HRC/41/41 ¶11', 'A/HRC/RES/38/7']);
    assert.equal(mentions[0]!.text, 'A/HRC/41/41');
  });

  it('finds nothing in text that has no symbol', () => {
    const text = [
      'Ref.: AL KAZ 1/2022, 18 January 2022; dated 18/01/2022 and 2022/01/18.',
      'A 24/7 hotline, a 1/2 share, 3/4 of protesters, and/or s/he.',
      'Human Rights Council resolutions 41/12 and 42/22; resolution 43/4; 41/12 alone.',
      'Under article 19(3) and articles 21 and 22(2) ICCPR, Article 7 and article 5 (a).',
      'See <https://www.ohchr.org/EN/HRBodies/CED/Pages/Guiding-Principles.aspx>,',
      'https://undocs.org/A/HRC/41/41, www.un.org/S/RES/1373 and [website](https://undocs.org/en/A/61/312).',
      'Grade A/4, version E/2, CAT/C and CCPR/C/GC (no number), DNA/HRC/49/21, XA/HRC/1/2.',
      'General Comment n°37, para. 6; General Comment no.34 (para. 13).',
    ].join('\n');
    assert.deepEqual(extractSymbols(text), []);
  });
});

describe('extractNumberedResolutions', () => {
  it('resolves lists by the issuer named before them', () => {
    assert.deepEqual(
      resolutionsOf('Security Council resolutions 1373 (2001), 1456(2003), 1566 (2004) and 2396 (2017).'),
      ['S/RES/1373 (2001)', 'S/RES/1456 (2003)', 'S/RES/1566 (2004)', 'S/RES/2396 (2017)'],
    );
    assert.deepEqual(resolutionsOf('General Assembly resolutions 49/60, 51/210, 72/123, 72/180 and 73/174'), [
      'A/RES/49/60',
      'A/RES/51/210',
      'A/RES/72/123',
      'A/RES/72/180',
      'A/RES/73/174',
    ]);
    assert.deepEqual(resolutionsOf('pursuant to Human Rights Council resolution 35/34.'), ['A/HRC/RES/35/34']);
    assert.deepEqual(resolutionsOf('Commission on Human Rights resolution 2005/80'), ['E/CN.4/RES/2005/80']);
    assert.deepEqual(resolutionsOf('Economic and Social Council resolution 2021/10'), ['E/RES/2021/10']);
    assert.deepEqual(resolutionsOf('Human Rights Council resolution S-29/1'), ['A/HRC/RES/S-29/1']);
  });

  it('resolves a resolution whose issuer is named after it', () => {
    assert.deepEqual(resolutionsOf('Resolution 15/21 of the Human Rights Council makes it clear'), [
      'A/HRC/RES/15/21',
    ]);
    assert.deepEqual(resolutionsOf('resolutions 1373 (2001) and 1624 (2005) of the Security Council'), [
      'S/RES/1373 (2001)',
      'S/RES/1624 (2005)',
    ]);
    assert.deepEqual(resolutionsOf('resolution 73/173 of the United Nations General Assembly'), ['A/RES/73/173']);
  });

  it('keeps a pinpoint with its resolution, and a list going after it', () => {
    assert.deepEqual(resolutionsOf('Human Rights Council Resolution 16/23, paragraph 7(b), urges States'), [
      'A/HRC/RES/16/23 ¶7(b)',
    ]);
    assert.deepEqual(resolutionsOf('Human Rights Council resolutions 16/23, para. 7, and 17/2'), [
      'A/HRC/RES/16/23 ¶7',
      'A/HRC/RES/17/2',
    ]);
    assert.deepEqual(resolutionsOf('Security Council resolutions 1373 (2001), para. 3, and 1456 (2003)'), [
      'S/RES/1373 (2001) ¶3',
      'S/RES/1456 (2003)',
    ]);
  });

  it('ends a list at anything but ", " and " and "', () => {
    assert.deepEqual(
      resolutionsOf('Security Council resolution 1566 (2004) and also by the Declaration of 1994, 19 instruments'),
      ['S/RES/1566 (2004)'],
    );
    assert.deepEqual(
      resolutionsOf('Human Rights Council resolution 35/34 and General Assembly resolutions 49/60; 51/210 too'),
      ['A/HRC/RES/35/34', 'A/RES/49/60'],
    );
  });

  it('joins a list split by a page break', () => {
    const text = 'Security Council resolutions 1373 (2001),\n\n1456(2003) and\n\n2396 (2017).';
    const found = extractNumberedResolutions(text);
    assert.deepEqual(found.map(compact), ['S/RES/1373 (2001)', 'S/RES/1456 (2003)', 'S/RES/2396 (2017)']);
    assert.equal(found[2]!.offset, text.indexOf('2396'));
  });

  it('leaves alone numbers whose issuer is not named, or that do not fit it', () => {
    const text = [
      'resolution 41/12 was adopted; see 41/12 and 24/7; resolutions of the United Nations Security Council.',
      'the Security Council of Kazakhstan; the General Assembly in 2006 (A/61/312).',
      'Security Council resolution 35/34; Human Rights Council resolution 1373 (2001).',
      'General Assembly resolution 18/01/2022; Commission on Human Rights resolution 41/12.',
      'Resolution 15/21 of the Committee.',
    ].join('\n');
    assert.deepEqual(extractNumberedResolutions(text), []);
  });

  it('does not read symbols written out', () => {
    assert.deepEqual(extractNumberedResolutions('The General Assembly (A/RES/73/173) and A/HRC/RES/38/7'), []);
  });
});
