import { createHash, randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import { auditRegister, seal } from '../../commands/register/register-fields.ts';
import { sourceOf } from '../../commands/register/register-records.ts';
import { resolveSources } from '../../commands/register/register-input.ts';
import { scriptOf } from '../../commands/register/record-person.ts';
import {
  bumpPersons,
  fillPerson,
  findImportsOfFile,
  insertListImport,
  insertRows,
  keysOfPersons,
  linkedToSource,
} from '../../db/repositories/list-import-repository.ts';
import { chargeRows, findSources } from '../../db/repositories/register-repository.ts';
import type { Database } from '../../db/schema.ts';
import { detentionStatusOf } from '../../domain/register/records.ts';
import type { Principal } from '../../policies/principal.ts';
import type { ListMapping } from './list-fields.ts';
import type { ImportPlan } from './plan-import.ts';
import type { ListSource } from './row-report.ts';

type Db = Kysely<Database>;

/** What the import records about the file, besides the plan. */
export interface ImportMeta {
  fileName: string;
  sha256: string;
  format: 'csv' | 'xlsx';
  mapping: ListMapping;
  source: ListSource;
  /** Data rows of the file (blank rows not counted). */
  rows: number;
}

/**
 * The running digest of what an import writes: every row of every statement, as stored (ciphertexts
 * included), in the order written. Its value is the after-digest of the import's one audit entry. Rows
 * are serialised as built here (their keys always in the same order), so plain JSON is canonical enough
 * and far cheaper than RFC 8785 over hundreds of thousands of rows.
 */
class WrittenRows {
  private readonly hash = createHash('sha256');
  add(table: string, rows: readonly unknown[]): void {
    for (const r of rows) this.hash.update(`${table}\t${JSON.stringify(r)}\n`);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * The source of an import: the source of an earlier import of the same file when it is the same source
 * (kind, label, date received) — re-importing a list then adds no second source — else a new one.
 */
async function sourceFor(tx: Db, ctx: Pick<AppContext, 'keys'>, at: string, meta: ImportMeta, importId: string): Promise<{ id: string; created: boolean }> {
  const earlier = await findImportsOfFile(tx, meta.sha256);
  const rows = await findSources(
    tx,
    earlier.map((e) => e.source_id),
  );
  for (const e of earlier) {
    const row = rows.find((r) => r.id === e.source_id);
    if (!row) continue;
    const s = sourceOf(ctx, row);
    if (s.kind === meta.source.kind && s.label === meta.source.label.trim() && (s.receivedOn ?? null) === (meta.source.receivedOn ?? null)) return { id: s.id, created: false };
  }
  const [id] = await resolveSources(tx, ctx, at, [{ kind: meta.source.kind, label: meta.source.label, receivedOn: meta.source.receivedOn ?? null }], { importId });
  return { id: id!, created: true };
}

/**
 * Writes a plan inside the caller's transaction, in multi-row statements: the source (or the earlier one),
 * the import, new persons with their encrypted names and keys, what is added to known persons, the
 * detentions with their charges and places of detention, the reviews, the links to the source, and ONE
 * audit entry `list_import.imported`.
 *
 * One entry, not one per person: an import of 100,000 rows would otherwise add 200,000 entries to the
 * chain, and the chain's purpose — proving that nothing was changed outside the commands — is served as
 * well by an entry whose after-digest covers every row the import wrote ({@link WrittenRows}) and whose
 * details give the counts and the import id, by which each written row can be traced (persons and
 * detentions through their source, reviews through their import). Nothing a person reads (a name, a
 * place of detention) is in the details.
 *
 * @returns the import's id
 */
export async function writeImport(tx: Db, ctx: Pick<AppContext, 'keys' | 'clock'>, principal: Principal, plan: ImportPlan, meta: ImportMeta, onProgress?: (done: number, total: number) => void): Promise<string> {
  const at = ctx.clock.now().toISOString();
  const importId = randomUUID();
  const written = new WrittenRows();
  const source = await sourceFor(tx, ctx, at, meta, importId);

  const importRow = {
    id: importId,
    source_id: source.id,
    file_name: meta.fileName,
    file_sha256: meta.sha256,
    format: meta.format,
    mapping: JSON.stringify(meta.mapping),
    rows: meta.rows,
    created_persons: plan.created + plan.toReview,
    matched_persons: plan.matched + plan.unchanged,
    to_review: plan.toReview,
    actor: principal.name,
    created_at: at,
  };
  await insertListImport(tx, importRow);
  written.add('list_imports', [importRow]);

  const total = plan.newPersons.length + plan.updates.length + plan.detentions.length;
  let done = 0;
  const step = (n: number) => {
    done += n;
    onProgress?.(done, total);
  };
  const put = async <T extends keyof Database & string>(table: T, rows: Array<Insertable<Database[T]>>) => {
    await insertRows(tx, table, rows);
    written.add(table, rows);
  };

  // New persons, a few thousand at a time so that memory stays flat.
  const BATCH = 2000;
  for (let i = 0; i < plan.newPersons.length; i += BATCH) {
    const batch = plan.newPersons.slice(i, i + BATCH);
    await put(
      'persons',
      batch.map((p) => ({
        id: p.id,
        sex: p.sex,
        birth_year: p.birthYear,
        occupation: p.occupation,
        affiliation: null,
        home_place_id: p.homePlaceId,
        identity_withheld: 0,
        synthetic: 0,
        created_at: at,
        updated_at: at,
        version: 1,
      })),
    );
    await put(
      'person_names',
      batch.flatMap((p) =>
        p.names.map((name, position) => ({
          person_id: p.id,
          position,
          name: seal(ctx, 'person_names', 'name', `${p.id}#${position}`, name),
          script: scriptOf(name),
          transliteration_of: null,
          transliteration: null,
        })),
      ),
    );
    await put(
      'person_keys',
      batch.flatMap((p) => [...p.keys].map((key) => ({ key, person_id: p.id }))),
    );
    await put(
      'fact_sources',
      batch.map((p) => ({ record_type: 'person', record_id: p.id, source_id: source.id })),
    );
    step(batch.length);
  }

  // Known persons: name variants and keys added, unknown facts filled, the version moved.
  for (let i = 0; i < plan.updates.length; i += BATCH) {
    const batch = plan.updates.slice(i, i + BATCH);
    await put(
      'person_names',
      batch.flatMap((u) =>
        u.addNames.map((name, k) => ({
          person_id: u.id,
          position: u.nextPosition + k,
          name: seal(ctx, 'person_names', 'name', `${u.id}#${u.nextPosition + k}`, name),
          script: scriptOf(name),
          transliteration_of: null,
          transliteration: null,
        })),
      ),
    );
    // The plan looked persons up by their most specific keys only: the others they may already hold.
    const held = await keysOfPersons(
      tx,
      batch.filter((u) => u.addKeys.size > 0).map((u) => u.id),
    );
    await put(
      'person_keys',
      batch.flatMap((u) => [...u.addKeys].filter((key) => !held.get(u.id)?.has(key)).map((key) => ({ key, person_id: u.id }))),
    );
    for (const u of batch) {
      if (Object.keys(u.fill).length === 0) continue;
      await fillPerson(tx, u.id, u.fill);
      written.add('persons.fill', [{ id: u.id, ...u.fill }]);
    }
    const changed = batch.filter((u) => u.addNames.length > 0 || Object.keys(u.fill).length > 0).map((u) => u.id);
    await bumpPersons(tx, changed, at);
    written.add('persons.version', [{ ids: changed, at }]);
    step(batch.length);
  }

  // Detentions, with their charges and their place of detention.
  for (let i = 0; i < plan.detentions.length; i += BATCH) {
    const batch = plan.detentions.slice(i, i + BATCH);
    const detentions = [];
    const charges = [];
    const stays = [];
    for (const p of batch) {
      const d = p.detention;
      const stay =
        d.detentionPlaceId !== null || d.note !== ''
          ? {
              detention_id: p.id,
              seq: 0,
              place_id: d.detentionPlaceId,
              since_on: d.arrested.value,
              since_precision: d.arrested.precision,
              authority: d.authority,
              note: seal(ctx, 'detention_stays', 'note', `${p.id}#0`, d.note),
            }
          : null;
      if (stay) stays.push(stay);
      charges.push(...chargeRows(p.id, d.charges, d.authority, d.arrested.value));
      detentions.push({
        id: p.id,
        person_id: p.personId,
        act_id: null,
        arrested_on: d.arrested.value,
        arrested_precision: d.arrested.precision,
        arrest_place_id: d.arrestPlaceId,
        arrest_authority: d.authority,
        legal_basis: null,
        charges: JSON.stringify(d.charges),
        court_authorised: null,
        court_authorised_on: null,
        current_place_id: stay?.place_id ?? null,
        current_authority: d.authority,
        status: detentionStatusOf({ releasedOn: d.releasedOn, convictedOn: d.convictedOn, stays: stay ? [{ placeId: stay.place_id }] : [] }),
        health: seal(ctx, 'detentions', 'health', p.id, ''),
        counsel_access: 'unknown',
        family_contact: 'unknown',
        released_on: d.releasedOn,
        convicted_on: d.convictedOn,
        sentence: null,
        created_at: at,
        updated_at: at,
        version: 1,
      });
    }
    await put('detentions', detentions);
    await put('detention_charges', charges);
    await put('detention_stays', stays);
    await put(
      'fact_sources',
      batch.map((p) => ({ record_type: 'detention', record_id: p.id, source_id: source.id })),
    );
    step(batch.length);
  }

  await put(
    'match_reviews',
    plan.reviews.map((r) => ({
      id: r.id,
      import_id: importId,
      row_number: r.row,
      person_id: r.personId,
      candidate_id: r.candidateId,
      score: r.score,
      reasons: JSON.stringify(r.reasons),
      status: 'pending',
      decided_by: null,
      decided_at: null,
      created_at: at,
    })),
  );

  // Known persons and detentions the list confirms cite it too (once, if the source is an earlier one).
  for (const [recordType, ids] of [
    ['person', plan.confirms.persons],
    ['detention', plan.confirms.detentions],
  ] as const) {
    const linked = source.created ? new Set<string>() : await linkedToSource(tx, recordType, ids, source.id);
    await put(
      'fact_sources',
      ids.filter((id) => !linked.has(id)).map((record_id) => ({ record_type: recordType, record_id, source_id: source.id })),
    );
  }

  await auditRegister(tx, {
    at,
    actor: principal.name,
    record: 'list_import',
    action: 'imported',
    id: importId,
    before: null,
    after: { import: importRow, written: written.digest() },
    details: {
      sourceId: source.id,
      newSource: source.created,
      format: meta.format,
      fields: Object.keys(meta.mapping).sort(),
      rows: meta.rows,
      created: plan.created,
      matched: plan.matched,
      unchanged: plan.unchanged,
      toReview: plan.toReview,
      detentions: plan.detentions.length,
      personsChanged: plan.updates.length,
    },
  });
  return importId;
}
