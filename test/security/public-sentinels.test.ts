import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { approvePublicVersion } from '../../src/commands/approve-public-version.ts';
import { approveReplyPublicVersion } from '../../src/commands/approve-reply-public-version.ts';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { editDraft } from '../../src/commands/edit-draft.ts';
import { holdPublication } from '../../src/commands/hold-publication.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { releaseHold } from '../../src/commands/release-hold.ts';
import { retractCommunication } from '../../src/commands/retract-communication.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { addInformation } from '../../src/commands/submissions/add-information.ts';
import { addSubmissionNote } from '../../src/commands/submissions/add-note.ts';
import { createDraftFromSubmission } from '../../src/commands/submissions/create-draft-from-submission.ts';
import { messageSource } from '../../src/commands/submissions/send-message.ts';
import { followSubmission } from '../../src/commands/submissions/source-follow.ts';
import { submitIntake } from '../../src/commands/submissions/submit-intake.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import { submitGovernmentReply } from '../../src/commands/submit-government-reply.ts';
import { answerInquiry } from '../../src/commands/register/answer-inquiry.ts';
import { changeDetention, recordTransfer } from '../../src/commands/register/change-detention.ts';
import { linkCommunication } from '../../src/commands/register/link-communication.ts';
import { recordAct } from '../../src/commands/register/record-act.ts';
import { recordDetention } from '../../src/commands/register/record-detention.ts';
import { changeDisappearance, recordDisappearance } from '../../src/commands/register/record-disappearance.ts';
import { recordEvent } from '../../src/commands/register/record-event.ts';
import { recordFigure } from '../../src/commands/register/record-figure.ts';
import { recordPerson } from '../../src/commands/register/record-person.ts';
import { recordPlaces } from '../../src/commands/register/record-places.ts';
import { open } from '../../src/commands/register/register-fields.ts';
import { submitInquiry } from '../../src/commands/register/submit-inquiry.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { PUBLIC, SYSTEM, type Principal } from '../../src/policies/principal.ts';
import { exportRegister, REGISTER_EXPORT_KINDS } from '../../src/queries/register/export-register.ts';
import {
  fetchText,
  languageVariants,
  linksOf,
  probeGetRoutes,
  publicParamPool,
  withQuery,
  type Fetched,
  type RouteProbe,
  type Visit,
} from '../support/public-crawl.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { HOLDERS_2022, OFFICER, sendDraft } from '../support/workflow.ts';

/**
 * Only what is published is public. Sentinel strings are written into every field that is unpublished,
 * withheld or confidential — a draft, a letter sent but not yet due, a held letter, a retracted one, the
 * withheld victims' names and the confidential annex of a published letter, a source's submission and a
 * staff note, a Government reply not yet approved for the public — and every answer of every public GET
 * route (found in the registered routes, in every language, with a search for each sentinel, PDFs read as
 * text) is searched for them, as is the public database itself. A positive control — sentinels written
 * into the public parts of the published letter — shows that the same crawl finds what is there.
 *
 * The case register is wholly internal: a sentinel goes into every text column of every register table
 * (places of detention, sources, events, persons' names in both scripts, acts, detentions with their stays,
 * transfers and charges, disappearances, figures, list imports and their match reviews, whereabouts
 * inquiries and their answers), and the register's records are linked to the published letter and to a held
 * one, so that whatever a public page shows of a letter's links is put to the test too.
 */

/** A sentinel: a unique string, the field it was written into, and whether that field is public. */
interface Sentinel {
  value: string;
  /** The unique part, searched for case-insensitively (a word of its own: no tokenizer splits it). */
  tail: string;
  where: string;
  public: boolean;
}

