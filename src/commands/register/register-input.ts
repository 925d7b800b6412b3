import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { findPlaces, findSources, insertSource } from '../../db/repositories/register-repository.ts';
import type { Database } from '../../db/schema.ts';
import { SOURCE_KINDS } from '../../domain/register/vocabulary.ts';
import { AppError } from '../../errors.ts';
import { isoDate, text } from '../input.ts';
import { seal } from './register-fields.ts';

/** A record id (a UUID, in lower case). */
export const recordId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'an id')
  .transform((s) => s.toLowerCase());

/** A place id: lower-case words joined by hyphens (`zhanaozen`, `sizo-almaty`). */
export const placeId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a place id');

/** A short line of text (an authority, a charge, a title). */
export const line = (max: number) => text(max).pipe(z.string().refine((s) => !/[\n\r]/.test(s), 'one line'));

/** A source: an existing one by id, or a new one described. */
export const sourceInput = z.union([
  z.object({ id: recordId }).strict(),
  z
    .object({
      kind: z.enum(SOURCE_KINDS),
      label: text(1000).pipe(z.string().min(1, 'a source needs a description')),
      submissionId: recordId.nullish(),
      communicationId: recordId.nullish(),
      receivedOn: isoDate.nullish(),
    })
    .strict(),
]);
/** A source as a command's input takes it. */
export type SourceInput = z.input<typeof sourceInput>;

/** The sources of a fact, at most 20. */
export const sourcesInput = z.array(sourceInput).max(20, 'at most 20 sources').default([]);

/**
 * The ids of a command's sources: existing ones checked to exist, new ones created (label encrypted) inside
 * the caller's transaction. An unknown id is VALIDATION_FAILED, so nothing is written.
 */
export async function resolveSources(
  tx: Kysely<Database>,
  ctx: Pick<AppContext, 'keys'>,
  at: string,
  inputs: ReadonlyArray<z.output<typeof sourceInput>>,
  extra: { importId?: string } = {},
): Promise<string[]> {
  const ids: string[] = [];
  const existing = inputs.flatMap((s) => ('id' in s ? [s.id] : []));
  const found = new Set((await findSources(tx, existing)).map((s) => s.id));
  for (const s of inputs) {
    if ('id' in s) {
      if (!found.has(s.id)) throw new AppError('VALIDATION_FAILED', `sources: no source ${s.id}`, { field: 'sources' });
      ids.push(s.id);
      continue;
    }
    const id = randomUUID();
    await insertSource(tx, {
      id,
      kind: s.kind,
      label: seal(ctx, 'register_sources', 'label', id, s.label),
      submission_id: s.submissionId ?? null,
      communication_id: s.communicationId ?? null,
      import_id: extra.importId ?? null,
      received_on: s.receivedOn ?? null,
      created_at: at,
    });
    ids.push(id);
  }
  return ids;
}

/** Checks that every place id names a place of the register; an unknown one is VALIDATION_FAILED. */
export async function checkPlaces(tx: Kysely<Database>, ids: ReadonlyArray<string | null | undefined>, field: string): Promise<void> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
  if (wanted.length === 0) return;
  const found = new Set((await findPlaces(tx, wanted)).map((p) => p.id));
  const missing = wanted.find((id) => !found.has(id));
  if (missing) throw new AppError('VALIDATION_FAILED', `${field}: no place "${missing}" in the register`, { field });
}
