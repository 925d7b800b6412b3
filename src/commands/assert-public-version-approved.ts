import type { Communication } from '../domain/communication.ts';
import { AppError } from '../errors.ts';
import { isPublicVersionApproved } from '../letters/public-version-of.ts';

/** Refuses to publish a communication whose current public text has not been approved (PUBLIC_VERSION_NOT_APPROVED). */
export function assertPublicVersionApproved(c: Communication): void {
  if (!isPublicVersionApproved(c)) {
    throw new AppError(
      'PUBLIC_VERSION_NOT_APPROVED',
      c.publicVersion
        ? 'the text changed after its public version was approved; approve the public version again'
        : 'the public version has not been approved',
    );
  }
}
