import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { LOCALE_CODES } from '../../src/i18n/locales.ts';
import { CATALOGUES, translator } from '../../src/i18n/translate.ts';
import { readyAccount } from '../support/accounts.ts';
import { browserFor, type Browser } from '../support/http-session.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { Visitor } from '../intake/intake-http.ts';
import { allRows, REGISTER_NAME, SENTINELS, seedRegister, type InquiryRegister } from './inquiry-fixtures.ts';

/** The public form filled in about Nurlan Zhanbulatov, born 1985: a person the register holds. */
function fields(extra: Record<string, string> = {}): Record<string, string> {
  return {
    subjectName: 'Nurlan Zhanbulatov',
    subjectOtherNames: 'Нурлан Жанбулатов\nNurlan Janbulatov',
    birthYear: '1985',
    lastSeenOn: '6 January 2022',
    lastSeenPlace: 'Republic Square, Almaty',
    detainedBy: 'men in plain clothes',
    details: 'He went to the square and did not come back.',
    name: 'Aigerim Inquirerova',
    relation: 'relative',
    email: 'aigerim.inquirer@example.org',
    phone: '',
    address: '',
    answerLanguage: 'Qazaq tili',
    website: '',
    ...extra,
  };
}

/** Everything in the register that no public answer may contain. */
const REGISTER_ONLY = [...Object.values(SENTINELS), REGISTER_NAME, 'Жанбулатова', '1962', 'Criminal Code'];

/** Asserts that a public answer shows nothing of the register. */
function assertNothingOfTheRegister(res: LightMyRequestResponse, where: string): void {
  const text = `${JSON.stringify(res.headers)}\n${res.body}`;
  for (const s of REGISTER_ONLY) assert.ok(!text.includes(s), `${where}: "${s}" is in a public answer`);
}

const reference = (html: string): string => {
  const m = /id="inquiry-reference">(WI-[0-9A-Z]{6})</.exec(html);
  if (!m) throw new Error('no reference on the page');
  return m[1]!;
};

