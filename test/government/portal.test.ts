import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { createDraft } from '../../src/commands/create-draft.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { verifyAudit } from '../../src/commands/verify-audit.ts';
import type { AppContext } from '../../src/context.ts';
import type { Database } from '../../src/db/schema.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { SYSTEM } from '../../src/policies/principal.ts';
import { readyAccount, signIn, type ReadyAccount } from '../support/accounts.ts';
import { browserFor, type Browser } from '../support/http-session.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { OFFICER, sendDraft, sendNew } from '../support/workflow.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A multipart body as a browser sends the reply form: fields first (the CSRF token leading), then files. */
function multipart(fields: Array<[string, string]>, files: Array<{ filename: string; type: string; bytes: Buffer }> = []) {
  const boundary = `----rapporteur-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="documents"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`, 'utf8'));
    chunks.push(f.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function smallPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}

const TABLES = ['replies', 'reply_texts', 'attachments', 'outbox', 'audit_log', 'communication_events'] as const satisfies ReadonlyArray<keyof Database>;

const XSS = '<script>alert("x")</script>';
const SECRET_NOTE = 'CONFIDENTIAL-NOTE-41c9';

for (const dialect of DIALECTS) {
  describe(`government portal (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let kazAccount: ReadyAccount;
    let officerAccount: ReadyAccount;
    let kaz: Browser;
    let officer: Browser;
    let braSlug: string;
    let draftId: string;
    let pdf: Buffer;
    let replyId: string;

    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of TABLES) {
        const row = await ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        out[table] = Number(row.n);
      }
      return out;
    };
    const postReply = (browser: Browser, slug: string, fields: Array<[string, string]>, files: Parameters<typeof multipart>[1] = []) => {
      const body = multipart(fields, files);
      return browser.inject({ method: 'POST', url: `/government/communications/${slug}/replies`, headers: body.headers, payload: body.payload });
    };
    const withCsrf = (b: Browser, fields: Array<[string, string]>): Array<[string, string]> => [['_csrf', b.csrf], ...fields];

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2022-01-18T08:00:00Z'));
      // Small limits, so that an oversize document is a small one.
      ctx.files = { ...ctx.files, limits: { ...ctx.files.limits, maxFileBytes: 64 * 1024 } };
      kazAccount = await readyAccount(ctx, clock, { email: 'focal@kaz.example', displayName: 'KAZ Focal Point', role: 'focal_point', stateCode: 'KAZ' });
      officerAccount = await readyAccount(ctx, clock, { email: 'officer@ohchr.example', displayName: 'Case Officer', role: 'case_officer' });
      await sendDraft(ctx, {
        type: 'AL',
        addressee: 'KAZ',
        mandates: ['sr-assembly', 'wgad'],
        subject: 'Detention of Ivan Petrov',
        body: 'Mr. Ivan Petrov was detained in Almaty.',
        questions: ['Please provide information on the detention of Mr. Petrov.'],
        victims: [{ name: 'Ivan Petrov', variants: ['Petrov'], publishName: false, publicForm: 'initials' }],
      });
      const bra = await sendNew(ctx, { addressee: 'BRA', subject: 'Letter to Brazil' });
      braSlug = bra.reference!.replaceAll(' ', '-').replace('/', '-');
      draftId = (await createDraft(ctx, OFFICER, { type: 'UA', addressee: 'KAZ', mandates: ['wgad'], subject: 'Draft to Kazakhstan, not sent' })).id;
      pdf = await smallPdf();
      app = await buildApp(ctx);
      kaz = browserFor(app, ctx, kazAccount.sessionToken);
      officer = browserFor(app, ctx, officerAccount.sessionToken);
    });
    after(async () => {
      await app.close();
      await close();
    });

    it('lists the communications sent to the focal point\'s State only, with the reply deadline and status', async () => {
      const res = await kaz.get('/government');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(res.body, /AL KAZ 1\/2022/);
      assert.match(res.body, /Detention of Ivan Petrov/);
      assert.match(res.body, /datetime="2022-03-19"/, 'the reply deadline, 60 days after sending');
      assert.match(res.body, /status--none/);
      assert.doesNotMatch(res.body, /BRA/);
      assert.doesNotMatch(res.body, /Letter to Brazil/);
      assert.doesNotMatch(res.body, /not sent/);
    });

    it('sends a visitor to sign in, and answers 404 to staff', async () => {
      const anonymous = await app.inject('/government');
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/sign-in\?next=/);
      assert.equal((await officer.get('/government')).statusCode, 404);
      assert.equal((await officer.get('/government/communications/AL-KAZ-1-2022')).statusCode, 404);
    });

    it('shows the full letter as sent, and the reply form with its CSRF token', async () => {
      const res = await kaz.get('/government/communications/AL-KAZ-1-2022');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Mr\. Ivan Petrov was detained in Almaty\./, 'the full version names the victim');
      assert.match(res.body, /enctype="multipart\/form-data"/);
      assert.ok(res.body.includes(`name="_csrf" value="${kaz.csrf}"`));
    });

    it('downloads the letter as a PDF, and the download is in the audit chain', async () => {
      const res = await kaz.get('/government/communications/AL-KAZ-1-2022/letter.pdf');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      const entry = await ctx.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'read.full_letter').executeTakeFirst();
      assert.equal(entry?.actor, 'KAZ Focal Point');
    });

    it('answers a letter to another State, a draft to its own State and a malformed reference as it answers a missing one, on every address, and writes nothing', async () => {
      const missing = 'AL-KAZ-99-2022';
      const missingPage = await kaz.get(`/government/communications/${missing}`);
      const missingPdf = await kaz.get(`/government/communications/${missing}/letter.pdf`);
      const missingPost = await postReply(kaz, missing, withCsrf(kaz, [['text', 'A reply.']]), [{ filename: 'reply.pdf', type: 'application/pdf', bytes: pdf }]);
      for (const r of [missingPage, missingPdf, missingPost]) assert.equal(r.statusCode, 404);
      const before = await counts();
      for (const slug of [braSlug, draftId, 'not-a-reference']) {
        const page = await kaz.get(`/government/communications/${slug}`);
        const file = await kaz.get(`/government/communications/${slug}/letter.pdf`);
        const post = await postReply(kaz, slug, withCsrf(kaz, [['text', 'A reply.']]), [{ filename: 'reply.pdf', type: 'application/pdf', bytes: pdf }]);
        assert.equal(page.statusCode, 404, slug);
        assert.equal(page.body, missingPage.body, `${slug}: the page`);
        assert.equal(file.statusCode, 404, slug);
        assert.equal(file.body, missingPdf.body, `${slug}: the PDF`);
        assert.equal(post.statusCode, 404, slug);
        assert.equal(post.body, missingPost.body, `${slug}: the reply`);
      }
      assert.deepEqual(await counts(), before);
    });

    it('refuses a reply without the CSRF token, or with another one, and writes nothing', async () => {
      const before = await counts();
      const none = await postReply(kaz, 'AL-KAZ-1-2022', [['text', 'A reply.']], [{ filename: 'reply.pdf', type: 'application/pdf', bytes: pdf }]);
      assert.equal(none.statusCode, 403);
      const textOnly = await postReply(kaz, 'AL-KAZ-1-2022', [['text', 'A reply.']]);
      assert.equal(textOnly.statusCode, 403);
      const forged = await postReply(kaz, 'AL-KAZ-1-2022', [['_csrf', officer.csrf], ['text', 'A reply.']], [{ filename: 'reply.pdf', type: 'application/pdf', bytes: pdf }]);
      assert.equal(forged.statusCode, 403);
      const urlencoded = await kaz.inject({ method: 'POST', url: '/government/communications/AL-KAZ-1-2022/replies', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'text=A+reply.' });
      assert.equal(urlencoded.statusCode, 403);
      assert.deepEqual(await counts(), before);
    });

    it('refuses an oversize document, a document of a type not taken, and an empty reply, writing nothing', async () => {
      const before = await counts();
      const big = await postReply(kaz, 'AL-KAZ-1-2022', withCsrf(kaz, [['text', 'A reply.']]), [{ filename: 'big.txt', type: 'text/plain', bytes: Buffer.alloc(64 * 1024 + 10, 'a') }]);
      assert.equal(big.statusCode, 413);
      assert.match(big.body, /role="alert"/, 'the form again, with the error');
      assert.ok(big.body.includes('A reply.'), 'the text typed is kept');
      const exe = await postReply(kaz, 'AL-KAZ-1-2022', withCsrf(kaz, [['text', 'A reply.']]), [{ filename: 'reply.pdf', type: 'application/pdf', bytes: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]) }]);
      assert.equal(exe.statusCode, 415);
      const fakePdf = await postReply(kaz, 'AL-KAZ-1-2022', withCsrf(kaz, [['text', 'A reply.']]), [{ filename: 'reply.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.7\nnot really a PDF', 'latin1') }]);
      assert.equal(fakePdf.statusCode, 400);
      const empty = await postReply(kaz, 'AL-KAZ-1-2022', withCsrf(kaz, [['text', '   ']]));
      assert.equal(empty.statusCode, 400);
      assert.deepEqual(await counts(), before);
      assert.equal((await ctx.store.db.selectFrom('communications').select('reply_status').where('reference', '=', 'AL KAZ 1/2022').executeTakeFirstOrThrow()).reply_status, 'none');
    });

    it('takes a reply with text and a PDF: a receipt with the SHA-256 of the document, the status "replied", the officers told', async () => {
      clock.advanceDays(3);
      // Sessions end while the clock moves: sign in again.
      kaz = browserFor(app, ctx, await signIn(ctx, clock, kazAccount));
      officer = browserFor(app, ctx, await signIn(ctx, clock, officerAccount));
      const text = `The Government informs that Mr. Ivan Petrov was released. ${SECRET_NOTE} ${XSS}`;
      const res = await postReply(kaz, 'AL-KAZ-1-2022', withCsrf(kaz, [['text', text], ['kind', 'substantive'], ['language', 'en']]), [
        { filename: 'reply.pdf', type: 'application/pdf', bytes: pdf },
      ]);
      assert.equal(res.statusCode, 303, res.body);
      const location = String(res.headers.location);
      const match = /^\/government\/communications\/AL-KAZ-1-2022\/replies\/([0-9a-f-]{36})$/.exec(location);
      assert.ok(match, location);
      replyId = match[1]!;

      const receipt = await kaz.get(location);
      assert.equal(receipt.statusCode, 200);
      assert.ok(receipt.body.includes(sha256(pdf)), 'the SHA-256 of the document');
      assert.match(receipt.body, /AL KAZ 1\/2022/);
      assert.match(receipt.body, /datetime="2022-01-21T0\d:\d\d:\d\d\.\d{3}Z"/, 'the instant it was received');
      const row = await ctx.store.db.selectFrom('reply_texts').selectAll().where('reply_id', '=', replyId).executeTakeFirstOrThrow();
      assert.match(row.receipt, /^KAZ-20220121-[0-9A-Z]{8}$/);
      assert.ok(receipt.body.includes(row.receipt), 'the receipt number');
      assert.equal(row.text, text);
      assert.equal(row.submitted_by_account, kazAccount.id);
      assert.equal(row.public_approved_at, null);

      const c = await ctx.store.db.selectFrom('communications').selectAll().where('reference', '=', 'AL KAZ 1/2022').executeTakeFirstOrThrow();
      assert.equal(c.reply_status, 'replied');
      assert.equal(c.first_reply_on, '2022-01-21');
      const reply = await ctx.store.db.selectFrom('replies').selectAll().where('id', '=', replyId).executeTakeFirstOrThrow();
      assert.equal(reply.summary, '', 'nothing of the text is public yet');
      const documents = await ctx.store.db.selectFrom('attachments').selectAll().where('owner_type', '=', 'reply').where('owner_id', '=', replyId).execute();
      assert.deepEqual(documents.map((d) => d.sha256), [sha256(pdf)]);
      const outbox = await ctx.store.db.selectFrom('outbox').selectAll().where('kind', '=', 'reply_received').execute();
      assert.deepEqual(outbox.map((o) => o.recipient), ['officer@ohchr.example']);
      assert.doesNotMatch(outbox[0]!.body_text, /Petrov|CONFIDENTIAL/, 'the mail names no one and carries no text');

      // Another State's focal point, or an unknown reply, gets the same 404 for the receipt.
      assert.equal((await kaz.get(`/government/communications/${braSlug}/replies/${replyId}`)).statusCode, 404);
      assert.equal((await kaz.get(`/government/communications/AL-KAZ-1-2022/replies/${draftId}`)).statusCode, 404);
    });

    it('shows the reply on the portal page, escaped', async () => {
      const res = await kaz.get('/government/communications/AL-KAZ-1-2022');
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes(SECRET_NOTE));
      assert.ok(!res.body.includes(XSS), 'no markup from the reply');
      assert.ok(res.body.includes('&lt;script&gt;'));
      assert.match(res.body, /status--replied/);
      assert.ok(res.body.includes(sha256(pdf)));
    });

    it('keeps the reply\'s text, documents and receipt off the public site and the API, published or not', async () => {
      clock.advanceDays(60);
      await publishDue(ctx, SYSTEM);
      const page = await app.inject('/communications/AL-KAZ-1-2022');
      const api = await app.inject('/api/v1/communications/AL-KAZ-1-2022');
      assert.equal(page.statusCode, 200);
      assert.equal(api.statusCode, 200);
      const row = await ctx.store.db.selectFrom('reply_texts').selectAll().where('reply_id', '=', replyId).executeTakeFirstOrThrow();
      for (const body of [page.body, api.body]) {
        for (const secret of [SECRET_NOTE, 'The Government informs', row.receipt, sha256(pdf), 'KAZ Focal Point', 'reply.pdf', replyId]) {
          assert.ok(!body.includes(secret), `"${secret}" is not public`);
        }
      }
      const json = api.json() as { replyStatus: string; replies: Array<Record<string, unknown>> };
      assert.equal(json.replyStatus, 'replied');
      assert.deepEqual(json.replies, [{ receivedOn: '2022-01-21', kind: 'substantive', language: 'en', summary: '' }]);
    });

    it('lets case officers review the reply side by side and approve its public version; the public then reads that text only', async () => {
      officer = browserFor(app, ctx, await signIn(ctx, clock, officerAccount));
      kaz = browserFor(app, ctx, await signIn(ctx, clock, kazAccount));
      const review = await officer.get(`/staff/replies/${replyId}`);
      assert.equal(review.statusCode, 200);
      assert.ok(review.body.includes(SECRET_NOTE));
      assert.ok(review.body.includes('Mr. I. P. was released'), 'the proposed public version withholds the name as the letter does');
      assert.ok(!review.body.includes(XSS));
      const doc = await ctx.store.db.selectFrom('attachments').select('id').where('owner_id', '=', replyId).executeTakeFirstOrThrow();
      assert.ok(review.body.includes(`/staff/attachments/${doc.id}`));
      assert.equal((await kaz.get(`/staff/replies/${replyId}`)).statusCode, 404, 'not for focal points');

      const before = await counts();
      const noCsrf = await officer.inject({ method: 'POST', url: `/staff/replies/${replyId}/public-version`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'publicText=x' });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal((await kaz.post(`/staff/replies/${replyId}/public-version`, { publicText: 'x' })).statusCode, 404);
      assert.deepEqual(await counts(), before);

      const publicText = `The Government informs that Mr. I. P. was released. ${XSS}`;
      const res = await officer.post(`/staff/replies/${replyId}/public-version`, { publicText });
      assert.equal(res.statusCode, 303);
      const again = await officer.post(`/staff/replies/${replyId}/public-version`, { publicText });
      assert.equal(again.statusCode, 409, 'the same text is approved once');
      const approved = await officer.get(String(res.headers.location));
      assert.match(approved.body, /approved by Case Officer/);

      const page = await app.inject('/communications/AL-KAZ-1-2022');
      const api = (await app.inject('/api/v1/communications/AL-KAZ-1-2022')).json() as { replies: Array<{ summary: string }> };
      assert.equal(api.replies[0]!.summary, publicText);
      assert.ok(page.body.includes('Mr. I. P. was released.'));
      assert.ok(!page.body.includes(XSS), 'escaped on the public page');
      for (const secret of [SECRET_NOTE, 'Ivan Petrov', sha256(pdf), 'KAZ Focal Point']) {
        assert.ok(!page.body.includes(secret), `"${secret}" is not public`);
        assert.ok(!JSON.stringify(api).includes(secret), `"${secret}" is not in the API`);
      }
      const entry = await ctx.store.db.selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'communication.approve_reply_public').executeTakeFirstOrThrow();
      assert.equal(entry.actor, 'Case Officer');
    });

    it('keeps the audit chain and every record in agreement', async () => {
      const report = await verifyAudit(ctx);
      assert.deepEqual(report.problems, []);
      assert.equal(report.ok, true);
    });
  });
}
