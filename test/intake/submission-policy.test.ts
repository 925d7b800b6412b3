import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allowSubmission, authorizeSubmission, SUBMISSION_ACTIONS } from '../../src/policies/submission-policy.ts';
import { PUBLIC, SYSTEM, staff, type Principal } from '../../src/policies/principal.ts';

const mine = { id: '11111111-1111-4111-8111-111111111111' };
const theirs = { id: '22222222-2222-4222-8222-222222222222' };
const source: Principal = { kind: 'source', name: 'source', submissionId: mine.id };
const officer = staff('Ana Officer');
const holder: Principal = { kind: 'staff', name: 'Alice Jill Edwards', role: 'mandate_holder', mandate: 'sr-torture' };
const admin: Principal = { kind: 'staff', name: 'Admin', role: 'admin' };
const focal: Principal = { kind: 'government', name: 'FP', accountId: 'a', stateCode: 'KAZ' };

describe('submission policy', () => {
  it('case officers may do everything, to every submission', () => {
    for (const action of SUBMISSION_ACTIONS) {
      assert.equal(allowSubmission(officer, action, mine), true, action);
      assert.equal(allowSubmission(officer, action), true, action);
    }
  });

  it('a source sees its own status, adds information, answers and withdraws consent — nothing else', () => {
    const allowed = ['view_status', 'add_information', 'answer', 'withdraw_consent', 'submit'];
    for (const action of SUBMISSION_ACTIONS) {
      assert.equal(allowSubmission(source, action, mine), allowed.includes(action), action);
    }
  });

  it('a source can do nothing to another submission, nor without naming its own', () => {
    for (const action of SUBMISSION_ACTIONS.filter((a) => a !== 'submit')) {
      assert.equal(allowSubmission(source, action, theirs), false, action);
      assert.equal(allowSubmission(source, action), false, action);
    }
  });

  it('mandate holders, admins, focal points, the public and the system may only submit', () => {
    for (const p of [holder, admin, focal, PUBLIC, SYSTEM]) {
      for (const action of SUBMISSION_ACTIONS) assert.equal(allowSubmission(p, action, mine), action === 'submit', `${p.kind} ${action}`);
    }
  });

  it('refuses with NOT_FOUND, the answer a missing submission gets', () => {
    assert.throws(() => authorizeSubmission(holder, 'view_identity', mine), { code: 'NOT_FOUND', message: 'no such submission' });
    assert.throws(() => authorizeSubmission(source, 'view_status', theirs), { code: 'NOT_FOUND', message: 'no such submission' });
    assert.throws(() => authorizeSubmission(source, 'add_note', mine), { code: 'NOT_FOUND' });
    assert.doesNotThrow(() => authorizeSubmission(source, 'answer', mine));
  });
});
