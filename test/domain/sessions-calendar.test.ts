import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  FIRST_REPORTED_SESSION,
  sessionByNumber,
  sessionForReplyDate,
  sessionForSentDate,
  sessionNumber,
  sessionWindows,
  type SessionSlot,
} from '../../src/domain/sessions-calendar.ts';

/** The next calendar date, computed without the code under test. */
function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('session numbers', () => {
  const known: Array<[number, number, SessionSlot]> = [
    [18, 2011, 'september'],
    [19, 2012, 'march'],
    [20, 2012, 'june'],
    [21, 2012, 'september'],
    [22, 2013, 'march'],
    [49, 2022, 'march'],
    [50, 2022, 'june'],
    [51, 2022, 'september'],
    [61, 2026, 'march'],
    [62, 2026, 'june'],
    [63, 2026, 'september'],
  ];
  for (const [number, year, slot] of known) {
    it(`session ${number} is ${slot} ${year}`, () => {
      assert.equal(sessionNumber(year, slot), number);
      assert.deepEqual(sessionByNumber(number), { year, slot, number });
    });
  }

  it('starts the reports at the 18th session', () => assert.equal(FIRST_REPORTED_SESSION, 18));

  it('round trips every number from 18 to 70', () => {
    const seen: string[] = [];
    for (let n = 18; n <= 70; n++) {
      const key = sessionByNumber(n);
      assert.equal(key.number, n);
      assert.equal(sessionNumber(key.year, key.slot), n, `session ${n}`);
      seen.push(`${key.year}-${key.slot}`);
    }
    assert.equal(new Set(seen).size, 53);
    assert.deepEqual(sessionByNumber(70), { year: 2029, slot: 'march', number: 70 });
  });

  it('counts three sessions a year, in slot order', () => {
    for (let year = 2012; year <= 2030; year++) {
      assert.equal(sessionNumber(year, 'june'), sessionNumber(year, 'march') + 1);
      assert.equal(sessionNumber(year, 'september'), sessionNumber(year, 'march') + 2);
      assert.equal(sessionNumber(year + 1, 'march'), sessionNumber(year, 'september') + 1);
    }
  });
});

describe('sessionForSentDate', () => {
  const table: Array<[string, number, SessionSlot, number]> = [
    // [date sent, year, slot, number]
    ['2021-05-31', 2021, 'september', 48],
    ['2021-06-01', 2022, 'march', 49],
    ['2021-11-30', 2022, 'march', 49],
    ['2021-12-01', 2022, 'june', 50],
    ['2021-12-31', 2022, 'june', 50],
    ['2022-01-01', 2022, 'june', 50],
    ['2022-01-18', 2022, 'june', 50], // AL KAZ 1/2022
    ['2022-02-28', 2022, 'june', 50],
    ['2022-03-01', 2022, 'september', 51],
    ['2022-05-31', 2022, 'september', 51],
    ['2022-06-01', 2023, 'march', 52],
    ['2023-02-28', 2023, 'june', 53],
    ['2023-03-01', 2023, 'september', 54],
    ['2024-02-28', 2024, 'june', 56],
    ['2024-02-29', 2024, 'june', 56], // leap day
    ['2024-03-01', 2024, 'september', 57],
    ['2025-11-30', 2026, 'march', 61],
    ['2025-12-01', 2026, 'june', 62],
    ['2026-02-28', 2026, 'june', 62],
    ['2026-03-01', 2026, 'september', 63],
    ['2026-05-31', 2026, 'september', 63],
    ['2011-03-01', 2011, 'september', 18],
    ['2011-05-31', 2011, 'september', 18],
    ['2011-06-01', 2012, 'march', 19],
  ];
  for (const [date, year, slot, number] of table) {
    it(`a letter sent on ${date} goes to session ${number} (${slot} ${year})`, () => {
      assert.deepEqual(sessionForSentDate(date), { year, slot, number });
    });
  }
});

