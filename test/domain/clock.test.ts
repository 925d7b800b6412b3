import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, systemClock, type Clock } from '../../src/domain/clock.ts';

describe('ManualClock', () => {
  it('starts at the instant it is given, as a string or a Date', () => {
    assert.equal(new ManualClock('2022-01-18T09:00:00Z').now().toISOString(), '2022-01-18T09:00:00.000Z');
    assert.equal(new ManualClock(new Date('2022-01-18T09:00:00Z')).now().toISOString(), '2022-01-18T09:00:00.000Z');
  });

  it('stands still', async () => {
    const clock = new ManualClock('2022-01-18T09:00:00Z');
    const a = clock.now().getTime();
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(clock.now().getTime(), a);
  });

  it('sets to an instant, forwards or backwards', () => {
    const clock = new ManualClock('2022-01-18T09:00:00Z');
    clock.set('2023-06-01T12:34:56.789Z');
    assert.equal(clock.now().toISOString(), '2023-06-01T12:34:56.789Z');
    clock.set(new Date('2021-12-31T23:30:00Z'));
    assert.equal(clock.now().toISOString(), '2021-12-31T23:30:00.000Z');
  });

  it('advances by whole 24-hour days and by hours', () => {
    const clock = new ManualClock('2022-01-18T09:00:00Z');
    clock.advanceDays(61);
    assert.equal(clock.now().toISOString(), '2022-03-20T09:00:00.000Z');
    clock.advanceHours(48);
    assert.equal(clock.now().toISOString(), '2022-03-22T09:00:00.000Z');
    clock.advanceHours(0.5);
    assert.equal(clock.now().toISOString(), '2022-03-22T09:30:00.000Z');
    clock.advanceDays(0);
    assert.equal(clock.now().toISOString(), '2022-03-22T09:30:00.000Z');
  });

  it('advances in 24-hour days across DST and a leap day (UTC instants, not wall time)', () => {
    const clock = new ManualClock('2024-02-28T12:00:00Z');
    clock.advanceDays(1);
    assert.equal(clock.now().toISOString(), '2024-02-29T12:00:00.000Z');
    clock.set('2022-03-26T12:00:00Z');
    clock.advanceDays(1);
    assert.equal(clock.now().toISOString(), '2022-03-27T12:00:00.000Z');
  });

  it('hands out copies, so a caller cannot move it by mutating a date', () => {
    const clock = new ManualClock('2022-01-18T09:00:00Z');
    const d = clock.now();
    d.setUTCFullYear(2030);
    assert.equal(clock.now().toISOString(), '2022-01-18T09:00:00.000Z');
    const start = new Date('2022-01-18T09:00:00Z');
    const c2 = new ManualClock(start);
    start.setUTCFullYear(2030);
    assert.equal(c2.now().toISOString(), '2022-01-18T09:00:00.000Z');
  });

  it('satisfies the Clock interface', () => {
    const clocks: Clock[] = [new ManualClock('2022-01-18T09:00:00Z'), systemClock];
    for (const c of clocks) assert.ok(c.now() instanceof Date);
  });
});

describe('systemClock', () => {
  it('tells the system time', () => {
    const before = Date.now();
    const t = systemClock.now().getTime();
    const after = Date.now();
    assert.ok(t >= before && t <= after, `${t} not within [${before}, ${after}]`);
  });
});