class Sentinels {
  readonly all: Sentinel[] = [];
  /** A new sentinel, `SNTL-KIND-ZQX0001KVJ`, for a field that must stay out of every public output. */
  secret(kind: string, where: string): string {
    return this.make(kind, where, false);
  }
  /** A new sentinel for a public field: the crawl must find it. */
  open(where: string): string {
    return this.make('PUBLIC', where, true);
  }
  private make(kind: string, where: string, isPublic: boolean): string {
    const tail = `ZQX${String(this.all.length + 1).padStart(4, '0')}KVJ`;
    const value = `SNTL-${kind}-${tail}`;
    this.all.push({ value, tail: tail.toLowerCase(), where, public: isPublic });
    return value;
  }
  get forbidden(): Sentinel[] {
    return this.all.filter((s) => !s.public);
  }
  get positive(): Sentinel[] {
    return this.all.filter((s) => s.public);
  }
}

const MANDATES = ['sr-assembly', 'wgad'];
const KAZ: Principal = { kind: 'government', name: 'KAZ Focal Point', accountId: 'acc-kaz-sentinels', stateCode: 'KAZ' };

/** Every part of a letter, each with a sentinel of its own. */
function letterContent(s: Sentinels, kind: string, label: string): Record<string, unknown> & { mandates: string[] } {
  const victim = s.secret(kind, `${label}: victim's name (publishable, but the letter is not public)`);
  return {
    type: 'UA',
    addressee: 'KAZ',
    mandates: MANDATES,
    subject: `Subject ${s.secret(kind, `${label}: subject`)}`,
    summary: `Summary ${s.secret(kind, `${label}: summary`)}`,
    body: `According to the information received, ${victim} was detained. ${s.secret(kind, `${label}: body`)}`,
    questions: [`Question ${s.secret(kind, `${label}: question`)}`],
    concerns: `Concerns ${s.secret(kind, `${label}: concerns`)}`,
    annexText: `Annex ${s.secret(kind, `${label}: annex`)}`,
    confidentialAnnex: `Confidential ${s.secret(kind, `${label}: confidential annex`)}`,
    victims: [{ name: victim, variants: [], publishName: true, publicForm: 'initials' }],
  };
}

/** The URL form of a reference. */
const slugOf = (reference: string) => reference.replace(/[ /]/g, '-');

/**
 * The records, from 18 January 2022 (holders in office as in test/support/workflow.ts):
 * - a source's submission (identity, contact, facts, a victim who did not consent, a document), a staff
 *   note, a message to the source and the source's answer;
 * - the PUBLISHED letter, drafted from that submission: two victims whose names are withheld (as initials,
 *   and as "[name withheld]"), a confidential annex, notes of the mandates' decisions, a hold (with its
 *   reason) released before publication, a Government reply through the portal not yet approved (text and
 *   document) and one approved (which names a withheld victim); its public parts carry the positive control;
 * - a held letter and a letter published then retracted (sent the same day, due 61 days later, when the
 *   scheduler runs); then a letter sent that day (scheduled, not yet due) and a draft.
 */
