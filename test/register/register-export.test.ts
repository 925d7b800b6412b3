import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { parse as parseCsv } from 'csv-parse/sync';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import type { AppContext } from '../../src/context.ts';
import { registerCsvChunks, registerCsvColumns, registerJsonChunks, REGISTER_CSV_COLUMNS } from '../../src/exports/register-export.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { RESTRICTED_CLASSES, type RestrictedClass } from '../../src/policies/register-policy.ts';
import { EXPORT_CLASSES, exportRegister, REGISTER_EXPORT_KINDS, type RegisterExportOf } from '../../src/queries/register/export-register.ts';
import { readyAccount } from '../support/accounts.ts';
import { browserFor, type Browser } from '../support/http-session.ts';
import { isSignInRedirect } from '../support/public-crawl.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { OFFICER } from '../support/workflow.ts';
import { auditedBy, RESTRICTED, restrictedIn, ROLE_PRINCIPALS, seedRegister, type SeededRegister } from './register-fixture.ts';

/**
 * Staff exports of the register (CSV and JSON): a case officer's file holds every field, restricted ones
 * included, and the export is recorded as a read of the classes it holds; everyone else is refused as if
 * the address did not exist (the public is sent to sign in), and nothing is written. The records are read
 * a batch at a time; a CSV for a reader without a class has no column for it.
 */

const NONE: ReadonlySet<RestrictedClass> = new Set();
const ALL: ReadonlySet<RestrictedClass> = new Set(RESTRICTED_CLASSES);

