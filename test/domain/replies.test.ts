import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_REPLY_DAYS,
  deriveReplyStatus,
  firstReplyOn,
  isReplyOverdue,
  REPLY_KINDS,
  REPLY_STATUSES,
  replyDeadline,
  type ReplyKind,
  type ReplyStatus,
} from '../../src/domain/replies.ts';

type R = { receivedOn: string; kind: ReplyKind };

/** Every ordering of a small array. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('reply kinds and statuses', () => {
  it('lists them', () => {
    assert.deepEqual([...REPLY_KINDS], ['substantive', 'partial', 'acknowledgment']);
    assert.deepEqual([...REPLY_STATUSES], ['none', 'replied', 'replied_late']);
    assert.equal(DEFAULT_REPLY_DAYS, 60);
  });
});

describe('replyDeadline', () => {
  const table: Array<[string, number, string]> = [
    ['2022-01-18', 60, '2022-03-19'], // AL KAZ 1/2022
    ['2022-01-01', 60, '2022-03-02'],
    ['2024-01-01', 60, '2024-03-01'], // leap year
    ['2024-01-15', 60, '2024-03-15'],
    ['2023-01-15', 60, '2023-03-16'],
    ['2024-02-29', 60, '2024-04-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-02-29', 366, '2025-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-11-15', 60, '2026-01-14'], // across the year end
    ['2025-12-31', 60, '2026-03-01'],
    ['2022-01-31', 30, '2022-03-02'], // across a month end
    ['2022-03-27', 60, '2022-05-26'], // across the spring DST change
    ['2022-10-30', 60, '2022-12-29'], // across the autumn DST change
    ['2022-03-26', 1, '2022-03-27'], // the DST day itself
    ['2022-10-29', 2, '2022-10-31'],
    ['2022-05-10', 0, '2022-05-10'],
    ['2022-05-10', 90, '2022-08-08'],
  ];
  for (const [sent, days, expected] of table) {
    it(`${sent} + ${days} days → ${expected}`, () => assert.equal(replyDeadline(sent, days), expected));
  }
});

describe('deriveReplyStatus', () => {
  const deadline = '2022-03-19';

  it('is none without replies', () => {
    assert.equal(deriveReplyStatus([], deadline), 'none');
  });

  it('is none with acknowledgments alone, on time or not', () => {
    assert.equal(deriveReplyStatus([{ receivedOn: '2022-01-20', kind: 'acknowledgment' }], deadline), 'none');
    assert.equal(
      deriveReplyStatus(
        [
          { receivedOn: '2022-01-20', kind: 'acknowledgment' },
          { receivedOn: '2022-05-01', kind: 'acknowledgment' },
        ],
        deadline,
      ),
      'none',
    );
  });

  const single: Array<[string, ReplyKind, ReplyStatus]> = [
    ['2022-01-19', 'substantive', 'replied'],
    ['2022-03-18', 'substantive', 'replied'],
    ['2022-03-19', 'substantive', 'replied'], // on the deadline day
    ['2022-03-20', 'substantive', 'replied_late'], // the day after
    ['2023-01-01', 'substantive', 'replied_late'],
    ['2022-03-19', 'partial', 'replied'],
    ['2022-03-20', 'partial', 'replied_late'],
    ['2022-03-19', 'acknowledgment', 'none'],
    ['2022-03-20', 'acknowledgment', 'none'],
  ];
  for (const [on, kind, expected] of single) {
    it(`one ${kind} reply on ${on} → ${expected}`, () => {
      assert.equal(deriveReplyStatus([{ receivedOn: on, kind }], deadline), expected);
    });
  }

  it('does not count an acknowledgment on time before a late substantive reply', () => {
    const replies: R[] = [
      { receivedOn: '2022-01-25', kind: 'acknowledgment' },
      { receivedOn: '2022-04-10', kind: 'substantive' },
    ];
    for (const p of permutations(replies)) assert.equal(deriveReplyStatus(p, deadline), 'replied_late');
  });

  it('lets a partial reply on time decide before a later substantive one', () => {
    const replies: R[] = [
      { receivedOn: '2022-03-01', kind: 'partial' },
      { receivedOn: '2022-06-01', kind: 'substantive' },
    ];
    for (const p of permutations(replies)) assert.equal(deriveReplyStatus(p, deadline), 'replied');
  });

  it('lets the first counted reply decide: late stays late even when listed after an earlier-dated one', () => {
    // Replies are recorded in any order; the earliest received counted reply decides.
    const late: R[] = [
      { receivedOn: '2022-03-25', kind: 'substantive' },
      { receivedOn: '2022-04-30', kind: 'partial' },
      { receivedOn: '2022-02-01', kind: 'acknowledgment' },
    ];
    for (const p of permutations(late)) assert.equal(deriveReplyStatus(p, deadline), 'replied_late');

    const onTime: R[] = [
      { receivedOn: '2022-05-02', kind: 'substantive' },
      { receivedOn: '2022-03-19', kind: 'partial' },
      { receivedOn: '2022-01-20', kind: 'acknowledgment' },
      { receivedOn: '2022-09-01', kind: 'substantive' },
    ];
    for (const p of permutations(onTime)) assert.equal(deriveReplyStatus(p, deadline), 'replied');
  });

  it('compares dates as dates across months and years (not as unpadded strings)', () => {
    assert.equal(deriveReplyStatus([{ receivedOn: '2022-12-31', kind: 'substantive' }], '2023-01-01'), 'replied');
    assert.equal(deriveReplyStatus([{ receivedOn: '2023-01-02', kind: 'substantive' }], '2023-01-01'), 'replied_late');
    assert.equal(deriveReplyStatus([{ receivedOn: '2024-02-29', kind: 'substantive' }], '2024-02-29'), 'replied');
    assert.equal(deriveReplyStatus([{ receivedOn: '2024-03-01', kind: 'substantive' }], '2024-02-29'), 'replied_late');
  });

  it('does not reorder the array it is given', () => {
    const replies: R[] = [
      { receivedOn: '2022-05-02', kind: 'substantive' },
      { receivedOn: '2022-03-01', kind: 'partial' },
    ];
    const copy = structuredClone(replies);
    deriveReplyStatus(replies, deadline);
    assert.deepEqual(replies, copy);
  });

  it('works with the deadline that replyDeadline gives', () => {
    const d = replyDeadline('2022-01-18', DEFAULT_REPLY_DAYS);
    assert.equal(d, '2022-03-19');
    assert.equal(deriveReplyStatus([{ receivedOn: '2022-03-19', kind: 'substantive' }], d), 'replied');
    assert.equal(deriveReplyStatus([{ receivedOn: '2022-03-20', kind: 'substantive' }], d), 'replied_late');
  });
});

describe('isReplyOverdue', () => {
  const deadline = '2022-03-19';
  const table: Array<[ReplyStatus, string, boolean]> = [
    ['none', '2022-03-18', false],
    ['none', '2022-03-19', false], // the deadline day is still on time
    ['none', '2022-03-20', true],
    ['none', '2023-01-01', true],
    ['replied', '2022-03-20', false],
    ['replied', '2023-01-01', false],
    ['replied_late', '2022-03-20', false],
    ['replied_late', '2022-03-18', false],
  ];
  for (const [status, today, expected] of table) {
    it(`${status} on ${today} → ${expected}`, () => assert.equal(isReplyOverdue(status, deadline, today), expected));
  }

  it('turns overdue across a year end', () => {
    assert.equal(isReplyOverdue('none', '2025-12-31', '2025-12-31'), false);
    assert.equal(isReplyOverdue('none', '2025-12-31', '2026-01-01'), true);
  });
});

describe('firstReplyOn', () => {
  it('is the first reply that answers, never an acknowledgment of receipt', () => {
    assert.equal(firstReplyOn([]), null);
    assert.equal(firstReplyOn([{ receivedOn: '2022-01-20', kind: 'acknowledgment' }]), null);
    assert.equal(
      firstReplyOn([
        { receivedOn: '2022-04-01', kind: 'substantive' },
        { receivedOn: '2022-01-20', kind: 'acknowledgment' },
        { receivedOn: '2022-03-01', kind: 'partial' },
      ]),
      '2022-03-01',
    );
  });
});
