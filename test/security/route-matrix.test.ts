import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { approvePublicVersion } from '../../src/commands/approve-public-version.ts';
import { inviteAccount } from '../../src/commands/accounts/invite-account.ts';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { publishCommunication } from '../../src/commands/publish-communication.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import { submitGovernmentReply } from '../../src/commands/submit-government-reply.ts';
import { submitIntake } from '../../src/commands/submissions/submit-intake.ts';
import type { AppContext } from '../../src/context.ts';
import { listAttachments } from '../../src/files/attachment-store.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { csrfTokens, FORM_COOKIE, SESSION_COOKIE } from '../../src/http/session-plugin.ts';
import { PUBLIC, staff, SYSTEM, type Principal } from '../../src/policies/principal.ts';
import { readyAccount } from '../support/accounts.ts';
import { seedRegister } from '../register/register-fixture.ts';
import { createImportJob, startImportJob, waitForImportJob } from '../../src/importers/list/import-jobs.ts';
import { submitInquiry } from '../../src/commands/register/submit-inquiry.ts';
import { formBody } from '../support/http-session.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

/** Who asks: the public, and one account of each role — two mandate holders and two States' focal points. */
const ROLES = ['public', 'admin', 'officer', 'holder', 'otherHolder', 'focal', 'otherFocal'] as const;
type Role = (typeof ROLES)[number];

/**
 * Every route, and who may use it on the fixture's records. `open`: anyone (public pages, sign-in, the
 * source's forms). `missing`: nobody — the catch-alls that answer 404. Otherwise the roles allowed; every
 * other signed-in role must get the 404 of a missing page and the public the sign-in page, and nothing may
 * change. The records: a letter sent to Kazakhstan signed by the holder's mandate (not the other holder's),
 * a draft of the same mandates, a published letter, a submission with a document, a reply from
 * Kazakhstan's focal point. `path` fills the parameters.
 */
