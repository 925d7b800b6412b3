import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { findActs, findPersons, insertDetention, linkSources, type DetentionRow } from '../../db/repositories/register-repository.ts';
import { partialDateSchema } from '../../domain/register/partial-date.ts';
import { detentionStatusOf } from '../../domain/register/records.ts';
import { ACCESS_STATES } from '../../domain/register/vocabulary.ts';
import { AppError } from '../../errors.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { isoDate, parseInput, text } from '../input.ts';
import { auditRegister, seal } from './register-fields.ts';
import { checkPlaces, line, placeId, recordId, resolveSources, sourcesInput } from './register-input.ts';

/** A place of detention over time, as input: where (null when unknown), since when, held by whom. */
export const stayInput = z
  .object({
    placeId: placeId.nullable(),
    since: partialDateSchema,
    authority: line(200).nullish(),
    note: text(5000).default(''),
  })
  .strict();

/** Input of {@link recordDetention}. */
export const recordDetentionSchema = z
  .object({
    personId: recordId,
    actId: recordId.nullish(),
    arrested: partialDateSchema,
    arrestPlaceId: placeId.nullish(),
    arrestAuthority: line(200).nullish(),
    legalBasis: line(500).nullish(),
    charges: z.array(line(200).pipe(z.string().min(1))).max(30).default([]),
    courtAuthorised: z.boolean().nullish(),
    courtAuthorisedOn: isoDate.nullish(),
    health: text(20_000).default(''),
    counselAccess: z.enum(ACCESS_STATES).default('unknown'),
    familyContact: z.enum(ACCESS_STATES).default('unknown'),
    releasedOn: isoDate.nullish(),
    convictedOn: isoDate.nullish(),
    sentence: line(500).nullish(),
    /** The places of detention in order; none when the person was taken to an unknown place. */
    stays: z.array(stayInput).max(100).default([]),
    sources: sourcesInput,
  })
  .strict()
  .superRefine((d, ctx) => {
    for (let i = 1; i < d.stays.length; i++) {
      if (d.stays[i]!.since.value < d.stays[i - 1]!.since.value) ctx.addIssue({ code: 'custom', message: 'stays are in time order', path: ['stays', i, 'since'] });
    }
    if (d.stays[0] && d.stays[0].since.value < d.arrested.value) ctx.addIssue({ code: 'custom', message: 'held before the arrest', path: ['stays', 0, 'since'] });
    if (d.releasedOn && d.releasedOn < d.arrested.value) ctx.addIssue({ code: 'custom', message: 'released before the arrest', path: ['releasedOn'] });
  });

/** What the audit log digests of a detention: its row (health as stored, encrypted) and its stays. */
export function detentionSnapshot(row: DetentionRow, stays: readonly { seq: number; place_id: string | null; since_on: string; authority: string | null; note: string }[]): unknown {
  return { ...row, version: Number(row.version), stays: stays.map((s) => ({ ...s, seq: Number(s.seq) })) };
}

/**
 * Records a detention: the arrest (date, place, authority), legal basis and charges, court authorisation,
 * the places of detention in order (each after the first a transfer), state of health (encrypted), access
 * to counsel, contact with family, release or conviction, and the sources. The status (in custody,
 * whereabouts unknown, released, convicted) and the current place are derived from these facts. Audited.
 */
export async function recordDetention(ctx: AppContext, principal: Principal, input: unknown): Promise<string> {
  const data = parseInput(recordDetentionSchema, input);
  authorizeRegister(principal, 'edit');
  const id = randomUUID();
  await ctx.store.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now().toISOString();
    if ((await findPersons(tx, [data.personId])).length === 0) throw new AppError('VALIDATION_FAILED', 'personId: no such person', { field: 'personId' });
    if (data.actId) {
      const act = (await findActs(tx, [data.actId]))[0];
      if (!act || act.person_id !== data.personId) throw new AppError('VALIDATION_FAILED', 'actId: no such act of this person', { field: 'actId' });
    }
    await checkPlaces(tx, [data.arrestPlaceId, ...data.stays.map((s) => s.placeId)], 'stays');
    const last = data.stays[data.stays.length - 1];
    const stays = data.stays.map((s, seq) => ({
      detention_id: id,
      seq,
      place_id: s.placeId,
      since_on: s.since.value,
      since_precision: s.since.precision,
      authority: s.authority ?? null,
      note: seal(ctx, 'detention_stays', 'note', `${id}#${seq}`, s.note),
    }));
    const row: DetentionRow = {
      id,
      person_id: data.personId,
      act_id: data.actId ?? null,
      arrested_on: data.arrested.value,
      arrested_precision: data.arrested.precision,
      arrest_place_id: data.arrestPlaceId ?? null,
      arrest_authority: data.arrestAuthority ?? null,
      legal_basis: data.legalBasis ?? null,
      charges: JSON.stringify(data.charges),
      court_authorised: data.courtAuthorised == null ? null : data.courtAuthorised ? 1 : 0,
      court_authorised_on: data.courtAuthorisedOn ?? null,
      current_place_id: last?.placeId ?? null,
      current_authority: last?.authority ?? data.arrestAuthority ?? null,
      status: detentionStatusOf({ releasedOn: data.releasedOn ?? null, convictedOn: data.convictedOn ?? null, stays: data.stays }),
      health: seal(ctx, 'detentions', 'health', id, data.health),
      counsel_access: data.counselAccess,
      family_contact: data.familyContact,
      released_on: data.releasedOn ?? null,
      convicted_on: data.convictedOn ?? null,
      sentence: data.sentence ?? null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await insertDetention(tx, row, data.charges, stays);
    const sources = await resolveSources(tx, ctx, at, data.sources);
    await linkSources(tx, 'detention', id, sources);
    await auditRegister(tx, {
      at,
      actor: principal.name,
      record: 'detention',
      action: 'created',
      id,
      before: null,
      after: detentionSnapshot(row, stays),
      details: { personId: data.personId, stays: stays.length, status: row.status, sources: sources.length },
    });
  });
  return id;
}