/** The rows of a CSV file (its byte-order mark dropped), as objects keyed by header. */
function csvRows(body: string): Record<string, string>[] {
  assert.ok(body.startsWith('\uFEFF'), 'a byte-order mark for spreadsheets');
  return parseCsv(body.slice(1), { columns: true }) as Record<string, string>[];
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

for (const dialect of DIALECTS) {
  describe(`register exports (${dialect})`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    let r: SeededRegister;
    const browsers: Record<string, Browser> = {};

    before(async () => {
      const t = await testContext(dialect, '2022-01-18T08:00:00Z');
      ({ ctx, close } = t);
      app = await buildApp(ctx);
      r = await seedRegister(ctx);
      const accounts = {
        officer: { email: 'officer@example.org', displayName: 'Olga Officer', role: 'case_officer' },
        holder: { email: 'wgad@example.org', displayName: 'Elina Steinerte', role: 'mandate_holder', mandate: 'wgad' },
        admin: { email: 'admin@example.org', displayName: 'An Admin', role: 'admin' },
        focal: { email: 'kaz@example.org', displayName: 'KAZ Focal Point', role: 'focal_point', stateCode: 'KAZ' },
      };
      for (const [who, input] of Object.entries(accounts)) browsers[who] = browserFor(app, ctx, (await readyAccount(ctx, t.clock, input)).sessionToken);
    });
    after(async () => {
      await app.close();
      await close();
    });

    it('a case officer’s CSV of detentions holds every field, restricted ones included, as an attachment never stored', async () => {
      const { result: res, entries } = await auditedBy(ctx, () => browsers.officer!.get('/staff/register/export.csv?what=detentions'));
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="register-detentions-2022-01-18\.csv"$/);
      assert.equal(res.headers['cache-control'], 'no-store');
      const rows = csvRows(res.body);
      assert.equal(rows.length, 3);
      const d = rows.find((x) => x.id === r.detentionId)!;
      assert.equal(d.health, RESTRICTED.health);
      assert.equal(d.current_place_id, 'sizo-almaty');
      assert.equal(d.arrest_place_id, 'zhanaozen');
      assert.deepEqual(
        (JSON.parse(d.stays!) as Array<{ note: string }>).map((s) => s.note),
        [RESTRICTED.stayNote, RESTRICTED.transferNote],
      );
      assert.deepEqual(
        (JSON.parse(d.transfers!) as Array<{ toPlaceId: string }>).map((t) => t.toPlaceId),
        ['sizo-almaty'],
      );
      assert.ok(d.sources!.includes(RESTRICTED.sourceLabel));
      assert.equal(rows.find((x) => x.id === r.withheldDetentionId)!.person_names, `${RESTRICTED.withheldName} | ${RESTRICTED.withheldNameLatin}`);
      assert.deepEqual(
        entries.map((e) => [e.action, e.recordType, e.recordId, e.actor]).sort(),
        ['detention_place', 'health', 'identity', 'sources'].map((c) => [`read.${c}`, 'register_export', 'detentions', 'Olga Officer']),
        'one read per restricted class the export holds, once per export',
      );
    });

    it('a case officer’s JSON of persons and disappearances holds withheld names, sources and the relatives’ part', async () => {
      const persons = await browsers.officer!.get('/staff/register/export.json?what=persons');
      assert.equal(persons.statusCode, 200);
      assert.match(String(persons.headers['content-type']), /^application\/json/);
      assert.equal(persons.headers['cache-control'], 'no-store');
      assert.match(String(persons.headers['content-disposition']), /^attachment; filename="register-persons-/);
      const list = JSON.parse(persons.body) as Array<{ id: string; names?: Array<{ name: string }>; sources?: Array<{ label: string }> }>;
      assert.equal(list.length, 3);
      assert.deepEqual(
        list.find((p) => p.id === r.withheldId)!.names!.map((n) => n.name),
        [RESTRICTED.withheldName, RESTRICTED.withheldNameLatin],
      );
      assert.equal(list.find((p) => p.id === r.personId)!.sources![0]!.label, RESTRICTED.sourceLabel);

      const gone = await browsers.officer!.get('/staff/register/export.json?what=disappearances');
      const [x] = JSON.parse(gone.body) as Array<{ lastSeenBy: string; relativesSteps: string; person: { names: Array<{ name: string }> } }>;
      assert.equal(x!.lastSeenBy, RESTRICTED.lastSeenBy);
      assert.equal(x!.relativesSteps, RESTRICTED.relativesSteps);
      assert.equal(x!.person.names[0]!.name, RESTRICTED.withheldName);
      const csv = await browsers.officer!.get('/staff/register/export.csv?what=disappearances');
      assert.equal(csvRows(csv.body)[0]!.last_seen_by, RESTRICTED.lastSeenBy);
    });

    it('every kind exports, in CSV and JSON, with the same records', async () => {
      const counts = { persons: 3, acts: 1, detentions: 3, disappearances: 1, events: 1, figures: 1 };
      for (const what of REGISTER_EXPORT_KINDS) {
        const json = await browsers.officer!.get(`/staff/register/export.json?what=${what}`);
        const csv = await browsers.officer!.get(`/staff/register/export.csv?what=${what}`);
        assert.equal(json.statusCode, 200, what);
        assert.equal(csv.statusCode, 200, what);
        const items = JSON.parse(json.body) as Array<{ id: string }>;
        const rows = csvRows(csv.body);
        assert.equal(items.length, counts[what], what);
        assert.deepEqual(
          rows.map((x) => x.id),
          items.map((i) => i.id),
          `${what}: the same records in the same order`,
        );
        assert.deepEqual(Object.keys(rows[0]!), registerCsvColumns(what, ALL).map((c) => c.header), `${what}: every column`);
      }
      const event = csvRows((await browsers.officer!.get('/staff/register/export.csv?what=events')).body)[0]!;
      assert.equal(event.place_ids, 'zhanaozen');
      const figure = JSON.parse((await browsers.officer!.get('/staff/register/export.json?what=figures')).body) as Array<{ count: number; qualifier: string }>;
      assert.deepEqual([figure[0]!.count, figure[0]!.qualifier], [9900, 'over']);
    });

    it('holders, admins and focal points get the 404 page, the public the sign-in page; nothing is written', async () => {
      const missing = await browsers.officer!.get('/staff/no-such-page');
      for (const path of ['/staff/register/export.csv?what=detentions', '/staff/register/export.json?what=persons', '/staff/register/export.csv']) {
        for (const who of ['holder', 'admin', 'focal']) {
          const before = await storeDigest(ctx);
          const res = await browsers[who]!.get(path);
          assert.equal(res.statusCode, 404, `${who} ${path}`);
          assert.match(String(res.headers['content-type']), /^text\/html/);
          assert.deepEqual(restrictedIn(res.body), [], `${who} ${path}: nothing of the register`);
          assert.ok(missing.statusCode === 404 && res.body === missing.body, `${who} ${path}: the page of a missing address`);
          assert.equal(await storeDigest(ctx), before, `${who} ${path}: nothing written`);
        }
        const before = await storeDigest(ctx);
        const anonymous = await app.inject({ method: 'GET', url: path });
        assert.ok(isSignInRedirect(anonymous), `the public is sent to sign in: ${anonymous.statusCode}`);
        assert.equal(await storeDigest(ctx), before);
      }
    });

    it('an unknown kind is a 400 for the officer, and writes nothing', async () => {
      for (const query of ['', '?what=inquiries', '?what=persons&what=acts', '?what=persons&extra=1']) {
        const before = await storeDigest(ctx);
        const res = await browsers.officer!.get(`/staff/register/export.csv${query}`);
        assert.equal(res.statusCode, 400, query);
        assert.equal(await storeDigest(ctx), before, `${query}: nothing written`);
      }
    });

    it('the export is the policy’s: only case officers, NOT_FOUND for every other principal, before anything is read or written', async () => {
      for (const [role, principal] of Object.entries(ROLE_PRINCIPALS)) {
        if (role === 'case_officer') continue;
        const before = await storeDigest(ctx);
        await assert.rejects(() => exportRegister(ctx, principal, { what: 'persons' }), { code: 'NOT_FOUND' }, role);
        await assert.rejects(() => exportRegister(ctx, principal, { what: 'no-such-kind' }), { code: 'NOT_FOUND' }, `${role}: refused before the query is read`);
        assert.equal(await storeDigest(ctx), before, role);
      }
    });

    it('reads the register a batch at a time, each record once, in a stable order', async () => {
      for (let i = 0; i < 4; i++) await recordPerson(ctx, OFFICER, { names: [{ name: `Batch Person ${i}` }], synthetic: true });
      const e = await exportRegister(ctx, OFFICER, { what: 'persons' }, 2);
      const sizes: number[] = [];
      const ids: string[] = [];
      for await (const batch of e.batches as AsyncIterable<Array<{ id: string }>>) {
        sizes.push(batch.length);
        ids.push(...batch.map((p) => p.id));
      }
      assert.deepEqual(sizes, [2, 2, 2, 1]);
      assert.equal(new Set(ids).size, 7, 'no record twice');
      assert.deepEqual(ids, [...ids].sort(), 'in id order');
      const whole = await exportRegister(ctx, OFFICER, { what: 'persons' });
      const json = JSON.parse(await collect(registerJsonChunks(whole))) as Array<{ id: string }>;
      assert.deepEqual(
        json.map((p) => p.id),
        ids,
        'the same records in one batch of 500',
      );
    });

    it('an empty export is a header (or an empty array) and no read', async () => {
      const t = await testContext(dialect, '2022-01-18T08:00:00Z');
      try {
        const { result: e, entries } = await auditedBy(t.ctx, () => exportRegister(t.ctx, OFFICER, { what: 'detentions' }));
        assert.deepEqual(entries, []);
        const csv = await collect(registerCsvChunks(e));
        assert.equal(csv, `\uFEFF${registerCsvColumns('detentions', ALL).map((c) => c.header).join(',')}\n`);
        const again = await exportRegister(t.ctx, OFFICER, { what: 'detentions' });
        assert.equal(await collect(registerJsonChunks(again)), '[]\n');
      } finally {
        await t.close();
      }
    });

    it('a CSV for a reader without a class has no column of it, and no restricted value', async () => {
      for (const what of REGISTER_EXPORT_KINDS) {
        const kept = registerCsvColumns(what, NONE).map((c) => c.header);
        const dropped = REGISTER_CSV_COLUMNS[what].filter((c) => c.needs !== undefined);
        for (const c of dropped) assert.ok(!kept.includes(c.header), `${what}: ${c.header} needs ${c.needs}`);
        for (const c of dropped) assert.ok(EXPORT_CLASSES[what].includes(c.needs!), `${what}: ${c.header}'s class is audited when exported`);
      }
      assert.ok(REGISTER_CSV_COLUMNS.detentions.some((c) => c.header === 'health' && c.needs === 'health'));
      // The officer's items as a holder's presenter would have made them: the export module drops the columns too.
      const officerExport = await exportRegister(ctx, OFFICER, { what: 'detentions' });
      const asHolder: RegisterExportOf<'detentions'> = { ...(officerExport as RegisterExportOf<'detentions'>), classes: NONE };
      const csv = await collect(registerCsvChunks(asHolder));
      const header = csv.slice(1, csv.indexOf('\n')).split(',');
      for (const h of ['health', 'stays', 'transfers', 'arrest_place_id', 'current_place_id', 'sources', 'source_ids']) assert.ok(!header.includes(h), h);
      // (The withheld names are in these items, made for the officer: a holder's presenter leaves them out.)
      assert.deepEqual(restrictedIn(csv).filter((v) => !v.startsWith('RESTRICTED-WITHHELD')), [], 'no restricted value in the columns kept');
    });
  });
}
