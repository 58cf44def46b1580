import SQLite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** `file:db/app.sqlite` or `:memory:`; PostgreSQL URLs are for a later step and refused clearly. */
export function openDatabase(url = process.env.DATABASE_URL ?? 'file:db/app.sqlite'): Db {
  if (/^postgres(ql)?:/.test(url)) throw new Error('PostgreSQL is not supported yet: use a file: URL');
  const file = url === ':memory:' ? ':memory:' : url.replace(/^file:/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
