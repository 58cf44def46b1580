import { sql, type ControlledTransaction } from 'kysely';
import type { Db, Executor, Trx } from './connection.js';
import { DatabaseUnavailable, troubleOf } from './database-errors.js';
import { isPostgres } from './dialect.js';
import type { Database } from './schema.js';

/** Waits between attempts to take the write lock, after each attempt has waited out busy_timeout. */
const BACK_OFF_MS = [50, 200];

/** The advisory lock every writer of one PostgreSQL database takes ("trak" in ASCII). */
export const WRITER_LOCK = 0x7472616b;

/** How long a PostgreSQL writer waits for the lock before the answer is DATABASE_BUSY, as SQLite's busy_timeout. */
const LOCK_TIMEOUT = '5s';

/**
 * The one way to write: runs `work` in a transaction that holds the database's write lock from its
 * first statement, so writers queue instead of failing halfway: SQLite's BEGIN IMMEDIATE (see
 * immediate-sqlite-dialect.ts), and on PostgreSQL one transaction-level advisory lock shared by
 * every process and server on the database, so there too one writer at a time changes the
 * history (the versions' exclusion constraint is the safety net under it). Called with
 * a transaction, `work` joins it. A lock still not had after the retries, a full disk or a failed
 * disk write becomes DatabaseUnavailable. Whatever failed first is what is thrown: a rollback that
 * fails after it (SQLite has often rolled back already) never hides it.
 */
export async function writeTransaction<T>(db: Executor, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Trx);
  for (let attempt = 0; ; attempt++) {
    let trx: ControlledTransaction<Database>;
    try {
      trx = await db.startTransaction().execute();
      if (isPostgres(db)) await takeWriterLock(trx);
    } catch (err) {
      // Nothing ran yet, so trying again is safe.
      if (troubleOf(err) !== 'DATABASE_BUSY' || attempt >= BACK_OFF_MS.length) throw unavailable(err);
      await new Promise((r) => setTimeout(r, BACK_OFF_MS[attempt] * (1 + Math.random())));
      continue;
    }
    try {
      const result = await work(trx);
      await trx.commit().execute();
      return result;
    } catch (err) {
      await trx.rollback().execute().catch(() => undefined);
      throw unavailable(err);
    }
  }
}

async function takeWriterLock(trx: ControlledTransaction<Database>): Promise<void> {
  try {
    await sql`select set_config('lock_timeout', ${LOCK_TIMEOUT}, true)`.execute(trx);
    await sql`select pg_advisory_xact_lock(${WRITER_LOCK})`.execute(trx);
  } catch (err) {
    await trx.rollback().execute().catch(() => undefined);
    throw err;
  }
}

function unavailable(err: unknown): unknown {
  const trouble = troubleOf(err);
  return trouble && !(err instanceof DatabaseUnavailable) ? new DatabaseUnavailable(trouble, { cause: err }) : err;
}

/**
 * A consistent read of several statements without the write lock (SQLite: a deferred `begin`;
 * PostgreSQL: repeatable read, one snapshot for the whole transaction), for readers that must see
 * one snapshot but write nothing, such as the versions journal's refresh.
 */
export function readTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().setAccessMode('read only').setIsolationLevel('repeatable read').execute(work);
}
