import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formBody } from '../support/http-session.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS } from '../support/stores.ts';
import { formWorld, type FormWorld } from './form-fixture.ts';

const EVENT = { type: 'dispersal', title: 'Dispersal in Aktau', description: 'Typed before the error.', start: '2022-01-05', startEnd: '', end: '', countryCode: 'KAZ', sourceKind: 'other', sourceLabel: '' };

for (const dialect of DIALECTS) {
  describe(`register forms: refused forms write nothing (${dialect})`, () => {
    let w: FormWorld;
    before(async () => {
      w = await formWorld(dialect);
    });
    after(async () => {
      await w.close();
    });

    /**
     * Posts `form` to `url` and checks the refusal: the status, the form shown again with the error (its
     * text, and the field at fault marked), what was typed kept, and not a row changed.
     */
    const refused = async (url: string, form: Record<string, string | string[]>, expect: { status: number; message: RegExp; field?: string; kept?: string }) => {
      const before = await storeDigest(w.ctx);
      const res = await w.officer.post(url, form);
      assert.equal(res.statusCode, expect.status, `${url}: ${res.body.match(/role="alert"[^<]*/)?.[0] ?? res.statusCode}`);
      assert.match(res.body, /<form class="form staff-form register-form" method="post"/, 'the form again');
      const alert = /<p class="form-error" role="alert" id="form-error">([^<]*)/.exec(res.body)?.[1] ?? '';
      assert.match(alert, expect.message);
      if (expect.field) assert.match(res.body, new RegExp(`id="${expect.field}" name="${expect.field}"[^>]*aria-invalid="true"`), `${expect.field} is marked`);
      if (expect.kept) assert.ok(res.body.includes(expect.kept), `kept: ${expect.kept}`);
      assert.equal(await storeDigest(w.ctx), before, 'nothing written');
      return res;
    };

    it('refuses an impossible date, a range that ends before it starts, an end before the start', async () => {
      await refused('/staff/register/events/new', { ...EVENT, start: '2022-13-01' }, { status: 400, message: /“Start date”/, field: 'start', kept: 'value="2022-13-01"' });
      await refused('/staff/register/events/new', { ...EVENT, start: '2022-02-30' }, { status: 400, message: /“Start date”/, field: 'start' });
      await refused('/staff/register/events/new', { ...EVENT, start: '2022-01-10', startEnd: '2022-01-05' }, { status: 400, message: /“Up to”/, field: 'startEnd' });
      await refused('/staff/register/events/new', { ...EVENT, start: '2022-01-10', end: '2022-01-05' }, { status: 400, message: /“End date”/, field: 'end', kept: 'Typed before the error.' });
    });

    it('refuses an unknown place, a missing title, an over-long title, a country that is no code', async () => {
      await refused('/staff/register/events/new', { ...EVENT, placeIds: ['almaty', 'atlantis'] }, { status: 400, message: /“Places”/, field: 'placeIds' });
      await refused('/staff/register/events/new', { ...EVENT, title: '  ' }, { status: 400, message: /“Title”/, field: 'title' });
      await refused('/staff/register/events/new', { ...EVENT, title: 'x'.repeat(301) }, { status: 400, message: /“Title”/, field: 'title' });
      await refused('/staff/register/events/new', { ...EVENT, countryCode: 'Kazakhstan' }, { status: 400, message: /“Country”/, field: 'countryCode' });
      await refused('/staff/register/events/new', { ...EVENT, sourceLabel: 'y'.repeat(1001) }, { status: 400, message: /“Description of the source”/, field: 'sourceLabel' });
    });

    it('shows what was typed escaped, never as markup', async () => {
      const res = await refused('/staff/register/events/new', { ...EVENT, title: '<script>alert(1)</script>', start: 'soon' }, { status: 400, message: /“Start date”/ });
      assert.ok(res.body.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;"'));
      assert.doesNotMatch(res.body, /<script>alert/);
    });

    it('gives an expired form back as typed, with a fresh token, and writes nothing', async () => {
      const before = await storeDigest(w.ctx);
      for (const token of [undefined, 'not-the-token']) {
        const payload = formBody({ ...EVENT, title: 'Typed before the token expired', ...(token ? { _csrf: token } : {}) });
        const res = await w.officer.inject({ method: 'POST', url: '/staff/register/events/new', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
        assert.equal(res.statusCode, 403);
        assert.match(res.body, /role="alert" id="form-error">This form has expired\./);
        assert.ok(res.body.includes('value="Typed before the token expired"'));
        assert.ok(res.body.includes(`name="_csrf" value="${w.officer.csrf}"`));
      }
      assert.equal(await storeDigest(w.ctx), before);
    });

    it('refuses a person without a name, an impossible birth year, a transliteration of a blank variant', async () => {
      const url = '/staff/register/persons/new';
      await refused(url, { name1: '', name2: '', sex: 'f', birthYear: '1990', sourceKind: 'other' }, { status: 400, message: /“Name”/, field: 'name1' });
      await refused(url, { name1: 'Aizhan Bekova', birthYear: 'nineteen ninety' }, { status: 400, message: /“Year of birth”/, field: 'birthYear', kept: 'Aizhan Bekova' });
      await refused(url, { name1: 'Aizhan Bekova', birthYear: '1850' }, { status: 400, message: /“Year of birth”/, field: 'birthYear' });
      await refused(url, { name1: 'Aizhan Bekova', name2: 'Айжан Бекова', translitOf2: '3' }, { status: 400, message: /“Transliteration of”/, field: 'translitOf2' });
      await refused(url, { name1: 'Aizhan Bekova', homePlaceId: 'atlantis' }, { status: 400, message: /“Home place”/, field: 'homePlaceId' });
    });

    it('refuses an act in an unknown event or at an unknown place', async () => {
      const url = `/staff/register/persons/${w.seed.personId}/acts/new`;
      await refused(url, { type: 'injury', eventId: '00000000-0000-4000-8000-0000000000ee' }, { status: 400, message: /“Event”/, field: 'eventId' });
      await refused(url, { type: 'injury', placeId: 'atlantis', description: 'Shot in the leg.' }, { status: 400, message: /“Place”/, field: 'placeId', kept: 'Shot in the leg.' });
      await refused(url, { type: 'flogging' }, { status: 400, message: /“Act”/, field: 'type' });
    });

    it('refuses a detention held before its arrest, or with an impossible arrest date', async () => {
      const url = `/staff/register/persons/${w.seed.plainId}/detentions/new`;
      await refused(url, { arrested: '2022-01-08', stayPlaceId: 'ivs-zhanaozen', staySince: '2022-01-07' }, { status: 400, message: /“Since”/, field: 'staySince' });
      await refused(url, { arrested: '8 January', charges: 'art. 272' }, { status: 400, message: /“Date of arrest”/, field: 'arrested', kept: 'art. 272' });
      await refused(url, { arrested: '2022-01-08', stayPlaceId: 'atlantis' }, { status: 400, message: /“Place of detention”/, field: 'stayPlaceId' });
    });

    it('refuses a transfer on a detention changed meanwhile, offering to reload; and one with no place or before the last', async () => {
      const url = `/staff/register/detentions/${w.seed.detentionId}/transfer`;
      const version = /name="version" value="(\d+)"/.exec((await w.officer.get(url)).body)![1]!;
      const stale = await refused(url, { version: String(Number(version) - 1), placeId: 'sizo-almaty', since: '2022-01-15', note: 'Typed note' }, { status: 409, message: /changed by someone else meanwhile/, kept: 'Typed note' });
      assert.match(stale.body, new RegExp(`<a href="${url}">Reload the form</a>`));
      await refused(url, { version, placeId: '', since: '2022-01-15' }, { status: 400, message: /“Transferred to”/, field: 'placeId' });
      await refused(url, { version, placeId: 'almaty', since: '2022-01-08' }, { status: 400, message: /“Date of the transfer”/, field: 'since' });
    });

    it('refuses a release before the arrest, and a change on a stale version', async () => {
      const url = `/staff/register/detentions/${w.seed.plainDetentionId}/edit`;
      const version = /name="version" value="(\d+)"/.exec((await w.officer.get(url)).body)![1]!;
      await refused(url, { version, releasedOn: '2021-12-31', counselAccess: 'unknown', familyContact: 'unknown' }, { status: 400, message: /“Released on”/, field: 'releasedOn' });
      await refused(url, { version, releasedOn: '2022-1-20' }, { status: 400, message: /“Released on”/, field: 'releasedOn' });
      await refused(url, { version: '99', health: 'Typed health' }, { status: 409, message: /changed by someone else meanwhile/, kept: 'Typed health' });
    });

    it('refuses a disappearance clarified without saying how, and one last seen on no date', async () => {
      const url = `/staff/register/disappearances/${w.seed.disappearanceId}/status`;
      await refused(url, { version: '1', status: 'clarified', clarification: '' }, { status: 400, message: /“How it was clarified, and by whom”/, field: 'clarification' });
      await refused(url, { version: '7', status: 'closed', clarification: 'Closed by the family.' }, { status: 409, message: /disappearance was changed by someone else/ });
      await refused(`/staff/register/persons/${w.seed.plainId}/disappearances/new`, { lastSeen: '', lastSeenBy: 'A neighbour' }, { status: 400, message: /“Last seen on”/, field: 'lastSeen', kept: 'A neighbour' });
    });

    it('refuses a figure with no count, an impossible date or no place', async () => {
      const figure = { count: '225', qualifier: 'exact', measure: 'killed', population: 'all', reportedBy: 'Prosecutor General', reported: '2022-01-15', scopePlaceId: 'almaty' };
      await refused('/staff/register/figures/new', { ...figure, count: 'many' }, { status: 400, message: /“Count”/, field: 'count', kept: 'Prosecutor General' });
      await refused('/staff/register/figures/new', { ...figure, count: '2.5' }, { status: 400, message: /“Count”/, field: 'count' });
      await refused('/staff/register/figures/new', { ...figure, reported: '2022-01-32' }, { status: 400, message: /“Reported on”/, field: 'reported' });
      await refused('/staff/register/figures/new', { ...figure, scopePlaceId: '' }, { status: 400, message: /“For which place”/, field: 'scopePlaceId' });
      await refused('/staff/register/figures/new', { ...figure, partOfId: '00000000-0000-4000-8000-0000000000aa' }, { status: 400, message: /“Part of”/, field: 'partOfId' });
    });

    it('refuses a place whose id is taken, half a pair of coordinates, no name', async () => {
      const place = { kind: 'facility', name: 'Another facility', id: '', parentId: 'almaty', countryCode: 'KAZ', lat: '', lon: '' };
      await refused('/staff/register/places/new', { ...place, id: 'sizo-almaty' }, { status: 409, message: /already has a place with this id/, field: 'id' });
      await refused('/staff/register/places/new', { ...place, lat: '43.2' }, { status: 400, message: /“Longitude”/, field: 'lon' });
      await refused('/staff/register/places/new', { ...place, lat: 'north', lon: '76.9' }, { status: 400, message: /“Latitude”/, field: 'lat' });
      await refused('/staff/register/places/new', { ...place, name: '' }, { status: 400, message: /“Name”/, field: 'name' });
      await refused('/staff/register/places/new', { ...place, kind: 'castle' }, { status: 400, message: /“Kind of place”/, field: 'kind' });
    });

    it('refuses a link to a communication or a record that does not exist', async () => {
      await refused('/staff/register/links', { communication: 'AL KAZ 9/2022', recordType: 'person', recordId: w.seed.personId }, { status: 400, message: /“Communication”/, field: 'communication' });
      await refused('/staff/register/links', { communication: 'letter of January', recordType: 'person', recordId: w.seed.personId }, { status: 400, message: /not a reference like/, field: 'communication' });
      await refused('/staff/register/links', { communication: 'AL KAZ 1/2022', recordType: 'person', recordId: w.seed.eventId }, { status: 400, message: /“Record id”/, field: 'recordId' });
      await refused('/staff/register/links', { communication: 'AL KAZ 1/2022', recordType: 'figure', recordId: w.seed.figureId }, { status: 400, message: /“Kind of record”/, field: 'recordType' });
    });
  });
}
