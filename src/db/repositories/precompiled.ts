import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
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
): (db: Kysely<Database>, ...args: { [K in keyof Slots]: unknown }) => Promise<QueryResult<Row>> {
  // One compiled form per dialect: keyed by the adapter's class, which Kysely instances of a dialect share.
  const byDialect = new Map<unknown, { sql: string; params: ReadonlyArray<{ arg: number } | { value: unknown }> }>();
  return (db, ...args) => {
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
    const parameters = compiled.params.map((p) => ('arg' in p ? (args as unknown[])[p.arg] : p.value));
    return db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters));
  };
}
