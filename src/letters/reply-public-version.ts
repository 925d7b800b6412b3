import { digest } from '../domain/audit-chain.ts';
import type { Communication } from '../domain/communication.ts';
import { letterText } from './letter-boilerplate.ts';
import { letterLanguageOf } from './letter-parts-of.ts';
import { redactNames } from './public-version.ts';

/**
 * The public version staff are offered for a reply's text: the victims the letter withholds are withheld
 * in the reply too (initials or "[name withheld]", in the letter's language), as in the letter's public
 * version. Staff may edit it before approving; the Government's text itself is never public.
 *
 * @example defaultReplyPublicText('Mr. Ivanov was released.', c) // 'Mr. I. I. was released.'
 */
export function defaultReplyPublicText(text: string, c: Pick<Communication, 'language' | 'victims'>): string {
  return redactNames(text, c.victims, letterText(letterLanguageOf(c))('name.withheld'));
}

/** The digest an approval of a reply's public text records: a different text needs a new approval. */
export function replyPublicDigest(replyId: string, publicText: string): string {
  return digest({ replyId, publicText });
}
