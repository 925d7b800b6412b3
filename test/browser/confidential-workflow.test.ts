import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { totpCode } from '../../src/accounts/totp.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { buildApp } from '../../src/http/build-app.ts';
import { SESSION_COOKIE } from '../../src/http/session-plugin.ts';
import { readyAccount, TEST_PASSWORD, type ReadyAccount } from '../support/accounts.ts';
import { testContext } from '../support/stores.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { SYSTEM } from '../../src/policies/principal.ts';

const CHROMIUM = '/usr/bin/chromium';

/** The victim whose name the source allows to be published, and the one whose name it withholds. */
const PUBLISHED_VICTIM = 'Aigerim Sadykova';
const WITHHELD_VICTIM = 'Nurlan Abenov';
const SUBJECT = 'Incommunicado detention of two peaceful protesters in Almaty';
/** A sentence of the Government's reply that only its approved public version leaves out. */
const REPLY_CONFIDENTIAL = 'Internal case file 77-B of the Almaty prosecutor';
const REPLY_PUBLIC = 'The Government states that a criminal investigation into the treatment of the two detainees was opened on 2 December 2026.';

/**
 * The confidential workflow in a real browser, from the source to the public page, each person in a
 * context of their own (separate cookies), signing in through the pages with a password and a TOTP code:
 * a source submits without JavaScript; a case officer makes a draft joint urgent appeal of three mandates
 * from it; the holders decide (one asks for a change, and the edit resets every decision); the officer
 * approves the public version and sends; the State's focal point is notified, reads the letter and replies
 * with a document; the officer approves the reply's public version; after the publication period the
 * scheduler publishes it, the public finds it by searching, and the public page shows
 * that version only, and never the name the source asked to withhold.
 */
