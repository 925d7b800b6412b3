import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { answerInquiry } from '../../src/commands/register/answer-inquiry.ts';
import { submitInquiry } from '../../src/commands/register/submit-inquiry.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { isAppError } from '../../src/errors.ts';
import { PUBLIC, staff, SYSTEM, type Principal } from '../../src/policies/principal.ts';
import { getInquiry, listInquiries } from '../../src/queries/register/inquiry-views.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { allRows, inquiryInput, seedRegister, type InquiryRegister } from './inquiry-fixtures.ts';

const OFFICER = staff('Dana Officer');
const HOLDER: Principal = { kind: 'staff', name: 'Holder', role: 'mandate_holder', mandate: 'wgad' };
const ADMIN: Principal = { kind: 'staff', name: 'Admin', role: 'admin' };
const FOCAL: Principal = { kind: 'government', name: 'Focal', accountId: 'a', stateCode: 'KAZ' };

/** Runs `run`, expects an AppError with `code` (and `field`), and that the store did not change. */
async function refused(ctx: AppContext, run: () => Promise<unknown>, code: string, field?: string): Promise<void> {
  const before = await storeDigest(ctx);
  await assert.rejects(run, (err: unknown) => {
    assert.ok(isAppError(err), String(err));
    assert.equal(err.code, code, err.message);
    if (field !== undefined) assert.equal(err.details?.field, field, err.message);
    return true;
  });
  assert.equal(await storeDigest(ctx), before, `${code}: nothing written`);
}

