import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { approvePublicVersion } from '../../src/commands/approve-public-version.ts';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import type { AppContext } from '../../src/context.ts';
import { listOutboxMessages } from '../../src/db/repositories/outbox-repository.ts';
import type { Database } from '../../src/db/schema.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import type { Communication } from '../../src/domain/communication.ts';
import { deliverOutbox } from '../../src/notifications/deliver-outbox.ts';
import { createSmtpMailer, type Mailer } from '../../src/notifications/mailer.ts';
import {
  findOverdueReplies,
  notifyCommunicationSent,
  notifyDraftAwaitingDecision,
  notifyReplyOverdue,
  notifyReplyReceived,
  notifySourceStatusChanged,
  type Recipient,
} from '../../src/notifications/notification-events.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { HOLDERS_2022, OFFICER, sendNew } from '../support/workflow.ts';
import { SmtpSink } from './smtp-sink.ts';

// Names of victims as the letter records them: one withheld, one whose name may be published. Neither may
// appear in any e-mail, in any spelling.
const VICTIMS = [
  { name: 'Aigerim Nurlanovna', variants: ['Nurlanovna'], publishName: false, publicForm: 'initials' as const },
  { name: 'Dauren Bekmaganbetov', variants: [], publishName: true, publicForm: 'initials' as const },
];
const NAME_PARTS = /aigerim|nurlanovna|dauren|bekmaganbetov/i;

const HOLDERS: Recipient[] = [
  { address: 'holder.assembly@ohchr.example', lang: 'en' },
  { address: 'titulaire.wgad@ohchr.example', lang: 'fr' },
  { address: 'Holder.Assembly@OHCHR.example', lang: 'en' },
];
const FOCAL_POINTS: Recipient[] = [{ address: 'focal.point@mission-kaz.example', lang: 'ru' }];
const STAFF: Recipient[] = [{ address: 'case.officer@ohchr.example', lang: 'es' }];

