import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig, type TransactionSettings } from 'kysely';

/**
 * SQLite with every read-write transaction opened as `BEGIN IMMEDIATE`. Kysely's plain `begin` is
 * deferred: a transaction that reads and then writes must upgrade its lock, and when another
 * process holds it SQLite answers SQLITE_BUSY at once, without waiting out busy_timeout. Taking the
 * write lock first makes a writer wait its turn (busy_timeout) instead.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'begin' : 'begin immediate'));
  }
}
