// Importing lists of persons into the register: all or nothing, matching, re-imports, reviews and their
// decisions, on every dialect.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { auditRead } from '../../src/commands/audit-read.ts';
import { decideMatch } from '../../src/commands/register/decide-match.ts';
import { recordDetention } from '../../src/commands/register/record-detention.ts';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import { recordPlaces } from '../../src/commands/register/record-places.ts';
import { personOf } from '../../src/commands/register/register-records.ts';
import type { AppContext } from '../../src/context.ts';
import { readAuditHead } from '../../src/db/repositories/audit-repository.ts';
import { changedSince } from '../../src/db/repositories/list-import-repository.ts';
import { findPersonNames, findPersons } from '../../src/db/repositories/register-repository.ts';
import { AppError } from '../../src/errors.ts';
import { importPersonList } from '../../src/importers/list/import-person-list.ts';
import type { ListMapping } from '../../src/importers/list/list-fields.ts';
import { listMatchReviews } from '../../src/importers/list/list-match-reviews.ts';
import type { ListImportResult } from '../../src/importers/list/row-report.ts';
import { staff, type Principal } from '../../src/policies/principal.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

const OFFICER = staff('Olga Officer');
const HOLDER: Principal = { kind: 'staff', name: 'Alice Jill Edwards', role: 'mandate_holder', mandate: 'sr-torture' };
const SOURCE = { kind: 'ngo_report' as const, label: 'NGO list of 12 January 2022', receivedOn: '2022-01-12' };
const SIMPLE: ListMapping = { name: 'name', birth_year: 'birth_year', place: 'place', arrested_on: 'arrested_on' };

const fixture = (name: string) => readFileSync(new URL(`../fixtures/lists/${name}`, import.meta.url));
const csv = (...lines: string[]) => Buffer.from(`${lines.join('\n')}\n`);

/** Asserts that a promise fails with an AppError of this code. */
async function refused(run: () => Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(run, (err: unknown) => err instanceof AppError && err.code === code);
}

