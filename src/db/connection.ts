import SQLite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.js';
import type { Database } from './schema.js';
import { readConfig } from '../config.js';

export type Db = Kysely<Database>;
/** The database, or a transaction on it: what a read or write runs on. */
export type Executor = Db | Transaction<Database>;
/** A write transaction: what every use case that writes takes (writeTransaction opens it). */
export type Trx = Transaction<Database>;

export const databaseUrl = () => readConfig().DATABASE_URL;

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** The SQLite file a URL names (`:memory:` stays as is). */
export function databaseFile(url: string): string {
  if (isPostgresUrl(url)) throw new Error('this command works on a SQLite file; for PostgreSQL see README, "Deployment"');
  return url === ':memory:' ? ':memory:' : url.replace(/^file:/, '');
}

/** `file:db/app.sqlite`, `:memory:` or `postgres://user:password@host:port/database`. */
export function openDatabase(url = databaseUrl()): Db {
  return isPostgresUrl(url) ? openPostgres(url) : openSqlite(databaseFile(url));
}

function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * PostgreSQL through a pool of `DATABASE_POOL_SIZE` connections (10 by default) per process.
 * Values come back as SQLite gives them: counts and sums (int8, numeric) as numbers, dates as the
 * text they are, never a Date shifted by the server's time zone. Each session plans for what the
 * app does, short index walks on SSD storage: random_page_cost 1.1 (the usual SSD value; with the
 * default 4 the recursive count of a province's units scanned all 336,000 versions at every level,
 * 400 ms instead of 16) and no JIT compilation (50 ms spent compiling queries that run in 5).
 */
function openPostgres(url: string): Db {
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
  pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
  const max = readConfig().DATABASE_POOL_SIZE;
  const pool = new pg.Pool({
    connectionString: url, max: Number.isInteger(max) && max > 0 ? max : 10, application_name: 'restructuring-tracker',
    options: '-c random_page_cost=1.1 -c jit=off',
  });
  // An idle connection the server closed (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** The lock servers starting together take in turn ("boot" in ASCII): see `oneAtATime`. */
const STARTUP_LOCK = 0x626f6f74;

/**
 * Runs `work` while no other process starting on the same PostgreSQL database runs its own: when
 * several servers start together, the first migrates, loads the demo and creates the first
 * administrator, and the others then find all of it done. On SQLite the cluster's primary
 * prepares before it forks its workers, so `work` just runs.
 */
export async function oneAtATime<T>(url: string, work: () => Promise<T>): Promise<T> {
  if (!isPostgresUrl(url)) return work();
  const client = new pg.Client({ connectionString: url, application_name: 'restructuring-tracker start-up' });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.end(); // ending the session releases its lock
  }
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
