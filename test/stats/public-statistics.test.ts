import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CatalogueRow } from '../../src/db/repositories/public-repository.ts';
import { loadReferenceData } from '../../src/reference/load-reference-data.ts';
import { presentStatistics } from '../../src/presenters/statistics-presenter.ts';
import { buildCatalogue, selectRows } from '../../src/search/public-catalogue.ts';
import { publicStatistics, replyFigures, statisticsOfRows } from '../../src/stats/public-statistics.ts';

/** A row of the catalogue: a letter sent on a date to an addressee by mandates, with its reply status. */
function row(seq: number, date: string, addressee: string, type: string, mandates: string[], reply: 'none' | 'replied' | 'replied_late'): CatalogueRow {
  return {
    seq,
    sent_at: `${date}T09:00:00.000Z`,
    reference: `${type} ${addressee} ${seq}/${date.slice(0, 4)}`,
    addressee_id: addressee,
    type,
    joint: mandates.length > 1 ? 1 : 0,
    sent_date: date,
    session: 50,
    mandates: JSON.stringify(mandates),
    reply_status: reply,
    synthetic: 1,
  };
}

/**
 * Seven letters, newest first as the catalogue holds them: 2020 (two), none in 2021, 2022 (four, one of them
 * joint twice over), 2023 (one). Kazakhstan gets four, Brazil two, a company one.
 */
const ROWS: CatalogueRow[] = [
  row(7, '2023-03-01', 'KAZ', 'UA', ['sr-torture'], 'none'),
  row(6, '2022-11-05', 'BRA', 'AL', ['sr-torture', 'wgad', 'sr-expression'], 'replied_late'),
  row(5, '2022-06-10', 'KAZ', 'AL', ['sr-torture', 'wgad'], 'replied'),
  row(4, '2022-02-01', 'oth-glencore', 'OL', ['wg-business'], 'replied'),
  row(3, '2022-01-18', 'KAZ', 'AL', ['sr-assembly'], 'none'),
  row(2, '2020-09-09', 'BRA', 'UA', ['wgad'], 'replied'),
  row(1, '2020-01-02', 'KAZ', 'OL', ['sr-expression'], 'replied_late'),
];

const cat = buildCatalogue(1, ROWS);

