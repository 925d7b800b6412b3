import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { Communication } from '../domain/communication.ts';
import { AppError, isAppError } from '../errors.ts';
import { lettersSharingEventsRows } from '../db/repositories/related-communications-repository.ts';
import { PUBLIC } from '../policies/principal.ts';
import { presentRelatedLetter, type RelatedLetter } from '../presenters/communication-presenter.ts';
import { getCommunication } from './get-communication.ts';

/** The URL form of a reference, `AL-KAZ-1-2022` (any case). */
export const slugSchema = z.string().regex(/^[A-Za-z]{2}-[A-Za-z]{3}-\d{1,5}-\d{4}$/);

/** The one answer for a communication that is missing, unpublished, refused or malformed. */
export const notFound = (): AppError => new AppError('NOT_FOUND', 'no such communication');

/**
 * Loads one communication for the public by its URL form, or throws NOT_FOUND. Every way of not finding it
 * (malformed slug, unknown reference, not yet published, held, retracted) is the same error, so that the
 * answer reveals nothing about what exists.
 */
export async function getPublishedCommunication(ctx: AppContext, slug: unknown): Promise<Communication> {
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) throw notFound();
  return getCommunication(ctx, PUBLIC, parsed.data).catch((err: unknown) => {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'REFERENCE_INVALID')) throw notFound();
    throw err;
  });
}

/** The most letters a communication's page lists as sharing its events. */
export const RELATED_BY_EVENTS_LIMIT = 10;

/**
 * The other published letters about the same events of the register as the published letter `slug` (both
 * linked to one event), newest first: their public fields only. Nothing is found for a letter that is not
 * published, and nothing of the events themselves (internal records) is read or returned.
 */
export async function lettersSharingEvents(ctx: AppContext, slug: string): Promise<RelatedLetter[]> {
  if (!slugSchema.safeParse(slug).success) return [];
  const rows = await lettersSharingEventsRows(ctx.store.db, slug, RELATED_BY_EVENTS_LIMIT);
  return rows.map(presentRelatedLetter);
}
