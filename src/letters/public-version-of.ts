import { digest } from '../domain/audit-chain.ts';
import type { Communication } from '../domain/communication.ts';
import { letterText } from './letter-boilerplate.ts';
import { letterLanguageOf } from './letter-parts-of.ts';
import { publicTextParts, type PublicTextParts } from './public-version.ts';

/** The public text of a communication: every part with withheld names replaced, in the letter's language. */
export function publicTextOf(c: Communication): PublicTextParts {
  const withheld = letterText(letterLanguageOf(c))('name.withheld');
  return publicTextParts(c, c.victims, withheld);
}

/** The digest of a communication's public text: what an approval of the public version records. */
export function publicVersionDigest(c: Communication): string {
  return digest(publicTextOf(c));
}

/**
 * Is the public version approved as it stands now? An approval covers one text: any later change to the
 * text or to the victims' consent changes the digest, and the public version must be approved again.
 */
export function isPublicVersionApproved(c: Communication): boolean {
  return c.publicVersion !== null && c.publicVersion.digest === publicVersionDigest(c);
}
