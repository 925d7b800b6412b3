import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { loadCommunication } from '../../src/db/repositories/communications-repository.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { readyAccount } from '../support/accounts.ts';
import { browserFor, type Browser } from '../support/http-session.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { pngWithMetadata } from '../files/fixtures.ts';
import { receiptOf, referenceOf, Visitor, type FilePart } from './intake-http.ts';

const XSS = `<script>alert(1)</script>"'><img src=x onerror=alert(2)>`;
const NOTE = 'internal-note-source-seems-reliable';

/** The fields of the public form, as a person fills them in. */
function formFields(extra: Record<string, string> = {}): Record<string, string> {
  return {
    victim1_name: 'Daniyar Testov',
    victim1_details: 'teacher, 38',
    victim1_publish: 'yes',
    victim2_name: 'Saule Testova',
    victim2_details: '',
    victim2_publish: 'no',
    victim3_name: '',
    victim3_details: '',
    incidentDate: '5 January 2022',
    place: 'Almaty, pre-trial detention centre',
    country: 'KAZ',
    perpetrators: 'police officers',
    circumstances: 'Arrested at a protest and held incommunicado.',
    domesticSteps: 'A complaint to the prosecutor, unanswered.',
    summary: 'Incommunicado detention in Almaty',
    name: 'Gulnara Reporter',
    organisation: '',
    relationship: 'sister',
    email: 'gulnara.reporter@example.org',
    phone: '',
    other: '',
    website: '',
    ...extra,
  };
}

