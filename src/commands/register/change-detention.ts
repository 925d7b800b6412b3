import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { findDetention, insertStay, linkSources, listStays, updateDetention, type DetentionRow } from '../../db/repositories/register-repository.ts';
import { detentionStatusOf } from '../../domain/register/records.ts';
import { ACCESS_STATES } from '../../domain/register/vocabulary.ts';
import { AppError } from '../../errors.ts';
import { authorizeRegister } from '../../policies/register-policy.ts';
import type { Principal } from '../../policies/principal.ts';
import { isoDate, parseInput, text } from '../input.ts';
import { detentionSnapshot, stayInput } from './record-detention.ts';
import { auditRegister, seal } from './register-fields.ts';
import { checkPlaces, line, recordId, resolveSources, sourcesInput } from './register-input.ts';

/** Input of {@link recordTransfer}: the new place (null when the person was taken somewhere unknown). */
export const recordTransferSchema = stayInput.extend({ version: z.number().int().min(1), sources: sourcesInput }).strict();

/** Input of {@link changeDetention}: the facts that change over a detention; absent fields stay as they are. */
export const changeDetentionSchema = z
  .object({
    version: z.number().int().min(1),
    legalBasis: line(500).nullish(),
    charges: z.array(line(200).pipe(z.string().min(1))).max(30).optional(),
    courtAuthorised: z.boolean().nullish(),
    courtAuthorisedOn: isoDate.nullish(),
    health: text(20_000).optional(),
    counselAccess: z.enum(ACCESS_STATES).optional(),
    familyContact: z.enum(ACCESS_STATES).optional(),
    releasedOn: isoDate.nullish(),
    convictedOn: isoDate.nullish(),
    sentence: line(500).nullish(),
    sources: sourcesInput,
  })
  .strict();

async function loadDetention(tx: Parameters<typeof findDetention>[0], id: string, version: number): Promise<DetentionRow> {
  const row = recordId.safeParse(id).success ? await findDetention(tx, id.toLowerCase()) : undefined;
  if (!row) throw new AppError('NOT_FOUND', 'no such record');
  if (Number(row.version) !== version) throw new AppError('CONFLICT', 'the detention was changed meanwhile; reload it', { version: Number(row.version) });
  return row;
}

/**
 * Records a transfer: the person was moved, on a date, by an authority, to another place of detention (or
 * to a place nobody would name, which makes the whereabouts unknown). The detention's current place,
 * authority and status follow. A transfer dated before the last known place is VALIDATION_FAILED; a
 * detention changed meanwhile is CONFLICT. Audited.
 */
export async function recordTransfer(ctx: AppContext, principal: Principal, detentionId: string, input: unknown): Promise<void> {
  const data = parseInput(recordTransferSchema, input);
  authorizeRegister(principal, 'edit');
  await ctx.store.db.transaction().execute(async (tx) => {
    const row = await loadDetention(tx, detentionId, data.version);
    const at = ctx.clock.now().toISOString();
    await checkPlaces(tx, [data.placeId], 'placeId');
    const stays = await listStays(tx, [row.id]);
    const last = stays[stays.length - 1];
    if (last && data.since.value < last.since_on) throw new AppError('VALIDATION_FAILED', 'since: a transfer comes after the last known place', { field: 'since' });
    if (data.since.value < row.arrested_on) throw new AppError('VALIDATION_FAILED', 'since: a transfer comes after the arrest', { field: 'since' });
    if (row.released_on) throw new AppError('TRANSITION_INVALID', 'the person was released', { status: row.status });
    const seq = stays.length === 0 ? 0 : Number(last!.seq) + 1;
    const stay = {
      detention_id: row.id,
      seq,
      place_id: data.placeId,
      since_on: data.since.value,
      since_precision: data.since.precision,
      authority: data.authority ?? null,
      note: seal(ctx, 'detention_stays', 'note', `${row.id}#${seq}`, data.note),
    };
    await insertStay(tx, stay);
    const all = [...stays, stay];
    const patch = {
      current_place_id: data.placeId,
      current_authority: data.authority ?? row.current_authority,
      status: detentionStatusOf({ releasedOn: row.released_on, convictedOn: row.convicted_on, stays: all.map((s) => ({ placeId: s.place_id })) }),
      updated_at: at,
    };
    if (!(await updateDetention(tx, row.id, Number(row.version), patch))) throw new AppError('CONFLICT', 'the detention was changed meanwhile; reload it');
    const sources = await resolveSources(tx, ctx, at, data.sources);
    await linkSources(tx, 'detention', row.id, sources);
    await auditRegister(tx, {
      at,
      actor: principal.name,
      record: 'detention',
      action: 'transferred',
      id: row.id,
      before: detentionSnapshot(row, stays),
      after: detentionSnapshot({ ...row, ...patch, version: Number(row.version) + 1 }, all),
      details: { seq, status: patch.status },
    });
  });
}

/**
 * Changes what is known of a detention: legal basis, charges, court authorisation, health, access to
 * counsel, contact with family, release, conviction and sentence. The status follows. Audited.
 */
export async function changeDetention(ctx: AppContext, principal: Principal, detentionId: string, input: unknown): Promise<void> {
  const data = parseInput(changeDetentionSchema, input);
  authorizeRegister(principal, 'edit');
  await ctx.store.db.transaction().execute(async (tx) => {
    const row = await loadDetention(tx, detentionId, data.version);
    const at = ctx.clock.now().toISOString();
    const stays = await listStays(tx, [row.id]);
    const releasedOn = data.releasedOn === undefined ? row.released_on : data.releasedOn;
    const convictedOn = data.convictedOn === undefined ? row.convicted_on : data.convictedOn;
    if (releasedOn && releasedOn < row.arrested_on) throw new AppError('VALIDATION_FAILED', 'releasedOn: released before the arrest', { field: 'releasedOn' });
    const patch = {
      ...(data.legalBasis !== undefined ? { legal_basis: data.legalBasis } : {}),
      ...(data.charges !== undefined ? { charges: JSON.stringify(data.charges) } : {}),
      ...(data.courtAuthorised !== undefined ? { court_authorised: data.courtAuthorised == null ? null : data.courtAuthorised ? 1 : 0 } : {}),
      ...(data.courtAuthorisedOn !== undefined ? { court_authorised_on: data.courtAuthorisedOn } : {}),
      ...(data.health !== undefined ? { health: seal(ctx, 'detentions', 'health', row.id, data.health) } : {}),
      ...(data.counselAccess !== undefined ? { counsel_access: data.counselAccess } : {}),
      ...(data.familyContact !== undefined ? { family_contact: data.familyContact } : {}),
      ...(data.sentence !== undefined ? { sentence: data.sentence } : {}),
      released_on: releasedOn,
      convicted_on: convictedOn,
      status: detentionStatusOf({ releasedOn, convictedOn, stays: stays.map((s) => ({ placeId: s.place_id })) }),
      updated_at: at,
    };
    if (!(await updateDetention(tx, row.id, Number(row.version), patch, data.charges))) throw new AppError('CONFLICT', 'the detention was changed meanwhile; reload it');
    const sources = await resolveSources(tx, ctx, at, data.sources);
    await linkSources(tx, 'detention', row.id, sources);
    await auditRegister(tx, {
      at,
      actor: principal.name,
      record: 'detention',
      action: 'changed',
      id: row.id,
      before: detentionSnapshot(row, stays),
      after: detentionSnapshot({ ...row, ...patch, version: Number(row.version) + 1 }, stays),
      details: { fields: Object.keys(data).filter((k) => k !== 'version' && k !== 'sources'), status: patch.status },
    });
  });
}
