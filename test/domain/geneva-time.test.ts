import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.ts';
import { DateTime } from 'luxon';
import {
  addDays,
  genevaDate,
  genevaDaysLater,
  genevaYear,
  parseIsoDate,
  REFERENCE_ZONE,
  startOfGenevaDay,
} from '../../src/domain/geneva-time.ts';

describe('genevaDate and genevaYear', () => {
  it('uses a zone the runtime knows, with Geneva time (Switzerland: Europe/Zurich)', () => {
    assert.equal(REFERENCE_ZONE, 'Europe/Zurich');
    assert.doesNotThrow(() => new Intl.DateTimeFormat('en', { timeZone: REFERENCE_ZONE }));
  });

  const table: Array<[string, string, number]> = [
    // Around New Year (CET, UTC+1): Geneva midnight is 23:00 UTC.
    ['2021-12-31T22:59:59.999Z', '2021-12-31', 2021],
    ['2021-12-31T23:00:00.000Z', '2022-01-01', 2022],
    ['2021-12-31T23:30:00Z', '2022-01-01', 2022],
    ['2022-01-01T00:30:00Z', '2022-01-01', 2022],
    ['2025-12-31T22:30:00Z', '2025-12-31', 2025],
    ['2025-12-31T23:00:00Z', '2026-01-01', 2026],
    // Summer time (CEST, UTC+2): Geneva midnight is 22:00 UTC.
    ['2022-06-30T21:59:59Z', '2022-06-30', 2022],
    ['2022-06-30T22:00:00Z', '2022-07-01', 2022],
    ['2022-06-30T22:30:00Z', '2022-07-01', 2022],
    // Spring change: 2022-03-27 01:00 UTC clocks go from 02:00 CET to 03:00 CEST.
    ['2022-03-26T22:59:00Z', '2022-03-26', 2022],
    ['2022-03-26T23:00:00Z', '2022-03-27', 2022],
    ['2022-03-27T00:59:00Z', '2022-03-27', 2022],
    ['2022-03-27T01:00:00Z', '2022-03-27', 2022],
    ['2022-03-27T21:59:00Z', '2022-03-27', 2022],
    ['2022-03-27T22:00:00Z', '2022-03-28', 2022], // midnight after the change is 22:00 UTC
    ['2022-03-27T22:30:00Z', '2022-03-28', 2022],
    // Autumn change: 2022-10-30 01:00 UTC clocks go from 03:00 CEST back to 02:00 CET.
    ['2022-10-29T21:59:00Z', '2022-10-29', 2022],
    ['2022-10-29T22:00:00Z', '2022-10-30', 2022],
    ['2022-10-30T22:59:00Z', '2022-10-30', 2022],
    ['2022-10-30T23:00:00Z', '2022-10-31', 2022], // midnight after the change is 23:00 UTC
    // Leap day.
    ['2024-02-28T23:00:00Z', '2024-02-29', 2024],
    ['2024-02-29T22:59:59Z', '2024-02-29', 2024],
    ['2024-02-29T23:00:00Z', '2024-03-01', 2024],
  ];
  for (const [instant, date, year] of table) {
    it(`${instant} is ${date} in Geneva`, () => {
      assert.equal(genevaDate(new Date(instant)), date);
      assert.equal(genevaYear(new Date(instant)), year);
    });
  }
});

describe('parseIsoDate', () => {
  for (const good of ['2022-01-18', '2024-02-29', '2000-02-29', '2022-12-31', '2022-03-27', '1980-01-01']) {
    it(`accepts ${good} and returns it unchanged`, () => assert.equal(parseIsoDate(good), good));
  }

  const bad = [
    '2022-02-30',
    '2023-02-29',
    '1900-02-29',
    '2022-13-01',
    '2022-00-10',
    '2022-04-31',
    '2022-01-00',
    '2022-1-5',
    '2022-01-5',
    '22-01-05',
    '',
    ' ',
    '2022-01-18 ',
    ' 2022-01-18',
    '2022/01/18',
    '18.01.2022',
    '2022-01-18T00:00:00Z',
    '2022-01-18\n',
    '20220118',
    'not a date',
    "2022-01-18' OR '1'='1",
  ];
  for (const value of bad) {
    it(`refuses ${JSON.stringify(value)} with DATE_INVALID`, () => {
      assert.throws(
        () => parseIsoDate(value, 'sentDate'),
        (err: unknown) => {
          assert.ok(err instanceof AppError);
          assert.equal(err.code, 'DATE_INVALID');
          assert.equal(err.status, 400);
          assert.deepEqual(err.details, { field: 'sentDate', value });
          return true;
        },
      );
    });
  }

  it('names the field "date" when none is given', () => {
    assert.throws(() => parseIsoDate('2022-02-30'), { code: 'DATE_INVALID', details: { field: 'date', value: '2022-02-30' } });
  });
});

