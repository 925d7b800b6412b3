import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Communication } from '../../src/domain/communication.ts';
import { allowCommunication, authorizeCommunication, authorizeDecisionBy, authorizeMandateDecision, listScope, type CommunicationAction } from '../../src/policies/communication-policy.ts';
import { PUBLIC, SYSTEM, staff, type Principal } from '../../src/policies/principal.ts';
import { loadReferenceData } from '../../src/reference/load-reference-data.ts';

const ACTIONS: CommunicationAction[] = [
  'read', 'list', 'create', 'edit', 'submit', 'decide', 'withdraw', 'send', 'reply', 'link',
  'hold', 'release', 'publish', 'retract', 'correct', 'publish_due', 'export',
];
const record = (publicationStatus: Communication['publicationStatus']) => ({ publicationStatus }) as Communication;

test('staff and the system may take every action', () => {
  for (const p of [SYSTEM, staff('A. Officer')]) {
    for (const a of ACTIONS) assert.equal(allowCommunication(p, a, record(null)), true, `${p.name} ${a}`);
  }
});

test('the public may only read what is published, and nothing else', () => {
  for (const a of ACTIONS) {
    for (const status of [null, 'scheduled', 'held', 'published', 'retracted'] as const) {
      const expected = a === 'read' && status === 'published';
      assert.equal(allowCommunication(PUBLIC, a, record(status)), expected, `${a} on ${status}`);
    }
  }
  assert.equal(allowCommunication(PUBLIC, 'read'), false, 'reading nothing in particular');
});

test('a refusal looks exactly like a missing record', () => {
  assert.throws(() => authorizeCommunication(PUBLIC, 'read', record('held')), { code: 'NOT_FOUND', message: 'no such communication' });
  assert.throws(() => authorizeCommunication(PUBLIC, 'send', record('published')), { code: 'NOT_FOUND', message: 'no such communication' });
});

test('only a holder of the mandate in office on the day decides for it', () => {
  const ref = loadReferenceData();
  authorizeMandateDecision(ref, 'sr-torture', 'Nils Melzer', '2022-01-18');
  assert.throws(() => authorizeMandateDecision(ref, 'sr-torture', 'Nils Melzer', '2023-01-18'), { code: 'HOLDER_NOT_IN_OFFICE' });
  authorizeMandateDecision(ref, 'sr-torture', 'Alice Jill Edwards', '2023-01-18');
  assert.throws(() => authorizeMandateDecision(ref, 'sr-torture', 'Irene Khan', '2022-01-18'), { code: 'HOLDER_NOT_IN_OFFICE' });
  assert.throws(() => authorizeMandateDecision(ref, 'sr-nothing', 'Nils Melzer', '2022-01-18'), { code: 'HOLDER_NOT_IN_OFFICE' });
});

test('actor names are validated', () => {
  assert.deepEqual(staff('  Ana  '), { kind: 'staff', name: 'Ana', role: 'case_officer' });
  assert.equal(staff('system'), SYSTEM);
  for (const bad of ['', '   ', 'x'.repeat(201), 'tab\there', 'nul\u0000']) assert.throws(() => staff(bad), { code: 'VALIDATION_FAILED' });
});

test('roles: a mandate holder reads and decides on what its mandate signs; a focal point reads and replies to what was sent to its State; an admin sees no case', () => {
  const letter = (over: Partial<Communication>) =>
    ({ publicationStatus: null, draftingStatus: 'sent', addresseeCode: 'KAZ', mandates: [{ slug: 'sr-torture' }, { slug: 'wgad' }], ...over }) as Communication;
  const holder: Principal = { kind: 'staff', name: 'Alice Jill Edwards', role: 'mandate_holder', accountId: 'a', mandate: 'sr-torture' };
  const otherHolder: Principal = { kind: 'staff', name: 'Morris Tidball-Binz', role: 'mandate_holder', accountId: 'b', mandate: 'sr-executions' };
  const focal: Principal = { kind: 'government', name: 'FP', accountId: 'c', stateCode: 'KAZ' };
  const admin: Principal = { kind: 'staff', name: 'Admin', role: 'admin', accountId: 'd' };
  const draft = letter({ draftingStatus: 'submitted' });
  for (const a of ['read', 'decide', 'read_full_letter'] as const) {
    assert.equal(allowCommunication(holder, a, draft), true, a);
    assert.equal(allowCommunication(otherHolder, a, draft), false, a);
  }
  for (const a of ['edit', 'send', 'publish', 'hold', 'approve_public', 'export'] as const) assert.equal(allowCommunication(holder, a, draft), false, a);
  assert.equal(allowCommunication(focal, 'read', letter({})), true);
  assert.equal(allowCommunication(focal, 'reply', letter({})), true);
  assert.equal(allowCommunication(focal, 'read', letter({ addresseeCode: 'BRA' })), false, "another State's letter");
  assert.equal(allowCommunication(focal, 'read', draft), false, 'a draft, even to its State');
  assert.equal(allowCommunication(focal, 'publish', letter({})), false);
  for (const a of ['read', 'list', 'create', 'send'] as const) assert.equal(allowCommunication(admin, a, letter({})), false, a);
  assert.deepEqual(listScope(holder), { mandate: 'sr-torture' });
  assert.deepEqual(listScope(focal), { addresseeCode: 'KAZ', sentOnly: true });
  assert.deepEqual(listScope(staff('Officer')), { all: true });
  assert.throws(() => authorizeDecisionBy(holder, 'wgad', 'Alice Jill Edwards'), { code: 'NOT_FOUND' }, 'only for its own mandate');
  assert.throws(() => authorizeDecisionBy(holder, 'sr-torture', 'Someone Else'), { code: 'NOT_FOUND' }, 'only under its own name');
  authorizeDecisionBy(holder, 'sr-torture', 'Alice Jill Edwards');
});
