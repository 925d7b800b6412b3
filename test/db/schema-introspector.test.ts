import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openStore, type Store } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { SchemaIntrospector } from '../../src/db/schema-introspector.ts';
import { freshStore, type TestStore } from '../support/stores.ts';

// PostgreSQL only: SQLite has one file per installation and nothing else to look at.
describe('the migrator looks at its own schema only', { skip: !process.env.TEST_DATABASE_URL }, () => {
  let ours: TestStore;
  let other: TestStore;
  let store: Store;

  before(async () => {
    ours = await freshStore('postgres');
    other = await freshStore('postgres');
    store = openStore(ours.options);
  });
  after(async () => {
    await store.close();
    await ours.drop();
    await other.drop();
  });

  it("lists our schema's tables and no other's, and migrates while other schemas come and go", async () => {
    const otherSchema = (other.options as { schema: string }).schema;
    const ourSchema = (ours.options as { schema: string }).schema;
    await sql`create table ${sql.id(otherSchema, 'kysely_migration')} (name text)`.execute(store.db);
    const introspector = new SchemaIntrospector(store.db, ourSchema);
    assert.deepEqual(await introspector.getSchemas(), [{ name: ourSchema }]);
    assert.deepEqual(await introspector.getTables(), [], "another schema's migration table is not ours");
    // Schemas created and dropped while the migration runs, as parallel installations or tests do.
    let churning = true;
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        const s = sql.id(`${otherSchema}_${i}`);
        await sql`create schema ${s}`.execute(store.db);
        await sql`create table ${s}.t (id serial primary key, note text)`.execute(store.db);
        await sql`drop schema ${s} cascade`.execute(store.db);
      }
    })();
    try {
      const applied = await migrateToLatest(store);
      assert.ok(applied.includes('0001-communications'));
    } finally {
      churning = false;
      await churn;
    }
    const names = (await introspector.getTables()).map((t) => t.name);
    assert.ok(names.includes('communications') && names.includes('kysely_migration'));
  });
});
