import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { sql } from 'kysely';
import { addInformation } from '../../src/commands/submissions/add-information.ts';
import { addSubmissionNote } from '../../src/commands/submissions/add-note.ts';
import { changeSubmissionStatus } from '../../src/commands/submissions/change-status.ts';
import { createDraftFromSubmission } from '../../src/commands/submissions/create-draft-from-submission.ts';
import { answerQuestion, messageSource } from '../../src/commands/submissions/send-message.ts';
import { followSubmission } from '../../src/commands/submissions/source-follow.ts';
import { submitIntake } from '../../src/commands/submissions/submit-intake.ts';
import { withdrawConsent } from '../../src/commands/submissions/withdraw-consent.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import { loadCommunication } from '../../src/db/repositories/communications-repository.ts';
import type { AppContext } from '../../src/context.ts';
import { normaliseReceipt, receiptHash } from '../../src/domain/submission.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { PUBLIC, staff, type Principal } from '../../src/policies/principal.ts';
import { presentForSource } from '../../src/presenters/submission-presenter.ts';
import { searchSubmissions } from '../../src/queries/search-submissions.ts';
import { getSourceView, getStaffSubmission, listInbox, revealSubmitter } from '../../src/queries/submission-views.ts';
import { DIALECTS, testContext, type TestStore } from '../support/stores.ts';

/** Distinctive strings for every restricted field, to look for in the store's bytes. */
const SECRET = {
  submitter: 'Zarina Submitterova',
  organisation: 'Qorgau Rights Bureau',
  relationship: 'sister-of-the-victim',
  email: 'zarina.source@example.org',
  phone: '+7-701-555-0199',
  other: 'Signal-only-after-dark',
  victim1: 'Nurlan Victimbekov',
  victim1Details: 'trade-unionist-aged-41',
  victim2: 'Aigerim Detainova',
  victim2Details: 'journalist-aged-29',
  place: 'Zhanaozen-remand-centre-7',
  perpetrators: 'unit-of-riot-police-K9',
  circumstances: 'beaten-during-interrogation-on-night',
  steps: 'habeas-corpus-refused-by-court',
  summary: 'detention-of-two-in-Zhanaozen',
  date: 'fourth-of-January-2022',
};
const MESSAGE = 'source-added-the-name-of-the-investigator';
const NOTE = 'staff-note-credible-corroborated-by-two';
const QUESTION = 'staff-question-which-court-refused';
const ANSWER = 'source-answer-the-city-court';

function intake(extra: Record<string, unknown> = {}) {
  return {
    language: 'en',
    submitter: { name: SECRET.submitter, organisation: SECRET.organisation, relationship: SECRET.relationship, email: SECRET.email, phone: SECRET.phone, other: SECRET.other },
    victims: [
      { name: SECRET.victim1, details: SECRET.victim1Details, publishName: true },
      { name: SECRET.victim2, details: SECRET.victim2Details, publishName: false },
    ],
    incidentDate: SECRET.date,
    place: SECRET.place,
    country: 'KAZ',
    perpetrators: SECRET.perpetrators,
    circumstances: SECRET.circumstances,
    domesticSteps: SECRET.steps,
    summary: SECRET.summary,
    ...extra,
  };
}

async function rowsOf(ctx: AppContext): Promise<string> {
  const tables = ['submissions', 'submission_victims', 'submission_messages', 'submission_notes', 'audit_log', 'attachments'] as const;
  const out: unknown[] = [];
  for (const t of tables) out.push(await ctx.store.db.selectFrom(t).selectAll().execute());
  return JSON.stringify(out);
}