async function seed(ctx: AppContext, clock: ManualClock, s: Sentinels) {
  const withheldInitials = s.secret('WITHHELD-NAME', 'published letter: victim withheld as initials');
  const withheldMarker = s.secret('WITHHELD-NAME', 'published letter: victim withheld as a marker');
  const withheldVariant = s.secret('WITHHELD-NAME', 'published letter: another spelling of a withheld name');
  const email = `${s.secret('SOURCE', "submission: source's e-mail")}@example.org`.toLowerCase();
  const intake = await submitIntake(
    ctx,
    PUBLIC,
    {
      submitter: {
        name: s.secret('SOURCE', "submission: source's name"),
        organisation: s.secret('SOURCE', "submission: source's organisation"),
        relationship: s.secret('SOURCE', "submission: source's relationship to the victim"),
        email,
        phone: s.secret('SOURCE', "submission: source's phone"),
        other: s.secret('SOURCE', "submission: source's other contact"),
      },
      victims: [{ name: withheldInitials, details: s.secret('SOURCE', "submission: victim's details"), publishName: false }],
      incidentDate: s.secret('SOURCE', 'submission: date of the incident'),
      place: s.secret('SOURCE', 'submission: place'),
      country: 'KAZ',
      perpetrators: s.secret('SOURCE', 'submission: perpetrators'),
      circumstances: s.secret('SOURCE', 'submission: circumstances'),
      domesticSteps: s.secret('SOURCE', 'submission: domestic steps'),
      summary: s.secret('SOURCE', 'submission: summary'),
    },
    [{ name: `${s.secret('SOURCE', "submission: document's name")}.txt`, bytes: Buffer.from(`${s.secret('SOURCE', "submission: document's text")}\n`) }],
  );
  const submissionId = intake.submission.id;
  await addSubmissionNote(ctx, OFFICER, submissionId, { text: s.secret('NOTE', 'submission: staff note') });
  await messageSource(ctx, OFFICER, submissionId, { text: s.secret('SOURCE', 'submission: message to the source'), requestInformation: true });
  await addInformation(ctx, await followSubmission(ctx, intake.receipt), submissionId, { text: s.secret('SOURCE', 'submission: information added by the source') });

  const draft = await createDraftFromSubmission(ctx, OFFICER, submissionId, { type: 'AL', addressee: 'KAZ', mandates: MANDATES, subject: `Detention of ${withheldInitials}` });
  await editDraft(ctx, OFFICER, draft.id, {
    summary: `Information received concerning the detention of ${withheldInitials}. ${s.open('published letter: summary')}`,
    body: `According to the information received, ${withheldInitials} and ${withheldMarker} were detained; ${withheldVariant} was released. ${s.open('published letter: body')}`,
    questions: [`Please explain the legal basis of the detention of ${withheldMarker}.`],
    confidentialAnnex: `Contact of the family: ${s.secret('ANNEX', 'published letter: confidential annex')}`,
    victims: [
      { name: withheldInitials, variants: [], publishName: false, publicForm: 'initials' },
      { name: withheldMarker, variants: [withheldVariant], publishName: false, publicForm: 'withheld' },
    ],
  });
  await submitDraft(ctx, OFFICER, draft.id);
  for (const mandate of MANDATES) {
    await decideDraft(ctx, OFFICER, draft.id, { mandate, decision: 'approved', holder: HOLDERS_2022[mandate], note: s.secret('NOTE', `published letter: decision note of ${mandate}`) });
  }
  await approvePublicVersion(ctx, OFFICER, draft.id);
  const published = await sendCommunication(ctx, OFFICER, draft.id);
  await holdPublication(ctx, OFFICER, published.id, { reason: s.secret('HELD', 'published letter: reason of a hold released since') });
  await releaseHold(ctx, OFFICER, published.id, { reason: 'The risk was assessed again.' });

  const held = await sendDraft(ctx, letterContent(s, 'HELD', 'held letter'));
  await holdPublication(ctx, OFFICER, held, { reason: s.secret('HELD', 'held letter: reason of the hold') });
  const retracted = await sendDraft(ctx, letterContent(s, 'RETRACTED', 'retracted letter'));

  clock.advanceDays(61);
  const due = await publishDue(ctx, SYSTEM);
  assert.equal(due.length, 2, 'the published letter and the one to retract are published; the held one is not');
  await retractCommunication(ctx, OFFICER, retracted, { reason: 'Published in error.' });
  await submitGovernmentReply(ctx, KAZ, published.id, {
    text: `${s.secret('REPLYTEXT', 'reply not approved: text')} about ${withheldInitials}.`,
    language: 'ru',
    documents: [{ name: `${s.secret('REPLYTEXT', "reply not approved: document's name")}.txt`, bytes: Buffer.from(`${s.secret('REPLYTEXT', "reply not approved: document's text")}\n`) }],
  });
  const approved = await submitGovernmentReply(ctx, KAZ, published.id, {
    text: `The Government states that ${withheldMarker} is at liberty. ${s.open('approved reply: text')}`,
    language: 'en',
  });
  await approveReplyPublicVersion(ctx, OFFICER, approved.receipt.replyId, {});
  const scheduled = await sendDraft(ctx, letterContent(s, 'SCHEDULED', 'letter sent, not yet due'));
  await createDraft(ctx, OFFICER, letterContent(s, 'DRAFT', 'draft'));
  return { published: slugOf(published.reference!), publishedId: published.id, held, unpublished: [held, retracted, scheduled].map(slugOf) };
}

