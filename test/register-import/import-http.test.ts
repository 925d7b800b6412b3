// The list import pages as a case officer uses them — upload, column mapping, check, import, report,
// review — and as everyone else finds them: a missing page, with nothing written.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import { recordPlaces } from '../../src/commands/register/record-places.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { staff } from '../../src/policies/principal.ts';
import { multipartBody } from '../intake/intake-http.ts';
import { readyAccount } from '../support/accounts.ts';
import { browserFor, type Browser } from '../support/http-session.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

const OFFICER = staff('Olga Officer');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/lists/${name}`, import.meta.url));

/** Uploads a list as a browser's form does (multipart, the CSRF token first). */
function upload(b: Browser, bytes: Buffer, fields: Record<string, string> = {}, filename = 'list.csv'): Promise<LightMyRequestResponse> {
  const body = multipartBody({ _csrf: b.csrf, sourceKind: 'ngo_report', sourceLabel: 'NGO list of 12 January 2022', receivedOn: '2022-01-12', ...fields }, [{ field: 'file', filename, contentType: 'text/csv', bytes }]);
  return b.inject({ method: 'POST', url: '/staff/register/imports', headers: { 'content-type': body.contentType }, payload: body.payload });
}

/** The selected column (its index) of each mapping select of a page. */
function selections(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<select id="map-[a-z_]+" name="(map_[a-z_]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option value="(\d*)" selected/.exec(m[2]!);
    out[m[1]!] = chosen?.[1] ?? '';
  }
  return out;
}

/** Reloads a job's page until the job is no longer running (the page says so by its Refresh header). */
async function settle(b: Browser, path: string): Promise<LightMyRequestResponse> {
  for (let i = 0; i < 200; i++) {
    const res = await b.get(path);
    if (res.headers.refresh === undefined) return res;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail('the import did not finish');
}

for (const dialect of DIALECTS) {
  describe(`list import pages (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let officer: Browser;
    let holder: Browser;
    let known: string;

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2022-01-18T08:00:00Z'));
      app = await buildApp(ctx);
      officer = browserFor(app, ctx, (await readyAccount(ctx, clock, { email: 'officer@example.org', displayName: 'Olga Officer', role: 'case_officer' })).sessionToken);
      holder = browserFor(app, ctx, (await readyAccount(ctx, clock, { email: 'holder@example.org', displayName: 'Alice Jill Edwards', role: 'mandate_holder', mandate: 'sr-torture' })).sessionToken);
      await recordPlaces(ctx, OFFICER, [
        { id: 'zhanaozen', kind: 'city', name: 'Zhanaozen', nameLocal: 'Жаңаөзен', countryCode: 'KAZ' },
        { id: 'almaty', kind: 'city', name: 'Almaty', nameLocal: 'Алматы', countryCode: 'KAZ' },
        { id: 'aktau', kind: 'city', name: 'Aktau', nameLocal: 'Ақтау', countryCode: 'KAZ' },
        { id: 'sizo-almaty', kind: 'facility', name: 'SIZO Almaty', nameLocal: 'СИЗО Алматы', countryCode: 'KAZ' },
      ]);
      // Known before the list comes: the list's Тестова Мария was born a year later by its account.
      known = await recordPerson(ctx, OFFICER, { names: [{ name: 'Testova Mariia' }], birthYear: 2000, sex: 'f' });
    });
    after(async () => {
      await app.close();
      await close();
    });

    it('upload → map → check → import → report.csv → review → decide, as a case officer', async () => {
      const form = await officer.get('/staff/register/imports');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /enctype="multipart\/form-data"/);
      assert.match(form.body, /name="_csrf"/);

      const uploaded = await upload(officer, fixture('detainees-ru.csv'), {}, 'detainees-ru.csv');
      assert.equal(uploaded.statusCode, 303, uploaded.body);
      const jobPath = String(uploaded.headers.location);
      assert.match(jobPath, /^\/staff\/register\/imports\/[0-9a-f-]{36}$/);

      // The mapping step: the file's columns, each field's select prefilled from the Russian column names.
      const mapping = await officer.get(jobPath);
      assert.equal(mapping.statusCode, 200);
      assert.match(mapping.body, /Which column holds which field\?/);
      assert.match(mapping.body, /Жанбулатов Нурлан Серикович/, 'the preview shows the first rows');
      const chosen = selections(mapping.body);
      assert.deepEqual(
        { name: chosen.map_name, birth: chosen.map_birth_year, sex: chosen.map_sex, place: chosen.map_place, arrested: chosen.map_arrested_on, held: chosen.map_detention_place, charges: chosen.map_charges, notes: chosen.map_notes, status: chosen.map_status },
        { name: '0', birth: '1', sex: '2', place: '3', arrested: '4', held: '5', charges: '6', notes: '7', status: '' },
      );

      // A check first: nothing written, the result says what an import would do.
      const before = await storeDigest(ctx);
      const check = await officer.post(jobPath, { ...chosen, action: 'check' });
      assert.equal(check.statusCode, 303);
      const checked = await settle(officer, jobPath);
      assert.match(checked.body, /data-status="checked"/);
      assert.match(checked.body, /The check found no problem/);
      assert.equal(await storeDigest(ctx), before, 'a check writes nothing');

      // Then the import.
      assert.equal((await officer.post(jobPath, { ...chosen, action: 'import' })).statusCode, 303);
      const done = await settle(officer, jobPath);
      assert.match(done.body, /data-status="imported"/, done.body);
      assert.match(done.body, /Imported: 5 rows — 3 new, 1 matched with persons already in the register, 1 to review/);

      const report = await officer.get(`${jobPath}/report.csv`);
      assert.equal(report.statusCode, 200);
      assert.match(String(report.headers['content-type']), /^text\/csv/);
      assert.match(String(report.headers['content-disposition']), /^attachment/);
      const lines = report.body.replace(/^\ufeff/, '').trim().split('\n');
      assert.equal(lines[0], 'Row,Outcome,Person,May be,Field,Code,Problem');
      assert.equal(lines.length, 6);
      assert.match(lines[5]!, new RegExp(`^6,"?likely match, to review"?,[0-9a-f-]{36},${known}`));

      // The review: both persons side by side, then the decision.
      const reviews = await officer.get('/staff/register/reviews');
      assert.equal(reviews.statusCode, 200);
      assert.match(reviews.body, /Тестова Мария/);
      assert.match(reviews.body, /Testova Mariia/);
      assert.match(reviews.body, /years of birth one apart/);
      const action = /<form method="post" action="(\/staff\/register\/reviews\/[0-9a-f-]{36})">/.exec(reviews.body)![1]!;
      const version = /name="version" value="(\d+)"/.exec(reviews.body)![1]!;
      const decided = await officer.post(action, { decision: 'same', version });
      assert.equal(decided.statusCode, 303);
      assert.equal(decided.headers.location, '/staff/register/reviews?done=same');
      const after = await officer.get('/staff/register/reviews?done=same');
      assert.match(after.body, /Merged into the person already in the register/);
      assert.match(after.body, /No likely match waits for a decision/);
      const again = await officer.post(action, { decision: 'different', version });
      assert.equal(again.statusCode, 409, 'a decided review cannot be decided again');
      assert.match(again.body, /TRANSITION_INVALID/);

      // The upload page now lists the import.
      assert.match((await officer.get('/staff/register/imports')).body, /detainees-ru\.csv/);
    });

    it('a list with a broken row imports nothing; the page and the report name the rows', async () => {
      const uploaded = await upload(officer, fixture('broken-row.csv'), {}, 'broken-row.csv');
      assert.equal(uploaded.statusCode, 303);
      const jobPath = String(uploaded.headers.location);
      const chosen = selections((await officer.get(jobPath)).body);
      assert.deepEqual([chosen.map_name, chosen.map_birth_year, chosen.map_place, chosen.map_arrested_on], ['0', '1', '2', '3']);
      const before = await storeDigest(ctx);
      await officer.post(jobPath, { ...chosen, action: 'import' });
      const done = await settle(officer, jobPath);
      assert.match(done.body, /data-status="rejected"/);
      assert.match(done.body, /Nothing was imported: 2 rows are at fault \(of 4\)/);
      assert.match(done.body, /<th scope="row">4<\/th><td>at fault<\/td><td><ul><li>Year of birth: not a year of birth<\/li>/);
      assert.match(done.body, /<th scope="row">5<\/th><td>at fault<\/td><td><ul><li>Place \(residence or arrest\): not a place of the register<\/li>/);
      assert.equal(await storeDigest(ctx), before, 'nothing was written');
      const report = await officer.get(`${jobPath}/report.csv`);
      assert.deepEqual(
        report.body.replace(/^\ufeff/, '').trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2).concat(l.split(',')[5]!)),
        [
          ['4', 'at fault', 'birth_year'],
          ['5', 'at fault', 'place_unknown'],
        ],
      );
      // The mapping form is offered again, to correct and retry.
      assert.match(done.body, /Which column holds which field\?/);
    });

    it('shows the problem of a file it cannot read, or of a mapping without names, with nothing written', async () => {
      const before = await storeDigest(ctx);
      const binary = await upload(officer, Buffer.from('%PDF-1.7 a list in a PDF'), {}, 'list.pdf');
      assert.equal(binary.statusCode, 400);
      assert.match(binary.body, /FILE_INVALID/);
      assert.match(binary.body, /PDF/);
      const noFile = await officer.post('/staff/register/imports', { sourceKind: 'ngo_report', sourceLabel: 'x' });
      assert.equal(noFile.statusCode, 400);
      assert.match(noFile.body, /VALIDATION_FAILED/);
      const noSource = await upload(officer, Buffer.from('name\nA Person\n'), { sourceLabel: '' });
      assert.equal(noSource.statusCode, 400);
      const uploaded = await upload(officer, Buffer.from('name,year\nA Person,1990\n'));
      const jobPath = String(uploaded.headers.location);
      const unmapped = await officer.post(jobPath, { map_name: '', map_birth_year: '1', action: 'import' });
      assert.equal(unmapped.statusCode, 400);
      assert.match(unmapped.body, /Full name/);
      assert.equal(await storeDigest(ctx), before);
    });

    it('is a missing page for a mandate holder, whatever the route, and nothing changes', async () => {
      const uploaded = await upload(officer, Buffer.from('name\nA Person\n'));
      const jobPath = String(uploaded.headers.location);
      const missing = await holder.get('/staff/drafts/00000000-0000-4000-8000-000000000000');
      assert.equal(missing.statusCode, 404);
      const before = await storeDigest(ctx);
      for (const res of [
        await holder.get('/staff/register/imports'),
        await upload(holder, Buffer.from('name\nA Person\n')),
        await holder.get(jobPath),
        await holder.post(jobPath, { map_name: '0', action: 'import' }),
        await holder.get(`${jobPath}/report.csv`),
        await holder.get('/staff/register/reviews'),
        await holder.post('/staff/register/reviews/00000000-0000-4000-8000-000000000000', { decision: 'same' }),
      ]) {
        assert.equal(res.statusCode, 404);
        assert.equal(res.body, missing.body, 'a refusal looks exactly like a missing page');
      }
      assert.equal(await storeDigest(ctx), before);
      // Another officer's job is not found either.
      const other = browserFor(app, ctx, (await readyAccount(ctx, clock, { email: 'other@example.org', displayName: 'Other Officer', role: 'case_officer' })).sessionToken);
      assert.equal((await other.get(jobPath)).statusCode, 404);
      // Signed out: the sign-in page.
      const anonymous = await app.inject({ method: 'GET', url: '/staff/register/imports' });
      assert.equal(anonymous.statusCode, 303);
      assert.match(String(anonymous.headers.location), /^\/sign-in/);
    });
  });
}
