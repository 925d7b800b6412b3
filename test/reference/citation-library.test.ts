import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { canonicalPin } from '../../src/reference/citation-library.ts';
import { loadCitationLibrary } from '../../src/reference/load-citation-library.ts';
import { loadReferenceData } from '../../src/reference/load-reference-data.ts';
import { ReferenceDataError } from '../../src/reference/reference-data-error.ts';

const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/** Every report, resolution and treaty-body symbol that AL KAZ 1/2022 writes out. */
const LETTER_SYMBOLS = [
  'A/HRC/41/41', 'A/HRC/47/24', 'A/HRC/47/24/Add.2', 'A/HRC/45/16', 'A/HRC/45/13/Add.3', 'A/HRC/20/27', 'A/HRC/38/34',
  'A/HRC/29/25/Add.1', 'A/HRC/29/25/Add.2', 'A/HRC/35/28', 'A/HRC/23/39', 'A/HRC/31/66', 'A/HRC/26/36', 'A/HRC/43/46/Add.1',
  'A/61/312', 'A/62/225', 'CCPR/C/THA/CO/2', 'CCPR/C/MDG/CO/4', 'CCPR/C/GC/34', 'CCPR/C/GC/35', 'CCPR/C/GC/37',
  'A/HRC/RES/12/16', 'A/HRC/RES/38/7', 'A/HRC/RES/38/11', 'A/HRC/RES/44/20', 'A/HRC/RES/15/21',
  'A/RES/73/173', 'A/RES/49/60', 'A/RES/51/210', 'A/RES/72/123',
];

/** The resolutions AL KAZ 1/2022 names by number, written as canonical symbols. */
const NUMBERED_RESOLUTIONS = [
  ...['1373 (2001)', '1456 (2003)', '1566 (2004)', '1624 (2005)', '2178 (2014)', '2341 (2017)', '2354 (2017)', '2368 (2017)', '2370 (2017)', '2395 (2017)', '2396 (2017)'].map((n) => `S/RES/${n}`),
  'A/RES/72/180', 'A/RES/73/174', 'A/HRC/RES/35/34', 'A/HRC/RES/16/23',
];

/** The instruments the letter cites by name, with the pinpoints it relies on. */
const REQUIRED_PROVISIONS: Record<string, string[]> = {
  udhr: ['art. 5', 'art. 11', 'art. 20(1)'],
  iccpr: ['art. 4', 'art. 6', 'art. 7', 'art. 9', 'art. 14', 'art. 19', 'art. 19(3)', 'art. 21', 'art. 22', 'art. 22(2)'],
  cat: ['art. 2', 'art. 7', 'art. 12', 'art. 13', 'art. 16'],
  'decl-enforced-disappearance': ['art. 9', 'art. 10', 'art. 11', 'art. 12', 'art. 13', 'art. 17'],
  'decl-hrd': ['art. 1', 'art. 2', 'art. 5', 'art. 6', 'art. 12'],
  bpuff: ['principle 4', 'principle 9'],
  'ccpr-gc-31': ['para. 6'],
  'ccpr-gc-34': ['para. 13', 'para. 23', 'para. 42'],
  'ccpr-gc-35': ['para. 17'],
  'ccpr-gc-37': ['para. 6', 'para. 34', 'para. 49', 'para. 84', 'para. 93', 'para. 96', 'para. 97'],
  'a-hrc-41-41': ['para. 11', 'para. 12'],
  'a-hrc-47-24': ['para. 20', 'para. 22', 'para. 51', 'para. 55'],
  'a-hrc-47-24-add-2': ['para. 45'],
  'a-hrc-45-16': ['para. 50', 'para. 51', 'para. 53'],
  'a-hrc-31-66': ['para. 59', 'para. 60'],
  'a-hrc-26-36': ['para. 70', 'para. 75'],
  'a-hrc-res-12-16': ['para. 5(p)(i)'],
  'a-hrc-res-16-23': ['para. 7(b)'],
};

/** Copies `data/` to a temporary directory, edits `citations.json` there and returns the directory. */
function withEditedCitations(edit: (file: { instruments: Record<string, unknown>[] }) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-citations-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  const path = join(dir, 'citations.json');
  const file = JSON.parse(readFileSync(path, 'utf8')) as { instruments: Record<string, unknown>[] };
  edit(file);
  writeFileSync(path, JSON.stringify(file));
  return dir;
}

