import { sql, type DatabaseIntrospector, type DatabaseMetadata, type Kysely, type SchemaMetadata, type TableMetadata } from 'kysely';

/**
 * What the migrator needs to know of a PostgreSQL database — does our schema exist, which tables does it hold
 * — asked of our schema only. Kysely's own introspector reads every table of every schema of the database
 * and calls functions on each schema's name; when another schema is created or dropped at that moment (other
 * installations sharing the database, or parallel test runs) the query fails with "schema … does not exist"
 * or "column … does not exist", and the migration with it.
 */
export class SchemaIntrospector<DB = unknown> implements DatabaseIntrospector {
  readonly #db: Kysely<DB>;
  readonly #schema: string;

  constructor(db: Kysely<DB>, schema: string) {
    this.#db = db;
    this.#schema = schema;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${this.#schema}`.execute(this.#db);
    return rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string }>`
      select c.relname as name
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${this.#schema} and c.relkind in ('r', 'p')`.execute(this.#db);
    // The migrator looks at names only; the columns are not read.
    return rows.map((r) => ({ name: r.name, schema: this.#schema, isView: false, columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/**
 * The store's Kysely instance as the migrator sees it: the same connections and transactions, with its
 * introspection narrowed to one schema ({@link SchemaIntrospector}).
 */
export function withSchemaIntrospection<DB>(db: Kysely<DB>, schema: string): Kysely<DB> {
  const introspector = new SchemaIntrospector(db, schema);
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspector;
      const value = Reflect.get(target, property, target) as unknown;
      // Kysely keeps its state in private fields: its methods must run on the instance itself.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