async function count(ctx: AppContext, table: 'submissions' | 'attachments' | 'audit_log' | 'submission_messages'): Promise<number> {
  const row = await ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A fresh visitor that fills in the form and submits it; returns the receipt page. */
async function submit(app: FastifyInstance, address: string, fields: Record<string, string>, files: FilePart[] = []): Promise<{ visitor: Visitor; res: LightMyRequestResponse }> {
  const visitor = new Visitor(app, address);
  const form = await visitor.open('/submit');
  assert.equal(form.statusCode, 200);
  return { visitor, res: await visitor.multipart('/submit', fields, files) };
}

for (const dialect of DIALECTS) {
  describe(`intake pages (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let officer: Browser;
    let ip = 0;
    const nextIp = () => `198.51.100.${++ip}`;

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2026-11-29T09:00:00Z'));
      app = await buildApp(ctx);
      const ana = await readyAccount(ctx, clock, { email: 'ana@example.org', displayName: 'Ana Officer', role: 'case_officer' });
      officer = browserFor(app, ctx, ana.sessionToken);
    });
    after(async () => {
      await app.close();
      await close();
    });

    it('the form works without JavaScript: plain multipart POST with the token of the form cookie, then the receipt, the status page and messages both ways', async () => {
      const form = await new Visitor(app, nextIp()).open('/fr/submit');
      assert.equal(form.statusCode, 200);
      assert.equal(form.headers['cache-control'], 'no-store');
      assert.ok(!form.body.includes('<script'), 'no script on the page');
      assert.match(form.body, /class="intake-hp" aria-hidden="true"/);
      assert.ok(form.body.includes('Transmettre des informations'));

      const { visitor, res } = await submit(app, nextIp(), formFields(), [{ field: 'files', filename: 'photo.png', contentType: 'image/png', bytes: pngWithMetadata() }]);
      assert.equal(res.statusCode, 200, res.body);
      const code = receiptOf(res.body);
      assert.match(code, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
      assert.equal(res.headers['cache-control'], 'no-store');
      const sub = await ctx.store.db.selectFrom('submissions').selectAll().where('reference', '=', referenceOf(res.body)).executeTakeFirstOrThrow();
      const audit = await ctx.store.db.selectFrom('audit_log').selectAll().where('record_id', '=', sub.id).execute();
      assert.deepEqual(audit.map((a) => [a.action, a.actor]), [['submission.received', 'source']]);

      // The code opens the status page; it travels in the POST body only.
      const status = await visitor.form('/follow', { code });
      assert.equal(status.statusCode, 200);
      assert.ok(status.body.includes('Received') && status.body.includes(sub.reference));
      const sourcePages: string[] = [status.body];

      // Staff: the inbox, the submission, a question, a note.
      const inbox = await officer.get('/staff/submissions');
      assert.equal(inbox.statusCode, 200);
      assert.ok(inbox.body.includes(sub.reference) && inbox.body.includes('Incommunicado detention in Almaty'));
      const page = await officer.get(`/staff/submissions/${sub.id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Arrested at a protest'));
      assert.ok(!page.body.includes('Gulnara Reporter') && !page.body.includes('gulnara.reporter@example.org'), 'identity hidden until asked');
      const [attachment] = await ctx.store.db.selectFrom('attachments').selectAll().where('owner_id', '=', sub.id).execute();
      assert.ok(attachment && page.body.includes(`/staff/attachments/${attachment.id}`));

      assert.equal((await officer.post(`/staff/submissions/${sub.id}/message`, { text: 'Which prosecutor’s office?', requestInformation: 'yes' })).statusCode, 303);
      assert.equal((await officer.post(`/staff/submissions/${sub.id}/note`, { text: NOTE })).statusCode, 303);
      const outbox = await ctx.store.db.selectFrom('outbox').selectAll().where('dedupe_key', 'like', `source_status_changed:${sub.id}:%`).execute();
      assert.equal(outbox.length, 1, 'the question notified the source');
      assert.equal(outbox[0]!.recipient, 'gulnara.reporter@example.org');
      assert.ok(!outbox[0]!.body_text.includes(code.replace(/-/g, '')) && !outbox[0]!.body_text.includes(code));

      // The source sees the question and answers it (urlencoded), then adds information with a file (multipart).
      const asked = await visitor.form('/follow', { code });
      sourcePages.push(asked.body);
      assert.ok(asked.body.includes('Which prosecutor’s office?'));
      assert.ok(asked.body.includes('More information requested'));
      const questionId = /name="questionId" value="([^"]+)"/.exec(asked.body)?.[1];
      assert.ok(questionId);
      const answered = await visitor.form('/follow/answer', { code, questionId, text: 'The city prosecutor.' });
      assert.equal(answered.statusCode, 200);
      sourcePages.push(answered.body);
      assert.ok(answered.body.includes('Your answer has been sent.') && answered.body.includes('Under review'));
      const added = await visitor.multipart('/follow/add', { code, text: 'He was moved to another centre.' }, [{ field: 'files', filename: 'note.txt', contentType: 'text/plain', bytes: Buffer.from('moved on 9 January\n') }]);
      assert.equal(added.statusCode, 200, added.body);
      sourcePages.push(added.body);
      assert.ok(added.body.includes('He was moved to another centre.'));

      const staffAfter = await officer.get(`/staff/submissions/${sub.id}`);
      assert.ok(staffAfter.body.includes('The city prosecutor.') && staffAfter.body.includes('He was moved to another centre.') && staffAfter.body.includes(NOTE));

      // Status change notifies (the outbox), and the source sees it.
      assert.equal((await officer.post(`/staff/submissions/${sub.id}/status`, { status: 'communication_sent' })).statusCode, 303);
      assert.equal((await ctx.store.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', `source_status_changed:${sub.id}:%`).execute()).length, 2);

      // Consent withdrawn for victim 1, then a draft from the submission carries both names withheld.
      const withdrawn = await visitor.form('/follow/withdraw-consent', { code, victim: '1' });
      assert.equal(withdrawn.statusCode, 200);
      sourcePages.push(withdrawn.body);
      assert.ok(withdrawn.body.includes('Your consent has been withdrawn'));
      const draft = await officer.post(`/staff/submissions/${sub.id}/draft`, { type: 'AL', addressee: 'KAZ', mandates: ['sr-torture', 'wgad'], language: 'en', subject: 'Detention in Almaty' });
      assert.equal(draft.statusCode, 303, draft.body);
      const linked = await ctx.store.db.selectFrom('submissions').select('communication_id').where('id', '=', sub.id).executeTakeFirstOrThrow();
      // The letter's victims are stored encrypted: read them as the application does.
      const comm = await loadCommunication(ctx.store.db, ctx.store.dialect, ctx.keys.field, linked.communication_id!);
      assert.deepEqual(
        comm!.victims.map((v) => [v.name, v.publishName]),
        [
          ['Daniyar Testov', false],
          ['Saule Testova', false],
        ],
      );

      sourcePages.push((await visitor.form('/follow', { code })).body);
      for (const body of sourcePages) {
        assert.ok(!body.includes(NOTE), 'a staff note never reaches a source page');
        assert.ok(!body.includes('Ana Officer'), 'nor the name of the staff member');
        assert.ok(!body.includes('Daniyar Testov'), 'the source page shows initials');
        assert.ok(!body.includes('Gulnara Reporter'));
      }

      // The identity, on an explicit POST, audited.
      const identity = await officer.post(`/staff/submissions/${sub.id}/identity`);
      assert.equal(identity.statusCode, 200);
      assert.ok(identity.body.includes('Gulnara Reporter') && identity.body.includes('gulnara.reporter@example.org'));
      assert.equal(identity.headers['cache-control'], 'no-store');
      const reads = await ctx.store.db.selectFrom('audit_log').select(['action', 'actor']).where('record_id', '=', sub.id).where('action', '=', 'read.source_identity').execute();
      assert.deepEqual(reads, [{ action: 'read.source_identity', actor: 'Ana Officer' }]);

      // Attachments by id only: the cleaned copy by default, the original on request; both audited.
      const cleaned = await officer.get(`/staff/attachments/${attachment.id}`);
      assert.equal(cleaned.statusCode, 200);
      assert.equal(cleaned.headers['x-content-type-options'], 'nosniff');
      assert.match(String(cleaned.headers['content-disposition']), /^attachment; filename="photo\.png"/);
      assert.equal(cleaned.headers['content-type'], 'image/png');
      const original = await officer.get(`/staff/attachments/${attachment.id}?version=original`);
      assert.ok(original.rawPayload.equals(pngWithMetadata()), 'the original is unchanged');
      assert.ok(cleaned.rawPayload.length < original.rawPayload.length, 'metadata removed from the copy');
      const downloads = await ctx.store.db.selectFrom('audit_log').select('action').where('record_id', '=', attachment.id).orderBy('seq').execute();
      assert.deepEqual(downloads.map((d) => d.action), ['read.attachment.cleaned', 'read.attachment.original']);
    });

    it('another source’s receipt code sees nothing of this one; an unknown code gets the same page', async () => {
      const a = await submit(app, nextIp(), formFields({ summary: 'first-submission-summary', circumstances: 'first-secret-circumstances' }));
      const b = await submit(app, nextIp(), formFields({ summary: 'second-submission-summary' }));
      const codeA = receiptOf(a.res.body);
      const codeB = receiptOf(b.res.body);
      const refA = referenceOf(a.res.body);
      const idA = (await ctx.store.db.selectFrom('submissions').select('id').where('reference', '=', refA).executeTakeFirstOrThrow()).id;
      await officer.post(`/staff/submissions/${idA}/message`, { text: 'message-only-for-source-A' });
      const pageB = await b.visitor.form('/follow', { code: codeB });
      assert.equal(pageB.statusCode, 200);
      assert.ok(!pageB.body.includes(refA) && !pageB.body.includes('message-only-for-source-A'));
      // B's code cannot act on A: every action resolves the code to B's own submission.
      const before = await count(ctx, 'submission_messages');
      const forged = await b.visitor.form('/follow', { code: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE' });
      assert.equal(forged.statusCode, 404);
      assert.ok(forged.body.includes('name="code"'));
      // A's code with its last character changed (to one it does not already end with).
      const nearA = `${codeA.slice(0, -1)}${codeA.endsWith('0') ? '1' : '0'}`;
      const forgedAdd = await b.visitor.form('/follow/add', { code: nearA, text: 'intrusion' });
      assert.equal(forgedAdd.statusCode, 404);
      assert.equal(await count(ctx, 'submission_messages'), before);
      // Staff pages are not for sources or the public.
      const anon = await app.inject({ method: 'GET', url: `/staff/submissions/${idA}` });
      assert.equal(anon.statusCode, 303);
    });

    it('a filled honeypot stores nothing, and the page looks like success', async () => {
      const before = await Promise.all([count(ctx, 'submissions'), count(ctx, 'attachments'), count(ctx, 'audit_log')]);
      const { res } = await submit(app, nextIp(), formFields({ website: 'http://spam.example' }), [{ field: 'files', filename: 'x.txt', bytes: Buffer.from('spam\n') }]);
      assert.equal(res.statusCode, 200);
      assert.match(receiptOf(res.body), /^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
      assert.deepEqual(await Promise.all([count(ctx, 'submissions'), count(ctx, 'attachments'), count(ctx, 'audit_log')]), before);
    });

    it('rate-limits submissions per address', async () => {
      const address = nextIp();
      const visitor = new Visitor(app, address);
      await visitor.open('/submit');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await visitor.multipart('/submit', formFields({ website: 'bot' }))).statusCode);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
      const other = await submit(app, nextIp(), formFields({ website: 'bot' }));
      assert.equal(other.res.statusCode, 200, 'another address is not affected');
    });

    it('refuses a form without its CSRF token, a wrong file type, too many files and an oversize file, with codes, storing nothing', async () => {
      const before = await Promise.all([count(ctx, 'submissions'), count(ctx, 'attachments'), count(ctx, 'audit_log')]);
      const noToken = new Visitor(app, nextIp());
      await noToken.open('/submit');
      noToken.csrf = 'forged';
      const csrf = await noToken.multipart('/submit', formFields());
      assert.equal(csrf.statusCode, 403);
      assert.ok(csrf.body.includes('CSRF_INVALID'));

      const exe = await submit(app, nextIp(), formFields({ circumstances: 'kept-after-refusal' }), [{ field: 'files', filename: 'tool.exe', bytes: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]) }]);
      assert.equal(exe.res.statusCode, 415);
      assert.ok(exe.res.body.includes('role="alert"'));
      assert.ok(exe.res.body.includes('kept-after-refusal'), 'the form is shown again with what was typed');

      const many = await submit(app, nextIp(), formFields(), Array.from({ length: ctx.files.limits.maxFilesPerOwner + 1 }, (_, i) => ({ field: 'files', filename: `f${i}.txt`, bytes: Buffer.from(`file ${i}\n`) })));
      assert.equal(many.res.statusCode, 413);
      assert.ok(many.res.body.includes('ATTACHMENT_TOO_MANY'));

      const small = { ...ctx, files: { ...ctx.files, limits: { ...ctx.files.limits, maxFileBytes: 1024 } } };
      const smallApp = await buildApp(small);
      try {
        const big = await submit(smallApp, nextIp(), formFields(), [{ field: 'files', filename: 'big.txt', bytes: Buffer.alloc(4096, 'a') }]);
        assert.equal(big.res.statusCode, 413);
        assert.ok(big.res.body.includes('ATTACHMENT_TOO_LARGE'));
      } finally {
        await smallApp.close();
      }
      assert.deepEqual(await Promise.all([count(ctx, 'submissions'), count(ctx, 'attachments'), count(ctx, 'audit_log')]), before);
    });

    it('a path-traversal file name is only ever a display name', async () => {
      const { res } = await submit(app, nextIp(), formFields({ summary: 'traversal-case' }), [{ field: 'files', filename: '../../../etc/passwd', bytes: Buffer.from('root:x:0:0\n') }, { field: 'files', filename: '..\\..\\boot.ini', bytes: Buffer.from('[boot]\n') }]);
      assert.equal(res.statusCode, 200);
      const rows = await ctx.store.db.selectFrom('attachments').select(['display_name', 'sha256']).where('display_name', 'in', ['passwd.txt', 'boot.ini.txt', 'boot.ini']).execute();
      assert.equal(rows.length, 2);
      for (const r of rows) assert.ok(!r.display_name.includes('/') && !r.display_name.includes('\\') && !r.display_name.includes('..'));
    });

    it('escapes markup typed into every field, on every page', async () => {
      const fields = Object.fromEntries(Object.entries(formFields()).map(([k, v]) => [k, k === 'website' || k === 'country' || k.endsWith('_publish') ? v : `${v}${XSS}`]));
      fields.email = 'xss@example.org';
      const { visitor, res } = await submit(app, nextIp(), fields);
      assert.equal(res.statusCode, 200, res.body);
      const code = receiptOf(res.body);
      const sub = await ctx.store.db.selectFrom('submissions').select(['id', 'reference']).where('reference', '=', referenceOf(res.body)).executeTakeFirstOrThrow();
      await officer.post(`/staff/submissions/${sub.id}/message`, { text: `question ${XSS}`, requestInformation: 'yes' });
      await officer.post(`/staff/submissions/${sub.id}/note`, { text: `note ${XSS}` });
      await visitor.form('/follow/add', { code, text: `more ${XSS}` });
      const pages = [
        (await visitor.form('/follow', { code })).body,
        (await officer.get('/staff/submissions')).body,
        (await officer.get(`/staff/submissions/${sub.id}`)).body,
        (await officer.post(`/staff/submissions/${sub.id}/identity`)).body,
      ];
      // A refused form shows the typed values again: escaped too.
      const refused = await submit(app, nextIp(), { ...fields, victim1_name: '', victim1_details: '', victim2_name: '', victim2_details: '', victim3_name: '', victim3_details: '' });
      assert.equal(refused.res.statusCode, 400);
      pages.push(refused.res.body);
      for (const body of pages) {
        assert.ok(!body.includes('<script>alert(1)'), 'no raw script');
        assert.ok(!body.includes('<img src=x'), 'no raw markup');
      }
      assert.ok(pages[2]!.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the text is shown, escaped');
      assert.ok(pages[3]!.includes('Gulnara Reporter&lt;script&gt;'));
    });

    it('speaks the source’s languages: French, Spanish, Russian and Arabic (right to left)', async () => {
      for (const [lang, text] of [
        ['fr', 'Victimes présumées'],
        ['es', 'Presuntas víctimas'],
        ['ru', 'Предполагаемые жертвы'],
        ['ar', 'الضحايا المزعومون'],
      ] as const) {
        const res = await new Visitor(app, nextIp()).open(`/${lang}/submit`);
        assert.ok(res.body.includes(text), lang);
        assert.ok(res.body.includes(`action="/${lang}/submit"`), 'the post keeps the language');
      }
      assert.match((await new Visitor(app, nextIp()).open('/ar/submit')).body, /<html lang="ar" dir="rtl">/);
      assert.match((await new Visitor(app, nextIp()).open('/ru/follow')).body, /Код квитанции/);
    });

    it('staff pages are for case officers only', async () => {
      const holder = await readyAccount(ctx, clock, { email: 'holder@example.org', displayName: 'Alice Jill Edwards', role: 'mandate_holder', mandate: 'sr-torture' });
      const b = browserFor(app, ctx, holder.sessionToken);
      const sub = await ctx.store.db.selectFrom('submissions').select('id').executeTakeFirstOrThrow();
      const att = await ctx.store.db.selectFrom('attachments').select('id').executeTakeFirstOrThrow();
      for (const url of ['/staff/submissions', `/staff/submissions/${sub.id}`, `/staff/attachments/${att.id}`]) assert.equal((await b.get(url)).statusCode, 404, url);
      const auditBefore = await count(ctx, 'audit_log');
      assert.equal((await b.post(`/staff/submissions/${sub.id}/identity`)).statusCode, 404);
      assert.equal((await b.post(`/staff/submissions/${sub.id}/note`, { text: 'x' })).statusCode, 404);
      assert.equal(await count(ctx, 'audit_log'), auditBefore);
      assert.equal((await officer.get('/staff/attachments/00000000-0000-4000-8000-000000000000')).statusCode, 404);
      assert.equal((await officer.get('/staff/submissions/not-an-id')).statusCode, 404);
    });
  });
}
