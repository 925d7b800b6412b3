import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createDraft } from '../../src/commands/create-draft.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { recordReply } from '../../src/commands/record-reply.ts';
import { retractCommunication } from '../../src/commands/retract-communication.ts';
import { loadConfig } from '../../src/config.ts';
import { createContext, type AppContext } from '../../src/context.ts';
import { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { sendDraft } from '../support/workflow.ts';
import { allowCommunication } from '../../src/policies/communication-policy.ts';
import { PUBLIC, SYSTEM, staff } from '../../src/policies/principal.ts';
import { storeDigest } from '../support/snapshot.ts';

const SENTINEL = 'SENTINEL-DRAFT-7f3a';
const officer = staff('Case Officer');

const send = sendDraft;

/**
 * Three letters of 18 January 2022, published 61 days later; the third is then retracted. A fourth, sent on
 * the day of publication, is not yet public, and a draft never is; those two carry the sentinel.
 */
async function seed(ctx: AppContext, clock: ManualClock): Promise<void> {
  await send(ctx, {
    type: 'AL',
    addressee: 'KAZ',
    mandates: ['sr-assembly', 'wgad'],
    subject: 'Alleged excessive use of force against protesters',
    summary: 'Dispersal of peaceful protests.',
    body: 'Paragraph one.\n\nParagraph two.',
    questions: ['Please provide any additional information.'],
    synthetic: true,
  });
  clock.advanceHours(1);
  await send(ctx, { type: 'UA', addressee: 'KAZ', mandates: ['wgad'], subject: 'Detention of a journalist' });
  clock.advanceHours(1);
  await send(ctx, { type: 'OL', addressee: 'KAZ', mandates: ['sr-assembly'], subject: 'Draft law on assemblies' });
  clock.advanceDays(20);
  await recordReply(ctx, officer, 'AL KAZ 1/2022', { receivedOn: '2022-02-07', kind: 'substantive', language: 'ru', summary: 'Reply.' });
  clock.advanceDays(41);
  const secret = { type: 'UA', addressee: 'KAZ', mandates: ['wgad'], subject: SENTINEL, summary: SENTINEL, body: SENTINEL, questions: [SENTINEL] };
  await send(ctx, secret);
  await createDraft(ctx, officer, secret);
  await publishDue(ctx, SYSTEM);
  await retractCommunication(ctx, officer, 'OL KAZ 3/2022', { reason: 'Risk of reprisals.' });
}

describe('public JSON API', () => {
  let ctx: AppContext;
  let app: FastifyInstance;

  before(async () => {
    const clock = new ManualClock('2022-01-18T09:00:00Z');
    ctx = await createContext(loadConfig({}), {
      store: { kind: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'rapporteur-')), 'db.sqlite') },
      clock,
    });
    await seed(ctx, clock);
    app = await buildApp(ctx);
  });

  after(async () => {
    await app.close();
    await ctx.store.close();
  });

  it('lets anyone list published communications, and only staff the register', () => {
    assert.equal(allowCommunication(PUBLIC, 'list_published'), true);
    assert.equal(allowCommunication(PUBLIC, 'list'), false);
  });

  it('lists published communications only: { total, limit, next, facets, items, links }', async () => {
    const res = await app.inject('/api/v1/communications');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^application\/json/);
    assert.equal(res.headers['access-control-allow-origin'], '*');
    const body = res.json();
    assert.deepEqual(Object.keys(body).sort(), ['facets', 'items', 'limit', 'links', 'next', 'total']);
    assert.equal(body.total, 2, 'the retracted, the scheduled and the draft are not listed');
    assert.equal(body.limit, 20);
    assert.equal(body.next, null, 'one page holds both');
    assert.deepEqual(body.links, { next: null });
    assert.deepEqual(
      body.items.map((i: { reference: string }) => i.reference),
      ['UA KAZ 2/2022', 'AL KAZ 1/2022'],
    );
    const byValue = (a: { value: string }, b: { value: string }) => a.value.localeCompare(b.value);
    assert.deepEqual([...body.facets.type].sort(byValue), [{ value: 'AL', count: 1 }, { value: 'UA', count: 1 }], 'facets count the published only');
    const joint = body.items[1];
    assert.deepEqual(joint, {
      reference: 'AL KAZ 1/2022',
      slug: 'AL-KAZ-1-2022',
      type: 'AL',
      displayType: 'JAL',
      joint: true,
      addressee: { code: 'KAZ', name: 'Kazakhstan' },
      mandates: [
        { slug: 'sr-assembly', title: 'Special Rapporteur on the rights to freedom of peaceful assembly and of association' },
        { slug: 'wgad', title: 'Working Group on Arbitrary Detention' },
      ],
      sentDate: '2022-01-18',
      language: 'en',
      subject: 'Alleged excessive use of force against protesters',
      summary: 'Dispersal of peaceful protests.',
      replyStatus: 'replied',
      replies: 1,
      firstReplyOn: '2022-02-07',
      synthetic: true,
    });
    assert.ok(!res.body.includes(SENTINEL));
  });

  it('filters like the site, and pages by cursor', async () => {
    const get = async (q: string) => (await app.inject(`/api/v1/communications?${q}`)).json();
    assert.deepEqual((await get('type=AL')).items.map((i: { reference: string }) => i.reference), ['AL KAZ 1/2022']);
    assert.equal((await get('mandate=sr-assembly')).total, 1);
    assert.equal((await get('addressee=kaz&year=2022')).total, 2);
    assert.equal((await get('year=2021')).total, 0);
    assert.equal((await get('reply=none')).total, 1);
    assert.equal((await get('joint=true')).total, 1);
    const first = await get('limit=1');
    assert.deepEqual([first.total, first.limit, first.items.length], [2, 1, 1]);
    assert.equal(first.items[0].reference, 'UA KAZ 2/2022');
    assert.equal(typeof first.next, 'string');
    assert.equal(first.links.next, `http://localhost/api/v1/communications?limit=1&cursor=${first.next}`);
    const second = await get(`limit=1&cursor=${first.next}`);
    assert.deepEqual([second.total, second.items.length, second.next], [2, 1, null]);
    assert.equal(second.items[0].reference, 'AL KAZ 1/2022');
    // `page` is still taken (the site's links use it).
    assert.equal((await get('limit=1&page=2')).items[0].reference, 'AL KAZ 1/2022');
    const beyond = await get('page=9');
    assert.deepEqual([beyond.total, beyond.items.length, beyond.next], [2, 0, null]);
  });

  it('ignores any attempt to list what is not published', async () => {
    for (const q of ['publication=scheduled', 'status=draft', 'publicationStatus=retracted', 'synthetic=false']) {
      const res = await app.inject(`/api/v1/communications?${q}&limit=100`);
      assert.equal(res.json().total, 2, q);
      assert.ok(!res.body.includes(SENTINEL), q);
    }
  });

  it('refuses bad filters with 400 and a stable code', async () => {
    const cases: Array<[string, string]> = [
      ['mandate=nope', 'MANDATE_UNKNOWN'],
      ['addressee=ZZZ', 'ADDRESSEE_UNKNOWN'],
      ['year=twenty', 'VALIDATION_FAILED'],
      ['type=XL', 'VALIDATION_FAILED'],
      ['reply=maybe', 'VALIDATION_FAILED'],
      ['cursor=not-a-cursor', 'CURSOR_INVALID'],
      ['limit=101', 'VALIDATION_FAILED'],
      ['limit=0', 'VALIDATION_FAILED'],
      ['page=-1', 'VALIDATION_FAILED'],
      ['type=AL&type=UA', 'VALIDATION_FAILED'],
    ];
    for (const [q, code] of cases) {
      const res = await app.inject(`/api/v1/communications?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.match(res.headers['content-type'] as string, /^application\/json/, q);
      assert.equal(res.json().error.code, code, q);
      assert.equal(typeof res.json().error.message, 'string');
    }
    assert.deepEqual((await app.inject('/api/v1/communications?limit=100')).json().limit, 100);
  });

  it('gives one published communication in its public projection', async () => {
    const res = await app.inject('/api/v1/communications/AL-KAZ-1-2022');
    assert.equal(res.statusCode, 200);
    const c = res.json();
    assert.equal(c.reference, 'AL KAZ 1/2022');
    assert.equal(c.displayType, 'JAL');
    assert.deepEqual(c.mandates, [
      { slug: 'sr-assembly', title: 'Special Rapporteur on the rights to freedom of peaceful assembly and of association' },
      { slug: 'wgad', title: 'Working Group on Arbitrary Detention' },
    ]);
    assert.deepEqual(c.questions, ['Please provide any additional information.']);
    assert.deepEqual(c.replies, [{ receivedOn: '2022-02-07', kind: 'substantive', language: 'ru', summary: 'Reply.' }]);
    assert.equal(c.history.length, 1);
    assert.equal(c.history[0].action, 'publish');
    for (const key of ['id', 'publicationStatus', 'draftingStatus', 'createdBy', 'holdReason', 'version']) {
      assert.ok(!(key in c), `${key} is not public`);
    }
    assert.ok(!res.body.includes('Case Officer'));
  });

  it('names addressees in the language asked for', async () => {
    const res = await app.inject({ url: '/api/v1/communications/AL-KAZ-1-2022', headers: { 'accept-language': 'ru' } });
    assert.equal(res.json().addressee.name, 'Казахстан');
    assert.equal(res.headers['content-language'], 'ru');
  });

  it('answers retracted, unpublished, unknown and malformed references with the same 404', async () => {
    const urls = [
      '/api/v1/communications/OL-KAZ-3-2022',
      '/api/v1/communications/UA-KAZ-4-2022',
      '/api/v1/communications/AL-KAZ-99-2022',
      '/api/v1/communications/not-a-reference',
      '/api/v1/communications/00000000-0000-4000-8000-000000000000',
    ];
    const responses = await Promise.all(urls.map((url) => app.inject(url)));
    for (const res of responses) {
      assert.equal(res.statusCode, 404);
      assert.match(res.headers['content-type'] as string, /^application\/json/);
      assert.equal(res.body, responses[0]!.body);
    }
    assert.equal(responses[0]!.json().error.code, 'NOT_FOUND');
  });

  it('changes nothing, whatever is asked', async () => {
    const before = await storeDigest(ctx);
    for (const url of ['/api/v1/communications?mandate=nope', '/api/v1/communications/AL-KAZ-99-2022', '/api/v1/communications', '/', '/communications/AL-KAZ-1-2022']) {
      await app.inject(url);
    }
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/api/v1/communications/AL-KAZ-1-2022', payload: { subject: 'changed' } });
      assert.equal(res.statusCode, 404, method);
    }
    assert.equal(await storeDigest(ctx), before);
  });

  it('answers unknown API addresses in JSON', async () => {
    const res = await app.inject('/api/v2/whatever');
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'NOT_FOUND');
  });
});
