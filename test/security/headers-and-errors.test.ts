import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { readyAccount } from '../support/accounts.ts';
import { browserFor } from '../support/http-session.ts';
import { testContext } from '../support/stores.ts';

/** The Content-Security-Policy every response carries: nothing from elsewhere, no inline script or style. */
const CSP = "default-src 'none';style-src 'self';img-src 'self' data:;script-src 'self';form-action 'self';frame-ancestors 'none';base-uri 'none'";

describe('security headers and error responses', () => {
  let ctx: AppContext;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let token: string;

  before(async () => {
    const t = await testContext('sqlite', '2026-03-02T09:00:00Z');
    ({ ctx, close } = t);
    app = await buildApp(ctx);
    token = (await readyAccount(ctx, t.clock, { email: 'admin@example.org', displayName: 'Admin', role: 'admin' })).sessionToken;
  });
  after(async () => {
    await app.close();
    await close();
  });

  it('every kind of page carries a strict CSP and the other protective headers', async () => {
    const signedIn = browserFor(app, ctx, token);
    const responses = [
      await app.inject('/'),
      await app.inject('/sign-in'),
      await app.inject('/api/v1/communications'),
      await app.inject('/no-such-page'),
      await signedIn.get('/admin/accounts'),
    ];
    for (const res of responses) {
      const h = res.headers;
      assert.equal(h['content-security-policy'], CSP, res.raw.req.url);
      assert.equal(h['x-content-type-options'], 'nosniff');
      assert.equal(h['referrer-policy'], 'no-referrer');
      assert.match(String(h['strict-transport-security']), /max-age=\d{7,}/);
      assert.equal(h['cross-origin-opener-policy'], 'same-origin');
      assert.ok(!String(h['x-powered-by'] ?? '').length, 'no framework banner');
    }
    assert.equal(responses[4]!.headers['cache-control'], 'no-store', 'signed-in pages are never cached');
  });

  it('no error response shows a stack trace or an internal path', async () => {
    const signedIn = browserFor(app, ctx, token);
    const responses = [
      await app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/json' }, payload: '{"email": ' }),
      await app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a='.padEnd(2_000_000, 'x') }),
      await app.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'text/xml' }, payload: '<x/>' }),
      await signedIn.inject({ method: 'POST', url: '/admin/accounts/%E0%A4%A/disable', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${signedIn.csrf}` }),
      await signedIn.post('/admin/accounts/not-an-id/disable'),
      await app.inject('/communications/%00'),
      await app.inject('/api/v1/communications?limit=-1'),
    ];
    for (const res of responses) {
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.raw.req.url}: ${res.statusCode}`);
      assert.doesNotMatch(res.body, /\bat [\w.<>]+ \(|node:internal|\/src\/|\.ts:\d+|Error: /, res.body.slice(0, 300));
    }
  });
});
