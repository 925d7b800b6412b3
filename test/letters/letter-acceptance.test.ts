// The letters issue's acceptance, end to end through the commands: a joint urgent appeal by three mandates
// to another State, naming one victim whose name may be published and one whose name may not, is composed
// and rendered to PDF in full and public versions, and the text read back from the PDFs says what it must.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { approvePublicVersion } from '../../src/commands/approve-public-version.ts';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { publishDue } from '../../src/commands/publish-due.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import { editDraft } from '../../src/commands/edit-draft.ts';
import type { AppContext } from '../../src/context.ts';
import type { ManualClock } from '../../src/domain/clock.ts';
import { renderLetterPdf } from '../../src/letters/render/render-letter-pdf.ts';
import { SYSTEM } from '../../src/policies/principal.ts';
import { composeCommunicationLetter } from '../../src/queries/compose-communication-letter.ts';
import { getCommunication } from '../../src/queries/get-communication.ts';
import { pdfPages } from '../support/pdf-text.ts';
import { DIALECTS, testContext } from '../support/stores.ts';
import { HOLDERS_2022, OFFICER } from '../support/workflow.ts';

const WITHHELD = 'Қайрат Жанбулатов';
const PUBLISHED = 'María Ñúñez';

for (const dialect of DIALECTS) {
  describe(`a joint urgent appeal, full and public, on ${dialect}`, () => {
    let ctx: AppContext;
    let clock: ManualClock;
    let close: () => Promise<void>;
    let reference: string;
    let full: string;
    let pub: string;
    let fullPages: string[];

    before(async () => {
      ({ ctx, clock, close } = await testContext(dialect, '2022-01-18T08:00:00Z'));
      const mandates = ['sr-assembly', 'wgad', 'sr-torture'];
      const draft = await createDraft(ctx, OFFICER, {
        type: 'UA',
        addressee: 'BLR',
        mandates,
        subject: `Detention of ${WITHHELD} and ill-treatment of ${PUBLISHED}`,
        summary: `the incommunicado detention of ${WITHHELD}, a trade unionist, and the ill-treatment of ${PUBLISHED}, a journalist`,
        body: `On 10 January 2022, ${WITHHELD} was arrested at his home in Minsk by officers in plain clothes.\n\nOn 11 January 2022, ${PUBLISHED} was beaten while covering a protest. Mr. Жанбулатов has not been seen since.`,
        concerns: `We are gravely concerned about the fate and whereabouts of ${WITHHELD}.`,
        questions: [
          'Please provide any additional information and/or comment(s) you may have on the above-mentioned allegations.',
          `Please provide information on the legal basis of the detention of ${WITHHELD} and on his whereabouts.`,
          `Please provide information on the investigation into the ill-treatment of ${PUBLISHED}.`,
        ],
        annexText: 'We would like to recall the absolute prohibition of torture.',
        citations: [
          { instrument: 'iccpr', pin: 'Article 9' },
          { instrument: 'cat', pin: 'art. 2' },
        ],
        confidentialAnnex: 'The source can be reached through SOURCE-CONTACT-0071.',
        pressRelease: true,
        victims: [
          { name: WITHHELD, variants: ['Жанбулатов'], publishName: false, publicForm: 'initials' },
          { name: PUBLISHED, variants: [], publishName: true },
        ],
      });
      await submitDraft(ctx, OFFICER, draft.id);
      for (const m of mandates) await decideDraft(ctx, OFFICER, draft.id, { mandate: m, decision: 'approved', holder: HOLDERS_2022[m] });
      await approvePublicVersion(ctx, OFFICER, draft.id);
      clock.set('2022-01-18T10:00:00Z');
      reference = (await sendCommunication(ctx, OFFICER, draft.id)).reference!;
      const f = await composeCommunicationLetter(ctx, OFFICER, reference, 'full');
      const p = await composeCommunicationLetter(ctx, OFFICER, reference, 'public');
      fullPages = await pdfPages(await renderLetterPdf(f.letter));
      full = fullPages.join(' ');
      pub = (await pdfPages(await renderLetterPdf(p.letter))).join(' ');
    });
    after(() => close());

    test('is sent as UA BLR 1/2022, a joint urgent appeal', () => {
      assert.equal(reference, 'UA BLR 1/2022');
    });

    test('both PDFs show the header, reference, opening with resolutions, questions, signatures and annex', () => {
      for (const text of [full, pub]) {
        assert.match(text, /Mandates of the Special Rapporteur on the rights to freedom of peaceful assembly and of association; the Working Group on Arbitrary Detention and the Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment/);
        assert.match(text, /Ref\.: UA BLR 1\/2022/);
        assert.match(text, /18 January 2022/);
        assert.match(text, /We have the honour to address you in our capacities as .* pursuant to Human Rights Council resolutions 41\/12, 42\/22 and 43\/20\./);
        assert.match(text, /1\. Please provide any additional information/);
        assert.match(text, /2\. Please provide information on the legal basis of the detention/);
        assert.match(text, /3\. Please provide information on the investigation/);
        for (const name of ['Clément Nyasletsossi Voule', 'Elina Steinerte', 'Nils Melzer']) assert.ok(text.includes(name), name);
        assert.match(text, /Chair-Rapporteur of the Working Group on Arbitrary Detention/);
        assert.match(text, /Annex Reference to international human rights law/);
        assert.match(text, /Article 9 of the International Covenant on Civil and Political Rights/);
        assert.match(text, /within 60 days/);
        assert.match(text, /UA BLR 1\/2022 Page 1 of \d+/);
      }
      assert.ok(fullPages.every((page) => page.includes('UA BLR 1/2022')), 'the reference on every page');
    });

    test('the withheld name appears only in the full version; the published one in both; the confidential annex only in full', () => {
      assert.ok(full.includes(WITHHELD) && full.includes('Mr. Жанбулатов'));
      assert.ok(!pub.includes('Жанбулатов') && !pub.includes('Қайрат'), 'no spelling of the withheld name in the public version');
      assert.ok(pub.includes('Қ. Ж.'), 'the withheld name appears as initials');
      assert.ok(full.includes(PUBLISHED) && pub.includes(PUBLISHED));
      assert.ok(full.includes('SOURCE-CONTACT-0071') && !pub.includes('SOURCE-CONTACT-0071'));
      assert.match(pub, /Public version/);
    });

    test('publication after 60 days publishes the approved public version; an edit would have required approving it again', async () => {
      const draft = await createDraft(ctx, OFFICER, { type: 'AL', addressee: 'BLR', mandates: ['wgad'], subject: 'Second letter' });
      await approvePublicVersion(ctx, OFFICER, draft.id);
      assert.equal((await getCommunication(ctx, OFFICER, draft.id)).publicVersion?.approvedBy, 'Test Officer');
      await editDraft(ctx, OFFICER, draft.id, { summary: 'Now naming someone new.' });
      const c = await getCommunication(ctx, OFFICER, draft.id);
      const { isPublicVersionApproved } = await import('../../src/letters/public-version-of.ts');
      assert.equal(isPublicVersionApproved(c), false, 'the edit invalidated the approval');
      clock.set('2022-03-19T10:00:00Z');
      assert.deepEqual(await publishDue(ctx, SYSTEM), ['UA BLR 1/2022']);
    });
  });
}

test('French and Spanish letters render to PDF with their boilerplate', async () => {
  const { ctx, close } = await testContext('sqlite', '2022-01-18T08:00:00Z');
  try {
    for (const [language, salutation, closing] of [
      ['fr', 'Excellence,', 'Veuillez agréer, Excellence'],
      ['es', 'Excelencia:', 'Acepte, Excelencia'],
    ] as const) {
      const draft = await createDraft(ctx, OFFICER, { type: 'AL', addressee: 'ESP', mandates: ['wgad', 'sr-torture'], language, subject: 'Détention — detención', questions: ['¿Dónde está? Où est-il ?'] });
      const { letter } = await composeCommunicationLetter(ctx, OFFICER, draft.id, 'full');
      const text = (await pdfPages(await renderLetterPdf(letter))).join(' ');
      assert.ok(text.includes(salutation), `${language} salutation`);
      assert.ok(text.includes(closing), `${language} closing`);
      assert.ok(text.includes('¿Dónde está? Où est-il ?'));
    }
  } finally {
    await close();
  }
});