for (const dialect of DIALECTS) {
  describe(`list imports (${dialect})`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;

    const count = async (table: 'persons' | 'detentions' | 'match_reviews' | 'list_imports' | 'register_sources' | 'person_names') =>
      Number((await ctx.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const namesOf = async (id: string) => {
      const [row] = await findPersons(ctx.store.db, [id]);
      return personOf(ctx, row!, await findPersonNames(ctx.store.db, [id])).names.map((n) => n.name);
    };
    const run = (file: Buffer, mapping: ListMapping = SIMPLE, extra: { dryRun?: boolean; fileName?: string; principal?: Principal; label?: string } = {}): Promise<ListImportResult> =>
      importPersonList(ctx, extra.principal ?? OFFICER, { file, fileName: extra.fileName ?? 'list.csv', mapping, source: { ...SOURCE, ...(extra.label ? { label: extra.label } : {}) }, ...(extra.dryRun ? { dryRun: true } : {}) });

    before(async () => {
      ({ ctx, close } = await testContext(dialect, '2022-01-18T08:00:00Z'));
      await recordPlaces(ctx, OFFICER, [
        { id: 'zhanaozen', kind: 'city', name: 'Zhanaozen', nameLocal: 'Жаңаөзен', countryCode: 'KAZ' },
        { id: 'almaty', kind: 'city', name: 'Almaty', nameLocal: 'Алматы', countryCode: 'KAZ' },
        { id: 'aktau', kind: 'city', name: 'Aktau', nameLocal: 'Ақтау', countryCode: 'KAZ' },
        { id: 'sizo-almaty', kind: 'facility', name: 'SIZO Almaty', nameLocal: 'СИЗО Алматы', countryCode: 'KAZ' },
      ]);
    });
    after(() => close());

    it('a CSV with a broken row imports nothing and reports the row (acceptance)', async () => {
      const before = await storeDigest(ctx);
      const result = await run(fixture('broken-row.csv'));
      assert.equal(result.status, 'rejected');
      assert.equal(result.importId, null);
      assert.deepEqual({ rows: result.rows, created: result.created, matched: result.matched, toReview: result.toReview }, { rows: 4, created: 0, matched: 0, toReview: 0 });
      // Row numbers as in the file: the header is row 1, row 3 is blank.
      assert.deepEqual(
        result.report.map((r) => [r.row, r.outcome, r.errors.map((e) => `${e.field}:${e.code}`)]),
        [
          [4, 'error', ['birth_year:birth_year']],
          [5, 'error', ['place:place_unknown']],
        ],
      );
      assert.match(result.report[0]!.errors[0]!.message, /19x5/);
      assert.equal(await storeDigest(ctx), before, 'nothing was written');
    });

    it('refuses a file it cannot read, and a mapping the file does not fit, writing nothing', async () => {
      const before = await storeDigest(ctx);
      await refused(() => run(Buffer.from([0xd4, 0xc8, 0xce, 0x0a, 0x31, 0x0a])), 'FILE_INVALID');
      await refused(() => run(Buffer.from('')), 'FILE_INVALID');
      await refused(() => run(csv('name,year', 'A Person,1990'), { name: 'Full name' }), 'VALIDATION_FAILED');
      await refused(() => run(csv('name,year', 'A Person,1990'), { birth_year: 'year' }), 'VALIDATION_FAILED');
      await refused(() => run(Buffer.from('not a workbook'), SIMPLE, { fileName: 'list.xlsx' }), 'FILE_INVALID');
      assert.equal(await storeDigest(ctx), before);
    });

    it('is for case officers only: a mandate holder gets NOT_FOUND, and nothing is written', async () => {
      const before = await storeDigest(ctx);
      await refused(() => run(fixture('detainees-ru.csv'), { name: 'ФИО' }, { principal: HOLDER }), 'NOT_FOUND');
      await refused(() => listMatchReviews(ctx, HOLDER), 'NOT_FOUND');
      assert.equal(await storeDigest(ctx), before);
    });

    it('checks without writing (dry run): what an import would do', async () => {
      const before = await storeDigest(ctx);
      const result = await run(csv('name,birth_year,place,arrested_on', 'Checked Person,1990,Aktau,2022-01-06'), SIMPLE, { dryRun: true });
      assert.equal(result.status, 'checked');
      assert.deepEqual({ created: result.created, matched: result.matched, toReview: result.toReview }, { created: 1, matched: 0, toReview: 0 });
      assert.equal(result.report[0]!.personId, undefined, 'no id of a person that does not exist');
      assert.equal(await storeDigest(ctx), before);
    });

    it('imports a list: persons, name variants, detentions with charges and places, one source, one audit entry', async () => {
      const auditBefore = Number((await ctx.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const progress: Array<[number, number]> = [];
      const result = await importPersonList(ctx, OFFICER, {
        file: fixture('detainees-ru.csv'),
        fileName: 'detainees-ru.csv',
        mapping: { name: 'ФИО', birth_year: 'Год рождения', sex: 'Пол', place: 'Город', arrested_on: 'Дата задержания', detention_place: 'Место содержания', charges: 'Статья', notes: 'Примечание' },
        source: SOURCE,
        onProgress: (done, total) => progress.push([done, total]),
      });
      assert.equal(result.status, 'imported', JSON.stringify(result.report));
      assert.deepEqual(progress.at(-1), [5, 5]);
      assert.deepEqual(
        result.report.map((r) => [r.row, r.outcome]),
        [
          [2, 'created'],
          // The same person in Latin script: attached to the person of row 2, its name a new variant.
          [3, 'matched'],
          [4, 'created'],
          [5, 'created'],
          [6, 'created'],
        ],
      );
      assert.equal(result.report[1]!.personId, result.report[0]!.personId);
      assert.deepEqual({ rows: result.rows, created: result.created, matched: result.matched, toReview: result.toReview }, { rows: 5, created: 4, matched: 1, toReview: 0 });
      const zhan = result.report[0]!.personId!;
      assert.deepEqual(await namesOf(zhan), ['Жанбулатов Нурлан Серикович', 'Zhanbulatov Nurlan']);
      const [person] = await findPersons(ctx.store.db, [zhan]);
      assert.deepEqual({ sex: person!.sex, year: person!.birth_year }, { sex: 'm', year: 1985 });
      const detentions = await ctx.store.db.selectFrom('detentions').selectAll().where('person_id', '=', zhan).execute();
      assert.equal(detentions.length, 1, 'the same arrest (date and place) is recorded once');
      assert.deepEqual(
        { on: detentions[0]!.arrested_on, at: detentions[0]!.arrest_place_id, held: detentions[0]!.current_place_id, status: detentions[0]!.status, charges: JSON.parse(detentions[0]!.charges) },
        { on: '2022-01-05', at: 'zhanaozen', held: 'sizo-almaty', status: 'in_custody', charges: ['ст. 272 УК РК'] },
      );
      const ivanov = result.report[3]!.personId!;
      const [ivanovDetention] = await ctx.store.db.selectFrom('detentions').selectAll().where('person_id', '=', ivanov).execute();
      assert.deepEqual(
        { on: ivanovDetention!.arrested_on, precision: ivanovDetention!.arrested_precision, at: ivanovDetention!.arrest_place_id, status: ivanovDetention!.status, charges: JSON.parse(ivanovDetention!.charges) },
        { on: '2022-01', precision: 'month', at: 'almaty', status: 'whereabouts_unknown', charges: ['ст. 272', 'ст. 255'] },
      );
      const [aigul] = await findPersons(ctx.store.db, [result.report[2]!.personId!]);
      assert.equal(aigul!.home_place_id, 'almaty', 'without an arrest date the place is the residence');
      const entries = await ctx.store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      assert.equal(entries.length - auditBefore, 1, 'one audit entry for the whole import');
      const entry = entries.at(-1)!;
      assert.deepEqual([entry.action, entry.record_type, entry.record_id], ['list_import.imported', 'list_import', result.importId]);
      assert.match(entry.after_digest ?? '', /^[0-9a-f]{64}$/);
      assert.doesNotMatch(entry.details ?? '', /Жанбулатов|Zhanbulatov|sizo/i, 'no name nor place of detention in the audit details');
      const sources = await ctx.store.db.selectFrom('fact_sources').select(['record_type', 'record_id']).where('record_id', '=', zhan).execute();
      assert.deepEqual(sources.map((s) => s.record_type), ['person']);
    });

    it('re-importing the same list creates no duplicates: every row matched or unchanged, nothing created', async () => {
      const mapping = { name: 'ФИО', birth_year: 'Год рождения', sex: 'Пол', place: 'Город', arrested_on: 'Дата задержания', detention_place: 'Место содержания', charges: 'Статья', notes: 'Примечание' };
      const counts = async () => [await count('persons'), await count('detentions'), await count('person_names'), await count('match_reviews'), await count('register_sources')];
      const before = await counts();
      const again = await run(fixture('detainees-ru.csv'), mapping, { fileName: 'detainees-ru.csv' });
      assert.equal(again.status, 'imported');
      assert.deepEqual({ created: again.created, matched: again.matched, toReview: again.toReview }, { created: 0, matched: 5, toReview: 0 });
      assert.ok(again.report.every((r) => r.outcome === 'unchanged'), JSON.stringify(again.report));
      assert.deepEqual(await counts(), before, 'no person, detention, name, review or second source added');
    });

    it('re-importing a thin list (names only, no year) twice creates no duplicates either', async () => {
      const list = csv('name', 'Thin Listed Person', 'Another Thin Person');
      const first = await run(list, { name: 'name' }, { label: 'thin list' });
      assert.deepEqual([first.created, first.toReview], [2, 0]);
      const persons = await count('persons');
      const second = await run(list, { name: 'name' }, { label: 'thin list' });
      assert.deepEqual([second.created, second.matched, second.toReview], [0, 2, 0]);
      assert.equal(await count('persons'), persons);
    });

    describe('matching Жанбулатов', () => {
      let known: string;
      before(async () => {
        known = await recordPerson(ctx, OFFICER, { names: [{ name: 'Жанбулатов Ерлан Маратович' }], birthYear: 1979, sex: 'm' });
        await recordDetention(ctx, OFFICER, { personId: known, arrested: { value: '2022-01-06' }, arrestPlaceId: 'aktau' });
      });

      it('"Zhanbulatov Erlan, 1979" is the person in the register: matched, the new spelling and detention added', async () => {
        const result = await run(csv('name,birth_year,place,arrested_on', '"Zhanbulatov, Erlan",1979,Zhanaozen,2022-01-09'));
        assert.deepEqual(result.report.map((r) => [r.outcome, r.personId]), [['matched', known]]);
        assert.deepEqual(await namesOf(known), ['Жанбулатов Ерлан Маратович', 'Zhanbulatov, Erlan']);
        const arrests = await ctx.store.db.selectFrom('detentions').select(['arrested_on', 'arrest_place_id']).where('person_id', '=', known).orderBy('arrested_on').execute();
        assert.deepEqual(arrests, [
          { arrested_on: '2022-01-06', arrest_place_id: 'aktau' },
          { arrested_on: '2022-01-09', arrest_place_id: 'zhanaozen' },
        ]);
      });

      it('the same arrest again, under a name already known, is unchanged', async () => {
        const result = await run(csv('name,birth_year,place,arrested_on', 'Жанбулатов Ерлан Маратович,1979,Ақтау,06.01.2022'));
        assert.deepEqual(result.report.map((r) => [r.outcome, r.personId]), [['unchanged', known]]);
      });

      it('born a year apart, or without a year: a likely match, kept apart for review', async () => {
        const reviews = await count('match_reviews');
        const result = await run(csv('name,birth_year', 'Zhanbulatov Erlan,1980', 'Erlan Zhanbulatov,'), { name: 'name', birth_year: 'birth_year' });
        assert.deepEqual(
          result.report.map((r) => [r.outcome, r.candidateId]),
          // The second row is compared with the first one's provisional person too; the known one comes first.
          [
            ['review', known],
            ['review', known],
          ],
        );
        assert.equal(result.toReview, 2);
        assert.equal(await count('match_reviews'), reviews + 2);
        assert.notEqual(result.report[0]!.personId, known);
      });

      it('Жанбулатова is not matched to him: another person of the family; a review only if the other fields agree', async () => {
        const other = await run(csv('name,birth_year', 'Жанбулатова Айгерим,1982'), { name: 'name', birth_year: 'birth_year' });
        assert.deepEqual(other.report.map((r) => r.outcome), ['created']);
        const agree = await run(csv('name,birth_year', 'Жанбулатова Ерлан Маратовна,1979'), { name: 'name', birth_year: 'birth_year' });
        assert.deepEqual(agree.report.map((r) => [r.outcome, r.candidateId]), [['review', known]]);
      });
    });

    describe('the pairs of the issue: Жанбулатов Нурлан in the register', () => {
      let own: AppContext;
      let closeOwn: () => Promise<void>;
      let known: string;
      const incoming = (line: string) => importPersonList(own, OFFICER, { file: csv('name,birth_year', line), fileName: 'pair.csv', mapping: { name: 'name', birth_year: 'birth_year' }, source: SOURCE });
      before(async () => {
        ({ ctx: own, close: closeOwn } = await testContext(dialect, '2022-01-18T08:00:00Z'));
        known = await recordPerson(own, OFFICER, { names: [{ name: 'Жанбулатов Нурлан Серикович' }], birthYear: 1985 });
      });
      after(() => closeOwn());

      it('"Zhanbulatov Nurlan, 1985" is matched; born in 1986 it is a likely match for review', async () => {
        assert.deepEqual((await incoming('"Zhanbulatov Nurlan",1986')).report.map((r) => [r.outcome, r.candidateId]), [['review', known]]);
        assert.deepEqual((await incoming('"Zhanbulatov Nurlan",1985')).report.map((r) => [r.outcome, r.personId]), [['matched', known]]);
        assert.deepEqual((await incoming('Janbulatov Nurlan,1985')).report.map((r) => [r.outcome, r.personId]), [['matched', known]]);
      });

      it('Жанбулатова is not matched to him', async () => {
        const result = await incoming('Жанбулатова Айгуль,1985');
        assert.deepEqual(result.report.map((r) => r.outcome), ['created']);
        assert.notEqual(result.report[0]!.personId, known);
      });
    });

    describe('deciding a likely match', () => {
      let known: string;
      let reviewId: string;
      let provisional: string;
      const list = csv('name,birth_year,place,arrested_on', 'Sarsenov Bolat,1991,Aktau,2022-01-07');

      before(async () => {
        known = await recordPerson(ctx, OFFICER, { names: [{ name: 'Сарсенов Болат' }], birthYear: 1990 });
        const result = await run(list, SIMPLE, { label: 'decide list' });
        assert.equal(result.report[0]!.outcome, 'review');
        provisional = result.report[0]!.personId!;
        const review = await ctx.store.db.selectFrom('match_reviews').selectAll().where('person_id', '=', provisional).executeTakeFirstOrThrow();
        reviewId = review.id;
        assert.deepEqual([review.status, review.candidate_id, review.row_number], ['pending', known, 2]);
        assert.ok(JSON.parse(review.reasons).includes('birth_year_near'));
      });

      it('lists the pending review with both persons side by side', async () => {
        const queue = await listMatchReviews(ctx, OFFICER);
        const item = queue.items.find((i) => i.id === reviewId)!;
        assert.deepEqual(item.incoming.names, ['Sarsenov Bolat']);
        assert.deepEqual(item.candidate.names, ['Сарсенов Болат']);
        assert.deepEqual([item.incoming.birthYear, item.candidate.birthYear, item.row], [1991, 1990, 2]);
        assert.deepEqual(item.incoming.arrests.map((a) => [a.on, a.place]), [['2022-01-07', 'Aktau']]);
      });

      it('refuses a mandate holder, a bad decision and a stale version, changing nothing', async () => {
        const before = await storeDigest(ctx);
        await refused(() => decideMatch(ctx, HOLDER, reviewId, { decision: 'same' }), 'NOT_FOUND');
        await refused(() => decideMatch(ctx, OFFICER, reviewId, { decision: 'maybe' }), 'VALIDATION_FAILED');
        await refused(() => decideMatch(ctx, OFFICER, reviewId, { decision: 'same', version: 99 }), 'CONFLICT');
        await refused(() => decideMatch(ctx, OFFICER, '00000000-0000-4000-8000-000000000000', { decision: 'same' }), 'NOT_FOUND');
        assert.equal(await storeDigest(ctx), before);
      });

      it('"same" merges the provisional person into the known one, in one audited transaction', async () => {
        const decided = await decideMatch(ctx, OFFICER, reviewId, { decision: 'same', version: 1 });
        assert.deepEqual(decided, { reviewId, decision: 'same', personId: known });
        assert.equal((await findPersons(ctx.store.db, [provisional])).length, 0, 'the provisional person is gone');
        assert.equal(
          (await ctx.store.db.selectFrom('person_keys').select('key').where('person_id', '=', provisional).execute()).length,
          0,
        );
        assert.deepEqual(await namesOf(known), ['Сарсенов Болат', 'Sarsenov Bolat']);
        const arrests = await ctx.store.db.selectFrom('detentions').select(['arrested_on', 'arrest_place_id']).where('person_id', '=', known).execute();
        assert.deepEqual(arrests, [{ arrested_on: '2022-01-07', arrest_place_id: 'aktau' }]);
        const sources = await ctx.store.db.selectFrom('fact_sources').select('record_type').where('record_id', '=', known).execute();
        assert.deepEqual(sources.map((s) => s.record_type), ['person']);
        const [person] = await findPersons(ctx.store.db, [known]);
        assert.deepEqual([person!.birth_year, Number(person!.version)], [1990, 2], 'the known birth year stays');
        const review = await ctx.store.db.selectFrom('match_reviews').selectAll().where('id', '=', reviewId).executeTakeFirstOrThrow();
        assert.deepEqual([review.status, review.decided_by, review.person_id], ['same', 'Olga Officer', known]);
        const entry = await ctx.store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
        assert.deepEqual([entry.action, entry.record_id], ['person.merged', known]);
        await refused(() => decideMatch(ctx, OFFICER, reviewId, { decision: 'different' }), 'TRANSITION_INVALID');
      });

      it('re-importing the list then finds the merged person: unchanged, no new review', async () => {
        const reviews = await count('match_reviews');
        const again = await run(list, SIMPLE, { label: 'decide list' });
        assert.deepEqual(again.report.map((r) => [r.outcome, r.personId]), [['unchanged', known]]);
        assert.equal(await count('match_reviews'), reviews);
      });

      it('"different" keeps both persons and closes the review', async () => {
        const other = await recordPerson(ctx, OFFICER, { names: [{ name: 'Омаров Дархан' }] });
        const result = await run(csv('name,birth_year', 'Omarov Darkhan,1975'), { name: 'name', birth_year: 'birth_year' });
        const [row] = result.report;
        assert.deepEqual([row!.outcome, row!.candidateId], ['review', other]);
        const review = await ctx.store.db.selectFrom('match_reviews').select('id').where('person_id', '=', row!.personId!).executeTakeFirstOrThrow();
        const decided = await decideMatch(ctx, OFFICER, review.id, { decision: 'different' });
        assert.deepEqual(decided, { reviewId: review.id, decision: 'different', personId: row!.personId });
        assert.equal((await findPersons(ctx.store.db, [other, row!.personId!])).length, 2);
        const entry = await ctx.store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
        assert.deepEqual([entry.action, entry.record_id], ['person.kept_apart', row!.personId]);
        await refused(() => decideMatch(ctx, OFFICER, review.id, { decision: 'same' }), 'TRANSITION_INVALID');
        // And the same list again: its row finds its own person, no second review.
        const again = await run(csv('name,birth_year', 'Omarov Darkhan,1975'), { name: 'name', birth_year: 'birth_year' });
        assert.deepEqual(again.report.map((r) => [r.outcome, r.personId]), [['unchanged', row!.personId]]);
      });
    });

    it('imports an XLSX workbook', async () => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('Detainees');
      sheet.addRow(['Full name', 'Year of birth', 'Place of arrest', 'Date of arrest', 'Status', 'Date of release']);
      sheet.addRow(['Kaliyev Timur', 1988, 'Almaty', new Date(Date.UTC(2022, 0, 6)), 'released', new Date(Date.UTC(2022, 0, 10))]);
      sheet.addRow(['Калиев Тимур', 1988, 'Алматы', '06.01.2022', 'освобожден', '10.01.2022']);
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const result = await importPersonList(ctx, OFFICER, {
        file,
        fileName: 'detainees.xlsx',
        mapping: { name: 'Full name', birth_year: 'Year of birth', place: 'Place of arrest', arrested_on: 'Date of arrest', status: 'Status', released_on: 'Date of release' },
        source: { kind: 'official_statement', label: 'Interior Ministry list' },
      });
      assert.equal(result.status, 'imported', JSON.stringify(result.report));
      assert.deepEqual(result.report.map((r) => r.outcome), ['created', 'matched']);
      const [d] = await ctx.store.db.selectFrom('detentions').selectAll().where('person_id', '=', result.report[0]!.personId!).execute();
      assert.deepEqual([d!.arrested_on, d!.status, d!.released_on], ['2022-01-06', 'released', '2022-01-10']);
      const list = await ctx.store.db.selectFrom('list_imports').selectAll().where('id', '=', result.importId!).executeTakeFirstOrThrow();
      assert.deepEqual([list.format, list.file_name, Number(list.rows), Number(list.created_persons), Number(list.matched_persons)], ['xlsx', 'detainees.xlsx', 2, 1, 1]);
    });

    it('knows the register changed since a plan was begun from the audit chain, reads aside', async () => {
      const seen = (await readAuditHead(ctx.store.db)).lastSeq;
      assert.equal(await changedSince(ctx.store.db, seen), false);
      await auditRead(ctx, OFFICER, { recordType: 'person', recordId: '00000000-0000-4000-8000-000000000000', what: 'identity' });
      assert.equal(await changedSince(ctx.store.db, seen), false, 'a read changes nothing');
      await recordPerson(ctx, OFFICER, { names: [{ name: 'Changed Meanwhile' }] });
      assert.equal(await changedSince(ctx.store.db, seen), true);
    });

    it('makes the plan again inside its transaction when a command changed the register while it matched', async () => {
      let meanwhile: Promise<string> | undefined;
      const result = await importPersonList(ctx, OFFICER, {
        file: csv('name,birth_year', 'Moved Meanwhile,1999'),
        fileName: 'meanwhile.csv',
        mapping: { name: 'name', birth_year: 'birth_year' },
        source: SOURCE,
        // Called once matching is done, before the import's transaction: another officer records the person.
        onProgress: () => {
          meanwhile ??= recordPerson(ctx, OFFICER, { names: [{ name: 'Moved Meanwhile' }], birthYear: 1999 });
        },
      });
      const id = await meanwhile!;
      // SQLite serves one transaction at a time, in order: the other officer's comes first, and the import
      // sees it. (On PostgreSQL the two run side by side and either may commit first.)
      if (dialect === 'sqlite') assert.deepEqual(result.report.map((r) => [r.outcome, r.personId]), [['unchanged', id]]);
      else assert.ok(['unchanged', 'created'].includes(result.report[0]!.outcome));
    });
  });
}
