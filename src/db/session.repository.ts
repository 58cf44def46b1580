import { sql } from 'kysely';
import type { Db, Executor } from './connection.js';
import { isPostgres } from './dialect.js';

export async function findSession(db: Db, sid: string, now: number): Promise<string | undefined> {
  const row = await db.selectFrom('sessions').select('data').where('sid', '=', sid).where('expires_at', '>', now).executeTakeFirst();
  return row?.data;
}

export async function saveSession(db: Db, sid: string, data: string, expiresAt: number): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ sid, data, expires_at: expiresAt })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ data, expires_at: expiresAt }))
    .execute();
}

/** Pushes an existing session's expiry back; never recreates one that was ended meanwhile. */
export async function touchSession(db: Db, sid: string, data: string, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ data, expires_at: expiresAt }).where('sid', '=', sid).execute();
}

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('sid', '=', sid).execute();
}

export async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** Ends every session of a user (but `keep`): the user id is read from the stored JSON. */
export async function deleteUserSessions(db: Executor, userId: number, keep?: string): Promise<number> {
  const user = isPostgres(db) ? sql`cast(cast(data as json) ->> 'userId' as integer)` : sql`json_extract(data, '$.userId')`;
  let q = db.deleteFrom('sessions').where(user, '=', userId);
  if (keep !== undefined) q = q.where('sid', '!=', keep);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}
