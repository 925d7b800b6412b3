import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.ts';
import {
  assertDraftingAction,
  DECISIONS,
  DRAFTING_STATUSES,
  statusAfterDecision,
  statusAfterEdit,
  type Decision,
  type DraftingAction,
  type DraftingStatus,
} from '../../src/domain/drafting.ts';

const ACTIONS: readonly DraftingAction[] = ['edit', 'submit', 'decide', 'withdraw', 'send'];

/** The whole table of allowed actions: anything not listed is refused. */
const ALLOWED: Record<DraftingStatus, readonly DraftingAction[]> = {
  draft: ['edit', 'submit', 'withdraw'],
  submitted: ['edit', 'decide', 'withdraw'],
  approved: ['edit', 'withdraw', 'send'],
  sent: [],
  withdrawn: [],
};

/** Asserts an AppError with a code (and, when given, details). */
function assertAppError(fn: () => unknown, code: string, details?: Record<string, unknown>): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof AppError, 'expected an AppError');
    assert.equal(err.code, code);
    if (details) assert.deepEqual(err.details, details);
    return true;
  });
}

describe('drafting statuses and decisions', () => {
  it('lists the statuses and decisions in order', () => {
    assert.deepEqual([...DRAFTING_STATUSES], ['draft', 'submitted', 'approved', 'sent', 'withdrawn']);
    assert.deepEqual([...DECISIONS], ['pending', 'approved', 'changes_requested', 'declined']);
  });
});

describe('assertDraftingAction', () => {
  for (const status of DRAFTING_STATUSES) {
    for (const action of ACTIONS) {
      const allowed = ALLOWED[status].includes(action);
      it(`${allowed ? 'allows' : 'refuses'} ${action} when ${status}`, () => {
        if (allowed) {
          assert.equal(assertDraftingAction(status, action), undefined);
        } else {
          assertAppError(() => assertDraftingAction(status, action), 'TRANSITION_INVALID', { status, action });
        }
      });
    }
  }

  it('refuses with HTTP 409 and a message naming the action and status', () => {
    try {
      assertDraftingAction('sent', 'edit');
      assert.fail('should have thrown');
    } catch (err) {
      assert.ok(err instanceof AppError);
      assert.equal(err.status, 409);
      assert.equal(err.message, 'cannot edit a communication that is sent');
    }
  });
});

describe('statusAfterEdit', () => {
  const table: Array<[DraftingStatus, DraftingStatus | 'TRANSITION_INVALID']> = [
    ['draft', 'draft'],
    ['submitted', 'submitted'],
    ['approved', 'submitted'], // approved text edited: back out for signature
    ['sent', 'TRANSITION_INVALID'],
    ['withdrawn', 'TRANSITION_INVALID'],
  ];
  for (const [status, expected] of table) {
    it(`${status} → ${expected}`, () => {
      if (expected === 'TRANSITION_INVALID') {
        assertAppError(() => statusAfterEdit(status), 'TRANSITION_INVALID', { status, action: 'edit' });
      } else {
        assert.equal(statusAfterEdit(status), expected);
      }
    });
  }
});