for (const dialect of DIALECTS) {
  describe(`whereabouts inquiries: commands and queries (${dialect})`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let register: InquiryRegister;

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2026-03-02T09:00:00Z'));
      register = await seedRegister(ctx);
    });
    after(() => close());

    it('stores nothing of the inquirer or the person asked about in clear, and audits without personal data', async () => {
      const { id, reference } = await submitInquiry(ctx, PUBLIC, inquiryInput({ subject: { details: 'QZX-INQUIRY-DETAILS' } }));
      assert.match(reference, /^WI-[2-9A-HJKMNP-TV-Z]{6}$/);
      const rows = await allRows(ctx);
      for (const secret of ['Aigerim Inquirerova', 'aigerim.inquirer@example.org', 'Nurlan Zhanbulatov', 'Republic Square', 'plain clothes', 'QZX-INQUIRY-DETAILS', 'Qazaq tili']) {
        assert.ok(!rows.includes(secret), `"${secret}" is stored in clear`);
      }
      assert.ok(rows.includes(reference), 'the reference is stored');
      const audit = await ctx.store.db.selectFrom('audit_log').selectAll().where('record_id', '=', id).execute();
      assert.deepEqual(audit.map((a) => [a.action, a.actor, a.record_type]), [['inquiry.submitted', 'inquirer', 'inquiry']]);
      assert.deepEqual(JSON.parse(audit[0]!.details!), { language: 'en' });
    });

    it('refuses bad input with a stable code and the field, and writes nothing', async () => {
      const bad: Array<[string, unknown, string]> = [
        ['no name of the person', inquiryInput({ subject: { names: ['  '] } }), 'subject.names'],
        ['no inquirer name', inquiryInput({ inquirer: { name: '' } }), 'inquirer.name'],
        ['no relation', inquiryInput({ inquirer: { relation: 'cousin' } }), 'inquirer.relation'],
        ['no way to answer', inquiryInput({ inquirer: { email: '', phone: '', address: '' } }), 'inquirer.contact'],
        ['a bad e-mail address', inquiryInput({ inquirer: { email: 'not an address' } }), 'inquirer.email'],
        ['over-long details', inquiryInput({ subject: { details: 'x'.repeat(20_001) } }), 'subject.details'],
        ['a control character in a name', inquiryInput({ subject: { names: ['Nurlan\u0007 Zhanbulatov'] } }), 'subject.names.0'],
        ['a line break in a name', inquiryInput({ subject: { names: ['Nurlan\nZhanbulatov'] } }), 'subject.names.0'],
        ['a birth year to come', inquiryInput({ subject: { birthYear: 2030 } }), 'subject.birthYear'],
        ['a birth year that is not one', inquiryInput({ subject: { birthYear: 'nineteen' } }), 'subject.birthYear'],
        ['too many names', inquiryInput({ subject: { names: Array.from({ length: 11 }, (_, i) => `Name${i} Zhanbulatov`) } }), 'subject.names'],
        ['an unknown field', { ...inquiryInput(), extra: 1 }, 'input'],
      ];
      for (const [what, input, field] of bad) {
        await refused(ctx, () => submitInquiry(ctx, PUBLIC, input), 'VALIDATION_FAILED', field).catch((err: unknown) => {
          throw new Error(`${what}: ${String(err)}`);
        });
      }
    });

    it('finds the candidate records by name in any script and ranks them with the birth year', async () => {
      const { id } = await submitInquiry(ctx, PUBLIC, inquiryInput());
      const page = await getInquiry(ctx, OFFICER, id);
      const ids = page.candidates.map((c) => c.person.id);
      assert.equal(ids[0], register.nurlan, 'Жанбулатов Нурлан, born 1985, first');
      assert.equal(page.candidates[0]!.verdict, 'same');
      assert.ok(ids.includes(register.namesake) && ids.includes(register.sister), 'the namesake and the woman of the family are candidates too');
      assert.ok(ids.indexOf(register.namesake) > 0 && page.candidates.find((c) => c.person.id === register.namesake)!.verdict !== 'same', 'a namesake born in 1962 is not the same');
      assert.equal(page.candidates.find((c) => c.person.id === register.sister)!.verdict, 'different');
      assert.ok(!ids.includes(register.other), 'another family is not a candidate');
      const first = page.candidates[0]!;
      assert.equal(first.detention?.status, 'in_custody');
      assert.equal(first.detention?.currentAuthority, 'QZX-SENTINEL-AUTHORITY');
      assert.equal(first.detention?.currentPlaceId, 'sentinel-facility', 'a case officer sees the place of detention');
      assert.equal(page.places['sentinel-facility']?.name, 'QZX-SENTINEL-FACILITY');
      assert.ok(!('health' in first.detention!), 'health is not part of a candidate');
      assert.equal(page.inquirer.name, 'Aigerim Inquirerova');
      assert.deepEqual(page.subject.names, ['Nurlan Zhanbulatov']);
    });

    it('records each reading of the inquirer, and of a candidate’s place of detention, in the audit chain', async () => {
      const { id } = await submitInquiry(ctx, PUBLIC, inquiryInput());
      const seqBefore = (await ctx.store.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow()).seq;
      await getInquiry(ctx, OFFICER, id);
      const reads = await ctx.store.db.selectFrom('audit_log').selectAll().where('seq', '>', seqBefore).orderBy('seq').execute();
      assert.ok(reads.some((r) => r.action === 'read.inquirer' && r.record_type === 'inquiry' && r.record_id === id && r.actor === 'Dana Officer'), 'read.inquirer');
      assert.ok(reads.some((r) => r.action === 'read.detention_place' && r.record_type === 'person' && r.record_id === register.nurlan), 'read.detention_place of the candidate');
      assert.ok(reads.every((r) => r.action.startsWith('read.')), 'a view writes nothing but reads');
    });

    it('records what staff told the inquirer: audited, encrypted, visible to staff; CONFLICT on an old version; a closed inquiry takes no more', async () => {
      const { id } = await submitInquiry(ctx, PUBLIC, inquiryInput());
      const told = 'Told by telephone that he is held in QZX-TOLD pre-trial detention.';
      clock.advanceSeconds(60);
      assert.deepEqual(await answerInquiry(ctx, OFFICER, id, { version: 1, answer: told, channel: 'phone', personId: register.nurlan, status: 'answered' }), { version: 2 });
      const rows = await allRows(ctx);
      assert.ok(!rows.includes('QZX-TOLD'), 'the answer is stored encrypted');
      const audit = await ctx.store.db.selectFrom('audit_log').selectAll().where('record_id', '=', id).where('action', '=', 'inquiry.answered').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor, 'Dana Officer');
      assert.deepEqual(JSON.parse(audit[0]!.details!), { status: 'answered', channel: 'phone', personId: register.nurlan });

      const page = await getInquiry(ctx, OFFICER, id);
      assert.equal(page.status, 'answered');
      assert.equal(page.personId, register.nurlan);
      assert.equal(page.answeredBy, 'Dana Officer');
      assert.deepEqual(page.answers.map((a) => [a.text, a.channel, a.status, a.personId, a.by]), [[told, 'phone', 'answered', register.nurlan, 'Dana Officer']]);
      assert.ok(page.candidates.find((c) => c.person.id === register.nurlan)?.linked);

      await refused(ctx, () => answerInquiry(ctx, OFFICER, id, { version: 1, answer: 'Stale.', channel: 'email', status: 'answered' }), 'CONFLICT');
      await answerInquiry(ctx, OFFICER, id, { version: 2, answer: 'Nothing more can be said.', channel: 'letter', status: 'closed' });
      const closed = await getInquiry(ctx, OFFICER, id);
      assert.equal(closed.status, 'closed');
      assert.equal(closed.answers.length, 2, 'every answer is kept');
      assert.equal(closed.personId, register.nurlan, 'an answer that names no person keeps the one named before');
      await refused(ctx, () => answerInquiry(ctx, OFFICER, id, { version: 3, answer: 'Again.', channel: 'email', status: 'answered' }), 'TRANSITION_INVALID');
      const actions = (await ctx.store.db.selectFrom('audit_log').select('action').where('record_id', '=', id).where('action', 'like', 'inquiry.%').orderBy('seq').execute()).map((r) => r.action);
      assert.deepEqual(actions, ['inquiry.submitted', 'inquiry.answered', 'inquiry.closed']);
    });

    it('refuses an answer that is empty, names no register person, or has no channel, and writes nothing', async () => {
      const { id } = await submitInquiry(ctx, PUBLIC, inquiryInput());
      await refused(ctx, () => answerInquiry(ctx, OFFICER, id, { version: 1, answer: '  ', channel: 'phone', status: 'answered' }), 'VALIDATION_FAILED', 'answer');
      await refused(ctx, () => answerInquiry(ctx, OFFICER, id, { version: 1, answer: 'x', channel: 'pigeon', status: 'answered' }), 'VALIDATION_FAILED', 'channel');
      await refused(ctx, () => answerInquiry(ctx, OFFICER, id, { version: 1, answer: 'x', channel: 'phone', personId: '00000000-0000-4000-8000-000000000000', status: 'answered' }), 'VALIDATION_FAILED', 'personId');
      await refused(ctx, () => answerInquiry(ctx, OFFICER, id, { version: 1, answer: 'x', channel: 'phone', status: 'open' }), 'VALIDATION_FAILED', 'status');
      await refused(ctx, () => answerInquiry(ctx, OFFICER, '00000000-0000-4000-8000-000000000000', { version: 1, answer: 'x', channel: 'phone', status: 'answered' }), 'NOT_FOUND');
      await refused(ctx, () => answerInquiry(ctx, OFFICER, 'not-an-id', { version: 1, answer: 'x', channel: 'phone', status: 'answered' }), 'NOT_FOUND');
    });

    it('shows inquiries to case officers only: everyone else finds nothing, and changes nothing', async () => {
      const { id } = await submitInquiry(ctx, PUBLIC, inquiryInput());
      for (const who of [HOLDER, ADMIN, FOCAL, PUBLIC, SYSTEM]) {
        await refused(ctx, () => getInquiry(ctx, who, id), 'NOT_FOUND');
        await refused(ctx, () => listInquiries(ctx, who), 'NOT_FOUND');
        await refused(ctx, () => answerInquiry(ctx, who, id, { version: 1, answer: 'x', channel: 'phone', status: 'answered' }), 'NOT_FOUND');
      }
    });

    it('lists inquiries newest first, by status, with nothing of the inquirer', async () => {
      clock.advanceSeconds(3600);
      const { id } = await submitInquiry(ctx, PUBLIC, inquiryInput({ subject: { names: ['Жанбулатова Айгуль'], birthYear: null } }));
      const all = await listInquiries(ctx, OFFICER);
      assert.equal(all.items[0]!.id, id, 'newest first');
      assert.equal(all.items[0]!.subjectName, 'Жанбулатова Айгуль');
      assert.equal(all.items[0]!.subjectBirthYear, null);
      assert.equal(all.total, all.counts.open + all.counts.answered + all.counts.closed);
      assert.ok(all.counts.closed >= 1 && all.counts.open >= 1);
      assert.ok(!JSON.stringify(all).includes('Aigerim'), 'the list reveals no inquirer');
      const closed = await listInquiries(ctx, OFFICER, { status: 'closed' });
      assert.ok(closed.items.length >= 1 && closed.items.every((i) => i.status === 'closed'));
      const reads = await ctx.store.db.selectFrom('audit_log').select('action').where('action', '=', 'read.inquirer').where('record_id', '=', id).execute();
      assert.equal(reads.length, 0, 'listing is no read of the inquirer');
    });
  });
}
