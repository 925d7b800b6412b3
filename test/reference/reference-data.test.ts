import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadReferenceData } from '../../src/reference/load-reference-data.ts';
import { ReferenceDataError } from '../../src/reference/reference-data-error.ts';

const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
const LETTER_DATE = '2022-01-18';

/** The eight mandates of AL KAZ 1/2022 in the letter's order, with its titles, resolutions and signatures. */
const LETTER = [
  { slug: 'sr-assembly', title: 'Special Rapporteur on the rights to freedom of peaceful assembly and of association', resolution: '41/12', signatory: 'Clément Nyasletsossi Voule', role: 'Special Rapporteur on the rights to freedom of peaceful assembly and of association' },
  { slug: 'wgad', title: 'Working Group on Arbitrary Detention', resolution: '42/22', signatory: 'Elina Steinerte', role: 'Chair-Rapporteur of the Working Group on Arbitrary Detention' },
  { slug: 'wgeid', title: 'Working Group on Enforced or Involuntary Disappearances', resolution: '45/3', signatory: 'Luciano Hazan', role: 'Chair-Rapporteur of the Working Group on Enforced or Involuntary Disappearances' },
  { slug: 'sr-executions', title: 'Special Rapporteur on extrajudicial, summary or arbitrary executions', resolution: '44/5', signatory: 'Morris Tidball-Binz', role: 'Special Rapporteur on extrajudicial, summary or arbitrary executions' },
  { slug: 'sr-expression', title: 'Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression', resolution: '43/4', signatory: 'Irene Khan', role: 'Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression' },
  { slug: 'sr-defenders', title: 'Special Rapporteur on the situation of human rights defenders', resolution: '43/16', signatory: 'Mary Lawlor', role: 'Special Rapporteur on the situation of human rights defenders' },
  { slug: 'sr-terrorism', title: 'Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism', resolution: '40/16', signatory: 'Fionnuala Ní Aoláin', role: 'Special Rapporteur on the promotion and protection of human rights and fundamental freedoms while countering terrorism' },
  { slug: 'sr-torture', title: 'Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment', resolution: '43/20', signatory: 'Nils Melzer', role: 'Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment' },
];

/** Which third of the year a date falls in: the March, June or September session window. */
function windowOf(isoDate: string): 'march' | 'june' | 'september' | undefined {
  const month = Number(isoDate.slice(5, 7));
  if (month >= 2 && month <= 4) return 'march';
  if (month >= 5 && month <= 7) return 'june';
  if (month >= 8 && month <= 10) return 'september';
  return undefined;
}

