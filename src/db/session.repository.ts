import type { Db } from './connection.js';

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

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('sid', '=', sid).execute();
}

export async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
