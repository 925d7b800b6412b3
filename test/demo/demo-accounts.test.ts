import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { DEMO_LINK_HOURS, issueDemoSignIns } from '../../src/demo/demo-accounts.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { csrfTokens, FORM_COOKIE } from '../../src/http/session-plugin.ts';
import { formBody } from '../support/http-session.ts';
import { testContext } from '../support/stores.ts';

describe('demo sign-in links', () => {
  let ctx: AppContext;
  let clock: ManualClock;
  let close: () => Promise<void>;
  let app: FastifyInstance;

  before(async () => {
    ({ ctx, clock, close } = await testContext('sqlite', '2026-11-29T09:00:00Z'));
    app = await buildApp(ctx, { demo: true });
  });
  after(async () => {
    await app.close();
    await close();
  });

  const useLink = (path: string) =>
    app.inject({
      method: 'POST',
      url: path,
      headers: { cookie: `${FORM_COOKIE}=demo-form`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ _csrf: csrfTokens(ctx)('f', 'demo-form') }),
    });

  it('issues one link per role, each signing in once to its surface, on pages that say it is a demonstration', async () => {
    const links = await issueDemoSignIns(ctx);
    assert.deepEqual([...new Set(links.map((l) => l.role))].sort(), ['admin', 'case_officer', 'focal_point', 'mandate_holder']);
    assert.deepEqual(links.filter((l) => l.role === 'mandate_holder').map((l) => l.name), ['Alice Jill Edwards', 'Gina Romero', 'Morris Tidball-Binz']);
    const homes: Record<string, string> = { case_officer: '/staff', mandate_holder: '/staff', focal_point: '/government', admin: '/admin/accounts' };
    for (const link of links) {
      // A GET only shows a button: a link preview must not use the link up.
      assert.equal((await app.inject(link.path)).statusCode, 200);
      const res = await useLink(link.path);
      assert.equal(res.statusCode, 303, link.role);
      assert.equal(res.headers.location, homes[link.role]);
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      const page = await app.inject({ url: homes[link.role]!, headers: { cookie } });
      assert.equal(page.statusCode, 200, `${link.role} reaches ${homes[link.role]}`);
      assert.match(page.body, /banner--demo/);
    }
    // Sign-in forms allow ten attempts a minute from one address: one reuse is enough to show it.
    assert.equal((await useLink(links[0]!.path)).statusCode, 410, 'a link works once');
  });

  it('issues new links at each start for the same accounts; links expire after 24 hours', async () => {
    const again = await issueDemoSignIns(ctx);
    assert.equal(again.length, 6);
    assert.equal((await ctx.store.db.selectFrom('accounts').select('id').where('demo', '=', 1).execute()).length, 6);
    clock.advanceHours(DEMO_LINK_HOURS + 0.1);
    assert.equal((await useLink(again[0]!.path)).statusCode, 410);
  });
});
