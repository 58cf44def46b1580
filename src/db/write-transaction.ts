import type { ControlledTransaction, Transaction } from 'kysely';
import type { Db } from './connection.js';
import { DatabaseUnavailable, troubleOf } from './database-errors.js';
import type { Database } from './schema.js';

/** Waits between attempts to take the write lock, after each attempt has waited out busy_timeout. */
const BACK_OFF_MS = [50, 200];

/**
 * The one way to write: runs `work` in a transaction that holds the database's write lock from its
 * first statement, so writers queue instead of failing halfway (SQLite: BEGIN IMMEDIATE, see
 * immediate-sqlite-dialect.ts; PostgreSQL will take an advisory lock here, issue 15). Called with
 * a transaction, `work` joins it. A lock still not had after the retries, a full disk or a failed
 * disk write becomes DatabaseUnavailable. Whatever failed first is what is thrown: a rollback that
 * fails after it (SQLite has often rolled back already) never hides it.
 */
export async function writeTransaction<T>(db: Db | Transaction<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  for (let attempt = 0; ; attempt++) {
    let trx: ControlledTransaction<Database>;
    try {
      trx = await db.startTransaction().execute();
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

function unavailable(err: unknown): unknown {
  const trouble = troubleOf(err);
  return trouble && !(err instanceof DatabaseUnavailable) ? new DatabaseUnavailable(trouble, { cause: err }) : err;
}

/**
 * A consistent read of several statements without the write lock (SQLite: a deferred `begin`), for
 * readers that must see one snapshot but write nothing, such as the versions journal's refresh.
 */
export function readTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().setAccessMode('read only').execute(work);
}
