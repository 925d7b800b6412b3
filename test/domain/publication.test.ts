import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.ts';
import {
  DEFAULT_PUBLICATION_PERIODS,
  PUBLICATION_STATUSES,
  publicationAfter,
  publicationDueAt,
  type PublicationAction,
  type PublicationStatus,
} from '../../src/domain/publication.ts';

const ACTIONS: readonly PublicationAction[] = ['hold', 'release', 'publish', 'retract', 'correct', 'publish_due'];

/** Every action × status: the status it leads to, or null when refused. */
const TABLE: Record<PublicationAction, Record<PublicationStatus, PublicationStatus | null>> = {
  hold: { scheduled: 'held', held: null, published: null, retracted: null },
  release: { scheduled: null, held: 'scheduled', published: null, retracted: null },
  publish: { scheduled: 'published', held: 'published', published: null, retracted: 'published' },
  retract: { scheduled: null, held: null, published: 'retracted', retracted: null },
  correct: { scheduled: null, held: null, published: 'published', retracted: null },
  publish_due: { scheduled: 'published', held: null, published: null, retracted: null },
};

function assertRefused(status: PublicationStatus | null, action: PublicationAction): void {
  assert.throws(
    () => publicationAfter(status, action),
    (err: unknown) => {
      assert.ok(err instanceof AppError, 'expected an AppError');
      assert.equal(err.code, 'TRANSITION_INVALID');
      assert.equal(err.status, 409);
      assert.deepEqual(err.details, { status, action });
      return true;
    },
  );
}

describe('publicationAfter', () => {
  it('knows four statuses', () => {
    assert.deepEqual([...PUBLICATION_STATUSES], ['scheduled', 'held', 'published', 'retracted']);
  });

  for (const action of ACTIONS) {
    for (const status of PUBLICATION_STATUSES) {
      const expected = TABLE[action][status];
      it(`${action} when ${status} → ${expected ?? 'TRANSITION_INVALID'}`, () => {
        if (expected === null) assertRefused(status, action);
        else assert.equal(publicationAfter(status, action), expected);
      });
    }
    it(`${action} before sending (null status) → TRANSITION_INVALID`, () => assertRefused(null, action));
  }

  it('names the action and status in the message', () => {
    assert.throws(() => publicationAfter('held', 'publish_due'), {
      code: 'TRANSITION_INVALID',
      message: 'cannot publish due a communication that is held',
    });
    assert.throws(() => publicationAfter(null, 'publish'), {
      code: 'TRANSITION_INVALID',
      message: 'cannot publish a communication that is not sent',
    });
  });

  it('never lets the scheduler publish a held communication, but a person may', () => {
    assertRefused('held', 'publish_due');
    assert.equal(publicationAfter('held', 'publish'), 'published');
  });

  it('follows a full life: hold, release, publish when due, correct, retract, publish again', () => {
    let s: PublicationStatus = 'scheduled';
    const trail: PublicationStatus[] = [];
    for (const a of ['hold', 'release', 'publish_due', 'correct', 'retract', 'publish'] as const) {
      s = publicationAfter(s, a);
      trail.push(s);
    }
    assert.deepEqual(trail, ['held', 'scheduled', 'published', 'published', 'retracted', 'published']);
  });
});

describe('publicationDueAt', () => {
  const sent = new Date('2022-01-18T09:00:00.000Z');

  it('has 60 days and 48 hours as default periods', () => {
    assert.deepEqual(DEFAULT_PUBLICATION_PERIODS, { letterDays: 60, otherLetterHours: 48 });
  });

  it('makes AL and UA due 60 days after sending', () => {
    assert.equal(publicationDueAt('AL', sent, DEFAULT_PUBLICATION_PERIODS).toISOString(), '2022-03-19T09:00:00.000Z');
    assert.equal(publicationDueAt('UA', sent, DEFAULT_PUBLICATION_PERIODS).toISOString(), '2022-03-19T09:00:00.000Z');
  });

  it('makes OL due 48 hours after sending', () => {
    assert.equal(publicationDueAt('OL', sent, DEFAULT_PUBLICATION_PERIODS).toISOString(), '2022-01-20T09:00:00.000Z');
  });

  it('counts 60 days across a leap day', () => {
    const leapSent = new Date('2024-01-15T12:00:00.000Z');
    assert.equal(publicationDueAt('AL', leapSent, DEFAULT_PUBLICATION_PERIODS).toISOString(), '2024-03-15T12:00:00.000Z');
    const plainSent = new Date('2023-01-15T12:00:00.000Z');
    assert.equal(publicationDueAt('AL', plainSent, DEFAULT_PUBLICATION_PERIODS).toISOString(), '2023-03-16T12:00:00.000Z');
  });

  it('counts across a year end', () => {
    const d = new Date('2025-12-31T23:00:00.000Z');
    assert.equal(publicationDueAt('OL', d, DEFAULT_PUBLICATION_PERIODS).toISOString(), '2026-01-02T23:00:00.000Z');
    assert.equal(publicationDueAt('UA', d, DEFAULT_PUBLICATION_PERIODS).toISOString(), '2026-03-01T23:00:00.000Z');
  });

  it('uses custom periods, each for its own types only', () => {
    const periods = { letterDays: 30, otherLetterHours: 72 };
    assert.equal(publicationDueAt('AL', sent, periods).toISOString(), '2022-02-17T09:00:00.000Z');
    assert.equal(publicationDueAt('UA', sent, periods).toISOString(), '2022-02-17T09:00:00.000Z');
    assert.equal(publicationDueAt('OL', sent, periods).toISOString(), '2022-01-21T09:00:00.000Z');
    const changedHoursOnly = { letterDays: 60, otherLetterHours: 1 };
    assert.equal(publicationDueAt('AL', sent, changedHoursOnly).toISOString(), '2022-03-19T09:00:00.000Z');
    assert.equal(publicationDueAt('OL', sent, changedHoursOnly).toISOString(), '2022-01-18T10:00:00.000Z');
  });

  it('makes a communication due at once with zero periods', () => {
    const zero = { letterDays: 0, otherLetterHours: 0 };
    for (const t of ['AL', 'UA', 'OL'] as const) assert.equal(publicationDueAt(t, sent, zero).getTime(), sent.getTime());
  });

  it('does not change the date it is given', () => {
    const d = new Date('2022-01-18T09:00:00.000Z');
    publicationDueAt('AL', d, DEFAULT_PUBLICATION_PERIODS);
    assert.equal(d.toISOString(), '2022-01-18T09:00:00.000Z');
  });
});
