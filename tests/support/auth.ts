import { createHmac, randomBytes } from 'node:crypto';
import express, { type Express } from 'express';
import request from 'supertest';
import type { Db } from '../../src/db/connection.js';
import { saveSession } from '../../src/db/session.repository.js';
import { findUserByName } from '../../src/db/user.repository.js';
import { createToken, createUser, resolveScope, type Role } from '../../src/services/account.service.js';
import { createApp, type AppState } from '../../src/web/app.js';
import { SESSION_COOKIE, SESSION_MAX_AGE } from '../../src/web/auth/session.js';

/** Tests sign session cookies with a known secret, so that a factory can open a signed-in session. */
export const TEST_SECRET = 'test-session-secret';
export const TEST_PASSWORD = 'correct horse battery';
const system = { username: 'test' };

export interface TestUser {
  id: number;
  username: string;
  password: string;
  token: string;
}

/** A user (scope: an official code, resolved today) with a password and an API token. */
export async function newUser(db: Db, username: string, role: Role = 'administrator', scope: string | null = null): Promise<TestUser> {
  const existing = await findUserByName(db, username);
  const id = existing?.id ?? (await createUser(db, { username, password: TEST_PASSWORD, role, scopeUnitId: await resolveScope(db, scope) }, system));
  return { id, username, password: TEST_PASSWORD, token: await createToken(db, username, 'test', system) };
}

/** A fresh signed-in session for the user, as the `Cookie` header a browser would send (what POST /login would have given). */
export async function sessionCookie(db: Db, userId: number): Promise<string> {
  const sid = randomBytes(24).toString('base64url');
  const expires = Date.now() + SESSION_MAX_AGE;
  const cookie = { originalMaxAge: SESSION_MAX_AGE, expires: new Date(expires).toISOString(), httpOnly: true, path: '/', sameSite: 'lax', secure: false };
  await saveSession(db, sid, JSON.stringify({ cookie, userId }), expires);
  const signature = createHmac('sha256', TEST_SECRET).update(sid).digest('base64').replace(/=+$/, '');
  return `${SESSION_COOKIE}=${encodeURIComponent(`s:${sid}.${signature}`)}`;
}

/** The real app as tests without accounts in mind knew it: the app itself, unchanged. */
export function testApp(db: Db, state?: AppState): Express {
  return createApp(db, state, { sessionSecret: TEST_SECRET });
}

/**
 * The real app, with each request signed in as `username` (created with `role` if new) unless it
 * brings its own: /api requests get the user's bearer token, page requests without a session
 * cookie a fresh signed-in session (so a language or a flash message never leaks between
 * requests, and an agent keeps the session it was given).
 */
export async function signedInApp(db: Db, opts: { username?: string; role?: Role; scope?: string | null; state?: AppState } = {}): Promise<Express> {
  const user = await newUser(db, opts.username ?? 'admin-test', opts.role ?? 'administrator', opts.scope ?? null);
  const inner = testApp(db, opts.state);
  const outer = express();
  outer.use(async (req, _res, next) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) req.headers.authorization ??= `Bearer ${user.token}`;
    else if (!new RegExp(`(^|;\\s*)${SESSION_COOKIE}=`).test(req.headers.cookie ?? '')) {
      req.headers.cookie = [req.headers.cookie, await sessionCookie(db, user.id)].filter(Boolean).join('; ');
    }
    next();
  });
  outer.use(inner);
  return outer;
}

/** Signs in through the real login form; returns the agent (cookies kept) and the login response. */
export async function loginAgent(app: Express, username: string, password = TEST_PASSWORD) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  const res = await agent.post('/login').type('form').send({ _csrf: csrf, username, password });
  return { agent, res };
}

/** The CSRF token of a page's first form. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