/** The id of a communication from its reference. */
async function idOf(ctx: AppContext, reference: string): Promise<string> {
  return (await ctx.store.db.selectFrom('communications').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
}

/**
 * The case register, a sentinel in every text column of every table, through the commands where there are
 * some; list imports and their match reviews (written by the list importer) directly. The event, the
 * persons and the act are linked to the published letter, the event also to the held letter.
 */
async function seedRegister(ctx: AppContext, s: Sentinels, letters: { publishedId: string; held: string }) {
  const r = (where: string) => s.secret('REGISTER', `register: ${where}`);
  const facility = r('place of detention: id').toLowerCase();
  await recordPlaces(ctx, OFFICER, [
    { id: 'almaty', kind: 'city', name: 'Almaty', countryCode: 'KAZ', lat: 43.25, lon: 76.92 },
    { id: facility, kind: 'facility', name: r('place of detention: name'), nameLocal: r('place of detention: local name'), parentId: 'almaty', countryCode: 'KAZ', source: r('place of detention: source') },
  ]);
  const source = { kind: 'ngo_report', label: r('source: label'), receivedOn: '2022-01-10' } as const;
  const eventId = await recordEvent(ctx, OFFICER, {
    type: 'dispersal',
    title: r('event: title (events are internal)'),
    description: r('event: description'),
    start: { value: '2022-01-04' },
    countryCode: 'KAZ',
    placeIds: ['almaty', facility],
    sources: [source],
  });
  const personId = await recordPerson(ctx, OFFICER, {
    names: [
      { name: `Сентинелов ${r('person: name in Cyrillic')}` },
      { name: `Sentinelov ${r('person: name in Latin')}`, transliterationOf: 0, transliteration: 'icao9303' },
    ],
    occupation: r('person: occupation'),
    affiliation: 'journalist',
    homePlaceId: 'almaty',
    sources: [{ kind: 'media', label: r('source: label of a person') }],
  });
  const withheldId = await recordPerson(ctx, OFFICER, {
    names: [{ name: `Тайнова ${r('withheld person: name in Cyrillic')}` }, { name: `Tainova ${r('withheld person: name in Latin')}` }],
    occupation: r('withheld person: occupation'),
    identityWithheld: true,
  });
  const actId = await recordAct(ctx, OFFICER, { personId, eventId, type: 'arbitrary_arrest_and_detention', placeId: 'almaty', description: r('act: description'), sources: [source] });
  const detentionId = await recordDetention(ctx, OFFICER, {
    personId,
    actId,
    arrested: { value: '2022-01-05' },
    arrestPlaceId: facility,
    arrestAuthority: r('detention: arrest authority'),
    legalBasis: r('detention: legal basis'),
    charges: [r('detention: a charge'), r('detention: another charge')],
    courtAuthorised: true,
    courtAuthorisedOn: '2022-01-07',
    health: r('detention: health'),
    counselAccess: 'no',
    familyContact: 'no',
    sentence: r('detention: sentence'),
    stays: [{ placeId: facility, since: { value: '2022-01-05' }, authority: r('stay: authority'), note: r('stay: note') }],
    sources: [source],
  });
  await recordTransfer(ctx, OFFICER, detentionId, { version: 1, placeId: null, since: { value: '2022-01-09' }, authority: r('transfer: authority responsible'), note: r('transfer: note') });
  await changeDetention(ctx, OFFICER, detentionId, { version: 2, counselAccess: 'yes', familyContact: 'unknown' });
  await recordDetention(ctx, OFFICER, { personId: withheldId, arrested: { value: '2022-01' }, arrestAuthority: r('withheld detention: authority'), health: r('withheld detention: health'), stays: [{ placeId: facility, since: { value: '2022-01' }, note: r('withheld detention: stay note') }] });
  const disappearanceId = await recordDisappearance(ctx, OFFICER, {
    personId: withheldId,
    lastSeen: { value: '2022-01-07' },
    lastSeenPlaceId: 'almaty',
    lastSeenBy: r('disappearance: last seen by'),
    relativesSteps: r("disappearance: relatives' steps"),
    sources: [source],
  });
  await changeDisappearance(ctx, OFFICER, disappearanceId, { version: 1, status: 'clarified', clarification: r('disappearance: clarification'), clarifiedOn: '2022-01-15' });
  await recordFigure(ctx, OFFICER, {
    count: 9900,
    qualifier: 'over',
    measure: 'detained',
    reportedBy: r('figure: reported by'),
    reported: { value: '2022-01-11' },
    scopePlaceId: 'almaty',
    eventId,
    notes: r('figure: notes'),
    quote: r('figure: quote'),
    sources: [source],
  });
  for (const [recordType, recordId] of [['event', eventId], ['person', personId], ['person', withheldId], ['act', actId]] as const) {
    await linkCommunication(ctx, OFFICER, { communicationId: letters.publishedId, recordType, recordId });
  }
  await linkCommunication(ctx, OFFICER, { communicationId: await idOf(ctx, letters.held), recordType: 'event', recordId: eventId });

  const inquiry = await submitInquiry(ctx, PUBLIC, {
    language: 'ru',
    inquirer: {
      name: r('inquiry: inquirer name'),
      relation: 'relative',
      email: `${r('inquiry: inquirer e-mail')}@example.org`.toLowerCase(),
      phone: r('inquiry: inquirer phone'),
      address: r('inquiry: inquirer address'),
      language: r('inquiry: inquirer language'),
    },
    subject: {
      names: [`Сентинелов ${r('inquiry: name asked about')}`, r('inquiry: another name asked about')],
      lastSeenOn: r('inquiry: last seen on'),
      lastSeenPlace: r('inquiry: last seen place'),
      detainedBy: r('inquiry: detained by'),
      details: r('inquiry: details'),
    },
  });
  await answerInquiry(ctx, OFFICER, inquiry.id, { version: 1, answer: r('inquiry: what the inquirer was told'), channel: 'phone', personId, status: 'answered' });

  // No command writes these yet (the list importer does): written as it would write them.
  const sourceId = (await ctx.store.db.selectFrom('register_sources').select('id').orderBy('created_at').executeTakeFirstOrThrow()).id;
  const at = ctx.clock.now().toISOString();
  const importId = '00000000-0000-4000-8000-00000000e001';
  await ctx.store.db
    .insertInto('list_imports')
    .values({
      id: importId,
      source_id: sourceId,
      file_name: `${r('list import: file name')}.csv`,
      file_sha256: 'a'.repeat(64),
      format: 'csv',
      mapping: JSON.stringify({ name: r('list import: a mapped column') }),
      rows: 1,
      created_persons: 1,
      matched_persons: 0,
      to_review: 1,
      actor: r('list import: actor'),
      created_at: at,
    })
    .execute();
  await ctx.store.db
    .insertInto('match_reviews')
    .values({
      id: '00000000-0000-4000-8000-00000000e002',
      import_id: importId,
      row_number: 2,
      person_id: withheldId,
      candidate_id: personId,
      score: 0.8,
      reasons: JSON.stringify([r('match review: reason')]),
      status: 'pending',
      decided_by: r('match review: decided by'),
      decided_at: null,
      created_at: at,
    })
    .execute();
}

/** Everything the register holds, as staff see it: the exports, the places, imports, and inquiries decrypted. */
async function registerAsStaff(ctx: AppContext): Promise<string> {
  const parts: string[] = [];
  for (const what of REGISTER_EXPORT_KINDS) {
    const e = await exportRegister(ctx, OFFICER, { what });
    for await (const batch of e.batches as AsyncIterable<unknown[]>) parts.push(JSON.stringify(batch));
  }
  for (const t of ['register_places', 'register_events', 'list_imports', 'match_reviews'] as const) parts.push(JSON.stringify(await ctx.store.db.selectFrom(t).selectAll().execute()));
  for (const row of await ctx.store.db.selectFrom('whereabouts_inquiries').selectAll().execute()) {
    for (const column of ['inquirer', 'subject', 'answer'] as const) parts.push(open(ctx, 'whereabouts_inquiries', column, row.id, row[column]));
  }
  return parts.join('\n');
}

/** Where a sentinel was found. */
interface Finding {
  sentinel: Sentinel;
  visit: Fetched;
}

/** The sentinels whose unique part occurs in a text (case-insensitively). */
function occurring(sentinels: readonly Sentinel[], text: string): Sentinel[] {
  const lower = text.toLowerCase();
  return sentinels.filter((s) => lower.includes(s.tail));
}

/** A text without the echo of a query: its value replaced (any case) by another. */
function replaceEcho(text: string, value: string, by: string): string {
  return text.replace(new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), by);
}

