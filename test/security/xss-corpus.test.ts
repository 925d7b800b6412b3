import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { totpCode } from '../../src/accounts/totp.ts';
import { acceptInvitation, completeSecondFactor, totpSecretOf } from '../../src/commands/accounts/sign-in.ts';
import type { AppContext } from '../../src/context.ts';
import { findAccountByEmail } from '../../src/db/repositories/accounts-repository.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { csrfTokens, FORM_COOKIE } from '../../src/http/session-plugin.ts';
import { readyAccount, TEST_PASSWORD } from '../support/accounts.ts';
import { browserFor, formBody, type Browser } from '../support/http-session.ts';
import { testContext } from '../support/stores.ts';
import { receiptOf, referenceOf, Visitor } from '../intake/intake-http.ts';
import { emptyVocabulary, escapeText, learn, markupProblems, type Vocabulary } from './markup-scan.ts';

/*
 * Every value a person can type — the source on the intake form and its follow-ups, staff on every form of
 * the workspace, a Government in its reply, an admin naming an account, anyone on the sign-in form — goes
 * in as each payload of a fixed corpus, and every page that shows it afterwards, to everyone who can see
 * it, is read back: no payload may become markup. What a page may contain is learnt first from the same
 * journey with plain words (the baseline); a page with payloads may then hold no tag, attribute or
 * event handler the baseline did not, no `javascript:` address, no evaluated template, and must carry the
 * strict Content-Security-Policy (JSON answers: their JSON content type).
 */

/** The Content-Security-Policy every HTML answer carries (see test/security/headers-and-errors.test.ts). */
const CSP = "default-src 'none';style-src 'self';img-src 'self' data:;script-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none'";

/** Near the 300 characters of a victim's name or a submitter's name, yet over the 200 of an account's name. */
const LONG = `${'"><img src=x onerror=alert(1)>'.repeat(8)}<script>alert(1)</script>`;

/** The corpus, one payload per classic context; fixed, so that a failure is reproducible. */
const PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  'javascript:alert(1)',
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  'tpl{{7*7}}tpl ${7*7}',
  'tpl<%= 7*7 %>tpl<%~ 7*7 %>tpl<% it.x = 1 %>',
  '<a href="javascript:alert(1)">click</a>',
  '&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62; &amp;lt;b&amp;gt;',
  'Zoë \u202Eexe.pdf\u202C 名前 اسم Ωμέγα 🙂 <b>bold</b>',
  "<style>@import 'x'</style>",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '" autofocus onfocus=alert(1) x="',
  `' onmouseover='alert(1)' " onclick="alert(1)" \`\${alert(1)}\` '"><b x='`,
  LONG,
];

/** Raw openings that never belong in a page: any of them outside escaped text is a hole. */
const RAW = ['<script', '<svg', '<iframe', '<img src=x', '<style>@import', '<a href="javascript', '<b>bold', "<b x='"];

/** An evaluated template payload: `{{7*7}}` or `<%= 7*7 %>` rendered as 49 between the markers. */
const EVALUATED = /tpl\s*49\s*tpl/;

const fit = (value: string, max: number) => [...value].slice(0, max).join('');

