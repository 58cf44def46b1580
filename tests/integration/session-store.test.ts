import { describe, expect, it } from 'vitest';
import { DbSessionStore } from '../../src/web/session-store.js';
import { newTestDb } from '../support/db.js';

const data = (expires: number) => ({ cookie: { expires: new Date(expires), originalMaxAge: 1000 } }) as never;

describe('sessions in the database', () => {
  it('push a session\'s expiry back on the first request, then at most once a minute', async () => {
    const db = await newTestDb();
    const store = new DbSessionStore(db);
    const call = (fn: (done: () => void) => void) => new Promise<void>((resolve) => fn(() => resolve()));
    const expiry = async () => (await db.selectFrom('sessions').select('expires_at').where('sid', '=', 's1').executeTakeFirstOrThrow()).expires_at;
    const t0 = Date.now() + 3_600_000;
    await call((done) => store.set('s1', data(t0), done));
    await call((done) => store.touch('s1', data(t0 + 1000), done));
    expect(Number(await expiry())).toBe(t0 + 1000);
    await call((done) => store.touch('s1', data(t0 + 2000), done));
    expect(Number(await expiry())).toBe(t0 + 1000);
    await call((done) => store.destroy('s1', done));
    expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });
});

describe('a session ended while one of its requests is still running', () => {
  it('is not brought back when that request ends and touches it', async () => {
    const db = await newTestDb();
    const store = new DbSessionStore(db);
    const call = (fn: (done: () => void) => void) => new Promise<void>((resolve) => fn(() => resolve()));
    await call((done) => store.set('s2', data(Date.now() + 3_600_000), done));
    await db.deleteFrom('sessions').where('sid', '=', 's2').execute(); // a password change elsewhere
    await call((done) => store.touch('s2', data(Date.now() + 7_200_000), done));
    expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });
});