type Row = { method: 'GET' | 'POST'; url: string; who: 'open' | 'missing' | readonly Role[] };
const STAFF_READERS = ['officer', 'holder'] as const;
const TABLE: readonly Row[] = [
  { method: 'GET', url: '/healthz', who: 'open' },
  { method: 'GET', url: '/static/app.css', who: 'open' },
  { method: 'GET', url: '/static/letter.css', who: 'open' },
  { method: 'GET', url: '/', who: 'open' },
  { method: 'GET', url: '/communications/:slug', who: 'open' },
  { method: 'GET', url: '/communications/:slug/letter', who: 'open' },
  { method: 'GET', url: '/communications/:slug/letter.pdf', who: 'open' },
  { method: 'GET', url: '/*', who: 'missing' },
  { method: 'GET', url: '/api/v1/communications', who: 'open' },
  { method: 'GET', url: '/api/v1/communications/:slug', who: 'open' },
  { method: 'GET', url: '/statistics', who: 'open' },
  { method: 'GET', url: '/addressees/:code', who: 'open' },
  { method: 'GET', url: '/mandates/:slug', who: 'open' },
  { method: 'GET', url: '/api/v1/statistics', who: 'open' },
  { method: 'GET', url: '/api/v1/addressees', who: 'open' },
  { method: 'GET', url: '/api/v1/addressees/:code', who: 'open' },
  { method: 'GET', url: '/api/v1/mandates', who: 'open' },
  { method: 'GET', url: '/api/v1/mandates/:slug', who: 'open' },
  { method: 'GET', url: '/api/v1/export.csv', who: 'open' },
  { method: 'GET', url: '/api/v1/export.json', who: 'open' },
  { method: 'GET', url: '/api/v1/dump.jsonl', who: 'open' },
  { method: 'GET', url: '/api/v1/openapi.json', who: 'open' },
  { method: 'GET', url: '/api', who: 'open' },
  { method: 'GET', url: '/feed.atom', who: 'open' },
  { method: 'GET', url: '/sitemap.xml', who: 'open' },
  { method: 'GET', url: '/sitemaps/:part', who: 'open' },
  { method: 'GET', url: '/robots.txt', who: 'open' },
  { method: 'GET', url: '/reports/sessions', who: 'open' },
  { method: 'GET', url: '/reports/sessions/:number', who: 'open' },
  { method: 'GET', url: '/reports/sessions/:number.csv', who: 'open' },
  { method: 'GET', url: '/reports/sessions/:number.pdf', who: 'open' },
  { method: 'GET', url: '/api/*', who: 'missing' },
  { method: 'GET', url: '/sign-in', who: 'open' },
  { method: 'POST', url: '/sign-in', who: 'open' },
  { method: 'GET', url: '/sign-in/code', who: 'open' },
  { method: 'POST', url: '/sign-in/code', who: 'open' },
  { method: 'GET', url: '/account/setup/:token', who: 'open' },
  { method: 'POST', url: '/account/setup/:token', who: 'open' },
  { method: 'GET', url: '/sign-in/link/:token', who: 'open' },
  { method: 'POST', url: '/sign-in/link/:token', who: 'open' },
  { method: 'GET', url: '/submit', who: 'open' },
  { method: 'POST', url: '/submit', who: 'open' },
  { method: 'GET', url: '/intake/status', who: 'open' },
  { method: 'GET', url: '/follow', who: 'open' },
  { method: 'POST', url: '/follow', who: 'open' },
  { method: 'POST', url: '/follow/add', who: 'open' },
  { method: 'POST', url: '/follow/answer', who: 'open' },
  { method: 'POST', url: '/follow/withdraw-consent', who: 'open' },
  { method: 'GET', url: '/admin/accounts', who: ['admin'] },
  { method: 'POST', url: '/admin/accounts', who: ['admin'] },
  { method: 'POST', url: '/admin/accounts/:id/disable', who: ['admin'] },
  { method: 'GET', url: '/staff', who: ['officer', 'holder', 'otherHolder'] },
  { method: 'GET', url: '/staff/drafts', who: ['officer', 'holder', 'otherHolder'] },
  { method: 'GET', url: '/staff/drafts/new', who: ['officer'] },
  { method: 'POST', url: '/staff/drafts/new', who: ['officer'] },
  { method: 'GET', url: '/staff/drafts/:id', who: STAFF_READERS },
  { method: 'POST', url: '/staff/drafts/:id/edit', who: ['officer'] },
  { method: 'POST', url: '/staff/drafts/:id/submit', who: ['officer'] },
  { method: 'POST', url: '/staff/drafts/:id/withdraw', who: ['officer'] },
  { method: 'POST', url: '/staff/drafts/:id/approve-public', who: ['officer'] },
  { method: 'POST', url: '/staff/drafts/:id/send', who: ['officer'] },
  { method: 'POST', url: '/staff/drafts/:id/decide', who: STAFF_READERS },
  { method: 'GET', url: '/staff/communications/:id', who: STAFF_READERS },
  { method: 'POST', url: '/staff/communications/:id/replies', who: ['officer'] },
  { method: 'POST', url: '/staff/communications/:id/hold', who: ['officer'] },
  { method: 'POST', url: '/staff/communications/:id/release', who: ['officer'] },
  { method: 'POST', url: '/staff/communications/:id/publish', who: ['officer'] },
  { method: 'POST', url: '/staff/communications/:id/retract', who: ['officer'] },
  { method: 'POST', url: '/staff/communications/:id/approve-public', who: ['officer'] },
  { method: 'GET', url: '/staff/communications/:id/letter', who: STAFF_READERS },
  { method: 'GET', url: '/staff/communications/:id/letter.pdf', who: STAFF_READERS },
  { method: 'GET', url: '/staff/deadlines', who: ['officer', 'holder', 'otherHolder'] },
  { method: 'GET', url: '/staff/search', who: ['officer', 'holder', 'otherHolder'] },
  { method: 'GET', url: '/staff/submissions', who: ['officer'] },
  { method: 'GET', url: '/staff/submissions/:id', who: ['officer'] },
  { method: 'POST', url: '/staff/submissions/:id/identity', who: ['officer'] },
  { method: 'POST', url: '/staff/submissions/:id/status', who: ['officer'] },
  { method: 'POST', url: '/staff/submissions/:id/message', who: ['officer'] },
  { method: 'POST', url: '/staff/submissions/:id/note', who: ['officer'] },
  { method: 'POST', url: '/staff/submissions/:id/draft', who: ['officer'] },
  { method: 'GET', url: '/staff/attachments/:id', who: ['officer'] },
  { method: 'GET', url: '/staff/replies/:replyId', who: ['officer'] },
  { method: 'POST', url: '/staff/replies/:replyId/public-version', who: ['officer'] },
  // The case register: mandate holders read it (without its restricted fields); case officers write it.
  { method: 'GET', url: '/staff/register', who: ['officer', 'holder', 'otherHolder'] },
  { method: 'GET', url: '/staff/register/events', who: ['officer', 'holder', 'otherHolder'] },
  { method: 'GET', url: '/staff/register/events/:id', who: ['officer', 'holder', 'otherHolder'] },
  { method: 'GET', url: '/staff/register/figures', who: ['officer', 'holder', 'otherHolder'] },
  { method: 'GET', url: '/staff/register/persons', who: ['officer', 'holder', 'otherHolder'] },
  { method: 'GET', url: '/staff/register/persons/:id', who: ['officer', 'holder', 'otherHolder'] },
  { method: 'GET', url: '/staff/register/detentions', who: ['officer', 'holder', 'otherHolder'] },
  { method: 'GET', url: '/staff/register/events/new', who: ['officer'] },
  { method: 'POST', url: '/staff/register/events/new', who: ['officer'] },
  { method: 'GET', url: '/staff/register/persons/new', who: ['officer'] },
  { method: 'POST', url: '/staff/register/persons/new', who: ['officer'] },
  { method: 'GET', url: '/staff/register/persons/:id/acts/new', who: ['officer'] },
  { method: 'POST', url: '/staff/register/persons/:id/acts/new', who: ['officer'] },
  { method: 'GET', url: '/staff/register/persons/:id/detentions/new', who: ['officer'] },
  { method: 'POST', url: '/staff/register/persons/:id/detentions/new', who: ['officer'] },
  { method: 'GET', url: '/staff/register/persons/:id/disappearances/new', who: ['officer'] },
  { method: 'POST', url: '/staff/register/persons/:id/disappearances/new', who: ['officer'] },
  { method: 'GET', url: '/staff/register/detentions/:id/transfer', who: ['officer'] },
  { method: 'POST', url: '/staff/register/detentions/:id/transfer', who: ['officer'] },
  { method: 'GET', url: '/staff/register/detentions/:id/edit', who: ['officer'] },
  { method: 'POST', url: '/staff/register/detentions/:id/edit', who: ['officer'] },
  { method: 'GET', url: '/staff/register/disappearances/:id/status', who: ['officer'] },
  { method: 'POST', url: '/staff/register/disappearances/:id/status', who: ['officer'] },
  { method: 'GET', url: '/staff/register/figures/new', who: ['officer'] },
  { method: 'POST', url: '/staff/register/figures/new', who: ['officer'] },
  { method: 'GET', url: '/staff/register/places/new', who: ['officer'] },
  { method: 'POST', url: '/staff/register/places/new', who: ['officer'] },
  { method: 'GET', url: '/staff/register/links/new', who: ['officer'] },
  { method: 'POST', url: '/staff/register/links', who: ['officer'] },
  { method: 'GET', url: '/staff/register/imports', who: ['officer'] },
  { method: 'POST', url: '/staff/register/imports', who: ['officer'] },
  { method: 'GET', url: '/staff/register/imports/:id', who: ['officer'] },
  { method: 'POST', url: '/staff/register/imports/:id', who: ['officer'] },
  { method: 'GET', url: '/staff/register/imports/:id/report.csv', who: ['officer'] },
  { method: 'GET', url: '/staff/register/reviews', who: ['officer'] },
  { method: 'POST', url: '/staff/register/reviews/:id', who: ['officer'] },
  { method: 'GET', url: '/staff/register/export.csv', who: ['officer'] },
  { method: 'GET', url: '/staff/register/export.json', who: ['officer'] },
  { method: 'GET', url: '/inquiries/new', who: 'open' },
  { method: 'POST', url: '/inquiries/new', who: 'open' },
  { method: 'GET', url: '/staff/inquiries', who: ['officer'] },
  { method: 'GET', url: '/staff/inquiries/:id', who: ['officer'] },
  { method: 'POST', url: '/staff/inquiries/:id/answer', who: ['officer'] },
  { method: 'GET', url: '/government', who: ['focal', 'otherFocal'] },
  { method: 'GET', url: '/government/communications/:slug', who: ['focal'] },
  { method: 'GET', url: '/government/communications/:slug/letter.pdf', who: ['focal'] },
  { method: 'POST', url: '/government/communications/:slug/replies', who: ['focal'] },
  { method: 'GET', url: '/government/communications/:slug/replies/:replyId', who: ['focal'] },
  // Last: it ends the session of whoever posts it.
  { method: 'POST', url: '/sign-out', who: 'open' },
];

