import SQLite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, type Transaction } from 'kysely';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
/** The database, or a transaction on it: what a read or write runs on. */
export type Executor = Db | Transaction<Database>;

export const databaseUrl = () => process.env.DATABASE_URL ?? 'file:db/app.sqlite';

/** The SQLite file a URL names (`:memory:` stays as is). */
export function databaseFile(url: string): string {
  if (/^postgres(ql)?:/.test(url)) throw new Error('PostgreSQL is not supported yet: use a file: URL');
  return url === ':memory:' ? ':memory:' : url.replace(/^file:/, '');
}

/** `file:db/app.sqlite` or `:memory:`; PostgreSQL URLs are for a later step and refused clearly. */
export function openDatabase(url = databaseUrl()): Db {
  const file = databaseFile(url);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Kysely prepares every query anew; preparing costs more than running most of ours. Prepared
 * statements are kept by SQL text (the most recent few hundred), which is safe because
 * better-sqlite3 runs one statement at a time.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) cache.delete(text);
      else statement = sqlite.prepare(text);
      cache.set(text, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}
