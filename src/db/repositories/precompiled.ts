import { CompiledQuery, PostgresAdapter, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * A stand-in for the n-th argument of a {@link precompiled} query, replaced by the argument's value at each
 * run. Typed `never` so that it fits wherever a value of any column's type is expected.
 */
export type Slot = never;

// Private-use characters: no real value a command passes can collide with a slot.
const SLOT_PREFIX = '\uE000slot:';
const slot = (n: number): Slot => `${SLOT_PREFIX}${n}` as never;

/** The SQL texts of every precompiled query, so that a driver may keep them prepared by name (see connect.ts). */
export const PRECOMPILED_SQL = new Set<string>();

/**
 * A query built and compiled once per dialect, then run with new argument values: the hottest statements of
 * a command (load, update, history, audit) skip Kysely's building and compiling on every run, and their SQL
 * text is the same at every run, so that the database can keep it prepared. `build` receives a slot for each
 * declared argument (its parameter count after `db`, or `arity` when it takes a rest parameter) and must use each slot as a bound value (`eb.val(slot)`, `where(col, '=', slot)`, a `sql` template
 * parameter), never as an identifier or in a way that depends on its value.
 *
 * @example
 * const byId = precompiled((db, id) => db.selectFrom('communications').select('id').where('id', '=', id));
 * const rows = await byId(tx, someId);
 */
export function precompiled<Row, Slots extends Slot[]>(
  build: (db: Kysely<Database>, ...slots: Slots) => Compilable<Row>,
  arity: number = build.length - 1,
): Precompiled<Row, { [K in keyof Slots]: unknown }> {
  // One compiled form per dialect: keyed by the adapter's class, which Kysely instances of a dialect share.
  const byDialect = new Map<unknown, { sql: string; params: ReadonlyArray<{ arg: number } | { value: unknown }> }>();
  const query = (db: Kysely<Database>, ...args: unknown[]): CompiledQuery<Row> => {
    const key = db.getExecutor().adapter.constructor;
    let compiled = byDialect.get(key);
    if (!compiled) {
      const slots = Array.from({ length: arity }, (_, i) => slot(i));
      const query = build(db, ...(slots as Slots)).compile();
      const params = query.parameters.map((p) => {
        if (typeof p === 'string' && p.startsWith(SLOT_PREFIX)) return { arg: Number(p.slice(SLOT_PREFIX.length)) };
        if (typeof p === 'string' && p.includes(SLOT_PREFIX)) throw new Error('a slot was used inside a larger value');
        return { value: p };
      });
      const used = new Set(params.flatMap((p) => ('arg' in p ? [p.arg] : [])));
      if (used.size !== slots.length) throw new Error('every slot of a precompiled query must be used as a bound value');
      if (query.sql.includes(SLOT_PREFIX)) throw new Error('a slot was used outside a bound value');
      compiled = { sql: query.sql, params };
      byDialect.set(key, compiled);
      PRECOMPILED_SQL.add(compiled.sql);
    }
    return CompiledQuery.raw(compiled.sql, compiled.params.map((p) => ('arg' in p ? args[p.arg] : p.value))) as CompiledQuery<Row>;
  };
  const run = ((db: Kysely<Database>, ...args: unknown[]) => db.executeQuery<Row>(query(db, ...args))) as Precompiled<Row, { [K in keyof Slots]: unknown }>;
  run.query = query as Precompiled<Row, { [K in keyof Slots]: unknown }>['query'];
  return run;
}

/** A {@link precompiled} query: run it with its arguments, or take the statement to run with others ({@link runTogether}). */
export interface Precompiled<Row, Args extends unknown[]> {
  (db: Kysely<Database>, ...args: Args): Promise<QueryResult<Row>>;
  /** The statement with these arguments, not yet run. */
  query(db: Kysely<Database>, ...args: Args): CompiledQuery<Row>;
}

/**
 * Runs statements in order on the one connection of `db`, which must be a transaction or a reserved
 * connection (`db.connection()`), and returns their results in order. On PostgreSQL they are written to the
 * server together (the pool's connections pipeline, see connect.ts), so the batch costs one network round
 * trip instead of one per statement; the server still runs them one after another, and once one fails the
 * transaction is aborted, so that those after it fail too and a COMMIT among them rolls back. The first
 * failure is thrown. On SQLite, in process, they simply run one after another, up to the first failure.
 */
export async function runTogether(db: Kysely<Database>, statements: ReadonlyArray<CompiledQuery>): Promise<Array<QueryResult<unknown>>> {
  const executor = db.getExecutor();
  return executor.provideConnection(async (connection) => {
    if (!(executor.adapter instanceof PostgresAdapter)) {
      const results: Array<QueryResult<unknown>> = [];
      for (const statement of statements) results.push(await connection.executeQuery(statement));
      return results;
    }
    // Every statement is handed to the driver before any answer is awaited: that is what puts them on the
    // wire together.
    const settled = await Promise.allSettled(statements.map((statement) => connection.executeQuery(statement)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<QueryResult<unknown>>).value);
  });
}

/**
 * Whether an error is the violation of a NOT NULL constraint on one column, on either database: the way a
 * statement sent ahead with others ({@link runTogether}) refuses to write when what it depends on did not
 * happen, and so aborts its transaction.
 */
export function isNotNullViolation(err: unknown, table: string, column: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; table?: unknown; column?: unknown; message?: unknown };
  if (e.code === '23502') return e.table === table && e.column === column;
  return e.code === 'SQLITE_CONSTRAINT_NOTNULL' && e.message === `NOT NULL constraint failed: ${table}.${column}`;
}
