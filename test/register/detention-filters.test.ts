// The detention register's filters read copies of a detention's authority and arrest date kept on its
// charges (for speed): they must follow every change — a transfer to another authority, new charges.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { changeDetention, recordTransfer } from '../../src/commands/register/change-detention.ts';
import { recordDetention } from '../../src/commands/register/record-detention.ts';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import { recordPlaces } from '../../src/commands/register/record-places.ts';
import type { AppContext } from '../../src/context.ts';
import { staff } from '../../src/policies/principal.ts';
import { listDetentions } from '../../src/queries/register/list-detentions.ts';
import { DIALECTS, testContext } from '../support/stores.ts';

const officer = staff('Case Officer');

for (const dialect of DIALECTS) {
  describe(`detention register filters (${dialect})`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let id = '';
    before(async () => {
      ({ ctx, close } = await testContext(dialect));
      await recordPlaces(ctx, officer, [
        { id: 'idf-a', kind: 'facility', name: 'Facility A', countryCode: 'KAZ' },
        { id: 'idf-b', kind: 'facility', name: 'Facility B', countryCode: 'KAZ' },
      ]);
      const personId = await recordPerson(ctx, officer, { names: [{ name: 'Invented Detainee' }] });
      await recordDetention(ctx, officer, {
        personId: await recordPerson(ctx, officer, { names: [{ name: 'Another Invented' }] }),
        arrested: { value: '2022-01-05' },
        charges: ['art. 255'],
        stays: [{ placeId: 'idf-a', since: { value: '2022-01-05' }, authority: 'Police' }],
      });
      id = await recordDetention(ctx, officer, {
        personId,
        arrested: { value: '2022-01-06' },
        charges: ['art. 272', 'art. 255'],
        familyContact: 'no',
        stays: [{ placeId: 'idf-a', since: { value: '2022-01-06' }, authority: 'Police' }],
      });
    });
    after(() => close());

    const found = async (q: Record<string, string>) => (await listDetentions(ctx, officer, q)).items.map((i) => i.detention.id);

    it('charge and authority together; charge and arrest dates; no contact', async () => {
      assert.deepEqual(await found({ charge: 'art. 272', authority: 'Police' }), [id]);
      assert.equal((await found({ charge: 'art. 255', authority: 'Police' })).length, 2);
      assert.deepEqual(await found({ charge: 'art. 255', from: '2022-01-06' }), [id]);
      assert.deepEqual(await found({ charge: 'art. 255', to: '2022-01-05' }).then((x) => x.length), 1);
      assert.deepEqual(await found({ contact: 'either' }), [id]);
      assert.equal((await found({ place: 'idf-a', charge: 'art. 255' })).length, 2);
      assert.deepEqual(await found({ place: 'idf-a', charge: 'art. 272', authority: 'Police' }), [id]);
      assert.deepEqual(await found({ contact: 'counsel' }), []);
      assert.equal((await listDetentions(ctx, officer, { charge: 'art. 255', authority: 'Police' })).total, 2);
    });

    it('follows a transfer to another authority and a change of charges', async () => {
      await recordTransfer(ctx, officer, id, { version: 1, placeId: 'idf-b', since: { value: '2022-01-09' }, authority: 'National Security Committee' });
      assert.deepEqual(await found({ charge: 'art. 272', authority: 'Police' }), []);
      assert.deepEqual(await found({ charge: 'art. 272', authority: 'National Security Committee' }), [id]);
      await changeDetention(ctx, officer, id, { version: 2, charges: ['art. 174'], counselAccess: 'no' });
      assert.deepEqual(await found({ charge: 'art. 272' }), []);
      assert.deepEqual(await found({ charge: 'art. 174', authority: 'National Security Committee' }), [id]);
      assert.deepEqual(await found({ contact: 'counsel', status: 'in_custody' }), [id]);
    });
  });
}