/** Asserts that loading `dir` fails with a ReferenceDataError for citations.json naming `field`. */
function assertRejected(dir: string, field: string, words: string): void {
  try {
    assert.throws(
      () => loadCitationLibrary(dir),
      (error: unknown) =>
        error instanceof ReferenceDataError &&
        error.file === 'citations.json' &&
        error.message.includes('citations.json') &&
        error.problems.some((p) => p.startsWith(`${field}:`) && p.includes(words)),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('citation library', () => {
  const lib = loadCitationLibrary();

  it('has unique ids and unique symbols', () => {
    const ids = lib.instruments().map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    const symbols = lib.instruments().flatMap((c) => (c.symbol === null ? [] : [c.symbol]));
    assert.equal(new Set(symbols).size, symbols.length);
  });

  it('finds every symbol the reference letter writes out', () => {
    for (const symbol of LETTER_SYMBOLS) assert.equal(lib.bySymbol(symbol)?.symbol, symbol, symbol);
  });

  it('finds every resolution the letter names by number, under its canonical symbol', () => {
    for (const symbol of NUMBERED_RESOLUTIONS) {
      const found = lib.bySymbol(symbol);
      assert.equal(found?.kind, 'resolution', symbol);
    }
    assert.equal(lib.bySymbol('S/RES/1373 (2001)')?.id, 'sres-1373-2001');
    assert.equal(lib.bySymbol('S/RES/1373(2001)'), undefined, 'symbols match exactly');
  });

  it('knows the symbols of the instruments themselves, and General Comment 31 by its own symbol', () => {
    const expected: Record<string, string | null> = {
      udhr: 'A/RES/217(III)',
      iccpr: 'A/RES/2200A(XXI)',
      cat: 'A/RES/39/46',
      'decl-enforced-disappearance': 'A/RES/47/133',
      'decl-hrd': 'A/RES/53/144',
      'ccpr-gc-31': 'CCPR/C/21/Rev.1/Add.13',
      'ccpr-gc-34': 'CCPR/C/GC/34',
      'ccpr-gc-35': 'CCPR/C/GC/35',
      'ccpr-gc-37': 'CCPR/C/GC/37',
      'minnesota-protocol': null,
      bpuff: null,
    };
    for (const [id, symbol] of Object.entries(expected)) assert.equal(lib.instrument(id)?.symbol, symbol, id);
    assert.equal(lib.bySymbol('CCPR/C/21/Rev.1/Add.13')?.id, 'ccpr-gc-31');
    assert.equal(lib.bySymbol('CCPR/C/GC/31'), undefined);
  });

  it('has the provisions the letter relies on, each with a statement', () => {
    for (const [id, pins] of Object.entries(REQUIRED_PROVISIONS)) {
      for (const pin of pins) {
        const provision = lib.provision(id, pin);
        assert.ok(provision, `${id} ${pin}`);
        assert.ok(provision.statement.en.length > 10, `${id} ${pin}`);
      }
    }
  });

  it('gives every instrument and provision a one-line English statement ending with a full stop', () => {
    for (const c of lib.instruments()) {
      assert.match(c.statement.en, /^[^\n]+\.$/, c.id);
      for (const p of c.provisions) assert.match(p.statement.en, /^[^\n]+\.$/, `${c.id} ${p.pin}`);
    }
  });

  it('explains every unverified fact in a note', () => {
    for (const c of lib.instruments()) {
      if (!c.verified) assert.ok(c.note, c.id);
      for (const p of c.provisions) if (p.verified === false) assert.ok(p.note, `${c.id} ${p.pin}`);
    }
  });

  it('names only mandates that exist, and at least one per entry', () => {
    const ref = loadReferenceData();
    for (const c of lib.instruments()) {
      assert.ok(c.mandates.length > 0, c.id);
      for (const m of [...c.mandates, ...(c.author ? [c.author] : [])]) assert.ok(ref.mandate(m), `${c.id}: ${m}`);
    }
  });

  it('matches pinpoints written in other common ways', () => {
    assert.equal(canonicalPin('Article 20 (1)'), 'art. 20(1)');
    assert.equal(canonicalPin('paras. 5 (p) (i)'), 'para. 5(p)(i)');
    assert.equal(canonicalPin('Principle 9'), 'principle 9');
    assert.equal(lib.provision('udhr', 'article 20 (1)')?.pin, 'art. 20(1)');
    assert.equal(lib.provision('iccpr', 'art. 99'), undefined);
    assert.equal(lib.provision('no-such-instrument', 'art. 1'), undefined);
  });

  it('lists what a mandate usually cites, in file order, and nothing for unknown mandates', () => {
    const terrorism = lib.forMandates(['sr-terrorism']).map((c) => c.id);
    assert.ok(terrorism.includes('sres-1373-2001'));
    assert.ok(terrorism.includes('a-hrc-43-46-add-1'));
    assert.ok(!terrorism.includes('a-hrc-45-13-add-3'));
    const joint = lib.forMandates(['wgeid', 'sr-torture']).map((c) => c.id);
    assert.ok(joint.includes('decl-enforced-disappearance') && joint.includes('cat'));
    const order = lib.instruments().map((c) => c.id);
    assert.deepEqual(joint, order.filter((id) => joint.includes(id)));
    assert.deepEqual(lib.forMandates(['sr-nothing']), []);
  });

  it('returns the cached library for the same directory', () => {
    assert.equal(loadCitationLibrary(DATA_DIR), lib);
  });

  it('rejects a duplicate id, naming the file and the field', () => {
    const dir = withEditedCitations((file) => {
      const second = file.instruments[1];
      assert.ok(second);
      second.id = 'udhr';
    });
    assertRejected(dir, 'instruments[1].id', 'used twice');
  });

  it('rejects a duplicate symbol, naming the field', () => {
    const dir = withEditedCitations((file) => {
      const second = file.instruments[1];
      assert.ok(second);
      second.symbol = 'A/RES/217(III)';
    });
    assertRejected(dir, 'instruments[1].symbol', 'used twice');
  });

  it('rejects an unknown mandate, naming the field', () => {
    const dir = withEditedCitations((file) => {
      const third = file.instruments[2];
      assert.ok(third);
      third.mandates = ['sr-torture', 'sr-nothing'];
    });
    assertRejected(dir, 'instruments[2].mandates[1]', 'sr-nothing');
  });

  it('rejects an empty statement, an impossible date and a Security Council symbol without its year', () => {
    const dir = withEditedCitations((file) => {
      const first = file.instruments[0];
      assert.ok(first);
      first.statement = { en: '' };
      first.adopted = '1948-02-30';
      const last = file.instruments.at(-1);
      assert.ok(last);
      last.symbol = 'S/RES/2396';
    });
    try {
      assert.throws(
        () => loadCitationLibrary(dir),
        (error: unknown) =>
          error instanceof ReferenceDataError &&
          error.problems.some((p) => p.startsWith('instruments[0].statement.en:')) &&
          error.problems.some((p) => p.startsWith('instruments[0].adopted:')) &&
          error.problems.some((p) => /^instruments\[\d+\]\.symbol:/.test(p)),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
