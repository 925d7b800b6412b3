import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readAuditBatch, readAuditHead } from '../../src/db/repositories/audit-repository.ts';
import { formBody } from '../support/http-session.ts';
import { storeDigest } from '../support/snapshot.ts';
import { DIALECTS } from '../support/stores.ts';
import { formRoutes, formWorld, locationOf, type FormWorld } from './form-fixture.ts';

for (const dialect of DIALECTS) {
  describe(`register forms: who may use them (${dialect})`, () => {
    let w: FormWorld;
    before(async () => {
      w = await formWorld(dialect);
    });
    after(async () => {
      await w.close();
    });

    it('renders every form for a case officer, with its CSRF token, posting where it should', async () => {
      for (const route of formRoutes(w.seed)) {
        const res = await w.officer.get(route.get);
        assert.equal(res.statusCode, 200, route.get);
        assert.equal(res.headers['cache-control'], 'no-store', route.get);
        assert.ok(res.body.includes(`action="${route.post}"`), `${route.get} posts to ${route.post}`);
        assert.ok(res.body.includes(`name="_csrf" value="${w.officer.csrf}"`), `${route.get} carries the token`);
        assert.match(res.body, /<button type="submit" class="button">/);
        assert.doesNotMatch(res.body, /registerForm\./, `${route.get}: every label is in the catalogue`);
      }
    });

    it('speaks the language of the address', async () => {
      const res = await w.officer.get('/fr/staff/register/events/new');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<html lang="fr"/);
      assert.ok(res.body.includes('action="/fr/staff/register/events/new"'));
      assert.match(res.body, /Nouvel événement/);
    });

    it('gives a mandate holder the 404 of a missing page on every form, and writes nothing', async () => {
      const before = await storeDigest(w.ctx);
      for (const route of formRoutes(w.seed)) {
        assert.equal((await w.holder.get(route.get)).statusCode, 404, `GET ${route.get}`);
        const posted = await w.holder.post(route.post, { title: 'Holder event', type: 'assembly', start: '2022-01-05', countryCode: 'KAZ', name1: 'Holder Person' });
        assert.equal(posted.statusCode, 404, `POST ${route.post}`);
      }
      assert.equal(await storeDigest(w.ctx), before);
    });

    it('sends the public to the sign-in page, and refuses its posts without writing', async () => {
      const before = await storeDigest(w.ctx);
      for (const route of formRoutes(w.seed)) {
        const res = await w.app.inject({ method: 'GET', url: route.get });
        assert.equal(res.statusCode, 303, route.get);
        assert.match(locationOf(res), /^\/sign-in\?next=/, route.get);
        const posted = await w.app.inject({
          method: 'POST',
          url: route.post,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: formBody({ title: 'Public event', type: 'assembly', start: '2022-01-05', countryCode: 'KAZ' }),
        });
        assert.ok(posted.statusCode >= 400 && posted.statusCode < 500, `POST ${route.post} → ${posted.statusCode}`);
        assert.doesNotMatch(posted.body, /<form class="form staff-form register-form"/, 'no form for the public');
      }
      assert.equal(await storeDigest(w.ctx), before);
    });

    it('answers 404 for a person, detention or disappearance that is not there', async () => {
      const missing = '00000000-0000-4000-8000-0000000000ff';
      for (const url of [
        `/staff/register/persons/${missing}/acts/new`,
        `/staff/register/persons/not-an-id/detentions/new`,
        `/staff/register/detentions/${missing}/transfer`,
        `/staff/register/detentions/${missing}/edit`,
        `/staff/register/disappearances/${missing}/status`,
        `/staff/register/persons/${w.seed.detentionId}/disappearances/new`,
      ]) {
        assert.equal((await w.officer.get(url)).statusCode, 404, url);
      }
    });

    it('records a read of the restricted values a form shows as they stand, and only those', async () => {
      const reads = async (run: () => Promise<unknown>) => {
        const { lastSeq } = await readAuditHead(w.ctx.store.db);
        await run();
        return (await readAuditBatch(w.ctx.store.db, lastSeq, 100)).map((e) => `${e.recordType}:${e.recordId}:${e.action}`);
      };
      assert.deepEqual(await reads(() => w.officer.get(`/staff/register/detentions/${w.seed.detentionId}/transfer`)), [`detention:${w.seed.detentionId}:read.detention_place`]);
      assert.deepEqual(await reads(() => w.officer.get(`/staff/register/detentions/${w.seed.detentionId}/edit`)), [`detention:${w.seed.detentionId}:read.health`]);
      assert.deepEqual(await reads(() => w.officer.get(`/staff/register/detentions/${w.seed.plainDetentionId}/edit`)), [], 'no health note, nothing read');
      assert.deepEqual(await reads(() => w.officer.get(`/staff/register/disappearances/${w.seed.disappearanceId}/status`)), [`disappearance:${w.seed.disappearanceId}:read.relatives`]);
      assert.deepEqual(await reads(() => w.officer.get('/staff/register/events/new')), []);
    });

    it('never shows a withheld identity in a heading', async () => {
      const res = await w.officer.get(`/staff/register/persons/${w.seed.withheldId}/disappearances/new`);
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /RESTRICTED-WITHHELD-NAME/);
      assert.match(res.body, /A person whose identity is withheld/);
    });
  });
}