for (const dialect of DIALECTS) {
  describe(`notification events on ${dialect}`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let sink: SmtpSink;
    let mailer: Mailer;
    let letter: Communication;
    let replied: Communication;
    let acknowledged: Communication;
    const inTx = <T>(run: (tx: Kysely<Database>) => Promise<T>) => ctx.store.db.transaction().execute(run);
    const overdueJob = async () => {
      let added = 0;
      for (const o of await findOverdueReplies(ctx.store.db, clock.now())) {
        added += await inTx((tx) => notifyReplyOverdue(tx, o, STAFF, clock.now()));
      }
      return added;
    };

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2022-01-18T09:00:00Z'));
      sink = await SmtpSink.start();
      mailer = createSmtpMailer(sink.url(), 'Rapporteur <no-reply@example.org>');
    });
    after(async () => {
      mailer.close();
      await sink.close();
      await close();
    });

    test('a draft awaiting decision tells each holder once, in their language, with the names withheld', async () => {
      const mandates = ['sr-assembly', 'wgad'];
      const created = await createDraft(ctx, OFFICER, {
        type: 'AL',
        addressee: 'KAZ',
        mandates,
        subject: 'Detention of Aigerim Nurlanovna and Dauren Bekmaganbetov',
        summary: 'Aigerim Nurlanovna was detained in Almaty; Dauren Bekmaganbetov was beaten.',
        body: 'According to the information received, Ms. Nurlanovna …',
        questions: ['Please provide information on the whereabouts of Aigerim Nurlanovna.'],
        victims: VICTIMS,
      });
      const draft = await submitDraft(ctx, OFFICER, created.id);
      assert.equal(await inTx((tx) => notifyDraftAwaitingDecision(tx, draft, HOLDERS, clock.now())), 2, 'the same address in another case is one recipient');
      assert.equal(await inTx((tx) => notifyDraftAwaitingDecision(tx, draft, HOLDERS, clock.now())), 0, 'the same event never mails twice');
      const rows = await listOutboxMessages(ctx.store.db, { limit: 10 });
      assert.deepEqual(rows.map((r) => r.recipient).sort(), ['holder.assembly@ohchr.example', 'titulaire.wgad@ohchr.example']);
      assert.ok(rows.some((r) => r.subject === 'Projet en attente de votre décision : Detention of [nom non divulgué] and [nom non divulgué]'));
      assert.ok(rows.some((r) => r.dedupeKey === `draft_awaiting_decision:${draft.id}:${draft.version}:holder.assembly@ohchr.example`));

      for (const m of mandates) await decideDraft(ctx, OFFICER, draft.id, { mandate: m, decision: 'approved', holder: HOLDERS_2022[m] });
      await approvePublicVersion(ctx, OFFICER, draft.id);
      letter = await sendCommunication(ctx, OFFICER, draft.id);
    });

    test('a communication sent tells the focal points its reference and deadline', async () => {
      assert.equal(await inTx((tx) => notifyCommunicationSent(tx, letter, FOCAL_POINTS, clock.now())), 1);
      const [row] = await listOutboxMessages(ctx.store.db, { dedupeKey: `communication_sent:${letter.id}:focal.point@mission-kaz.example` });
      assert.equal(row?.subject, `Сообщение ${letter.reference}`);
      assert.match(row?.text ?? '', /18 января 2022 г\. направили сообщение под номером AL KAZ 1\/2022\. Ответ запрашивается до 19 марта 2022 г\. включительно\./);
      assert.match(row?.text ?? '', /\/government\/communications\/AL-KAZ-1-2022/);
    });

    test('a reply received tells staff; an overdue reply is found after its deadline day, and reminded once', async () => {
      replied = await sendNew(ctx, { addressee: 'BRA' });
      acknowledged = await sendNew(ctx, { addressee: 'USA', type: 'OL', mandates: ['sr-terrorism'] });
      clock.set('2022-02-10T09:00:00Z');
      const after = await recordReply(ctx, OFFICER, replied.reference!, { receivedOn: '2022-02-09', kind: 'substantive', summary: 'Aigerim Nurlanovna was released.' });
      await recordReply(ctx, OFFICER, acknowledged.reference!, { receivedOn: '2022-02-09', kind: 'acknowledgment' });
      const reply = after.replies[0]!;
      assert.equal(await inTx((tx) => notifyReplyReceived(tx, after, reply, STAFF, clock.now())), 1);
      assert.equal(await inTx((tx) => notifyReplyReceived(tx, after, reply, STAFF, clock.now())), 0);
      const [row] = await listOutboxMessages(ctx.store.db, { dedupeKey: `reply_received:${reply.id}:case.officer@ohchr.example` });
      assert.equal(row?.subject, `Respuesta recibida: ${replied.reference}`);

      // The deadline (60 days after 18 January: 19 March, Geneva) is still on time on its own day.
      clock.set('2022-03-19T22:59:00Z');
      assert.deepEqual(await findOverdueReplies(ctx.store.db, clock.now()), []);
      clock.set('2022-03-19T23:00:00Z'); // midnight in Geneva
      const overdue = await findOverdueReplies(ctx.store.db, clock.now());
      assert.deepEqual(overdue.map((o) => o.reference).sort(), [acknowledged.reference, letter.reference].sort(), 'an acknowledgment alone is no reply');
      assert.deepEqual(overdue.find((o) => o.id === letter.id), {
        id: letter.id, reference: letter.reference, addresseeCode: 'KAZ', replyDeadline: '2022-03-19', sentDate: '2022-01-18',
      });
      assert.equal(await overdueJob(), 2);
      clock.advanceDays(1);
      assert.equal(await overdueJob(), 0, 'the periodic job is idempotent');
      const reminder = (await listOutboxMessages(ctx.store.db, { dedupeKey: `reply_overdue:${letter.id}:case.officer@ohchr.example` }))[0];
      assert.equal(reminder?.subject, `Respuesta vencida: ${letter.reference}`);
    });

    test('a source hears of a status change only if it gave an address, once per status', async () => {
      const submission = { id: 'sub-1', receipt: 'R-7K2M-Q9', status: 'under_review' };
      assert.equal(await inTx((tx) => notifySourceStatusChanged(tx, submission, null, clock.now())), 0);
      const source = { address: 'source@ngo.example', lang: 'fr' };
      assert.equal(await inTx((tx) => notifySourceStatusChanged(tx, submission, source, clock.now())), 1);
      assert.equal(await inTx((tx) => notifySourceStatusChanged(tx, submission, source, clock.now())), 0);
      assert.equal(await inTx((tx) => notifySourceStatusChanged(tx, { ...submission, status: 'closed' }, source, clock.now())), 1);
      const rows = await listOutboxMessages(ctx.store.db, { limit: 100 });
      assert.equal(rows.filter((r) => r.kind === 'source_status_changed').length, 2);
    });

    test('a draft is not "sent": the events that need a reference refuse it', async () => {
      const draft = await createDraft(ctx, OFFICER, { type: 'AL', addressee: 'KAZ', mandates: ['wgad'], subject: 'A draft' });
      await assert.rejects(inTx((tx) => notifyCommunicationSent(tx, draft, FOCAL_POINTS, clock.now())), { code: 'TRANSITION_INVALID' });
    });

    test('no victim’s name appears in any notification, stored or delivered', async () => {
      const report = await deliverOutbox(ctx, mailer);
      const rows = await listOutboxMessages(ctx.store.db, { limit: 100 });
      assert.equal(report.sent, rows.length);
      assert.equal(sink.messages.length, rows.length);
      assert.deepEqual(new Set(rows.map((r) => r.kind)), new Set(['draft_awaiting_decision', 'communication_sent', 'reply_received', 'reply_overdue', 'source_status_changed']));
      for (const r of rows) {
        assert.doesNotMatch(`${r.subject}\n${r.text}`, NAME_PARTS, `${r.kind} to ${r.recipient}`);
        assert.doesNotMatch(r.text, /Almaty|whereabouts|released/, 'nothing of the letter or the reply');
      }
      for (const m of sink.messages) {
        assert.doesNotMatch(`${m.subject}\n${m.text}`, NAME_PARTS);
        assert.doesNotMatch(m.raw, NAME_PARTS);
      }
      const toHolder = sink.messages.find((m) => m.envelopeTo[0] === 'titulaire.wgad@ohchr.example');
      assert.equal(toHolder?.subject, 'Projet en attente de votre décision : Detention of [nom non divulgué] and [nom non divulgué]');
      assert.match(toHolder?.text ?? '', new RegExp(`Lien : /staff/communications/${letter.id}`));
    });
  });
}
