import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Asks the store for the simplest answer; throws when it cannot answer (for the health check). */
export async function pingStore(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