describe('public statistics', () => {
  it('counts every letter once, by year with the empty years in between, and the sums agree', () => {
    const s = publicStatistics(cat);
    assert.equal(s.total, 7);
    assert.deepEqual(
      s.byYear.map((y) => [y.year, y.count, y.joint, y.replies.replied, y.replies.late, y.replies.none]),
      [
        [2020, 2, 0, 1, 1, 0],
        [2021, 0, 0, 0, 0, 0],
        [2022, 4, 2, 2, 1, 1],
        [2023, 1, 0, 0, 0, 1],
      ],
    );
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    assert.equal(sum(s.byYear.map((y) => y.count)), s.total);
    assert.equal(sum(s.byType.map((t) => t.count)), s.total);
    assert.equal(sum(s.byAddressee.map((a) => a.count)), s.total);
    assert.equal(sum(s.byYear.map((y) => y.joint)), s.joint);
    assert.equal(s.replies.replied + s.replies.late + s.replies.none, s.total);
    // A joint letter counts for each of its mandates: 1 + 1 + 3 + 2 + 1 + 1 + 1 signatures.
    assert.equal(sum(s.byMandate.map((m) => m.count)), 10);
  });

  it('computes the joint share and the reply rates: on time, late, none', () => {
    const s = publicStatistics(cat);
    assert.equal(s.joint, 2);
    assert.equal(s.jointShare, 2 / 7);
    assert.deepEqual(s.replies, { total: 7, replied: 3, late: 2, none: 2, rate: 5 / 7, onTimeRate: 3 / 7, lateRate: 2 / 7 });
    assert.deepEqual(
      s.byType.map((t) => [t.type, t.count, t.joint]),
      [
        ['AL', 3, 2],
        ['UA', 2, 0],
        ['OL', 2, 0],
      ],
    );
  });

  it('ranks addressees and mandates by count, ties by key, each with its own reply rates', () => {
    const s = publicStatistics(cat);
    assert.deepEqual(
      s.byAddressee.map((a) => [a.key, a.count, a.replies.replied, a.replies.late, a.replies.none]),
      [
        ['KAZ', 4, 1, 1, 2],
        ['BRA', 2, 1, 1, 0],
        ['oth-glencore', 1, 1, 0, 0],
      ],
    );
    assert.equal(s.byAddressee[0]!.replies.rate, 0.5);
    assert.deepEqual(
      s.byMandate.map((m) => [m.key, m.count, m.joint]),
      [
        ['sr-torture', 3, 2],
        ['wgad', 3, 2],
        ['sr-expression', 2, 1],
        ['sr-assembly', 1, 0],
        ['wg-business', 1, 0],
      ],
    );
    const wgad = s.byMandate.find((m) => m.key === 'wgad')!;
    assert.deepEqual([wgad.replies.replied, wgad.replies.late, wgad.replies.none], [2, 1, 0]);
  });

  it('restricts the figures to a selection: one addressee, one mandate', () => {
    const kaz = publicStatistics(cat, { addressee: 'KAZ' });
    assert.equal(kaz.total, 4);
    assert.deepEqual(kaz.byAddressee.map((a) => a.key), ['KAZ']);
    assert.deepEqual(kaz.byYear.map((y) => [y.year, y.count]), [[2020, 1], [2021, 0], [2022, 2], [2023, 1]]);
    assert.deepEqual(kaz, statisticsOfRows(cat, selectRows(cat, { filters: { addressee: 'KAZ' } }).rows));

    const torture = publicStatistics(cat, { mandate: 'sr-torture' });
    assert.equal(torture.total, 3);
    assert.equal(torture.joint, 2);
    assert.deepEqual(torture.byAddressee.map((a) => [a.key, a.count]), [['KAZ', 2], ['BRA', 1]]);
    // The mandates it signed with are counted too, itself first.
    assert.deepEqual(torture.byMandate.map((m) => [m.key, m.count]), [['sr-torture', 3], ['wgad', 2], ['sr-expression', 1]]);
  });

  it('is safe with nothing to count: no division by zero, no year, every type at zero', () => {
    const empty = publicStatistics(buildCatalogue(1, []));
    assert.equal(empty.total, 0);
    assert.equal(empty.jointShare, null);
    assert.deepEqual(empty.replies, { total: 0, replied: 0, late: 0, none: 0, rate: null, onTimeRate: null, lateRate: null });
    assert.deepEqual(empty.byYear, []);
    assert.deepEqual(empty.byType.map((t) => t.count), [0, 0, 0]);
    assert.deepEqual(empty.byMandate, []);
    assert.deepEqual(empty.byAddressee, []);
    // A selection that keeps nothing, and a value no letter has.
    assert.equal(publicStatistics(cat, { addressee: 'FRA' }).replies.rate, null);
    assert.deepEqual(replyFigures(0, 0, 0).onTimeRate, null);
  });

  it('presents the same figures with names in the reader’s language and rounded shares', () => {
    const ref = loadReferenceData();
    const p = presentStatistics(publicStatistics(cat), ref, 'fr');
    assert.equal(p.total, 7);
    assert.equal(p.replies.rate, 0.7143);
    assert.equal(p.jointShare, 0.2857);
    assert.deepEqual(p.byAddressee.map((a) => [a.code, a.count]), [['KAZ', 4], ['BRA', 2], ['OTH', 1]]);
    assert.equal(p.byAddressee[1]!.name, ref.addresseeName('BRA', 'fr'));
    assert.equal(p.byMandate[0]!.slug, 'sr-torture');
    assert.equal(p.byMandate[0]!.title, ref.mandateTitle('sr-torture', 'fr'));
    assert.deepEqual(p.byType.map((t) => t.share), [0.4286, 0.2857, 0.2857]);
  });
});
