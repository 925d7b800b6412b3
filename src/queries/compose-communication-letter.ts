import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { genevaDate } from '../domain/geneva-time.ts';
import { composeLetter } from '../letters/compose-letter.ts';
import type { LetterDocument } from '../letters/letter-document.ts';
import { letterPartsOf } from '../letters/letter-parts-of.ts';
import { authorizeCommunication } from '../policies/communication-policy.ts';
import type { Principal } from '../policies/principal.ts';
import { getCommunication } from './get-communication.ts';
import { getPublishedCommunication } from './get-published-communication.ts';

/**
 * The letter of a communication for staff: the full version (as the Government receives it: every name,
 * the confidential annex) or the public version. A draft is dated today.
 */
export async function composeCommunicationLetter(
  ctx: AppContext,
  principal: Principal,
  idOrRef: string,
  version: 'full' | 'public',
): Promise<{ communication: Communication; letter: LetterDocument }> {
  const c = await getCommunication(ctx, principal, idOrRef);
  if (version === 'full') authorizeCommunication(principal, 'read_full_letter', c);
  return { communication: c, letter: letterOf(ctx, c, version) };
}

/**
 * The full letter of a communication for whoever may read it as sent (the focal points of the State it was
 * sent to, its signing mandates, case officers): authorizes `read_full_letter`, so that anything else is the
 * same NOT_FOUND as a communication that does not exist.
 */
export async function composeLetterFor(
  ctx: AppContext,
  principal: Principal,
  idOrRef: string,
): Promise<{ communication: Communication; letter: LetterDocument }> {
  return composeCommunicationLetter(ctx, principal, idOrRef, 'full');
}

/** The public version of a published communication's letter, by its URL form; anything else is NOT_FOUND. */
export async function composePublishedLetter(ctx: AppContext, slug: unknown): Promise<{ communication: Communication; letter: LetterDocument }> {
  const c = await getPublishedCommunication(ctx, slug);
  return { communication: c, letter: letterOf(ctx, c, 'public') };
}

function letterOf(ctx: AppContext, c: Communication, version: 'full' | 'public'): LetterDocument {
  const parts = letterPartsOf(c, ctx.citations, genevaDate(ctx.clock.now()));
  return composeLetter(parts, { ref: ctx.ref, periods: ctx.settings.publication }, version);
}