describe('the confidential workflow in Chromium', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed` }, () => {
  let ctx: AppContext;
  let clock: ManualClock;
  let close: () => Promise<void>;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];
  // Screenshots of the key pages, for a person to look at: kept after the run only with KEEP_SCREENSHOTS=1.
  const shots = mkdtempSync(join(tmpdir(), 'rapporteur-workflow-shots-'));
  const people: Record<'officer' | 'torture' | 'assembly' | 'executions' | 'focal', ReadyAccount> = {} as never;

  before(async () => {
    ({ ctx, clock, close } = await testContext('sqlite', '2026-11-29T09:00:00Z'));
    people.officer = await readyAccount(ctx, clock, { email: 'officer@ohchr.test', displayName: 'Ana Officer', role: 'case_officer' });
    people.torture = await readyAccount(ctx, clock, { email: 'torture@ohchr.test', displayName: 'Alice Jill Edwards', role: 'mandate_holder', mandate: 'sr-torture' });
    people.assembly = await readyAccount(ctx, clock, { email: 'assembly@ohchr.test', displayName: 'Gina Romero', role: 'mandate_holder', mandate: 'sr-assembly' });
    people.executions = await readyAccount(ctx, clock, { email: 'executions@ohchr.test', displayName: 'Morris Tidball-Binz', role: 'mandate_holder', mandate: 'sr-executions' });
    people.focal = await readyAccount(ctx, clock, { email: 'focal.point@mfa.kz.test', displayName: 'Dana Focal', role: 'focal_point', stateCode: 'KAZ' });
    app = await buildApp(ctx);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    // The session cookies are `__Host-` and Secure: a browser keeps them over plain HTTP only for
    // localhost, which it counts as a secure origin (the name is mapped to 127.0.0.1, where the server listens).
    base = `http://localhost:${new URL(address).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP localhost 127.0.0.1',
      ],
    });
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await close?.();
    if (process.env.KEEP_SCREENSHOTS === '1') console.log(`screenshots: ${shots}`);
    else rmSync(shots, { recursive: true, force: true });
  });

  /** A browser context of one person: its own cookies, English pages, no JavaScript if asked. */
  const newPage = async (options: { javaScriptEnabled?: boolean } = {}): Promise<Page> => {
    const context = await browser.newContext({ baseURL: base, locale: 'en-GB', viewport: { width: 1280, height: 900 }, ...options });
    contexts.push(context);
    // A step that cannot happen fails within seconds, not at the test's timeout.
    context.setDefaultTimeout(10_000);
    return context.newPage();
  };

  /** Signs in through the pages: e-mail and password, then the TOTP code of the moment (single-use). */
  const signIn = async (who: ReadyAccount, home: RegExp): Promise<Page> => {
    const page = await newPage();
    await page.goto('/sign-in');
    await page.getByLabel('E-mail address').fill(who.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/sign-in\/code$/);
    await page.getByLabel('Code').fill(totpCode(who.secret, clock.now()));
    clock.advanceSeconds(31);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(home);
    const session = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
    assert.ok(session, `${who.email}: the browser kept the session cookie`);
    assert.equal(session.secure, true, 'the session cookie stays Secure');
    assert.equal(session.httpOnly, true);
    return page;
  };

  const shot = async (page: Page, name: string) => {
    const path = join(shots, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    assert.ok(statSync(path).size > 5_000, `${name}: a screenshot was taken`);
  };

  /** The notice a form leaves on its page after success; a refused form's error fails the test at once. */
  const expectNotice = async (page: Page, text: string) => {
    const notice = page.getByRole('status').filter({ hasText: text });
    await notice.or(page.getByRole('alert')).first().waitFor();
    assert.deepEqual(await page.getByRole('alert').allInnerTexts(), [], `no error instead of "${text}"`);
    assert.ok(await notice.isVisible(), text);
  };

  /** A mandate holder finds the draft in the list of drafts and records a decision on it. */
  const decide = async (page: Page, decision: 'Approve this text' | 'Request changes', note = '') => {
    await page.goto('/staff/drafts');
    await page.getByRole('row').filter({ hasText: SUBJECT }).getByRole('link').click();
    await page.getByRole('heading', { name: SUBJECT, level: 1 }).waitFor();
    await page.getByRole('radio', { name: decision }).check();
    if (note) await page.getByLabel('Note (optional)').fill(note);
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await expectNotice(page, 'Your decision was recorded.');
  };

  /** The decision shown in the draft's table of signing mandates, for the row whose title contains `mandate`. */
  const decisionOf = (page: Page, mandate: RegExp) =>
    page.getByRole('region', { name: 'Signing mandates and their decisions' }).getByRole('row').filter({ hasText: mandate }).locator('.badge').innerText();

  test('a source submits, three mandates sign an urgent appeal, the State replies, and the public reads the approved versions', { timeout: 90_000 }, async () => {
    // ---- The source, without JavaScript ---------------------------------------------------------------
    const source = await newPage({ javaScriptEnabled: false });
    await source.goto('/submit');
    const victim1 = source.getByRole('group', { name: 'Victim 1' });
    await victim1.getByLabel('Full name').fill(PUBLISHED_VICTIM);
    await victim1.getByLabel('Age, sex, occupation').fill('Journalist, 34, arrested at the protest on Republic Square.');
    await victim1.getByRole('radio', { name: 'Yes, the name may be published' }).check();
    const victim2 = source.getByRole('group', { name: 'Victim 2' });
    await victim2.getByLabel('Full name').fill(WITHHELD_VICTIM);
    await victim2.getByLabel('Age, sex, occupation').fill('Student, 21, arrested the same evening.');
    await victim2.getByRole('radio', { name: 'No, withhold the name' }).check();
    await source.getByLabel('Date or period').fill('From 28 November 2026');
    await source.getByLabel('Place (town').fill('Almaty, temporary detention facility of the city police');
    await source.getByLabel('Country', { exact: true }).selectOption('KAZ');
    await source.getByLabel('Who is believed responsible').fill('Officers of the Almaty city police.');
    await source.getByLabel('Detailed description').fill(
      `${PUBLISHED_VICTIM} and ${WITHHELD_VICTIM} were arrested after a peaceful protest and are held incommunicado; their lawyers are refused access and they were reportedly beaten.`,
    );
    await source.getByLabel('Steps taken in the country').fill('A complaint to the city prosecutor on 29 November 2026, unanswered.');
    await source.getByLabel('Your name').fill('A relative of the detainees');
    await source.getByLabel('Your relation to the victims').fill('Family');
    await source.getByRole('button', { name: 'Submit', exact: true }).click();
    await source.getByRole('heading', { name: 'Your receipt' }).waitFor();
    const receipt = source.getByRole('status');
    const code = (await receipt.locator('code').innerText()).trim();
    assert.ok(code.length >= 16, `a receipt code is shown (${code})`);
    const submissionRef = /Reference of your submission: (\S+)/.exec(await receipt.innerText())?.[1];
    assert.ok(submissionRef, 'the receipt names the submission');
    await shot(source, '1-source-receipt');

    // ---- The officer and the three holders sign in through the pages -----------------------------------
    const officer = await signIn(people.officer, /\/staff$/);
    const torture = await signIn(people.torture, /\/staff$/);
    const assembly = await signIn(people.assembly, /\/staff$/);
    const executions = await signIn(people.executions, /\/staff$/);

    // ---- The officer triages the submission and makes a draft from it ----------------------------------
    await officer.goto('/staff/submissions');
    await officer.getByRole('link', { name: submissionRef }).click();
    await officer.getByRole('heading', { name: `Submission ${submissionRef}` }).waitFor();
    await officer.getByLabel('Type', { exact: true }).selectOption('UA');
    await officer.getByLabel('Addressee').selectOption('KAZ');
    await officer.getByLabel('Signing mandates').selectOption(['sr-torture', 'sr-assembly', 'sr-executions']);
    await officer.getByLabel('Subject').fill(SUBJECT);
    await officer.getByRole('button', { name: 'Create draft' }).click();
    await expectNotice(officer, 'Draft created and linked.');
    await officer.getByRole('link', { name: 'Open the draft' }).click();
    await officer.getByRole('heading', { name: SUBJECT, level: 1 }).waitFor();
    const draftUrl = officer.url();

    // The letter's text: the draft form, in its collapsed section.
    await officer.getByText('Edit the draft').click();
    assert.equal(await officer.getByLabel('Type of letter').inputValue(), 'UA');
    const victimsLines = await officer.getByLabel('Victims named in the letter').inputValue();
    assert.match(victimsLines, new RegExp(`${PUBLISHED_VICTIM} \\| publish`), 'the published name comes from the consent');
    assert.match(victimsLines, new RegExp(`${WITHHELD_VICTIM} \\| (initials|withhold)`), 'the withheld name comes from the consent');
    await officer.getByLabel('Summary', { exact: true }).fill('Alleged incommunicado detention and ill-treatment of two protesters.');
    await officer.getByLabel('Information received').fill(
      `According to the information received, ${PUBLISHED_VICTIM} and ${WITHHELD_VICTIM} were arrested in Almaty on 28 November 2026 after a peaceful protest, and have been held incommunicado since.`,
    );
    await officer.getByLabel('Questions', { exact: true }).fill(
      'Please provide any additional information on the allegations.\nPlease indicate the legal basis for the detention of the two persons.',
    );
    await officer.getByRole('button', { name: 'Save the changes' }).click();
    await expectNotice(officer, 'The changes were saved.');
    await officer.getByRole('button', { name: 'Submit for signature' }).click();
    await expectNotice(officer, 'The draft was submitted for signature.');

    // ---- The holders decide: one approves, one asks for a change ---------------------------------------
    await decide(torture, 'Approve this text');
    const changeNote = 'Please ask whether the detainees have been examined by an independent doctor.';
    await decide(assembly, 'Request changes', changeNote);

    await officer.goto(draftUrl);
    assert.match(await decisionOf(officer, /Torture/i), /approved/);
    assert.match(await decisionOf(officer, /assembly/i), /changes requested/);
    const decisions = officer.getByRole('region', { name: 'Signing mandates and their decisions' });
    assert.ok(await decisions.getByRole('row').filter({ hasText: /assembly/i }).getByRole('cell', { name: changeNote }).isVisible(), 'the officer reads the note');
    await officer.getByText('Edit the draft').click();
    // The page warns, before the change is saved, that saving it resets every decision.
    await officer.getByText(/sends the text out for signature again.*decision is reset/).waitFor();
    const questions = officer.getByLabel('Questions', { exact: true });
    await questions.fill(`${await questions.inputValue()}\nPlease indicate whether the two persons have been examined by an independent doctor.`);
    await officer.getByRole('button', { name: 'Save the changes' }).click();
    await expectNotice(officer, 'The changes were saved.');
    for (const mandate of [/Torture/i, /assembly/i, /executions/i]) assert.match(await decisionOf(officer, mandate), /pending/, `${mandate}: reset`);
    assert.ok(await officer.getByText('decisions reset').first().isVisible(), 'the history says the decisions were reset');
    await shot(officer, '2-draft-decisions-reset');

    for (const holder of [torture, assembly, executions]) await decide(holder, 'Approve this text');

    // ---- The officer compares the public version, approves it, and sends -------------------------------
    await officer.goto(draftUrl);
    for (const mandate of [/Torture/i, /assembly/i, /executions/i]) assert.match(await decisionOf(officer, mandate), /approved/);
    const publicColumn = officer.getByRole('region', { name: 'Public version' });
    const publicText = await publicColumn.locator('.compare__column').nth(1).innerText();
    assert.ok(publicText.includes(PUBLISHED_VICTIM), 'the public version keeps the name the source allowed');
    assert.ok(!publicText.includes(WITHHELD_VICTIM) && !publicText.includes('Abenov'), 'the public version withholds the other name');
    await officer.getByRole('button', { name: 'Approve the public version' }).click();
    await expectNotice(officer, 'The public version was approved.');
    await officer.getByRole('button', { name: 'Send and allocate the reference' }).click();
    await expectNotice(officer, 'The letter was sent and its reference allocated.');
    const reference = (await officer.locator('#reference').innerText()).trim();
    assert.match(reference, /^UA KAZ \d+\/2026$/);
    assert.equal((await officer.getByRole('heading', { level: 1 }).innerText()).trim(), reference);
    const communicationUrl = officer.url();

    // ---- The State's focal point is notified (the outbox), reads the letter and replies -----------------
    const mails = await ctx.store.db.selectFrom('outbox').select(['kind', 'subject', 'body_text']).where('recipient', '=', people.focal.email).execute();
    const sentMail = mails.find((m) => m.kind === 'communication_sent');
    assert.ok(sentMail, `the focal point is told of the letter (outbox: ${JSON.stringify(mails.map((m) => m.kind))})`);
    assert.ok(`${sentMail.subject}\n${sentMail.body_text}`.includes(reference), 'the notice names the reference');
    assert.ok(!`${sentMail.subject}\n${sentMail.body_text}`.includes(WITHHELD_VICTIM), 'e-mail carries no names');

    const focal = await signIn(people.focal, /\/government$/);
    await focal.getByRole('link', { name: reference }).click();
    await focal.getByRole('heading', { name: reference, level: 1 }).waitFor();
    const letter = await focal.getByRole('region', { name: 'The letter as sent' }).innerText();
    assert.ok(letter.includes(WITHHELD_VICTIM), 'the Government receives every name');
    assert.ok(letter.includes('examined by an independent doctor'), 'the letter as sent is the edited text');
    await shot(focal, '3-government-letter');
    await focal.getByLabel('Text of the reply').fill(
      `${REPLY_PUBLIC} ${WITHHELD_VICTIM} and ${PUBLISHED_VICTIM} were given access to a lawyer. ${REPLY_CONFIDENTIAL} is attached.`,
    );
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    const pdf = Buffer.from(await doc.save());
    await focal.getByLabel('Documents').setInputFiles({ name: 'reply-annex.pdf', mimeType: 'application/pdf', buffer: pdf });
    await focal.getByRole('button', { name: 'Submit the reply' }).click();
    await focal.getByRole('heading', { name: 'Receipt of your reply' }).waitFor();
    const receiptText = await focal.getByRole('status').innerText();
    assert.ok(receiptText.includes(reference), 'the receipt names the reference');
    assert.ok((await focal.getByRole('row').filter({ hasText: 'reply-annex.pdf' }).count()) === 1, 'the receipt lists the document');
    await shot(focal, '4-government-receipt');

    // ---- The officer records the reply's public version and publishes ---------------------------------
    await officer.goto(communicationUrl);
    await officer.getByRole('region', { name: 'Replies' }).getByRole('link').first().click();
    await officer.getByRole('heading', { name: new RegExp(reference.replace(/[/]/g, '\\/')) }).waitFor();
    const proposed = await officer.getByRole('textbox', { name: 'Public version' }).inputValue();
    assert.ok(!proposed.includes(WITHHELD_VICTIM), 'the proposed public version withholds the name, as the letter does');
    await officer.getByRole('textbox', { name: 'Public version' }).fill(REPLY_PUBLIC);
    await officer.getByRole('button', { name: 'Record and approve the public version' }).click();
    await expectNotice(officer, 'The public version of the reply is approved.');
    await shot(officer, '5-reply-review');

    // ---- The publication period passes, and the scheduler publishes the letter with the reply ----------
    const reader = await newPage();
    await reader.goto(`/?q=${encodeURIComponent('incommunicado Almaty')}`);
    assert.ok(!(await reader.locator('main').innerText()).includes(reference), 'nothing is public before the period ends');
    clock.advanceDays(61);
    assert.deepEqual(await publishDue(ctx, SYSTEM), [reference]);
    const publicHref = `/communications/${reference.replaceAll(' ', '-').replace('/', '-')}`;

    // ---- The public finds it, and reads the approved versions only -------------------------------------
    await reader.goto(`/?q=${encodeURIComponent('incommunicado Almaty')}`);
    await reader.getByRole('link', { name: new RegExp(reference) }).click();
    await reader.waitForURL(`**${publicHref}`);
    for (const [q, found] of [[PUBLISHED_VICTIM, true], ['"criminal investigation"', true], [WITHHELD_VICTIM, false], ['Abenov', false], ['A relative of the detainees', false], ['"Internal case file"', false]] as const) {
      await reader.goto(`/?q=${encodeURIComponent(q)}`);
      assert.equal((await reader.locator('main').innerText()).includes(reference), found, `a search for ${q} ${found ? 'finds' : 'does not find'} the letter`);
    }
    for (const path of ['/api/v1/dump.jsonl', `/api/v1/communications?q=${encodeURIComponent('incommunicado')}`, '/feed.atom']) {
      const body = await (await reader.request.get(path)).text();
      assert.ok(body.includes(reference), `${path} holds the letter`);
      for (const secret of [WITHHELD_VICTIM, 'Abenov', 'A relative of the detainees', REPLY_CONFIDENTIAL]) assert.ok(!body.includes(secret), `${path} never holds "${secret}"`);
    }
    await reader.goto(publicHref);
    await reader.getByRole('heading', { name: reference, level: 1 }).waitFor();
    const publicPage = await reader.locator('main').innerText();
    assert.ok(publicPage.includes(REPLY_PUBLIC), 'the approved public version of the reply is shown');
    assert.ok(!publicPage.includes(REPLY_CONFIDENTIAL), 'the Government’s own text is not');
    assert.ok(!publicPage.includes('access to a lawyer'), 'nothing of the reply beyond its public version');
    const html = await reader.content();
    assert.ok(!html.includes(WITHHELD_VICTIM) && !html.includes('Abenov'), 'the withheld name appears nowhere on the public page');
    await shot(reader, '6-public-page');
    const publicLetter = await reader.goto(`${publicHref}/letter`);
    assert.equal(publicLetter?.status(), 200);
    const letterHtml = await reader.content();
    assert.ok(letterHtml.includes(PUBLISHED_VICTIM), 'the public letter names the victim who may be named');
    assert.ok(!letterHtml.includes('Abenov'), 'the public letter withholds the other');
  });
});
