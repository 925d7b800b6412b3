import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Communication } from '../../src/domain/communication.ts';
import { publicRecordOf, presentPublicCommunication, presentStaffCommunication } from '../../src/presenters/communication-presenter.ts';
import { loadReferenceData } from '../../src/reference/load-reference-data.ts';

const ref = loadReferenceData();

function communication(overrides: Partial<Communication> = {}): Communication {
  return {
    id: '0b6e7c1e-0000-4000-8000-000000000001',
    type: 'AL',
    addresseeId: 'KAZ',
    addresseeCode: 'KAZ',
    language: 'en',
    subject: 'Subject',
    summary: 'Summary',
    body: 'Body',
    questions: ['Q1'],
    draftingStatus: 'sent',
    reference: 'AL KAZ 1/2022',
    sentAt: '2022-01-18T09:00:00.000Z',
    sentDate: '2022-01-18',
    replyDeadline: '2022-03-19',
    replyStatus: 'none',
    publicationStatus: 'published',
    publishDueAt: '2022-03-19T09:00:00.000Z',
    publishedAt: '2022-03-19T09:00:00.000Z',
    holdReason: 'SENTINEL-HOLD-REASON',
    heldUntil: '2022-05-01',
    synthetic: false,
    createdAt: '2022-01-17T09:00:00.000Z',
    createdBy: 'SENTINEL-OFFICER',
    updatedAt: '2022-03-19T09:00:00.000Z',
    version: 9,
    concerns: 'We are concerned about Ivan SENTINEL-VICTIM.',
    annexText: '',
    confidentialAnnex: 'SENTINEL-CONFIDENTIAL-ANNEX',
    pressRelease: false,
    victims: [{ name: 'Ivan SENTINEL-VICTIM', variants: [], publishName: false, publicForm: 'withheld' }],
    citations: [],
    publicVersion: null,
    mandates: [
      { slug: 'sr-assembly', decision: 'approved', decidedBy: 'SENTINEL-HOLDER', decidedAt: '2022-01-17T10:00:00.000Z', note: 'SENTINEL-NOTE' },
      { slug: 'wgad', decision: 'approved', decidedBy: 'SENTINEL-HOLDER', decidedAt: '2022-01-17T10:00:00.000Z', note: null },
    ],
    replies: [{ id: 'r1', receivedOn: '2022-03-01', kind: 'substantive', language: 'ru', summary: 'Reply', recordedAt: 'x', recordedBy: 'SENTINEL-OFFICER' }],
    follows: [
      { id: 'SENTINEL-ID-1', reference: 'AL KAZ 9/2021', published: true },
      { id: 'SENTINEL-ID-2', reference: 'SENTINEL-HELD-REFERENCE', published: false },
    ],
    followedBy: [
      { id: 'SENTINEL-ID-3', reference: null, published: false },
      { id: 'SENTINEL-ID-4', reference: 'UA KAZ 2/2022', published: true },
    ],
    history: [
      { seq: 1, at: '2022-01-17T09:00:00.000Z', actor: 'SENTINEL-OFFICER', action: 'hold', reason: 'SENTINEL-HOLD-REASON', details: null },
      { seq: 2, at: '2022-03-19T09:00:00.000Z', actor: 'SENTINEL-OFFICER', action: 'publish', reason: null, details: { due: 'x' } },
    ],
    ...overrides,
  };
}

test('the public projection is an allow-list of exactly these fields', () => {
  const view = presentPublicCommunication(communication(), ref);
  assert.deepEqual(Object.keys(view ?? {}).sort(), [
    'addressee', 'body', 'concerns', 'displayType', 'firstReplyOn', 'followedBy', 'follows', 'history', 'joint', 'language', 'mandates', 'publishedAt',
    'questions', 'reference', 'replies', 'replyDeadline', 'replyStatus', 'sentDate', 'slug', 'subject', 'summary', 'synthetic', 'type',
  ]);
  assert.equal(view?.displayType, 'JAL');
  assert.equal(view?.slug, 'AL-KAZ-1-2022');
  assert.deepEqual(view?.addressee, { code: 'KAZ', name: 'Kazakhstan' });
  assert.deepEqual(view?.history, [{ date: '2022-03-19', action: 'publish', reason: null }]);
  assert.deepEqual(view?.follows, [{ reference: 'AL KAZ 9/2021', slug: 'AL-KAZ-9-2021' }]);
  assert.deepEqual(view?.followedBy, [{ reference: 'UA KAZ 2/2022', slug: 'UA-KAZ-2-2022' }]);
  assert.equal(view?.concerns, 'We are concerned about [name withheld].');
  assert.doesNotMatch(JSON.stringify(view), /SENTINEL/, 'no actor, note, hold reason, internal id, withheld name or confidential annex leaves in the public view');
});

test('the record the public database stores is the same allow-list, in no language, without links', () => {
  const record = publicRecordOf(communication());
  assert.deepEqual(Object.keys(record ?? {}).sort(), [
    'addressee', 'body', 'concerns', 'displayType', 'firstReplyOn', 'history', 'joint', 'language', 'mandates', 'publishedAt', 'questions', 'reference',
    'replies', 'replyDeadline', 'replyStatus', 'sentAt', 'sentDate', 'slug', 'subject', 'summary', 'synthetic', 'type',
  ]);
  assert.deepEqual(Object.keys(record!.addressee).sort(), ['code', 'id']);
  assert.doesNotMatch(JSON.stringify(record), /SENTINEL/);
  assert.equal(publicRecordOf(communication({ publicationStatus: 'held' })), undefined);
});

test('nothing unpublished is projected for the public', () => {
  for (const publicationStatus of [null, 'scheduled', 'held', 'retracted'] as const) {
    assert.equal(presentPublicCommunication(communication({ publicationStatus }), ref), undefined);
  }
  const record = publicRecordOf(
    communication({ language: 'fr', subject: 'Detention of Ivan Petrov', victims: [{ name: 'Ivan Petrov', variants: [], publishName: false, publicForm: 'withheld' }] }),
  );
  assert.equal(record?.reference, 'AL KAZ 1/2022');
  assert.equal(record?.subject, 'Detention of [nom non divulgué]', 'names are withheld in every public output, in the letter’s language');
});

test('staff see everything, with an overdue reply flagged from the clock', () => {
  const view = presentStaffCommunication(communication(), ref, '2022-03-20');
  assert.equal(view.replyOverdue, true);
  assert.equal(presentStaffCommunication(communication(), ref, '2022-03-19').replyOverdue, false);
  assert.equal(view.holdReason, 'SENTINEL-HOLD-REASON');
  assert.equal(view.mandates[0]?.title, 'Special Rapporteur on the rights to freedom of peaceful assembly and of association');
});
