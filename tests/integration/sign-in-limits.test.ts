import { startServer, waitFor } from '../support/processes.js';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { attemptLogin, MAX_FAILURES_PER_ACCOUNT } from '../../src/services/account.service.js';
import { newUser, testApp, TEST_PASSWORD } from '../support/auth.js';
import { newTestDb } from '../support/db.js';

let db: Db;
let base: string;
let close: () => void;

beforeAll(async () => {
  db = await newTestDb();
  const server = testApp(db).listen(0);
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(async () => {
  close();
  await db.destroy();
});

const failures = async (username: string) => (await db.selectFrom('login_failures').select('id').where('username', '=', username).execute()).length;

/** The login form's cookie and token, as a browser holds them before signing in. */
async function loginForm(at: string): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${at}/login`);
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())![1] };
}

/** `passwords.length` sign-ins sent at once; the statuses in the order sent. */
async function burst(at: string, username: string, passwords: string[]): Promise<number[]> {
  const { cookie, csrf } = await loginForm(at);
  const post = (password: string) => fetch(`${at}/login`, {
    method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
  });
  return (await Promise.all(passwords.map(post))).map((r) => r.status);
}

describe('sign-in limits under parallel attempts', () => {
  it('checks at most the limit of 40 simultaneous wrong passwords and refuses the rest', async () => {
    await newUser(db, 'dich-40', 'viewer');
    const statuses = await burst(base, 'dich-40', Array.from({ length: 40 }, (_, i) => `sai-${i}`));
    const checked = statuses.filter((s) => s === 401).length; // a 401 was checked and wrong; a 429 never reached the password
    expect(checked).toBe(MAX_FAILURES_PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - MAX_FAILURES_PER_ACCOUNT);
    expect(await failures('dich-40')).toBe(MAX_FAILURES_PER_ACCOUNT);
  });

  it('refuses the right password sent in a burst once the limit is reached', async () => {
    const user = await newUser(db, 'dich-31', 'viewer');
    // Which request of a burst is checked first is the database's choice (on PostgreSQL the pool runs
    // them on several connections): the limit holds for the burst, and the right password after it is refused.
    const statuses = await burst(base, 'dich-31', Array.from({ length: 31 }, (_, i) => `sai-${i}`));
    expect(statuses.filter((s) => s === 401).length).toBe(MAX_FAILURES_PER_ACCOUNT);
    expect(await burst(base, 'dich-31', [TEST_PASSWORD])).toEqual([429]);
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'session.login').where('entity_id', '=', String(user.id)).execute()).toHaveLength(0);
  });

  it('reserves each attempt before the password is checked, so parallel calls cannot share one count', async () => {
    await newUser(db, 'song-song', 'viewer');
    // Which of the parallel calls gets through first is the database's choice (on PostgreSQL the pool
    // runs them on several connections): the count is what must hold.
    const results = await Promise.all(Array.from({ length: 31 }, () => attemptLogin(db, 'song-song', 'sai', '10.9.0.1')));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(31 - MAX_FAILURES_PER_ACCOUNT);
    expect(await attemptLogin(db, 'song-song', TEST_PASSWORD, '10.9.0.1')).toEqual({ ok: false, reason: 'throttled' });
  });

  it('clears the account’s failures when the right password comes before the limit', async () => {
    await newUser(db, 'nho-lai', 'viewer');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await attemptLogin(db, 'nho-lai', 'sai', '10.9.0.2');
    expect((await attemptLogin(db, 'nho-lai', TEST_PASSWORD, '10.9.0.2')).ok).toBe(true);
    expect(await failures('nho-lai')).toBe(0);
  });
});

describe('sign-in limits across two worker processes', () => {
  it('hold for 40 simultaneous wrong passwords against the real server with WEB_CONCURRENCY=2', async () => {
    const server = startServer({ PORT: '0', WEB_CONCURRENCY: '2' });
    const output = server.output;
    try {
      const port = await waitFor(() => /listening on http:\/\/localhost:(\d+)/.exec(output())?.[1]);
      const origin = `http://127.0.0.1:${port}`;
      // Both workers listening, or a loaded machine may send the whole burst to the first one.
      await waitFor(() => (output().match(/^listening on /gm)?.length === 2 && output().match(/^ready$/gm)?.length === 2 ? true : undefined), 60_000);
      const statuses = await burst(origin, 'admin', Array.from({ length: 40 }, (_, i) => (i === 20 ? 'mat-khau-quan-tri' : `sai-${i}`)));
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
      expect(statuses.filter((s) => s === 303)).toEqual([]);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - MAX_FAILURES_PER_ACCOUNT);
      expect((await burst(origin, 'admin', ['mat-khau-quan-tri']))[0]).toBe(429);
      // Both workers took part: each request's log line carries its process id.
      const workers = () => new Set(output().split('\n').filter((l) => l.includes('"method":"POST"') && l.includes('"url":"/login"')).map((l) => /"pid":(\d+)/.exec(l)?.[1]));
      expect(await waitFor(() => (workers().size >= 2 ? workers().size : undefined), 5_000)).toBe(2);
    } finally {
      server.child.kill('SIGTERM');
      await Promise.race([server.exited, new Promise((r) => setTimeout(r, 10_000))]);
      server.cleanUp();
    }
  }, 60_000);
});