describe('sessionForReplyDate', () => {
  const table: Array<[string, number, SessionSlot, number]> = [
    ['2021-07-31', 2021, 'september', 48],
    ['2021-08-01', 2022, 'march', 49],
    ['2022-01-31', 2022, 'march', 49],
    ['2022-02-01', 2022, 'june', 50],
    ['2022-03-19', 2022, 'june', 50], // reply deadline of AL KAZ 1/2022
    ['2022-04-30', 2022, 'june', 50],
    ['2022-05-01', 2022, 'september', 51],
    ['2022-05-31', 2022, 'september', 51],
    ['2022-06-01', 2022, 'september', 51],
    ['2022-07-31', 2022, 'september', 51],
    ['2022-08-01', 2023, 'march', 52],
    ['2022-11-30', 2023, 'march', 52],
    ['2022-12-01', 2023, 'march', 52],
    ['2022-12-31', 2023, 'march', 52],
    ['2023-01-01', 2023, 'march', 52],
    ['2023-02-28', 2023, 'june', 53],
    ['2023-03-01', 2023, 'june', 53],
    ['2024-02-29', 2024, 'june', 56],
    ['2024-03-01', 2024, 'june', 56],
    ['2024-04-30', 2024, 'june', 56],
    ['2024-05-01', 2024, 'september', 57],
    ['2026-01-31', 2026, 'march', 61],
    ['2026-02-01', 2026, 'june', 62],
    ['2026-07-31', 2026, 'september', 63],
  ];
  for (const [date, year, slot, number] of table) {
    it(`a reply received on ${date} is counted in session ${number} (${slot} ${year})`, () => {
      assert.deepEqual(sessionForReplyDate(date), { year, slot, number });
    });
  }

  it('handles the end of long months that have no twin two months earlier', () => {
    // 31 July − 2 months is 31 May; 31 December − 2 months is 31 October; 30 April − 2 months is end of February.
    assert.equal(sessionForReplyDate('2022-07-31').number, 51);
    assert.equal(sessionForReplyDate('2022-10-31').number, 52);
    assert.equal(sessionForReplyDate('2023-04-30').number, 53);
    assert.equal(sessionForReplyDate('2024-04-29').number, 56);
  });
});

describe('sessionWindows', () => {
  it('gives session 49 (March 2022) letters of 1 June–30 November 2021, replies of 1 August–31 January', () => {
    assert.deepEqual(sessionWindows(49), {
      sent: { from: '2021-06-01', to: '2021-11-30' },
      replies: { from: '2021-08-01', to: '2022-01-31' },
    });
  });

  it('gives session 50 (June 2022) letters of 1 December–28 February, replies of 1 February–30 April', () => {
    assert.deepEqual(sessionWindows(50), {
      sent: { from: '2021-12-01', to: '2022-02-28' },
      replies: { from: '2022-02-01', to: '2022-04-30' },
    });
  });

  it('gives session 51 (September 2022) letters of 1 March–31 May, replies of 1 May–31 July', () => {
    assert.deepEqual(sessionWindows(51), {
      sent: { from: '2022-03-01', to: '2022-05-31' },
      replies: { from: '2022-05-01', to: '2022-07-31' },
    });
  });

  it('ends the June window on 29 February in a leap year', () => {
    assert.deepEqual(sessionWindows(56), {
      sent: { from: '2023-12-01', to: '2024-02-29' },
      replies: { from: '2024-02-01', to: '2024-04-30' },
    });
  });

  it('gives the windows of session 18 (September 2011) and 61 (March 2026)', () => {
    assert.deepEqual(sessionWindows(18), {
      sent: { from: '2011-03-01', to: '2011-05-31' },
      replies: { from: '2011-05-01', to: '2011-07-31' },
    });
    assert.deepEqual(sessionWindows(61), {
      sent: { from: '2025-06-01', to: '2025-11-30' },
      replies: { from: '2025-08-01', to: '2026-01-31' },
    });
  });

  it('makes consecutive windows meet without gap or overlap', () => {
    for (let n = 18; n < 70; n++) {
      const a = sessionWindows(n);
      const b = sessionWindows(n + 1);
      assert.equal(nextDay(a.sent.to), b.sent.from, `sent windows of ${n} and ${n + 1}`);
      assert.equal(nextDay(a.replies.to), b.replies.from, `reply windows of ${n} and ${n + 1}`);
    }
  });

  it('puts every date of 2012–2026 in exactly one sent window and one reply window, the one its session names', () => {
    const numbers: number[] = [];
    for (let n = 18; n <= 66; n++) numbers.push(n);
    const windows = numbers.map((n) => ({ n, ...sessionWindows(n) }));
    let date = '2012-01-01';
    let days = 0;
    while (date <= '2026-12-31') {
      const sent = windows.filter((w) => w.sent.from <= date && date <= w.sent.to).map((w) => w.n);
      assert.equal(sent.length, 1, `${date} is in sent windows ${sent.join(', ')}`);
      assert.equal(sessionForSentDate(date).number, sent[0], `sent on ${date}`);
      const replies = windows.filter((w) => w.replies.from <= date && date <= w.replies.to).map((w) => w.n);
      assert.equal(replies.length, 1, `${date} is in reply windows ${replies.join(', ')}`);
      assert.equal(sessionForReplyDate(date).number, replies[0], `reply on ${date}`);
      date = nextDay(date);
      days++;
    }
    assert.equal(days, 5479); // 15 years, four of them leap years (2012, 2016, 2020, 2024)
  });
});
