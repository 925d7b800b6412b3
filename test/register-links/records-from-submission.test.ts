// A submission → the records of the case register made from it: a person and a detention that cite the
// submission as their source are listed for case officers; nobody else learns anything from it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordDetention } from '../../src/commands/register/record-detention.ts';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import { recordPlaces } from '../../src/commands/register/record-places.ts';
import { submitIntake } from '../../src/commands/submissions/submit-intake.ts';
import type { AppContext } from '../../src/context.ts';
import { PUBLIC, staff, type Principal } from '../../src/policies/principal.ts';
import { recordsFromSubmission } from '../../src/queries/register/records-from-submission.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

const officer = staff('Case Officer');
const holder: Principal = { kind: 'staff', name: 'Holder', role: 'mandate_holder', mandate: 'sr-torture' };

const intake = {
  language: 'en',
  submitter: { name: 'A source', organisation: '', relationship: 'family', email: '', phone: '', other: '' },
  victims: [{ name: 'Invented Person', details: 'detained', publishName: false }],
  incidentDate: '2022-01-06',
  place: 'Almaty',
  country: 'KAZ',
  perpetrators: 'police',
  circumstances: 'Detained at a protest.',
  domesticSteps: 'None.',
  summary: 'Detention after a protest.',
};

for (const dialect of DIALECTS) {
  describe(`records made from a submission (${dialect})`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    before(async () => {
      ({ ctx, close } = await testContext(dialect));
      await recordPlaces(ctx, officer, [{ id: 'almaty', kind: 'city', name: 'Almaty', countryCode: 'KAZ' }]);
    });
    after(() => close());

    it('lists the person and the detention that cite the submission, with the person page for both', async () => {
      const { submission } = await submitIntake(ctx, PUBLIC, intake);
      const other = await submitIntake(ctx, PUBLIC, intake);
      assert.deepEqual(await recordsFromSubmission(ctx, officer, submission.id), [], 'nothing made from it yet');
      const personId = await recordPerson(ctx, officer, {
        names: [{ name: 'Invented Person' }],
        sources: [{ kind: 'submission', label: `Submission ${submission.reference}`, submissionId: submission.id }],
      });
      const detentionId = await recordDetention(ctx, officer, {
        personId,
        arrested: { value: '2022-01-06' },
        stays: [{ placeId: 'almaty', since: { value: '2022-01-06' } }],
        sources: [{ kind: 'submission', label: 'same submission', submissionId: submission.id }],
      });
      const records = await recordsFromSubmission(ctx, officer, submission.id);
      assert.deepEqual(
        records.map((r) => [r.recordType, r.recordId, r.path]),
        [
          ['detention', detentionId, `/staff/register/persons/${personId}`],
          ['person', personId, `/staff/register/persons/${personId}`],
        ],
      );
      assert.deepEqual(await recordsFromSubmission(ctx, officer, other.submission.id), [], 'another submission made nothing');
    });

    it('is empty for anyone who may not view the register', async () => {
      const { submission } = await submitIntake(ctx, PUBLIC, intake);
      await recordPerson(ctx, officer, { names: [{ name: 'Someone Invented' }], sources: [{ kind: 'submission', label: 'x', submissionId: submission.id }] });
      assert.equal((await recordsFromSubmission(ctx, officer, submission.id)).length, 1);
      for (const p of [PUBLIC, { kind: 'staff', name: 'Admin', role: 'admin' } as Principal]) {
        assert.deepEqual(await recordsFromSubmission(ctx, p, submission.id), []);
      }
      assert.equal((await recordsFromSubmission(ctx, holder, submission.id)).length, 1, 'a mandate holder views the register');
    });
  });
}