for (const dialect of DIALECTS) {
  describe(`submissions: commands (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let store: TestStore;
    let close: () => Promise<void>;
    const officer = staff('Ana Officer');

    before(async () => {
      ({ ctx, clock, store, close } = await testContext(dialect, '2026-11-29T09:00:00Z'));
    });
    after(() => close());

    it('a submission is stored encrypted: neither the rows nor a copied database file (and its -wal) hold a restricted value in clear', async () => {
      const { submission, receipt } = await submitIntake(ctx, PUBLIC, intake(), [{ name: 'statement.txt', bytes: Buffer.from('plain statement\n') }]);
      assert.match(receipt, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
      const source = await followSubmission(ctx, receipt);
      await addInformation(ctx, source, submission.id, { text: MESSAGE });
      await addSubmissionNote(ctx, officer, submission.id, { text: NOTE });
      await messageSource(ctx, officer, submission.id, { text: QUESTION });

      const rows = await rowsOf(ctx);
      for (const [field, value] of Object.entries({ ...SECRET, MESSAGE, NOTE, QUESTION })) {
        assert.ok(!rows.includes(value), `${field} is in clear in the rows`);
      }
      assert.ok(!rows.includes(normaliseReceipt(receipt)!), 'the receipt code is not stored');
      assert.ok(rows.includes(receiptHash(normaliseReceipt(receipt)!)), 'its digest is');

      if (store.options.kind === 'sqlite') {
        const file = store.options.file;
        const bytes = Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
        assert.ok(existsSync(`${file}-wal`), 'the WAL file is part of the copy');
        for (const [field, value] of Object.entries({ ...SECRET, MESSAGE, NOTE, QUESTION })) {
          assert.equal(bytes.indexOf(Buffer.from(value, 'utf8')), -1, `${field} is in clear in the database file`);
        }
        // The check finds clear text when there is some: the reference is stored in clear.
        assert.notEqual(bytes.indexOf(Buffer.from(submission.reference, 'utf8')), -1);
      }
    });

    it('follows, answers, notes, notifies, withdraws consent and makes a draft that carries the consent', async () => {
      const { submission, receipt } = await submitIntake(ctx, PUBLIC, intake());
      assert.equal(submission.status, 'received');
      const source = await followSubmission(ctx, receipt.toLowerCase().replace(/-/g, ' '));
      assert.deepEqual(source, { kind: 'source', name: 'source', submissionId: submission.id });

      clock.advanceSeconds(300);
      const asked = await messageSource(ctx, officer, submission.id, { text: QUESTION, requestInformation: true });
      assert.equal(asked.status, 'more_information_requested');
      const outbox = await ctx.store.db.selectFrom('outbox').selectAll().where('kind', '=', 'source_status_changed').execute();
      const mine = outbox.filter((m) => m.dedupe_key.startsWith(`source_status_changed:${submission.id}:`));
      assert.equal(mine.length, 1);
      assert.equal(mine[0]!.recipient, SECRET.email);
      assert.ok(mine[0]!.body_text.includes(submission.reference), 'the e-mail names the reference');
      assert.ok(!mine[0]!.body_text.includes(receipt) && !mine[0]!.body_text.includes(normaliseReceipt(receipt)!), 'never the receipt code');
      assert.ok(!mine[0]!.body_text.includes(QUESTION) && !mine[0]!.subject.includes(SECRET.victim1));

      clock.advanceSeconds(300);
      const answered = await answerQuestion(ctx, source, submission.id, { questionId: asked.messageId, text: ANSWER });
      assert.equal(answered.status, 'under_review', 'an answer puts the submission back under review');
      await addSubmissionNote(ctx, officer, submission.id, { text: NOTE });

      const seen = presentForSource(await getSourceView(ctx, source));
      const text = JSON.stringify(seen);
      assert.ok(text.includes(QUESTION) && text.includes(ANSWER));
      assert.ok(!text.includes(NOTE), 'the source never sees staff notes');
      assert.ok(!text.includes('Ana Officer'), 'nor who wrote to it');
      assert.ok(!text.includes(SECRET.victim1) && text.includes('N. V.'), 'victims appear as initials');
      assert.equal(seen.messages.find((m) => m.id === asked.messageId)?.answered, true);

      await changeSubmissionStatus(ctx, officer, submission.id, { status: 'communication_sent' });
      const notified = await ctx.store.db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'like', `source_status_changed:${submission.id}:%`).execute();
      assert.equal(notified.length, 2);

      const withdrawal = await withdrawConsent(ctx, source, submission.id, { victim: 1 });
      assert.deepEqual(withdrawal, { withdrawn: [1], afterDraft: false });
      await assert.rejects(withdrawConsent(ctx, source, submission.id, { victim: 'all' }), { code: 'TRANSITION_INVALID' });

      const draft = await createDraftFromSubmission(ctx, officer, submission.id, { type: 'AL', addressee: 'KAZ', mandates: ['sr-torture'], subject: 'Detention in Zhanaozen' });
      assert.deepEqual(
        draft.victims.map((v) => [v.name, v.publishName]),
        [
          [SECRET.victim1, false],
          [SECRET.victim2, false],
        ],
      );
      const staffView = await getStaffSubmission(ctx, officer, submission.id);
      assert.equal(staffView.header.communicationId, draft.id);
      await assert.rejects(createDraftFromSubmission(ctx, officer, submission.id, { type: 'AL', addressee: 'KAZ', mandates: ['sr-torture'], subject: 'again' }), { code: 'TRANSITION_INVALID' });
      assert.ok(await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, draft.id));
    });

    it('a withdrawal after the draft is recorded and flagged to staff', async () => {
      const { submission, receipt } = await submitIntake(ctx, PUBLIC, intake());
      const draft = await createDraftFromSubmission(ctx, officer, submission.id, { type: 'UA', addressee: 'KAZ', mandates: ['sr-torture'], subject: 'Urgent' });
      assert.deepEqual(draft.victims.map((v) => v.publishName), [true, false], 'the draft carries each victim’s consent');
      const source = await followSubmission(ctx, receipt);
      const result = await withdrawConsent(ctx, source, submission.id, { victim: 'all' });
      assert.deepEqual(result, { withdrawn: [1], afterDraft: true });
      const inbox = await listInbox(ctx, officer);
      const item = inbox.items.find((i) => i.header.id === submission.id);
      assert.ok(item?.header.consentChangedAfterDraftAt, 'flagged in the inbox');
      const audit = await ctx.store.db.selectFrom('audit_log').selectAll().where('record_id', '=', submission.id).where('action', '=', 'submission.consent_withdrawn').execute();
      assert.equal(audit.length, 1);
      assert.deepEqual(JSON.parse(audit[0]!.details!), { victims: [1], afterDraft: true, communicationId: draft.id });
    });

    it('the identity is read only on request, and the read is audited', async () => {
      const { submission } = await submitIntake(ctx, PUBLIC, intake());
      const view = JSON.stringify(await getStaffSubmission(ctx, officer, submission.id));
      assert.ok(view.includes(SECRET.circumstances));
      assert.ok(!view.includes(SECRET.submitter) && !view.includes(SECRET.email), 'the staff view leaves the identity out');
      const before = await ctx.store.db.selectFrom('audit_log').select('seq').where('action', '=', 'read.source_identity').where('record_id', '=', submission.id).execute();
      const revealed = await revealSubmitter(ctx, officer, submission.id);
      assert.equal(revealed.identity.name, SECRET.submitter);
      assert.equal(revealed.contact.email, SECRET.email);
      const afterRead = await ctx.store.db.selectFrom('audit_log').select(['seq', 'actor']).where('action', '=', 'read.source_identity').where('record_id', '=', submission.id).execute();
      assert.equal(afterRead.length, before.length + 1);
      assert.equal(afterRead.at(-1)!.actor, 'Ana Officer');
    });

    it('nobody but case officers reads a submission, and a refused request changes nothing', async () => {
      const a = await submitIntake(ctx, PUBLIC, intake());
      const b = await submitIntake(ctx, PUBLIC, intake({ summary: 'the other one' }));
      const sourceB = await followSubmission(ctx, b.receipt);
      const holder: Principal = { kind: 'staff', name: 'Alice Jill Edwards', role: 'mandate_holder', mandate: 'sr-torture' };
      const snapshot = await rowsOf(ctx);
      await assert.rejects(getSourceView(ctx, { kind: 'source', name: 'source', submissionId: '00000000-0000-4000-8000-000000000000' }), { code: 'NOT_FOUND' });
      await assert.rejects(addInformation(ctx, sourceB, a.submission.id, { text: 'intrusion' }), { code: 'NOT_FOUND' });
      await assert.rejects(withdrawConsent(ctx, sourceB, a.submission.id, { victim: 'all' }), { code: 'NOT_FOUND' });
      await assert.rejects(getStaffSubmission(ctx, holder, a.submission.id), { code: 'NOT_FOUND' });
      await assert.rejects(revealSubmitter(ctx, holder, a.submission.id), { code: 'NOT_FOUND' });
      await assert.rejects(revealSubmitter(ctx, sourceB, b.submission.id), { code: 'NOT_FOUND' });
      await assert.rejects(changeSubmissionStatus(ctx, sourceB, b.submission.id, { status: 'closed' }), { code: 'NOT_FOUND' });
      await assert.rejects(addSubmissionNote(ctx, PUBLIC, a.submission.id, { text: 'x' }), { code: 'NOT_FOUND' });
      await assert.rejects(searchSubmissions(ctx, holder, 'Zhanaozen', 10), { code: 'NOT_FOUND' });
      await assert.rejects(followSubmission(ctx, 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA'), { code: 'NOT_FOUND' });
      await assert.rejects(followSubmission(ctx, 'not a code'), { code: 'NOT_FOUND' });
      await assert.rejects(changeSubmissionStatus(ctx, officer, a.submission.id, { status: 'received' }), { code: 'TRANSITION_INVALID' });
      await assert.rejects(submitIntake(ctx, PUBLIC, intake({ victims: [] })), { code: 'VALIDATION_FAILED' });
      await assert.rejects(submitIntake(ctx, PUBLIC, intake({ submitter: { name: '' } })), { code: 'VALIDATION_FAILED' });
      await assert.rejects(submitIntake(ctx, PUBLIC, intake({ country: 'XXX' })), { code: 'ADDRESSEE_UNKNOWN' });
      await assert.rejects(submitIntake(ctx, PUBLIC, intake(), [{ name: 'a.txt', bytes: Buffer.from('ok\n') }, { name: 'b.exe', bytes: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]) }]), { code: 'ATTACHMENT_TYPE_REFUSED' });
      assert.equal(await rowsOf(ctx), snapshot, 'nothing changed');
    });

    it('search matches decrypted fields for case officers only, bounded', async () => {
      await submitIntake(ctx, PUBLIC, intake({ summary: 'Disappearance near Aktau port', place: 'Aktáu' }));
      const hits = await searchSubmissions(ctx, officer, 'aktau DISAPPEARANCE', 10);
      assert.ok(hits.length >= 1);
      assert.ok(hits.every((h) => h.summary.includes('Aktau')));
      assert.ok(hits[0]!.matched.includes('summary') && hits[0]!.matched.includes('place'), 'accents and case aside');
      assert.equal((await searchSubmissions(ctx, officer, SECRET.submitter, 10)).length, 0, 'the identity is never searched');
      assert.ok((await searchSubmissions(ctx, officer, SECRET.victim2.toLowerCase(), 2)).length <= 2);
      assert.deepEqual(await searchSubmissions(ctx, officer, '   ', 10), []);
      const count = await ctx.store.db.selectFrom('submissions').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      assert.ok(Number(count.n) > 0);
    });

    it('every write is in the audit chain, which still verifies', async () => {
      const actions = await ctx.store.db.selectFrom('audit_log').select('action').where('record_type', '=', 'submission').execute();
      const seen = new Set(actions.map((a) => a.action));
      for (const a of ['received', 'information_added', 'answered', 'message_sent', 'note_added', 'status_changed', 'consent_withdrawn', 'draft_created']) {
        assert.ok(seen.has(`submission.${a}`), a);
      }
      const report = await verifyAudit(ctx);
      assert.equal(report.ok, true, JSON.stringify(report.problems));
    });
  });
}
