import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';

/**
 * Kysely's SQLite dialect with transactions opened by `BEGIN IMMEDIATE`: the write lock is taken at the
 * start, so two processes never both read a counter and then fail to upgrade to a write (SQLITE_BUSY in the
 * middle of a transaction); the second waits for the busy timeout instead.
 */
export class SqliteImmediateDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver() as SqliteDriver;
    driver.beginTransaction = async (connection: DatabaseConnection): Promise<void> => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}
