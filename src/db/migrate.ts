import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { AppError } from '../errors.ts';
import type { Store } from './connect.ts';
import { withSchemaIntrospection } from './schema-introspector.ts';
import * as m0001 from './migrations/0001-communications.ts';
import * as m0002 from './migrations/0002-letter-parts.ts';
import * as m0003 from './migrations/0003-accounts.ts';
import * as m0004 from './migrations/0004-audit-protection.ts';
import * as m0005 from './migrations/0005-outbox.ts';
import * as m0006 from './migrations/0006-attachments.ts';
import * as m0007 from './migrations/0007-submissions.ts';
import * as m0008 from './migrations/0008-reply-texts.ts';
import * as m0009 from './migrations/0009-public-database.ts';
import * as m0010 from './migrations/0010-case-register.ts';
import * as m0011 from './migrations/0011-history-key.ts';

// Listed here, in order, rather than read from a folder: the list is part of the code under review.
const MIGRATIONS: Record<string, Migration> = {
  '0001-communications': m0001,
  '0002-letter-parts': m0002,
  '0003-accounts': m0003,
  '0004-audit-protection': m0004,
  '0005-outbox': m0005,
  '0006-attachments': m0006,
  '0007-submissions': m0007,
  '0008-reply-texts': m0008,
  '0009-public-database': m0009,
  '0010-case-register': m0010,
  '0011-history-key': m0011,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings a store's schema up to date. Safe to run at every start and from several processes: Kysely
 * takes a lock while it migrates. Returns the names of the migrations applied now.
 */
export async function migrateToLatest(store: Store): Promise<string[]> {
  // On PostgreSQL, name the schema: Kysely otherwise finds another schema's migration table in the same database.
  const migrationTableSchema = store.options.kind === 'postgres' ? (store.options.schema ?? 'public') : undefined;
  // …and look at that schema only (see schema-introspector.ts).
  const db = migrationTableSchema ? withSchemaIntrospection(store.db, migrationTableSchema) : store.db;
  const migrator = new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw new AppError('INTERNAL', `migration failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
