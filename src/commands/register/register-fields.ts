import { createHmac, hkdfSync } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import { appendAudit } from '../../db/repositories/audit-repository.ts';
import type { Database } from '../../db/schema.ts';
import { digest } from '../../domain/audit-chain.ts';
import { blockingKeys } from '../../domain/name-key.ts';
import type { RegisterRecord } from '../../domain/register/vocabulary.ts';
import { decryptField, encryptField, fieldPlace, type FieldKey } from '../../security/field-cipher.ts';

/**
 * The bridge between the register's rows and the rest of the code: every encrypted column is sealed here on
 * its way in and opened here on its way out, bound to its table, column and row, and the keyed digests that
 * let a name be found without storing it in clear are computed here. No other module handles ciphertexts.
 */

type Keys = Pick<AppContext, 'keys'>;

/** The encrypted columns of the register, by table. */
export const SEALED = {
  register_sources: ['label'],
  person_names: ['name'],
  register_acts: ['description'],
  detentions: ['health'],
  detention_stays: ['note'],
  disappearances: ['last_seen_by', 'relatives_steps', 'clarification'],
  whereabouts_inquiries: ['inquirer', 'subject', 'answer'],
} as const;

type SealedTable = keyof typeof SEALED;
type SealedColumn<T extends SealedTable> = (typeof SEALED)[T][number];

/** Encrypts a value of a sealed column for the row `rowId` (for a person's name: `personId#position`). */
export function seal<T extends SealedTable>(ctx: Keys, table: T, column: SealedColumn<T>, rowId: string, value: string): string {
  return encryptField(ctx.keys.field, fieldPlace(table, column, rowId), value) as string;
}

/** Decrypts a value written by {@link seal} for the same table, column and row. */
export function open<T extends SealedTable>(ctx: Keys, table: T, column: SealedColumn<T>, rowId: string, stored: string): string {
  return decryptField(ctx.keys.field, fieldPlace(table, column, rowId), stored) ?? '';
}

const indexKeys = new WeakMap<Buffer, Buffer>();

/** The key of the name index: derived from the field key (HKDF), so it changes with it and is never stored. */
function nameIndexKey(field: FieldKey): Buffer {
  let k = indexKeys.get(field.key);
  if (!k) {
    k = Buffer.from(hkdfSync('sha256', field.key, Buffer.alloc(0), 'rapporteur person-name index v1', 32));
    indexKeys.set(field.key, k);
  }
  return k;
}

/** The keyed digest (32 hex digits) of one name key, as `person_keys` stores it. */
export function indexDigest(ctx: Keys, key: string): string {
  return createHmac('sha256', nameIndexKey(ctx.keys.field)).update(key).digest('hex').slice(0, 32);
}

/**
 * The keyed digests under which a person with these name variants is found: the blocking keys of every
 * variant (src/domain/name-key.ts), deduplicated, so Жанбулатов and Zhanbulatov share their entries.
 */
export function nameDigests(ctx: Keys, names: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const n of names) for (const k of blockingKeys(n)) keys.add(k);
  return [...keys].map((k) => indexDigest(ctx, k));
}

/**
 * Appends a register change (`<record>.<action>`) to the audit chain inside the caller's transaction. The
 * digests are of the stored rows (encrypted columns as ciphertexts); details name kinds and ids, never a
 * name, a place of detention or a health note.
 */
export async function auditRegister(
  tx: Kysely<Database>,
  e: { at: string; actor: string; record: RegisterRecord; action: string; id: string; before: unknown; after: unknown; details?: Record<string, unknown> },
): Promise<void> {
  await appendAudit(tx, {
    at: e.at,
    actor: e.actor,
    action: `${e.record}.${e.action}`,
    recordType: e.record,
    recordId: e.id,
    beforeDigest: e.before === null ? null : digest(e.before),
    afterDigest: e.after === null ? null : digest(e.after),
    details: e.details ?? null,
  });
}
