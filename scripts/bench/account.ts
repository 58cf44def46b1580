import { randomBytes } from 'node:crypto';
import { isPostgresUrl, openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { findUserByName } from '../../src/db/user.repository.js';
import { createToken, createUser } from '../../src/services/account.service.js';

export interface BenchAuth {
  /** `Authorization` header value for /api. */
  bearer: string;
  /** The `Cookie` header of a signed-in browser session, once `signIn` has run. */
  cookie: string;
}

/** Every page and endpoint needs an account (issue 8): an administrator `bench` and a token, on the dataset copy (a file, or a PostgreSQL URL). */
export async function benchAccount(file: string): Promise<{ username: string; password: string; bearer: string }> {
  const db = openDatabase(isPostgresUrl(file) ? file : `file:${file}`);
  try {
    await migrateToLatest(db);
    const password = randomBytes(12).toString('base64url');
    const who = { username: 'bench' };
    if (!(await findUserByName(db, 'bench'))) await createUser(db, { username: 'bench', password, role: 'administrator', scopeUnitId: null }, who);
    else throw new Error('the dataset copy already has a bench account; start from a fresh copy');
    return { username: 'bench', password, bearer: `Bearer ${await createToken(db, 'bench', 'bench', who)}` };
  } finally {
    await db.destroy();
  }
}

/** Signs in through the login form as a browser does; returns the session cookie. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const form = await fetch(`${base}/login`);
  const first = (form.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', headers: { cookie: first, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username, password }).toString(),
  });
  if (res.status !== 303) throw new Error(`signing in as ${username}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}
