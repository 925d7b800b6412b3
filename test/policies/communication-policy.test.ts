import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Communication } from '../../src/domain/communication.ts';
import { allowCommunication, authorizeCommunication, authorizeMandateDecision, type CommunicationAction } from '../../src/policies/communication-policy.ts';
import { PUBLIC, SYSTEM, staff } from '../../src/policies/principal.ts';
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