describe('statusAfterDecision', () => {
  const decisions = (entries: Array<[string, Decision]>): ReadonlyMap<string, Decision> => new Map(entries);

  it('stays submitted while other mandates are pending', () => {
    const d = decisions([
      ['wgad', 'pending'],
      ['sr-expression', 'pending'],
      ['sr-torture', 'pending'],
    ]);
    assert.equal(statusAfterDecision('submitted', d, 'wgad', 'approved'), 'submitted');
  });

  it('becomes approved when the last pending mandate approves', () => {
    const d = decisions([
      ['wgad', 'approved'],
      ['sr-expression', 'approved'],
      ['sr-torture', 'pending'],
    ]);
    assert.equal(statusAfterDecision('submitted', d, 'sr-torture', 'approved'), 'approved');
  });

  it('becomes approved when the only signing mandate approves', () => {
    assert.equal(statusAfterDecision('submitted', decisions([['wgad', 'pending']]), 'wgad', 'approved'), 'approved');
  });

  for (const decision of ['changes_requested', 'declined'] as const) {
    it(`stays submitted when the last mandate answers ${decision}`, () => {
      const d = decisions([
        ['wgad', 'approved'],
        ['sr-torture', 'pending'],
      ]);
      assert.equal(statusAfterDecision('submitted', d, 'sr-torture', decision), 'submitted');
    });

    it(`stays submitted when the only mandate answers ${decision}`, () => {
      assert.equal(statusAfterDecision('submitted', decisions([['wgad', 'pending']]), 'wgad', decision), 'submitted');
    });
  }

  it('stays submitted when a last approval follows an earlier request for changes', () => {
    const d = decisions([
      ['wgad', 'changes_requested'],
      ['sr-torture', 'pending'],
    ]);
    assert.equal(statusAfterDecision('submitted', d, 'sr-torture', 'approved'), 'submitted');
  });

  for (const earlier of ['approved', 'changes_requested', 'declined'] as const) {
    it(`refuses a second decision by a mandate that already answered ${earlier}`, () => {
      const d = decisions([
        ['wgad', earlier],
        ['sr-torture', 'pending'],
      ]);
      assertAppError(() => statusAfterDecision('submitted', d, 'wgad', 'approved'), 'TRANSITION_INVALID', {
        mandate: 'wgad',
        decision: earlier,
      });
    });
  }

  it('refuses a mandate that does not sign with MANDATE_NOT_SIGNING', () => {
    const d = decisions([
      ['wgad', 'pending'],
      ['sr-torture', 'pending'],
    ]);
    assertAppError(() => statusAfterDecision('submitted', d, 'wgeid', 'approved'), 'MANDATE_NOT_SIGNING', {
      mandate: 'wgeid',
    });
    assertAppError(() => statusAfterDecision('submitted', new Map(), 'wgad', 'approved'), 'MANDATE_NOT_SIGNING');
  });

  for (const status of ['draft', 'approved', 'sent', 'withdrawn'] as const) {
    it(`refuses any decision when ${status}`, () => {
      const d = decisions([['wgad', 'pending']]);
      assertAppError(() => statusAfterDecision(status, d, 'wgad', 'approved'), 'TRANSITION_INVALID', {
        status,
        action: 'decide',
      });
    });
  }

  it('checks the status before the mandate', () => {
    assertAppError(() => statusAfterDecision('sent', new Map(), 'wgeid', 'approved'), 'TRANSITION_INVALID');
  });

  it('does not change the decisions it is given', () => {
    const d = new Map<string, Decision>([
      ['wgad', 'pending'],
      ['sr-torture', 'approved'],
    ]);
    assert.equal(statusAfterDecision('submitted', d, 'wgad', 'approved'), 'approved');
    assert.deepEqual([...d.entries()], [
      ['wgad', 'pending'],
      ['sr-torture', 'approved'],
    ]);
  });

  it('walks the reference letter through eight signatures', () => {
    const mandates = ['wgad', 'wgeid', 'sr-executions', 'sr-expression', 'sr-assembly', 'sr-defenders', 'sr-terrorism', 'sr-torture'];
    const d = new Map<string, Decision>(mandates.map((m) => [m, 'pending']));
    let status: DraftingStatus = 'submitted';
    const seen: DraftingStatus[] = [];
    for (const m of mandates) {
      status = statusAfterDecision(status, d, m, 'approved');
      d.set(m, 'approved');
      seen.push(status);
    }
    assert.deepEqual(seen, [...Array(7).fill('submitted'), 'approved']);
    assert.equal(status, 'approved');
    assert.doesNotThrow(() => assertDraftingAction(status, 'send'));
  });
});
