import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';
import {
  communicationSentMessage,
  draftAwaitingDecisionMessage,
  replyOverdueMessage,
  replyReceivedMessage,
  safeDraftSubject,
  sourceStatusChangedMessage,
} from '../../src/notifications/notification-messages.ts';

const victim = { name: 'Aigerim Nurlanovna', variants: ['Nurlanovna'], publishName: true, publicForm: 'initials' as const };

describe('notification messages', () => {
  test('each kind in English, French and Spanish, with the reference, dates and a link path', () => {
    const sent = { reference: 'AL KAZ 1/2022', sentDate: '2022-01-18', replyDeadline: '2022-03-19' };
    assert.deepEqual(communicationSentMessage('en', sent).subject, 'Communication AL KAZ 1/2022');
    assert.match(communicationSentMessage('en', sent).text, /reference AL KAZ 1\/2022, dated 18 January 2022\. A reply is requested by 19 March 2022\./);
    assert.match(communicationSentMessage('en', sent).text, /^Link: \/government\/communications\/AL-KAZ-1-2022$/m);
    assert.match(communicationSentMessage('fr', sent).text, /datée du 18 janvier 2022\. Une réponse est attendue d’ici le 19 mars 2022/);
    assert.match(communicationSentMessage('es', sent).text, /de fecha 18 de enero de 2022/);

    const c = { id: 'c-1', reference: 'UA BRA 3/2026', replyDeadline: '2026-03-01' };
    assert.equal(replyReceivedMessage('fr', c, '2026-02-10').subject, 'Réponse reçue : UA BRA 3/2026');
    assert.match(replyReceivedMessage('es', c, '2026-02-10').text, /Se recibió una respuesta a la comunicación UA BRA 3\/2026 el 10 de febrero de 2026\./);
    assert.match(replyReceivedMessage('en', c, '2026-02-10').text, /^Link: \/staff\/communications\/c-1$/m);
    assert.equal(replyOverdueMessage('es', c, 'staff').subject, 'Respuesta vencida: UA BRA 3/2026');
    assert.match(replyOverdueMessage('en', c, 'government').text, /due by 1 March 2026[\s\S]*Link: \/government\/communications\/UA-BRA-3-2026/);

    const draft = { id: 'd-1', subject: 'Arbitrary detention of a journalist', victims: [] };
    assert.equal(draftAwaitingDecisionMessage('fr', draft).subject, 'Projet en attente de votre décision : Arbitrary detention of a journalist');

    assert.equal(sourceStatusChangedMessage('es', { receipt: 'R-7K2M', status: 'under_review' }).subject, 'Su envío R-7K2M');
    assert.match(sourceStatusChangedMessage('fr', { receipt: 'R-7K2M', status: 'under_review' }).text, /a changé : en cours d’examen\./);
    assert.match(sourceStatusChangedMessage('en', { receipt: 'R-7K2M', status: 'archived' }).text, /has changed: archived\./, 'an unknown status shows as its code');
  });

  test('every language of the catalogues, and English for an unknown one', () => {
    const c = { id: 'c-1', reference: 'AL KAZ 1/2022', replyDeadline: '2022-03-19' };
    for (const lang of ['ru', 'ar', 'zh']) {
      const m = replyOverdueMessage(lang, c, 'staff');
      assert.ok(m.subject.includes('AL KAZ 1/2022'));
      assert.doesNotMatch(m.text, /notify\./, `${lang}: every key has a message`);
    }
    assert.equal(replyOverdueMessage('de', c, 'staff').subject, 'Reply overdue: AL KAZ 1/2022');
    // A date written with an abbreviation ("19 марта 2022 г.") must not end a sentence with a second full stop.
    for (const lang of ['en', 'fr', 'es', 'ru', 'ar', 'zh']) {
      const texts = [
        communicationSentMessage(lang, { reference: 'AL KAZ 1/2022', sentDate: '2022-01-18', replyDeadline: '2022-03-19' }).text,
        replyReceivedMessage(lang, c, '2022-02-10').text,
        replyOverdueMessage(lang, c, 'staff').text,
      ];
      for (const text of texts) assert.doesNotMatch(text, /\.\./, `${lang}: ${text}`);
    }
  });

  test('a draft subject withholds every victim name, even one that may be published, and stays one short line', () => {
    assert.equal(safeDraftSubject('Detention of Aigerim Nurlanovna (Nurlanovna) in Almaty', [victim], '[name withheld]'), 'Detention of [name withheld] ([name withheld]) in Almaty');
    const m = draftAwaitingDecisionMessage('en', { id: 'd-1', subject: 'Case of NURLANOVNA\r\nBcc: x@example.org', victims: [victim] });
    assert.equal(m.subject, 'Draft awaiting your decision: Case of [name withheld] Bcc: x@example.org');
    assert.doesNotMatch(m.text, /Nurlanovna/i);
    const long = draftAwaitingDecisionMessage('en', { id: 'd-1', subject: 'x'.repeat(400), victims: [] }).subject;
    assert.ok(long.length <= 150 && long.endsWith('…'));
  });

  test('SMTP_URL and MAIL_FROM are optional, but a mail server needs a sender', () => {
    assert.equal(loadConfig({}).smtpUrl, undefined);
    const config = loadConfig({ SMTP_URL: 'smtp://mail.example.org:587', MAIL_FROM: 'Rapporteur <no-reply@example.org>' });
    assert.equal(config.smtpUrl, 'smtp://mail.example.org:587');
    assert.equal(config.mailFrom, 'Rapporteur <no-reply@example.org>');
    assert.throws(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org' }), { code: 'VALIDATION_FAILED', details: { variable: 'MAIL_FROM' } });
    assert.throws(() => loadConfig({ SMTP_URL: 'http://mail.example.org', MAIL_FROM: 'a@b.org' }), { code: 'VALIDATION_FAILED', details: { variable: 'SMTP_URL' } });
  });
});
