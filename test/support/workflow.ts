import type { AppContext } from '../../src/context.ts';
import { approvePublicVersion } from '../../src/commands/approve-public-version.ts';
import { createDraft } from '../../src/commands/create-draft.ts';
import { decideDraft } from '../../src/commands/decide-draft.ts';
import { sendCommunication } from '../../src/commands/send-communication.ts';
import { submitDraft } from '../../src/commands/submit-draft.ts';
import type { Communication } from '../../src/domain/communication.ts';
import { staff } from '../../src/policies/principal.ts';

/** The test actor. */
export const OFFICER = staff('Test Officer');

/** Mandates with a holder in office on 2022-01-18, the reference letter's date. */
export const HOLDERS_2022: Record<string, string> = {
  'sr-assembly': 'Clément Nyasletsossi Voule',
  wgad: 'Elina Steinerte',
  'sr-executions': 'Morris Tidball-Binz',
  'sr-expression': 'Irene Khan',
  'sr-defenders': 'Mary Lawlor',
  'sr-terrorism': 'Fionnuala Ní Aoláin',
  'sr-torture': 'Nils Melzer',
};

/** Creates, submits, approves (by each mandate's holder in office on 2022-01-18), approves its public version and sends a communication. */
export async function sendNew(
  ctx: AppContext,
  input: { type?: 'AL' | 'UA' | 'OL'; addressee?: string; mandates?: string[]; subject?: string } = {},
): Promise<Communication> {
  const mandates = input.mandates ?? ['sr-assembly', 'wgad'];
  const draft = await createDraft(ctx, OFFICER, {
    type: input.type ?? 'AL',
    addressee: input.addressee ?? 'KAZ',
    mandates,
    subject: input.subject ?? 'Test subject',
    questions: ['Please provide information.'],
  });
  await submitDraft(ctx, OFFICER, draft.id);
  for (const m of mandates) await decideDraft(ctx, OFFICER, draft.id, { mandate: m, decision: 'approved', holder: HOLDERS_2022[m] });
  await approvePublicVersion(ctx, OFFICER, draft.id);
  return sendCommunication(ctx, OFFICER, draft.id);
}

/**
 * Creates a draft from any input, has each signing mandate's holder in office on 2022-01-18 approve it,
 * approves its public version, sends it, and returns its reference.
 */
export async function sendDraft(ctx: AppContext, input: Record<string, unknown> & { mandates: string[] }): Promise<string> {
  const draft = await createDraft(ctx, OFFICER, input);
  await submitDraft(ctx, OFFICER, draft.id);
  for (const mandate of input.mandates) {
    await decideDraft(ctx, OFFICER, draft.id, { mandate, decision: 'approved', holder: HOLDERS_2022[mandate] });
  }
  await approvePublicVersion(ctx, OFFICER, draft.id);
  return (await sendCommunication(ctx, OFFICER, draft.id)).reference!;
}