describe('reference data', () => {
  const ref = loadReferenceData();

  describe('the mandates of AL KAZ 1/2022', () => {
    it('exist, in the letter order, with the titles the letter prints', () => {
      assert.deepEqual(ref.mandates().slice(0, 8).map((m) => m.slug), LETTER.map((l) => l.slug));
      for (const l of LETTER) assert.equal(ref.mandateTitle(l.slug, 'en'), l.title, l.slug);
    });

    it('have the resolutions the letter cites as their latest on the letter date', () => {
      for (const l of LETTER) assert.equal(ref.latestResolution(l.slug, LETTER_DATE)?.number, l.resolution, l.slug);
    });

    it('had exactly the letter signatory in office on the letter date, with the signature title', () => {
      for (const l of LETTER) {
        const holders = ref.holdersOn(l.slug, LETTER_DATE);
        assert.deepEqual(holders.map((h) => h.name), [l.signatory], l.slug);
        assert.equal(holders[0]?.role.en, l.role, l.slug);
        assert.equal(ref.isHolderOnDate(l.slug, l.signatory, LETTER_DATE), true, l.slug);
      }
    });

    it('know successors after 2022 and refuse a holder out of office', () => {
      assert.deepEqual(ref.holdersOn('sr-torture', '2023-01-10').map((h) => h.name), ['Alice Jill Edwards']);
      assert.deepEqual(ref.holdersOn('sr-terrorism', '2024-01-10').map((h) => h.name), ['Ben Saul']);
      assert.deepEqual(ref.holdersOn('sr-assembly', '2024-06-01').map((h) => h.name), ['Gina Romero']);
      assert.equal(ref.isHolderOnDate('sr-torture', 'Nils Melzer', '2023-01-10'), false);
      assert.equal(ref.isHolderOnDate('sr-torture', 'Alice Jill Edwards', LETTER_DATE), false);
    });

    it('treat tenure ends as inclusive and match recorded spellings of a name', () => {
      assert.equal(ref.isHolderOnDate('sr-assembly', 'Clément Nyasletsossi Voule', '2024-04-30'), true);
      assert.equal(ref.isHolderOnDate('sr-assembly', 'Clément Nyasletsossi Voule', '2024-05-01'), false);
      assert.equal(ref.isHolderOnDate('sr-assembly', 'Clément Nyaletsossi Voule', LETTER_DATE), true);
      assert.equal(ref.isHolderOnDate('sr-terrorism', 'Fionnuala Ni Aolain', LETTER_DATE), true);
    });

    it('do not count a renewal before it was adopted, and count it afterwards', () => {
      assert.equal(ref.latestResolution('sr-terrorism', '2022-04-11')?.number, '40/16');
      assert.equal(ref.latestResolution('sr-terrorism', '2022-04-12')?.number, '49/10');
      assert.deepEqual(ref.resolutionsOn('wgad', '2019-01-01').map((r) => r.number).slice(-1), ['33/30']);
    });
  });

  it('answers undefined or empty for unknown mandates and falls back to English titles', () => {
    assert.equal(ref.mandate('sr-nothing'), undefined);
    assert.equal(ref.mandateTitle('sr-nothing'), undefined);
    assert.deepEqual(ref.holdersOn('sr-nothing', LETTER_DATE), []);
    assert.equal(ref.mandateTitle('wgad', 'ru'), 'Working Group on Arbitrary Detention');
    assert.equal(ref.mandateTitle('sr-torture', 'fr'), 'Rapporteur spécial sur la torture et autres peines ou traitements cruels, inhumains ou dégradants');
  });

  it('lists more than the eight mandates of the letter, each with an establishing resolution', () => {
    assert.ok(ref.mandates().length >= 23);
    for (const m of ref.mandates()) assert.equal(m.resolutions[0]?.role, 'establish', m.slug);
  });

  describe('addressees', () => {
    it('has the 193 Member States and 2 observer States with unique codes', () => {
      const states = ref.addressees().filter((a) => a.kind === 'state');
      assert.equal(states.length, 195);
      assert.equal(new Set(states.map((s) => s.code)).size, 195);
      assert.equal(states.filter((s) => s.status === 'member').length, 193);
      assert.deepEqual(states.filter((s) => s.status === 'observer').map((s) => s.code).sort(), ['PSE', 'VAT']);
    });

    it('names States in the UN languages', () => {
      assert.equal(ref.addresseeName('KAZ', 'en'), 'Kazakhstan');
      assert.equal(ref.addresseeName('KAZ', 'ru'), 'Казахстан');
      assert.ok(ref.addresseeName('KAZ', 'zh'));
      assert.equal(ref.isStateCode('KAZ'), true);
      assert.equal(ref.isStateCode('OTH'), false);
      assert.equal(ref.addressee('KAZ')?.id, 'KAZ');
    });

    it('has named non-State addressees under OTH, found by id, and OTH itself is no addressee', () => {
      const others = ref.addressees().filter((a) => a.kind !== 'state');
      assert.ok(others.length > 0);
      for (const o of others) {
        assert.equal(o.code, 'OTH');
        assert.ok(o.names.en.length > 0, o.id);
        assert.equal(ref.addressee(o.id), o);
      }
      assert.equal(ref.addresseeName('oth-glencore', 'fr'), 'Glencore plc');
      assert.equal(ref.addressee('OTH'), undefined);
    });
  });

  describe('HRC sessions', () => {
    it('are numbered consecutively from the 18th, with ascending dates that do not overlap', () => {
      const sessions = ref.sessions();
      assert.equal(sessions[0]?.number, 18);
      sessions.forEach((s, i) => {
        assert.equal(s.number, 18 + i);
        assert.ok(s.start <= s.end, `session ${s.number}`);
        const previous = sessions[i - 1];
        if (previous) assert.ok(previous.end < s.start, `session ${s.number} overlaps session ${previous.number}`);
      });
      assert.ok(sessions.some((s) => s.start.startsWith('2026')));
    });

    it('fall each (or each part of an interrupted one) within the March, June or September window', () => {
      for (const s of ref.sessions()) {
        for (const part of s.parts ?? [{ start: s.start, end: s.end }]) {
          const w = windowOf(part.start);
          assert.ok(w, `session ${s.number} starts outside the windows`);
          assert.equal(windowOf(part.end), w, `session ${s.number} ends outside its window`);
        }
      }
      assert.equal(ref.session(43)?.parts?.length, 2);
      assert.equal(ref.session(17), undefined);
    });
  });

  it('rejects a file with a bad field, naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-reference-'));
    try {
      cpSync(DATA_DIR, dir, { recursive: true });
      const file = join(dir, 'mandates.json');
      const data = JSON.parse(readFileSync(file, 'utf8')) as { mandates: { holders: { from: string }[] }[] };
      const holder = data.mandates[1]?.holders[1];
      assert.ok(holder);
      holder.from = '2021-02-30';
      writeFileSync(file, JSON.stringify(data));
      assert.throws(
        () => loadReferenceData(dir),
        (error: unknown) =>
          error instanceof ReferenceDataError &&
          error.file === 'mandates.json' &&
          error.message.includes('mandates.json') &&
          error.message.includes('mandates[1].holders[1].from'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects malformed dates in questions', () => {
    assert.throws(() => ref.holdersOn('wgad', '18/01/2022'), { code: 'DATE_INVALID' });
  });
});