/** A multipart body: fields first (the token leading, as a browser sends it), then the files, their names in RFC 5987 form. */
function multipart(fields: Array<[string, string]>, files: Array<{ field: string; name: string; bytes: Buffer }> = []) {
  const boundary = `----xss${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
  for (const f of files) {
    const encoded = encodeURIComponent(f.name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename*=UTF-8''${encoded}\r\nContent-Type: text/plain\r\n\r\n`, 'utf8'));
    chunks.push(f.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Who a page is read as, for the failure messages. */
type Role = 'public' | 'source' | 'admin' | 'officer' | 'holder' | 'focal';

/** Reads one answer: in the baseline, learns its markup; with payloads, asserts that nothing became markup. */
class Reader {
  readonly vocabulary: Vocabulary = emptyVocabulary();
  learning = true;
  pages = 0;

  see(role: Role, what: string, res: LightMyRequestResponse, shows: string[] = []): void {
    const where = `${role} ${res.raw.req.method} ${what} → ${res.statusCode}`;
    assert.ok(res.statusCode < 500, `${where}: ${res.body.slice(0, 300)}`);
    const type = String(res.headers['content-type'] ?? '');
    this.pages += 1;
    if (/json/.test(type) || res.raw.req.url?.startsWith('/api/')) {
      assert.match(type, /^application\/json/, `${where}: a JSON answer says so`);
      JSON.parse(res.body);
      return;
    }
    if (res.statusCode >= 300 && res.statusCode < 400) {
      // Redirects stay on this site: a path, never another origin or a script address.
      assert.match(String(res.headers.location), /^\/(?![/\\])/, `${where}: ${String(res.headers.location)}`);
      return;
    }
    assert.match(type, /^text\/html/, where);
    assert.equal(res.headers['content-security-policy'], CSP, `${where}: the strict CSP`);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', where);
    if (this.learning) {
      learn(this.vocabulary, res.body);
      return;
    }
    checkHtml(res.body, this.vocabulary, where);
    for (const value of shows) assert.ok(res.body.includes(escapeText(value)), `${where}: shows the value, escaped once: ${value.slice(0, 60)}`);
  }
}

/** The checks of one HTML page against what the templates produce; throws naming what it found. */
function checkHtml(html: string, vocabulary: Vocabulary, where: string): void {
  const problems = markupProblems(html, vocabulary);
  assert.deepEqual(problems, [], `${where}: markup from a value`);
  const lower = html.toLowerCase();
  for (const raw of RAW) assert.ok(!lower.includes(raw.toLowerCase()), `${where}: raw ${raw}`);
  assert.doesNotMatch(html, EVALUATED, `${where}: a template payload was evaluated`);
}

describe('XSS corpus through every form and page (sqlite)', () => {
  let ctx: AppContext;
  let clock: ManualClock;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let admin: Browser;
  let holder: Browser;
  const reader = new Reader();
  /** The communications and submissions of the journeys, for the overview pages at the end. */
  const journeys: Array<{ value: string; slug: string; officer: Browser; focal: Browser }> = [];
  let seq = 0;

  before(async () => {
    ({ ctx, clock, close } = await testContext('sqlite', '2026-11-29T09:00:00Z'));
    app = await buildApp(ctx);
    admin = browserFor(app, ctx, (await readyAccount(ctx, clock, { email: 'admin@example.org', displayName: 'Admin', role: 'admin' })).sessionToken);
    holder = browserFor(
      app,
      ctx,
      (await readyAccount(ctx, clock, { email: 'torture@example.org', displayName: 'Alice Jill Edwards', role: 'mandate_holder', mandate: 'sr-torture' })).sessionToken,
    );
  });
  after(async () => {
    await app.close();
    await close();
  });

  /** A visitor's request without an account: a form cookie of its own and its token. */
  const anonymous = (address: string) => {
    const cookie = `xss-${randomBytes(6).toString('hex')}`;
    const csrf = csrfTokens(ctx)('f', cookie);
    return {
      get: (url: string) => app.inject({ method: 'GET', url, remoteAddress: address, headers: { cookie: `${FORM_COOKIE}=${cookie}` } }),
      post: (url: string, form: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url,
          remoteAddress: address,
          headers: { cookie: `${FORM_COOKIE}=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
          payload: formBody({ _csrf: csrf, ...form }),
        }),
    };
  };

  /**
   * The admin invites an account through the form (the name as typed), the invitation page is read, the
   * person sets a password and enrols the second factor; a browser signed in as the account.
   */
  const invite = async (name: string, role: string, extra: Record<string, string> = {}): Promise<Browser> => {
    const n = (seq += 1);
    const email = `account${n}@example.org`;
    const page = await admin.post('/admin/accounts', { displayName: name, email, role, ...extra });
    assert.equal(page.statusCode, 200, page.body.slice(0, 500));
    reader.see('admin', 'POST /admin/accounts', page, [name]);
    const token = /\/account\/setup\/([A-Za-z0-9_-]+)/.exec(page.body)?.[1];
    assert.ok(token, 'the invitation link is on the page');
    reader.see('public', 'GET /account/setup/:token', await anonymous(`192.0.2.${n % 250}`).get(`/account/setup/${token}`), [name]);
    const enrol = await acceptInvitation(ctx, token, { password: TEST_PASSWORD, confirm: TEST_PASSWORD });
    const account = (await findAccountByEmail(ctx.store.db, email))!;
    const full = await completeSecondFactor(ctx, enrol.token, { code: totpCode(totpSecretOf(ctx, account)!, clock.now()) });
    clock.advanceSeconds(31);
    return browserFor(app, ctx, full.token);
  };

  /** Posts a multipart form as a signed-in person or a visitor. */
  const postMultipart = (cookie: string, address: string, url: string, fields: Array<[string, string]>, files: Parameters<typeof multipart>[1] = []) => {
    const body = multipart(fields, files);
    return app.inject({ method: 'POST', url, remoteAddress: address, headers: { cookie, 'content-type': body.contentType }, payload: body.payload });
  };

  /**
   * One journey with `v` in every field a person writes: accounts named `v`, the sign-in form, a
   * submission and its follow-ups, its draft, a letter from draft to publication and retraction, a
   * Government's reply and its public version; every page read back as each role that sees it.
   */
  const journey = async (v: string, index: number) => {
    const address = `198.51.100.${index + 1}`;
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const file = (field: string) => ({ field, name: `${v}.txt`, bytes: Buffer.from('A short note about what happened.\n') });
    const see = reader.see.bind(reader);

    // ---- Accounts: the admin's form, an invalid e-mail echoed, a name over the limit refused.
    if ([...v].length > 200) see('admin', 'POST /admin/accounts (name too long)', await admin.post('/admin/accounts', { displayName: v, email: 'long@example.org', role: 'case_officer' }));
    const refused = await admin.post('/admin/accounts', { displayName: v, email: v, role: 'case_officer' });
    assert.equal(refused.statusCode, 400);
    see('admin', 'POST /admin/accounts (invalid e-mail)', refused);
    const officerName = fit(v, 200);
    const officer = await invite(officerName, 'case_officer');
    const focalName = fit(v, 196) + ' KAZ';
    const focal = await invite(focalName, 'focal_point', { stateCode: 'KAZ' });

    // ---- Sign-in: the e-mail and the path to return to are echoed.
    const visitor = anonymous(address);
    const next = `/staff?q=${v.replace(/\s/g, '')}`;
    const signIn = await visitor.post('/sign-in', { email: v, password: 'not the password', next });
    assert.ok(signIn.statusCode >= 400 && signIn.statusCode < 500, `sign-in refused: ${signIn.statusCode}`);
    see('public', 'POST /sign-in', signIn);
    see('public', 'GET /sign-in?next=', await visitor.get(`/sign-in?next=${encodeURIComponent(next)}`));
    const toSignIn = await visitor.get(`/staff/search?q=${encodeURIComponent(v)}`);
    assert.equal(toSignIn.statusCode, 303);
    see('public', 'GET /staff/search (signed out)', toSignIn);
    see('public', 'GET /sign-in (sent there)', await visitor.get(String(toSignIn.headers.location)));
    see('public', 'GET /?filters', await visitor.get(`/?addressee=${encodeURIComponent(v)}&mandate=${encodeURIComponent(v)}&year=${encodeURIComponent(v)}&lang=${encodeURIComponent(v)}`));

    // ---- The source: the intake form, refused once (values shown again), then sent with a file.
    const source = new Visitor(app, address);
    see('source', 'GET /submit', await source.open('/submit'));
    const fields: Record<string, string> = {
      victim1_name: v, victim1_details: v, victim1_publish: 'yes',
      victim2_name: `${v} (2)`, victim2_details: v, victim2_publish: 'no',
      victim3_name: '', victim3_details: '',
      incidentDate: fit(v, 200), place: v, country: 'KAZ', perpetrators: v, circumstances: v, domesticSteps: v, summary: v,
      name: v, organisation: v, relationship: v, email: '', phone: fit(v, 100), other: v, website: '',
    };
    const sourceCookie = () => source.cookie;
    const intakeFields = (f: Record<string, string>): Array<[string, string]> => [['_csrf', source.csrf], ...Object.entries(f)];
    const again = await postMultipart(sourceCookie(), address, '/submit', intakeFields({ ...fields, circumstances: '', email: v }));
    assert.equal(again.statusCode, 400);
    see('source', 'POST /submit (refused)', again, [v]);
    const receipt = await postMultipart(sourceCookie(), address, '/submit', intakeFields(fields), [file('files')]);
    assert.equal(receipt.statusCode, 200, receipt.body.slice(0, 500));
    see('source', 'POST /submit', receipt);
    const code = receiptOf(receipt.body);
    const sub = await ctx.store.db.selectFrom('submissions').selectAll().where('reference', '=', referenceOf(receipt.body)).executeTakeFirstOrThrow();
    const subPage = `/staff/submissions/${sub.id}`;

    // ---- The case officer on the submission: identity, a question, a note, the status.
    see('officer', 'GET submission', await officer.get(subPage), [v]);
    see('officer', 'POST identity', await officer.post(`${subPage}/identity`), [v]);
    assert.equal((await officer.post(`${subPage}/message`, { text: v, requestInformation: 'yes' })).statusCode, 303);
    assert.equal((await officer.post(`${subPage}/note`, { text: v })).statusCode, 303);
    see('officer', 'POST status (refused)', await officer.post(`${subPage}/status`, { status: v }));
    see('officer', 'POST message (refused)', await officer.post(`${subPage}/message`, { text: `\u0007${v}` }));

    // ---- The source follows up: the status page, information added with a file, the answer, consent.
    const follow = await source.form('/follow', { code });
    see('source', 'POST /follow', follow, [v]);
    const questionId = /name="questionId" value="([0-9a-f-]{36})"/.exec(follow.body)?.[1];
    assert.ok(questionId, 'the question is on the status page');
    const added = await postMultipart(sourceCookie(), address, '/follow/add', [['_csrf', source.csrf], ['code', code], ['text', v]], [file('files')]);
    assert.equal(added.statusCode, 200, added.body.slice(0, 300));
    see('source', 'POST /follow/add', added, [v]);
    const answered = await postMultipart(sourceCookie(), address, '/follow/answer', [['_csrf', source.csrf], ['code', code], ['questionId', questionId], ['text', v]]);
    assert.equal(answered.statusCode, 200, answered.body.slice(0, 300));
    see('source', 'POST /follow/answer', answered, [v]);
    see('source', 'POST /follow/withdraw-consent (refused)', await source.form('/follow/withdraw-consent', { code, victim: v }));
    see('source', 'POST /follow/withdraw-consent', await source.form('/follow/withdraw-consent', { code, victim: '1' }), [v]);
    const status = (await ctx.store.db.selectFrom('submissions').select('status').where('id', '=', sub.id).executeTakeFirstOrThrow()).status;
    const moved = await officer.post(`${subPage}/status`, { status: status === 'under_review' ? 'received' : 'under_review' });
    assert.equal(moved.statusCode, 303, moved.body.slice(0, 300));

    // ---- A draft from the submission (its victims come with it), then withdrawn with a reason.
    see('officer', 'POST submission draft (refused)', await officer.post(`${subPage}/draft`, { type: 'AL', addressee: 'KAZ', language: 'en', subject: v }), [v]);
    assert.equal((await officer.post(`${subPage}/draft`, { type: 'AL', addressee: 'KAZ', mandates: ['sr-torture'], language: 'en', subject: v })).statusCode, 303);
    see('officer', 'GET submission (with all)', await officer.get(subPage), [v]);
    const fromSubmission = (await ctx.store.db.selectFrom('submissions').select('communication_id').where('id', '=', sub.id).executeTakeFirstOrThrow()).communication_id!;
    see('officer', 'GET draft from submission', await officer.get(`/staff/drafts/${fromSubmission}`), [v]);
    assert.equal((await officer.post(`/staff/drafts/${fromSubmission}/withdraw`, { reason: v })).statusCode, 303);
    see('officer', 'GET withdrawn draft', await officer.get(`/staff/drafts/${fromSubmission}`), [v]);
    for (const a of await ctx.store.db.selectFrom('attachments').select(['id']).where('owner_id', '=', sub.id).execute()) {
      const download = await officer.get(`/staff/attachments/${a.id}`);
      assert.equal(download.statusCode, 200);
      assert.doesNotMatch(String(download.headers['content-type']), /html|xml|svg/, 'a document is never served as a page');
      assert.match(String(download.headers['content-disposition']), /^attachment; filename="[^"\\]*"; filename\*=UTF-8''[^"\s;]*$/, 'the name cannot break the header');
    }

    // ---- A letter: created (refused once), edited (refused once), submitted, decided, sent.
    const letter = {
      type: 'AL', addressee: 'KAZ', mandates: ['sr-torture', 'sr-assembly'], language: 'en',
      subject: v, summary: v, body: v, questions: `${v}\n${v} (2)`, victims: `${v} | publish`,
      concerns: v, annexText: v, confidentialAnnex: v,
    };
    see('officer', 'GET /staff/drafts/new', await officer.get('/staff/drafts/new'));
    const noMandate = await officer.post('/staff/drafts/new', { ...letter, mandates: [] });
    assert.equal(noMandate.statusCode, 400);
    see('officer', 'POST /staff/drafts/new (refused)', noMandate, [v]);
    const created = await officer.post('/staff/drafts/new', letter);
    assert.equal(created.statusCode, 303, created.body.slice(0, 500));
    const id = /\/staff\/drafts\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1]!;
    const draft = `/staff/drafts/${id}`;
    const draftPage = await officer.get(draft);
    see('officer', 'GET draft', draftPage, [v]);
    const version = /name="expectedVersion" value="(\d+)"/.exec(draftPage.body)?.[1] ?? '';
    const edited = { ...letter, body: `${v}\n\n${v}`, expectedVersion: version };
    see('officer', 'POST edit (refused)', await officer.post(`${draft}/edit`, { ...edited, victims: v }), [v]);
    assert.equal((await officer.post(`${draft}/edit`, edited)).statusCode, 303);
    assert.equal((await officer.post(`${draft}/submit`)).statusCode, 303);
    see('holder', 'GET draft', await holder.get(draft), [v]);
    assert.equal((await holder.post(`${draft}/decide`, { decision: 'approved', note: v })).statusCode, 303);
    see('officer', 'POST decide (holder refused)', await officer.post(`${draft}/decide`, { mandate: 'sr-assembly', holder: v, decision: 'approved', note: v }));
    assert.equal((await officer.post(`${draft}/decide`, { mandate: 'sr-assembly', holder: 'Gina Romero', decision: 'approved', note: v })).statusCode, 303);
    see('officer', 'GET draft (decided)', await officer.get(draft), [v]);
    see('officer', 'GET draft letter', await officer.get(`/staff/communications/${id}/letter`), [v]);
    assert.equal((await officer.post(`${draft}/approve-public`)).statusCode, 303);
    assert.equal((await officer.post(`${draft}/send`)).statusCode, 303);
    const page = `/staff/communications/${id}`;
    const slug = (await ctx.store.db.selectFrom('communications').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference!.replace(/[ /]/g, '-');

    // ---- Replies: recorded by staff (refused once), and from the Government's portal (refused once).
    see('officer', 'POST reply (refused)', await officer.post(`${page}/replies`, { receivedOn: today, kind: 'acknowledgment', language: v, summary: v }), [v]);
    assert.equal((await officer.post(`${page}/replies`, { receivedOn: today, kind: 'acknowledgment', language: 'en', summary: v })).statusCode, 303);
    const portal = `/government/communications/${slug}`;
    see('focal', 'GET /government', await focal.get('/government'), [v]);
    see('focal', 'GET portal letter', await focal.get(portal), [v]);
    const replyRefused = await postMultipart(focal.cookie, address, `${portal}/replies`, [['_csrf', focal.csrf], ['text', v], ['kind', v], ['language', 'en']]);
    see('focal', 'POST reply (refused)', replyRefused, [v]);
    const replied = await postMultipart(focal.cookie, address, `${portal}/replies`, [['_csrf', focal.csrf], ['text', v], ['kind', 'substantive'], ['language', 'en']], [file('documents')]);
    assert.equal(replied.statusCode, 303, replied.body.slice(0, 500));
    const receiptPath = String(replied.headers.location);
    see('focal', 'GET reply receipt', await focal.get(receiptPath));
    const replyId = receiptPath.split('/').pop()!;
    const review = `/staff/replies/${replyId}`;
    see('officer', 'GET reply review', await officer.get(review), [v]);
    see('officer', 'POST public version (refused)', await officer.post(`${review}/public-version`, { publicText: `\u0007${v}` }), [v]);
    assert.equal((await officer.post(`${review}/public-version`, { publicText: `${v} (public)` })).statusCode, 303);
    see('officer', 'GET reply review (approved)', await officer.get(`${review}?saved=1`), [v]);

    // ---- Publication: held, released and published, each with a reason; then the public pages.
    assert.equal((await officer.post(`${page}/hold`, { reason: v })).statusCode, 303);
    see('officer', 'POST hold (refused)', await officer.post(`${page}/hold`, { reason: v, until: v }));
    assert.equal((await officer.post(`${page}/release`, { reason: v })).statusCode, 303);
    assert.equal((await officer.post(`${page}/publish`, { reason: v })).statusCode, 303);
    see('officer', 'GET communication', await officer.get(page), [v]);
    see('officer', 'GET communication letter', await officer.get(`${page}/letter`), [v]);
    see('holder', 'GET communication', await holder.get(page), [v]);
    see('focal', 'GET portal letter (replied)', await focal.get(portal), [v]);
    const pub = anonymous(address);
    see('public', 'GET public communication', await pub.get(`/communications/${slug}`), [v]);
    see('public', 'GET public letter', await pub.get(`/communications/${slug}/letter`), [v]);
    const api = await pub.get(`/api/v1/communications/${slug}`);
    see('public', 'GET API communication', api);
    if (!reader.learning) assert.ok(api.body.includes(JSON.stringify(v).slice(1, -1)), 'the API gives the value as it was typed');
    see('public', 'GET / (published)', await pub.get('/'), [v]);
    see('public', 'GET API list (published)', await pub.get('/api/v1/communications'));

    // ---- Searches echo the words looked for.
    see('officer', 'GET search', await officer.get(`/staff/search?q=${encodeURIComponent(v)}`), [v]);
    see('holder', 'GET search', await holder.get(`/staff/search?q=${encodeURIComponent(v)}`), [v]);

    // ---- Retracted, with a reason.
    assert.equal((await officer.post(`${page}/retract`, { reason: v })).statusCode, 303);
    see('officer', 'GET communication (retracted)', await officer.get(page), [v]);
    journeys.push({ value: v, slug, officer, focal });
  };

  /** The overview pages, which show every journey's values at once. */
  const overviews = async () => {
    const last = journeys[journeys.length - 1]!;
    for (const [role, b] of [['officer', last.officer], ['holder', holder]] as const) {
      for (const url of ['/staff', '/staff/drafts', '/staff/drafts?status=withdrawn', '/staff/deadlines']) reader.see(role, `GET ${url}`, await b.get(url));
    }
    for (const url of ['/staff/submissions', '/staff/submissions?status=under_review', '/staff/submissions?status=more_information_requested']) {
      reader.see('officer', `GET ${url}`, await last.officer.get(url));
    }
    reader.see('admin', 'GET /admin/accounts', await admin.get('/admin/accounts'), journeys.map((j) => fit(j.value, 200)));
    reader.see('focal', 'GET /government', await last.focal.get('/government'));
    for (const url of ['/', '/?limit=100', '/api/v1/communications?limit=100']) reader.see('public', `GET ${url}`, await app.inject(url));
  };

  it('learns the markup of every page from a journey with plain words', async () => {
    await journey('Plain words for the baseline', 0);
    await overviews();
    journeys.length = 0;
    reader.learning = false;
    assert.ok(reader.vocabulary.tags.has('textarea') && reader.vocabulary.tags.has('form'), 'the baseline read the forms');
    for (const tag of ['script', 'svg', 'iframe', 'style', 'img']) assert.ok(!reader.vocabulary.tags.has(tag), `no page of the baseline has <${tag}>`);
  });

  PAYLOADS.forEach((payload, i) => {
    it(`payload ${i + 1}: ${JSON.stringify(payload).slice(0, 50)}`, async () => {
      await journey(payload, i + 1);
    });
  });

  it('the overview pages, with every payload at once, show them as text', async () => {
    await overviews();
    assert.ok(reader.pages > 50 * (PAYLOADS.length + 1), `pages read: ${reader.pages}`);
  });

  it('the checker can fail: it flags each payload left unescaped, and passes each escaped', () => {
    const vocabulary = reader.vocabulary;
    for (const payload of PAYLOADS) {
      assert.deepEqual(markupProblems(`<p>${escapeText(payload)}</p><input value="${escapeText(payload)}"><input value='${escapeText(payload)}'>`, vocabulary), []);
      const marked = /<[a-z]/i.test(payload);
      if (marked) assert.throws(() => checkHtml(`<main><p>${payload}</p></main>`, vocabulary, 'in text'), payload);
      if (payload.includes('"')) assert.throws(() => checkHtml(`<input value="${payload}">`, vocabulary, 'in a "value"'), payload);
      if (payload.includes("'")) assert.throws(() => checkHtml(`<input value='${payload}'>`, vocabulary, "in a 'value'"), payload);
      if (payload.startsWith('javascript:')) assert.throws(() => checkHtml(`<a href="${payload}">x</a>`, vocabulary, 'as an address'), payload);
    }
    assert.throws(() => checkHtml('<textarea></textarea><script>alert(1)</script></textarea>', vocabulary, 'textarea'));
    assert.throws(() => checkHtml('<a href="&#106;avascript:alert(1)">x</a>', vocabulary, 'encoded scheme'));
    assert.throws(() => checkHtml('<a href=" java\tscript:alert(1)">x</a>', vocabulary, 'split scheme'));
    assert.throws(() => checkHtml('<p>tpl49tpl</p>', vocabulary, 'evaluated'));
    assert.throws(() => checkHtml('<p title="x" onmouseover="alert(1)">x</p>', vocabulary, 'handler'));
  });
});