/** A query with the same shape as a sentinel's but that no record holds. */
const neutralOf = (s: Sentinel) => s.value.replace(/ZQX\d{4}KVJ$/, 'QQQQQQQQQQ');

const describeVisit = (f: Fetched) => `GET ${f.url}${f.lang ? ` (Accept-Language: ${f.lang})` : ''} → ${f.status} ${f.contentType}`;

/** Most pages discovered by following links, beyond those built from the routes. */
const MAX_DISCOVERED = 600;

for (const dialect of DIALECTS) {
  describe(`public outputs hold no unpublished, withheld or confidential field (${dialect})`, () => {
    let ctx: AppContext;
    let close: () => Promise<void>;
    let app: FastifyInstance;
    const s = new Sentinels();
    let seeded: Awaited<ReturnType<typeof seed>>;
    let probes: RouteProbe[] = [];
    /** Every answer of the crawl, without search queries (those are kept apart, with their controls). */
    const visited: Fetched[] = [];
    /** Answers to `?q=<sentinel>`, each with the answer to a query of the same shape that matches nothing. */
    const searches: Array<{ sentinel: Sentinel; asked: Fetched; control: Fetched | null }> = [];
    /** The routes whose answers depend on `q`. */
    const searchRoutes: string[] = [];

    before(async () => {
      const t = await testContext(dialect, '2022-01-18T08:00:00Z');
      ({ ctx, close } = t);
      seeded = await seed(ctx, t.clock, s);
      await seedRegister(ctx, s, seeded);
      app = await buildApp(ctx);
      const pool = await publicParamPool(ctx);
      // The letters that are not public are asked for too: their addresses must be the 404 page.
      pool.slug = [...pool.slug!, ...seeded.unpublished];
      probes = await probeGetRoutes(app, pool);

      const seen = new Set<string>();
      const key = (v: Visit) => `${v.lang ?? ''} ${v.url}`;
      const visit = async (v: Visit) => {
        if (seen.has(key(v))) return undefined;
        seen.add(key(v));
        const f = await fetchText(app, v);
        visited.push(f);
        return f;
      };
      for (const probe of probes.filter((p) => p.kind === 'public')) {
        for (const path of probe.paths) for (const v of languageVariants(path)) await visit(v);
        // A route that answers differently to a query that matches nothing reads `q`: search it for each sentinel.
        const path = probe.answered[0] ?? probe.paths[0]!;
        // (A route whose answer changes from one request to the next — a form's token — cannot be compared.)
        const plain = await fetchText(app, { url: path });
        if ((await fetchText(app, { url: path })).text !== plain.text) continue;
        const probed = await fetchText(app, { url: withQuery(path, { q: 'QQQQQQQQQQ' }) });
        if (replaceEcho(probed.text, 'QQQQQQQQQQ', '') === plain.text) continue;
        searchRoutes.push(probe.url);
        const urls = new Set(languageVariants(path).map((v) => v.url));
        for (const url of urls) {
          for (const sentinel of s.all) {
            const asked = await fetchText(app, { url: withQuery(url, { q: sentinel.value }) });
            const control = sentinel.public ? null : await fetchText(app, { url: withQuery(url, { q: neutralOf(sentinel) }) });
            searches.push({ sentinel, asked, control });
          }
        }
      }
      // One level of links from every answer (facets, pages, downloads, sitemaps, redirects), within a bound.
      const discovered = [...new Set(visited.flatMap(linksOf))].filter((url) => !seen.has(key({ url })));
      for (const url of discovered.slice(0, MAX_DISCOVERED)) await visit({ url });
    });
    after(async () => {
      await app?.close();
      await close();
    });

    it('finds the public routes among the registered ones, each with an answer', () => {
      const unanswered = probes.filter((p) => p.kind === 'unanswered').map((p) => p.url);
      assert.deepEqual(unanswered, [], 'routes that answered 404 on every path tried: add values for their parameters to publicParamPool');
      const pub = probes.filter((p) => p.kind === 'public').map((p) => p.url);
      for (const url of ['/', '/communications/:slug', '/communications/:slug/letter.pdf', '/api/v1/communications', '/api/v1/communications/:slug']) {
        assert.ok(pub.includes(url), `${url} is public`);
      }
      assert.ok(!pub.some((u) => u.startsWith('/staff') || u.startsWith('/government') || u.startsWith('/admin')), 'signed-in areas are not public');
      assert.ok(searchRoutes.includes('/') && searchRoutes.includes('/api/v1/communications'), `the search routes read q: ${searchRoutes.join(', ')}`);
      const statuses = new Set(visited.map((f) => f.status));
      assert.ok(!statuses.has(500), `no answer is a 500: ${visited.filter((f) => f.status >= 500).map(describeVisit).join('; ')}`);
    });

    it('the register holds a sentinel in every field written: staff find each of them', async () => {
      const register = s.forbidden.filter((x) => x.where.startsWith('register: '));
      assert.ok(register.length >= 45, `${register.length} register sentinels`);
      const staffView = (await registerAsStaff(ctx)).toLowerCase();
      assert.deepEqual(
        register.filter((x) => !staffView.includes(x.tail)).map((x) => x.where),
        [],
        'sentinels that did not reach the register',
      );
    });

    it('the unpublished letters are the 404 page, in every language', () => {
      for (const slug of seeded.unpublished) {
        const answers = visited.filter((f) => f.url.includes(`/communications/${slug}`) && !f.url.includes('?'));
        assert.ok(answers.length >= 3 * 7, `${slug}: its page, letter and PDF asked in every language`);
        for (const f of answers) assert.equal(f.status, 404, describeVisit(f));
      }
    });

    it('positive control: the crawl finds the public parts of the published letter in pages, the API, exports and its PDF', () => {
      const summary = s.positive.find((x) => x.where === 'published letter: summary')!;
      const body = s.positive.find((x) => x.where === 'published letter: body')!;
      const reply = s.positive.find((x) => x.where === 'approved reply: text')!;
      const where = (sentinel: Sentinel) => visited.filter((f) => occurring([sentinel], f.text + f.headers).length > 0);
      const types = (sentinel: Sentinel) => new Set(where(sentinel).map((f) => f.contentType.split(';')[0]));
      assert.ok(types(summary).has('text/html'), 'the summary is on a page');
      assert.ok(types(summary).has('application/json'), 'the summary is in the API');
      assert.ok(types(summary).has('text/csv'), 'the summary is in the CSV export');
      assert.ok(types(body).has('application/pdf'), `the body is in the letter's PDF: ${[...types(body)].join(', ')}`);
      assert.ok(types(reply).has('text/html'), 'the approved reply is on the letter\'s page');
      for (const lang of ['fr', 'ar']) {
        assert.ok(where(summary).some((f) => f.url.startsWith(`/${lang}/communications/${seeded.published}`)), `the letter's page in /${lang}/`);
      }
      const found = searches.filter((x) => x.sentinel === summary && x.asked.url.startsWith('/api/v1/communications?'));
      assert.ok(found.length > 0 && found.every((x) => (JSON.parse(x.asked.text) as { total: number }).total === 1), 'a search for it finds the letter');
    });

    it('no sentinel of an unpublished, withheld or confidential field appears in any answer, body or header', () => {
      assert.ok(visited.length > 200, `a crawl of ${visited.length} answers`);
      const findings: Finding[] = [];
      for (const f of visited) for (const sentinel of occurring(s.forbidden, f.text + f.headers)) findings.push({ sentinel, visit: f });
      assert.deepEqual(
        findings.map((x) => `${x.sentinel.value} (${x.sentinel.where}) in ${describeVisit(x.visit)}`),
        [],
      );
    });

    it('a search for a sentinel finds nothing: the answer is that of a search matching nothing, but for the echo of the query', () => {
      const forbidden = searches.filter((x) => x.control !== null);
      assert.ok(forbidden.length >= s.forbidden.length * searchRoutes.length, `${forbidden.length} searches`);
      const leaks: string[] = [];
      for (const { sentinel, asked, control } of forbidden) {
        const echoless = replaceEcho(asked.text, sentinel.value, '');
        const others = occurring(s.forbidden, echoless + replaceEcho(asked.headers, sentinel.value, ''));
        if (others.length > 0) leaks.push(`${describeVisit(asked)} shows ${others.map((o) => o.where).join(', ')}`);
        const same = replaceEcho(asked.text, sentinel.value, neutralOf(sentinel)).toLowerCase() === control!.text.toLowerCase();
        if (!same || asked.status !== control!.status) leaks.push(`${describeVisit(asked)} differs from the same search for ${neutralOf(sentinel)} (${sentinel.where})`);
      }
      assert.deepEqual(leaks, []);
    });

    it('the public database holds no sentinel in any column, nor in its full-text index', async () => {
      const rows = await ctx.store.db.selectFrom('public_communications').selectAll().execute();
      assert.ok(rows.length === 1, 'one published communication');
      const findings = rows.flatMap((row) =>
        Object.entries(row).flatMap(([column, value]) => occurring(s.forbidden, String(value)).map((x) => `${x.value} (${x.where}) in public_communications.${column}`)),
      );
      assert.deepEqual(findings, []);
      assert.deepEqual(occurring(s.positive, JSON.stringify(rows)), s.positive, 'the positive control is in the row');
      const indexed = async (sentinel: Sentinel) => {
        const hits = ctx.store.dialect === 'sqlite'
          ? await sql<{ n: number }>`select count(*) as n from public_search where public_search match ${`"${sentinel.tail}"`}`.execute(ctx.store.db)
          : await sql<{ n: number }>`select count(*) as n from public_search where words @@ to_tsquery('simple', ${sentinel.tail})`.execute(ctx.store.db);
        return Number(hits.rows[0]!.n);
      };
      assert.equal(await indexed(s.positive.find((x) => x.where === 'published letter: summary')!), 1, 'the index finds the positive control');
      for (const sentinel of s.forbidden) assert.equal(await indexed(sentinel), 0, `${sentinel.value} (${sentinel.where}) in the full-text index`);
    });
  });
}