for (const dialect of DIALECTS) {
  describe(`whereabouts inquiry pages (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let register: InquiryRegister;
    let officer: Browser;
    const others = new Map<string, Browser>();
    let ip = 0;
    const nextIp = () => `198.51.100.${++ip}`;

    /** A new visitor from a new address that opens the form (in a language) and posts it. */
    async function ask(values: Record<string, string>, lang = ''): Promise<{ visitor: Visitor; form: LightMyRequestResponse; res: LightMyRequestResponse }> {
      const visitor = new Visitor(app, nextIp());
      const form = await visitor.open(`${lang ? `/${lang}` : ''}/inquiries/new`);
      assert.equal(form.statusCode, 200);
      return { visitor, form, res: await visitor.form(`${lang ? `/${lang}` : ''}/inquiries/new`, values) };
    }

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2026-03-02T09:00:00Z'));
      app = await buildApp(ctx);
      register = await seedRegister(ctx);
      const ana = await readyAccount(ctx, clock, { email: 'ana@example.org', displayName: 'Ana Officer', role: 'case_officer' });
      officer = browserFor(app, ctx, ana.sessionToken);
      for (const [role, input] of [
        ['holder', { email: 'holder@example.org', displayName: 'Alice Jill Edwards', role: 'mandate_holder', mandate: 'sr-torture' }],
        ['admin', { email: 'admin@example.org', displayName: 'Admin', role: 'admin' }],
        ['focal', { email: 'kaz@example.org', displayName: 'Focal Point KAZ', role: 'focal_point', stateCode: 'KAZ' }],
      ] as const) {
        others.set(role, browserFor(app, ctx, (await readyAccount(ctx, clock, input)).sessionToken));
      }
    });
    after(async () => {
      await app.close();
      await close();
    });

    it('speaks the intake form’s languages, Arabic right to left, with no script, and posts under the page’s language', async () => {
      const intakeLanguages = LOCALE_CODES.filter((l) => Object.hasOwn(CATALOGUES[l], 'intake.title') && (l === 'en' || CATALOGUES[l]['intake.title'] !== CATALOGUES.en['intake.title']));
      const inquiryLanguages = LOCALE_CODES.filter((l) => Object.hasOwn(CATALOGUES[l], 'inquiry.title') && (l === 'en' || CATALOGUES[l]['inquiry.title'] !== CATALOGUES.en['inquiry.title']));
      assert.deepEqual(inquiryLanguages, intakeLanguages);
      assert.deepEqual(inquiryLanguages, ['en', 'fr', 'es', 'ru', 'ar']);
      for (const lang of inquiryLanguages) {
        const res = await new Visitor(app, nextIp()).open(`/${lang}/inquiries/new`);
        assert.equal(res.statusCode, 200, lang);
        assert.equal(res.headers['cache-control'], 'no-store');
        assert.ok(res.body.includes(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`), lang);
        assert.ok(res.body.includes(translator(lang)('inquiry.howAnswered').replace(/'/g, '&#39;').slice(0, 40)), `${lang}: the page is translated`);
        assert.ok(res.body.includes(`action="/${lang}/inquiries/new"`), `${lang}: the post keeps the language`);
        assert.ok(!res.body.includes('<script'), `${lang}: no script`);
        assert.match(res.body, /class="intake-hp" aria-hidden="true"/);
        assertNothingOfTheRegister(res, `GET /${lang}/inquiries/new`);
      }
    });

    it('gives a receipt with a reference and nothing of the register, even when the register knows the person', async () => {
      const before = await ctx.store.db.selectFrom('whereabouts_inquiries').select('id').execute();
      const known = await ask(fields());
      assert.equal(known.res.statusCode, 200, known.res.body);
      assert.equal(known.res.headers['cache-control'], 'no-store');
      const ref = reference(known.res.body);
      assert.ok(known.res.body.includes(translator('en')('inquiry.receipt.fromStaff').slice(0, 40)), 'the receipt says the answer comes from staff');
      const stored = await ctx.store.db.selectFrom('whereabouts_inquiries').selectAll().where('reference', '=', ref).executeTakeFirstOrThrow();
      assert.equal(stored.status, 'open');
      assert.equal((await ctx.store.db.selectFrom('whereabouts_inquiries').select('id').execute()).length, before.length + 1);
      // The answer is the same whether or not the register knows the person: only the reference differs.
      const unknown = await ask(fields({ subjectName: 'Unknown Personovich', subjectOtherNames: '' }));
      assert.equal(unknown.res.statusCode, 200);
      const plain = (html: string) => html.replace(/WI-[0-9A-Z]{6}/g, 'WI-XXXXXX');
      assert.equal(plain(known.res.body), plain(unknown.res.body));
      for (const r of [known.form, known.res, unknown.res]) assertNothingOfTheRegister(r, 'receipt');
      // In Russian and Arabic too, and a refused form: still nothing of the register.
      for (const lang of ['ru', 'ar']) {
        const { res } = await ask(fields(), lang);
        assert.equal(res.statusCode, 200);
        assert.ok(res.body.includes(translator(lang)('inquiry.receipt.title')));
        assertNothingOfTheRegister(res, `${lang} receipt`);
      }
      const refused = await ask(fields({ email: '' }));
      assert.equal(refused.res.statusCode, 400);
      assertNothingOfTheRegister(refused.res, 'refused form');
      // Nothing of what the inquirer typed is stored in clear.
      const rows = await allRows(ctx);
      for (const s of ['Aigerim Inquirerova', 'aigerim.inquirer@example.org', 'Nurlan Zhanbulatov', 'Republic Square']) assert.ok(!rows.includes(s), `"${s}" stored in clear`);
    });

    it('shows staff the inquiry with its candidates ranked, audits the reading, and records the answer', async () => {
      const { res } = await ask(fields());
      const ref = reference(res.body);
      const { id } = await ctx.store.db.selectFrom('whereabouts_inquiries').select('id').where('reference', '=', ref).executeTakeFirstOrThrow();

      const list = await officer.get('/staff/inquiries');
      assert.equal(list.statusCode, 200);
      assert.equal(list.headers['cache-control'], 'no-store');
      assert.ok(list.body.includes(ref) && list.body.includes('Nurlan Zhanbulatov'));
      assert.ok(!list.body.includes('Aigerim Inquirerova'), 'the list shows no inquirer');
      assert.ok((await officer.get('/staff/inquiries?status=open')).body.includes(ref));
      assert.ok(!(await officer.get('/staff/inquiries?status=closed')).body.includes(ref));

      const readsBefore = (await ctx.store.db.selectFrom('audit_log').select('seq').where('action', '=', 'read.inquirer').where('record_id', '=', id).execute()).length;
      const page = await officer.get(`/staff/inquiries/${id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Aigerim Inquirerova') && page.body.includes('aigerim.inquirer@example.org'), 'staff see the inquirer');
      const order = [...page.body.matchAll(/class="candidate" data-person="([0-9a-f-]+)" data-verdict="(\w+)"/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(order[0], [register.nurlan, 'same'], 'Жанбулатов Нурлан (1985) first');
      assert.ok(order.some(([p]) => p === register.namesake) && order.some(([p]) => p === register.sister));
      assert.ok(!order.some(([p]) => p === register.other));
      assert.ok(page.body.includes(SENTINELS.authority) && page.body.includes(SENTINELS.place), 'staff see the current authority and place');
      assert.ok(!page.body.includes(SENTINELS.health), 'the page shows no health');
      const reads = await ctx.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'read.inquirer').where('record_id', '=', id).execute();
      assert.equal(reads.length, readsBefore + 1, 'viewing the inquiry writes read.inquirer');
      assert.equal(reads[reads.length - 1]!.actor, 'Ana Officer');

      const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
      const told = 'Told by telephone that he is held in pre-trial detention in Almaty.';
      const saved = await officer.post(`/staff/inquiries/${id}/answer`, { version, answer: told, channel: 'phone', personId: register.nurlan, status: 'answered' });
      assert.equal(saved.statusCode, 303, saved.body);
      assert.equal(saved.headers.location, `/staff/inquiries/${id}?done=answered`);
      const after = await officer.get(String(saved.headers.location));
      assert.ok(after.body.includes(told), 'the answer is shown to staff');
      assert.ok(after.body.includes(translator('en')('inquiry.staff.done.answered')));
      assert.match(after.body, /id="inquiry-status">Answered</);
      const audit = await ctx.store.db.selectFrom('audit_log').selectAll().where('record_id', '=', id).where('action', '=', 'inquiry.answered').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor, 'Ana Officer');
      assert.ok(!(await allRows(ctx)).includes(told), 'the answer is stored encrypted');

      // An answer form with an old version, or with nothing written, is shown again with its error; nothing recorded.
      const stale = await officer.post(`/staff/inquiries/${id}/answer`, { version, answer: 'Again.', channel: 'email', personId: '', status: 'closed' });
      assert.equal(stale.statusCode, 409);
      assert.ok(stale.body.includes('Error code: CONFLICT') && stale.body.includes('Again.'));
      const empty = await officer.post(`/staff/inquiries/${id}/answer`, { version: String(Number(version) + 1), answer: '', channel: 'email', personId: '', status: 'closed' });
      assert.equal(empty.statusCode, 400);
      assert.ok(empty.body.includes('Error code: VALIDATION_FAILED'));
      const row = await ctx.store.db.selectFrom('whereabouts_inquiries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'answered');
      assert.equal(Number(row.version), Number(version) + 1);

      // Closed: no answer form any more.
      assert.equal((await officer.post(`/staff/inquiries/${id}/answer`, { version: String(Number(version) + 1), answer: 'Nothing more.', channel: 'letter', personId: register.nurlan, status: 'closed' })).statusCode, 303);
      const closed = await officer.get(`/staff/inquiries/${id}`);
      assert.ok(!closed.body.includes('name="version"'));
      const late = await officer.post(`/staff/inquiries/${id}/answer`, { version: String(Number(version) + 2), answer: 'Late.', channel: 'letter', personId: '', status: 'answered' });
      assert.equal(late.statusCode, 409);
      assert.ok(late.body.includes('Error code: TRANSITION_INVALID'));
    });

    it('gives mandate holders, admins and focal points the 404 of a missing page, and the public the sign-in page; nothing changes', async () => {
      const { res } = await ask(fields());
      const { id } = await ctx.store.db.selectFrom('whereabouts_inquiries').select('id').where('reference', '=', reference(res.body)).executeTakeFirstOrThrow();
      // What a case officer gets for an inquiry that does not exist.
      const missing = await officer.get('/staff/inquiries/00000000-0000-4000-8000-000000000000');
      assert.equal(missing.statusCode, 404);
      for (const [role, b] of others) {
        const before = await storeDigest(ctx);
        for (const url of ['/staff/inquiries', `/staff/inquiries/${id}`, '/staff/inquiries?status=open']) {
          const r = await b.get(url);
          assert.equal(r.statusCode, 404, `${role} GET ${url}`);
          assert.equal(r.body, missing.body, `${role}: a refusal looks exactly like a missing inquiry`);
        }
        const post = await b.post(`/staff/inquiries/${id}/answer`, { version: '1', answer: 'x', channel: 'phone', personId: '', status: 'answered' });
        assert.equal(post.statusCode, 404, `${role} POST answer`);
        assert.equal(await storeDigest(ctx), before, `${role}: nothing changed, nothing read`);
      }
      const visitor = new Visitor(app, nextIp());
      const signIn = await visitor.open('/staff/inquiries');
      assert.equal(signIn.statusCode, 303);
      assert.match(String(signIn.headers.location), /^\/sign-in/);
    });

    it('shows the form again on bad input, with a stable error and what was typed, and writes nothing', async () => {
      const cases: Array<[string, Record<string, string>, string, string]> = [
        ['no name of the person', fields({ subjectName: '', subjectOtherNames: '' }), 'VALIDATION_FAILED', 'subjectName'],
        ['no name of the inquirer', fields({ name: '' }), 'VALIDATION_FAILED', 'name'],
        ['no relation', fields({ relation: '' }), 'VALIDATION_FAILED', 'relation'],
        ['no way to answer', fields({ email: '', phone: '', address: '' }), 'VALIDATION_FAILED', 'email'],
        ['over-long details', fields({ details: 'y'.repeat(20_001) }), 'VALIDATION_FAILED', 'details'],
        ['a control character', fields({ subjectName: 'Nurlan\u0007Zhanbulatov' }), 'VALIDATION_FAILED', 'subjectName'],
        ['a control character in another spelling', fields({ subjectOtherNames: 'Nurlan\u001bZh' }), 'VALIDATION_FAILED', 'subjectOtherNames'],
        ['a birth year that is not one', fields({ birthYear: '85x' }), 'VALIDATION_FAILED', 'birthYear'],
      ];
      for (const [what, values, code, field] of cases) {
        const before = await storeDigest(ctx);
        const { res } = await ask(values);
        assert.equal(res.statusCode, 400, what);
        assert.ok(res.body.includes(`Error code: ${code}`), `${what}: the stable code`);
        assert.ok(res.body.includes('name="subjectName"'), `${what}: the form again`);
        assert.match(res.body, new RegExp(`id="${field}" name="${field}"[^>]*aria-invalid="true"`), `${what}: the field is marked`);
        assert.ok(res.body.includes('Aigerim Inquirerova') || values.name === '', `${what}: what was typed is kept`);
        assert.equal(await storeDigest(ctx), before, `${what}: nothing written`);
      }

      // Without the form's token, or with another's: the form again, what was typed kept, nothing written.
      for (const [what, token] of [['missing', undefined], ['wrong', 'not-the-token']] as const) {
        const visitor = new Visitor(app, nextIp());
        await visitor.open('/inquiries/new');
        const before = await storeDigest(ctx);
        const payload = new URLSearchParams({ ...(token ? { _csrf: token } : {}), ...fields() }).toString();
        const res = await app.inject({ method: 'POST', url: '/inquiries/new', remoteAddress: visitor.address, headers: { cookie: visitor.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload });
        assert.equal(res.statusCode, 403, what);
        assert.ok(res.body.includes('Error code: CSRF_INVALID'), `${what} token: the stable code`);
        assert.ok(res.body.includes('name="subjectName"') && res.body.includes('Aigerim Inquirerova'), `${what} token: the form again`);
        assert.equal(await storeDigest(ctx), before, `${what} token: nothing written`);
        // The new token of the page works.
        visitor.csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)![1]!;
        assert.equal((await visitor.form('/inquiries/new', fields())).statusCode, 200);
      }
    });

    it('stores nothing when the hidden field is filled, and answers the same', async () => {
      const before = await storeDigest(ctx);
      const { res } = await ask(fields({ website: 'http://spam.example' }));
      assert.equal(res.statusCode, 200);
      assert.match(reference(res.body), /^WI-/);
      assert.equal(await storeDigest(ctx), before);
    });

    it('rate-limits inquiries per address', async () => {
      const visitor = new Visitor(app, nextIp());
      await visitor.open('/inquiries/new');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await visitor.form('/inquiries/new', fields({ name: '' }))).statusCode);
      const before = await storeDigest(ctx);
      const sixth = await visitor.form('/inquiries/new', fields());
      statuses.push(sixth.statusCode);
      assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
      assert.ok(sixth.body.includes('Error code: RATE_LIMITED') || sixth.body.includes('RATE_LIMITED'));
      assert.equal(await storeDigest(ctx), before, 'nothing stored');
      assert.equal((await new Visitor(app, nextIp()).open('/inquiries/new')).statusCode, 200, 'another address is not limited');
    });
  });
}