const HOLDERS = { 'sr-torture': 'Alice Jill Edwards', 'sr-assembly': 'Gina Romero', 'sr-executions': 'Morris Tidball-Binz' } as const;

/** Sends, through the commands, a letter to an addressee signed by two mandates. */
async function sendLetter(ctx: AppContext, type: 'AL' | 'UA', addressee: string): Promise<{ id: string; slug: string }> {
  const officer = staff('Matrix Officer');
  const draft = await createDraft(ctx, officer, { type, addressee, mandates: ['sr-torture', 'sr-assembly'], subject: `A ${type} to ${addressee}`, questions: ['Please explain.'] });
  await submitDraft(ctx, officer, draft.id);
  for (const [mandate, holder] of Object.entries(HOLDERS).slice(0, 2)) await decideDraft(ctx, officer, draft.id, { mandate, decision: 'approved', holder });
  await approvePublicVersion(ctx, officer, draft.id);
  const sent = await sendCommunication(ctx, officer, draft.id);
  return { id: sent.id, slug: sent.reference!.replace(/[ /]/g, '-') };
}

for (const dialect of DIALECTS) {
  describe(`route × role matrix (${dialect})`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    const tokens = new Map<Role, string>();
    const params: Record<string, string> = {};
    let missingPage = '';
    let receipt = '';

    before(async () => {
      const t = await testContext(dialect, '2026-11-29T09:00:00Z');
      ({ ctx, close } = t);
      app = await buildApp(ctx);
      const accounts: Record<Exclude<Role, 'public'>, Parameters<typeof readyAccount>[2]> = {
        admin: { email: 'admin@example.org', displayName: 'Admin', role: 'admin' },
        officer: { email: 'officer@example.org', displayName: 'Officer', role: 'case_officer' },
        holder: { email: 'torture@example.org', displayName: HOLDERS['sr-torture'], role: 'mandate_holder', mandate: 'sr-torture' },
        otherHolder: { email: 'executions@example.org', displayName: HOLDERS['sr-executions'], role: 'mandate_holder', mandate: 'sr-executions' },
        focal: { email: 'kaz@example.org', displayName: 'Focal Point KAZ', role: 'focal_point', stateCode: 'KAZ' },
        otherFocal: { email: 'bra@example.org', displayName: 'Focal Point BRA', role: 'focal_point', stateCode: 'BRA' },
      };
      const principals: Partial<Record<Role, Principal>> = {};
      let officerId = '';
      for (const [role, input] of Object.entries(accounts) as Array<[Role, Parameters<typeof readyAccount>[2]]>) {
        const a = await readyAccount(ctx, t.clock, input);
        tokens.set(role, a.sessionToken);
        if (role === 'officer') officerId = a.id;
        principals[role] = { kind: 'government', name: input.displayName, accountId: a.id, stateCode: input.stateCode ?? '' };
      }
      const published = await sendLetter(ctx, 'AL', 'KAZ');
      await publishCommunication(ctx, staff('Matrix Officer'), published.id, { reason: 'Published early for the test.' });
      const letter = await sendLetter(ctx, 'UA', 'KAZ');
      const draft = await createDraft(ctx, staff('Matrix Officer'), { type: 'UA', addressee: 'KAZ', mandates: ['sr-torture', 'sr-assembly'], subject: 'A draft', questions: ['Why?'] });
      await submitDraft(ctx, staff('Matrix Officer'), draft.id);
      const intake = await submitIntake(ctx, PUBLIC, {
        submitter: { name: 'A Source' }, victims: [{ name: 'A Victim' }], incidentDate: '2026-11-01', place: 'Almaty',
        perpetrators: 'Police', circumstances: 'Detained at a protest.',
      }, [{ name: 'note.txt', bytes: Buffer.from('A short note about what happened.\n') }]);
      const reply = await submitGovernmentReply(ctx, principals.focal!, letter.id, { text: 'The Government replies.', language: 'en' });
      const disposable = await inviteAccount(ctx, SYSTEM, { email: 'disposable@example.org', displayName: 'Disposable', role: 'case_officer' });
      receipt = intake.receipt;
      const register = await seedRegister(ctx);
      // A checked (not written) list import of the officer's, for the import's pages.
      const importer: Principal = { kind: 'staff', name: 'Officer', role: 'case_officer', accountId: officerId };
      const job = await createImportJob(ctx, importer, { bytes: Buffer.from('name\nA Listed Person\n'), fileName: 'list.csv', source: { kind: 'ngo_report', label: 'A list' } });
      startImportJob(ctx, importer, job.id, { mapping: { name: 'name' }, dryRun: true });
      await waitForImportJob(ctx, importer, job.id);
      const inquiry = await submitInquiry(ctx, PUBLIC, { inquirer: { name: 'An Inquirer', relation: 'relative', email: 'i@example.org' }, subject: { names: ['A Person'] } });
      Object.assign(params, {
        slug: published.slug,
        token: 'not-a-valid-link-token',
        // Staff routes name records by id; the portal by reference.
        'id@/staff/drafts': draft.id,
        'id@/staff/communications': letter.id,
        'id@/staff/submissions': intake.submission.id,
        'id@/staff/attachments': (await listAttachments(ctx.store.db, { type: 'submission', id: intake.submission.id }))[0]!.id,
        'id@/admin/accounts': disposable.account.id,
        'id@/staff/register/events': register.eventId,
        'id@/staff/register/persons': register.personId,
        'id@/staff/register/detentions': register.detentionId,
        'id@/staff/register/disappearances': register.disappearanceId,
        'id@/staff/inquiries': inquiry.id,
        'id@/staff/register/imports': job.id,
        'id@/staff/register/reviews': '00000000-0000-4000-8000-000000000000',
        'slug@/government': letter.slug,
        // Statistics name addressees by code and mandates by slug.
        code: 'KAZ',
        'slug@/mandates': 'sr-torture',
        'slug@/api/v1/mandates': 'sr-torture',
        // The sitemap's parts are numbered files.
        part: '1.xml',
        // The communications report to the session whose window holds the fixture's letters (November 2026).
        number: '64',
        replyId: reply.receipt.replyId,
      });
      missingPage = (await as('officer', 'GET', '/staff/drafts/00000000-0000-4000-8000-000000000000')).body;
    });
    after(async () => {
      await app.close();
      await close();
    });

    /** A concrete path for a route pattern. */
    function pathOf(url: string): string {
      return url
        .replace('/*', '/no-such-page')
        .replace(/:(\w+)/g, (_m, name: string) => {
          const scoped = Object.entries(params).find(([k]) => k.startsWith(`${name}@`) && url.startsWith(k.slice(name.length + 1)));
          const value = scoped?.[1] ?? params[name];
          if (value === undefined) throw new Error(`no value for :${name} in ${url}`);
          return encodeURIComponent(value);
        });
    }

    /** One request as a role: its session cookie (or a form cookie for the public) and a valid CSRF token. */
    async function as(role: Role, method: 'GET' | 'POST', path: string): Promise<LightMyRequestResponse> {
      const session = tokens.get(role);
      const cookie = session ? `${SESSION_COOKIE}=${session}` : `${FORM_COOKIE}=matrix-form-cookie`;
      const csrf = csrfTokens(ctx)(session ? 's' : 'f', session ?? 'matrix-form-cookie');
      if (method === 'GET') return app.inject({ method, url: path, headers: { cookie } });
      // The source's follow-up forms carry its receipt code: without one they answer like a missing submission.
      const extra: Record<string, string> = path.startsWith('/follow') ? { code: receipt } : {};
      return app.inject({ method, url: path, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrf, ...extra }) });
    }

    it('covers every registered route, and nothing else', () => {
      const registered = app.registeredRoutes.map((r) => `${r.method} ${r.url}`).sort();
      const listed = TABLE.map((r) => `${r.method} ${r.url}`).sort();
      assert.deepEqual(listed, registered, 'a route is missing from the table (or listed but gone)');
    });

    for (const row of TABLE) {
      it(`${row.method} ${row.url}`, async () => {
        const path = pathOf(row.url);
        const allowed = (role: Role) => row.who === 'open' || (Array.isArray(row.who) && row.who.includes(role));
        // Refusals first, each checked to change nothing; then the roles allowed.
        for (const role of [...ROLES].sort((a, b) => Number(allowed(a)) - Number(allowed(b)))) {
          const before = allowed(role) ? '' : await storeDigest(ctx);
          const res = await as(role, row.method, path);
          const where = `${role} ${row.method} ${path} → ${res.statusCode} ${String(res.headers.location ?? '')}`;
          assert.ok(res.statusCode < 500, where);
          const toSignIn = res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in');
          if (row.who === 'missing') {
            assert.equal(res.statusCode, 404, where);
          } else if (allowed(role)) {
            if (row.who !== 'open') assert.ok(res.statusCode !== 404 && res.statusCode !== 401 && !toSignIn, where);
            else assert.notEqual(res.statusCode, 404, where);
          } else if (role === 'public') {
            assert.ok(row.method === 'GET' ? toSignIn : res.statusCode === 401, where);
            assert.equal(await storeDigest(ctx), before, `${where}: changed the store`);
          } else {
            assert.equal(res.statusCode, 404, where);
            assert.equal(res.body, missingPage, `${where}: a refusal looks exactly like a missing page`);
            assert.equal(await storeDigest(ctx), before, `${where}: changed the store`);
          }
        }
      });
    }
  });
}