describe('addDays', () => {
  const table: Array<[string, number, string]> = [
    ['2022-01-18', 0, '2022-01-18'],
    ['2022-01-18', 1, '2022-01-19'],
    ['2022-01-31', 1, '2022-02-01'],
    ['2022-12-31', 1, '2023-01-01'],
    ['2023-01-01', -1, '2022-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2022-03-26', 1, '2022-03-27'],
    ['2022-03-27', 1, '2022-03-28'],
    ['2022-10-30', 1, '2022-10-31'],
    ['2022-01-18', 60, '2022-03-19'],
    ['2022-01-18', 365, '2023-01-18'],
    ['2024-01-01', 366, '2025-01-01'],
  ];
  for (const [date, days, expected] of table) {
    it(`${date} ${days >= 0 ? '+' : ''}${days} → ${expected}`, () => assert.equal(addDays(date, days), expected));
  }

  it('gives one day per day across a whole year, DST changes included', () => {
    let d = '2022-01-01';
    for (let i = 0; i < 365; i++) {
      const next = addDays(d, 1);
      assert.equal(new Date(`${next}T00:00:00Z`).getTime() - new Date(`${d}T00:00:00Z`).getTime(), 86_400_000);
      d = next;
    }
    assert.equal(d, '2023-01-01');
  });
});

describe('startOfGenevaDay', () => {
  it('is Geneva midnight: 23:00 UTC in winter, 22:00 UTC in summer', () => {
    assert.equal(startOfGenevaDay('2022-01-01').toISOString(), '2021-12-31T23:00:00.000Z');
    assert.equal(startOfGenevaDay('2022-07-01').toISOString(), '2022-06-30T22:00:00.000Z');
    assert.equal(startOfGenevaDay('2022-03-27').toISOString(), '2022-03-26T23:00:00.000Z');
    assert.equal(startOfGenevaDay('2022-03-28').toISOString(), '2022-03-27T22:00:00.000Z');
    assert.equal(startOfGenevaDay('2022-10-31').toISOString(), '2022-10-30T23:00:00.000Z');
  });

  it('round trips with genevaDate', () => {
    for (const d of ['2022-01-01', '2022-03-27', '2022-10-30', '2024-02-29', '2025-12-31']) {
      assert.equal(genevaDate(startOfGenevaDay(d)), d);
      assert.equal(genevaDate(new Date(startOfGenevaDay(d).getTime() - 1)), addDays(d, -1));
    }
  });
});

describe('genevaDaysLater', () => {
  const direct = (at: Date, days: number) => DateTime.fromJSDate(at, { zone: 'Europe/Zurich' }).plus({ days }).toJSDate().toISOString();

  it('keeps the time of day in Geneva across a change of clocks', () => {
    // Sent in winter (UTC+1), due in summer (UTC+2): the same 10:00 in Geneva is an hour earlier in UTC.
    assert.equal(genevaDaysLater(new Date('2022-01-18T09:00:00.000Z'), 60).toISOString(), '2022-03-19T09:00:00.000Z');
    assert.equal(genevaDaysLater(new Date('2022-02-20T09:30:00.000Z'), 60).toISOString(), '2022-04-21T08:30:00.000Z');
    assert.equal(genevaDaysLater(new Date('2022-09-01T08:15:00.000Z'), 60).toISOString(), '2022-10-31T09:15:00.000Z');
  });

  it('gives what a full time-zone conversion gives, every minute of the days around the changes of clocks', () => {
    // Every minute of three days whose date 60 (and 1, and 30) days later is a day the clocks change, forward
    // (27 March 2022, 26 March 2023) and back (30 October 2022): the per-hour reckoning must agree with
    // Luxon's own at each instant, skipped and repeated hours included.
    const starts = ['2022-01-25T00:00:00Z', '2022-08-31T00:00:00Z', '2023-01-24T00:00:00Z', '2022-03-26T00:00:00Z', '2022-10-29T00:00:00Z'];
    let checked = 0;
    for (const start of starts) {
      for (let minute = 0; minute < 3 * 24 * 60; minute += 7) {
        const at = new Date(Date.parse(start) + minute * 60_000 + (minute % 13) * 1000);
        for (const days of [1, 30, 60]) {
          assert.equal(genevaDaysLater(at, days).toISOString(), direct(at, days), `${at.toISOString()} + ${days} days`);
          checked++;
        }
      }
    }
    assert.ok(checked > 9000);
  });

  it('does not change the date it is given', () => {
    const d = new Date('2022-01-18T09:00:00.000Z');
    genevaDaysLater(d, 60);
    assert.equal(d.toISOString(), '2022-01-18T09:00:00.000Z');
  });
});
