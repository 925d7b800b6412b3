import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { totpCode } from '../../src/accounts/totp.ts';
import { inviteAccount } from '../../src/commands/accounts/invite-account.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { FORM_COOKIE, SESSION_COOKIE } from '../../src/http/session-plugin.ts';
import { SYSTEM } from '../../src/policies/principal.ts';
import { readyAccount, TEST_PASSWORD, type ReadyAccount } from '../support/accounts.ts';
import { browserFor, formBody } from '../support/http-session.ts';
import { storeDigest } from '../support/snapshot.ts';
import { testContext } from '../support/stores.ts';

/** The cookies a response sets, by name, with their attributes. */
function setCookies(res: LightMyRequestResponse): Map<string, string> {
  const raw = res.headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return new Map(list.map((c) => [c.slice(0, c.indexOf('=')), c]));
}
const valueOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1, cookie.indexOf(';'));
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('sign-in pages', () => {
  let ctx: AppContext;
  let clock: ManualClock;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let ana: ReadyAccount;

  before(async () => {
    ({ ctx, clock, close } = await testContext('sqlite', '2026-03-02T09:00:00Z'));
    app = await buildApp(ctx);
    ana = await readyAccount(ctx, clock, { email: 'ana@example.org', displayName: 'Ana Admin', role: 'admin' });
  });
  after(async () => {
    await app.close();
    await close();
  });

  /** Fetches the sign-in form: its form cookie and CSRF token. */
  async function signInForm() {
    const page = await app.inject('/sign-in');
    const formCookie = setCookies(page).get(FORM_COOKIE)!;
    return { cookie: `${FORM_COOKIE}=${valueOf(formCookie)}`, csrf: csrfIn(page.body), setCookie: formCookie };
  }

  async function postForm(url: string, cookie: string, form: Record<string, string>) {
    return app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody(form) });
  }

  it('signs in with password then code, through pages that need no JavaScript; cookies are __Host-, Secure, HttpOnly, SameSite', async () => {
    const form = await signInForm();
    assert.match(form.setCookie, /^__Host-rapporteur-form=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const step1 = await postForm('/sign-in', form.cookie, { _csrf: form.csrf, email: 'ana@example.org', password: TEST_PASSWORD });
    assert.equal(step1.statusCode, 303);
    assert.equal(step1.headers.location, '/sign-in/code');
    const half = setCookies(step1).get(SESSION_COOKIE)!;
    assert.match(half, /; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const halfCookie = `${SESSION_COOKIE}=${valueOf(half)}`;
    // The half-way session opens no workspace.
    const blocked = await app.inject({ url: '/admin/accounts', headers: { cookie: halfCookie } });
    assert.equal(blocked.statusCode, 303);
    assert.match(blocked.headers.location as string, /^\/sign-in/);
    const codePage = await app.inject({ url: '/sign-in/code', headers: { cookie: halfCookie } });
    assert.equal(codePage.statusCode, 200);
    assert.equal(codePage.headers['cache-control'], 'no-store');
    const step2 = await postForm('/sign-in/code', halfCookie, { _csrf: csrfIn(codePage.body), code: totpCode(ana.secret, clock.now()) });
    assert.equal(step2.statusCode, 303);
    assert.equal(step2.headers.location, '/admin/accounts');
    const full = valueOf(setCookies(step2).get(SESSION_COOKIE)!);
    assert.notEqual(full, valueOf(half), 'a new session id after the second factor');
    const home = await app.inject({ url: '/admin/accounts', headers: { cookie: `${SESSION_COOKIE}=${full}` } });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Ana Admin/);
    clock.advanceSeconds(31);
  });

  it('refuses a form posted without its CSRF token, or with another session’s, and writes nothing', async () => {
    const before = await storeDigest(ctx);
    const form = await signInForm();
    const none = await postForm('/sign-in', form.cookie, { email: 'ana@example.org', password: TEST_PASSWORD });
    assert.equal(none.statusCode, 403);
    assert.match(none.body, /CSRF_INVALID/);
    const other = await signInForm();
    const crossed = await postForm('/sign-in', form.cookie, { _csrf: other.csrf, email: 'ana@example.org', password: TEST_PASSWORD });
    assert.equal(crossed.statusCode, 403);
    const admin = browserFor(app, ctx, ana.sessionToken);
    const forged = await admin.inject({ method: 'POST', url: '/admin/accounts', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: other.csrf, email: 'x@example.org', displayName: 'X', role: 'case_officer' }) });
    assert.equal(forged.statusCode, 403);
    assert.equal(await storeDigest(ctx), before);
  });

  it('a session id planted before sign-in is not the one after it (session fixation)', async () => {
    const planted = 'planted-session-id-chosen-by-an-attacker';
    const form = await signInForm();
    const res = await postForm('/sign-in', `${form.cookie}; ${SESSION_COOKIE}=${planted}`, { _csrf: form.csrf, email: 'ana@example.org', password: TEST_PASSWORD });
    assert.equal(res.statusCode, 303);
    assert.notEqual(valueOf(setCookies(res).get(SESSION_COOKIE)!), planted);
  });

  it('a session cookie from another installation (or forged) opens nothing', async () => {
    const other = await testContext('sqlite', '2026-03-02T09:00:00Z');
    try {
      const elsewhere = await readyAccount(other.ctx, other.clock, { email: 'ana@example.org', displayName: 'Ana Admin', role: 'admin' });
      const res = await app.inject({ url: '/admin/accounts', headers: { cookie: `${SESSION_COOKIE}=${elsewhere.sessionToken}` } });
      assert.equal(res.statusCode, 303);
      assert.match(res.headers.location as string, /^\/sign-in/);
    } finally {
      await other.close();
    }
  });

  it('a wrong password re-renders the form with a message and no session; the account throttle stops guessing', async () => {
    const form = await signInForm();
    const wrong = await postForm('/sign-in', form.cookie, { _csrf: form.csrf, email: 'guess@example.org', password: 'not the password' });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /role="alert"/);
    assert.equal(setCookies(wrong).has(SESSION_COOKIE), false);
    for (let i = 0; i < 4; i++) await postForm('/sign-in', form.cookie, { _csrf: form.csrf, email: 'guess@example.org', password: `guess ${i} guess guess` });
    const limited = await postForm('/sign-in', form.cookie, { _csrf: form.csrf, email: 'guess@example.org', password: 'another guess here' });
    assert.equal(limited.statusCode, 429);
  });

  it('an invitation link leads to a password and the second factor; a used link is gone', async () => {
    const inv = await inviteAccount(ctx, SYSTEM, { email: 'new@example.org', displayName: 'New Officer', role: 'case_officer' });
    const page = await app.inject(`/account/setup/${inv.token}`);
    assert.equal(page.statusCode, 200);
    const cookie = `${FORM_COOKIE}=${valueOf(setCookies(page).get(FORM_COOKIE)!)}`;
    const weak = await postForm(`/account/setup/${inv.token}`, cookie, { _csrf: csrfIn(page.body), password: 'qwerty123456', confirm: 'qwerty123456' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /role="alert"/);
    const ok = await postForm(`/account/setup/${inv.token}`, cookie, { _csrf: csrfIn(page.body), password: TEST_PASSWORD, confirm: TEST_PASSWORD });
    assert.equal(ok.statusCode, 303);
    const enrolCookie = `${SESSION_COOKIE}=${valueOf(setCookies(ok).get(SESSION_COOKIE)!)}`;
    const enrol = await app.inject({ url: '/sign-in/code', headers: { cookie: enrolCookie } });
    const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(enrol.body)?.[1]?.replace(/ /g, '');
    assert.ok(secret, 'the enrolment page shows the secret');
    const done = await postForm('/sign-in/code', enrolCookie, { _csrf: csrfIn(enrol.body), code: totpCode(secret!, clock.now()) });
    assert.equal(done.statusCode, 200, 'the recovery codes are shown once');
    assert.equal((done.body.match(/<li><code>/g) ?? []).length, 10);
    assert.equal((await app.inject(`/account/setup/${inv.token}`)).statusCode, 410);
  });

  it('an admin invites from the accounts page; others get the same 404 as a missing page', async () => {
    const admin = browserFor(app, ctx, ana.sessionToken);
    const res = await admin.post('/admin/accounts', { email: 'fp@example.org', displayName: 'Focal Point', role: 'focal_point', stateCode: 'kaz' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /\/account\/setup\/[A-Za-z0-9_-]{43}/);
    const officer = await readyAccount(ctx, clock, { email: 'o@example.org', displayName: 'Officer', role: 'case_officer' });
    const refused = await browserFor(app, ctx, officer.sessionToken).get('/admin/accounts');
    const missing = await browserFor(app, ctx, officer.sessionToken).get('/admin/no-such-page');
    assert.equal(refused.statusCode, 404);
    assert.equal(missing.statusCode, 404);
  });

  it('sign-out ends the session', async () => {
    const bo = await readyAccount(ctx, clock, { email: 'bo@example.org', displayName: 'Bo', role: 'admin' });
    const b = browserFor(app, ctx, bo.sessionToken);
    const out = await b.post('/sign-out');
    assert.equal(out.statusCode, 303);
    assert.match(setCookies(out).get(SESSION_COOKIE) ?? '', /Expires=Thu, 01 Jan 1970/);
    assert.equal((await b.get('/admin/accounts')).statusCode, 303);
  });
});
