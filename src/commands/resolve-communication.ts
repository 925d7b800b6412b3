import type { AppContext } from '../context.ts';
import { findIdByReference } from '../db/repositories/communications-repository.ts';
import { formatReference, parseReference } from '../domain/reference.ts';
import { AppError } from '../errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The id of a communication named by its id, its reference (`AL KAZ 1/2022`) or the URL form
 * (`AL-KAZ-1-2022`). An unknown one is NOT_FOUND; a malformed reference is REFERENCE_INVALID.
 */
export async function resolveCommunicationId(ctx: AppContext, idOrReference: string): Promise<string> {
  if (UUID.test(idOrReference.trim())) return idOrReference.trim().toLowerCase();
  const reference = formatReference(parseReference(idOrReference));
  const id = await findIdByReference(ctx.store.db, reference);
  if (!id) throw new AppError('NOT_FOUND', `no communication ${reference}`, { reference });
  return id;
}
