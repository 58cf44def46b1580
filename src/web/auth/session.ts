import { randomBytes } from 'node:crypto';
import session from 'express-session';
import type { Db } from '../../db/connection.js';
import { DbSessionStore } from '../session-store.js';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
  }
}

export const SESSION_COOKIE = 'sid';
/** Sessions expire after 8 idle hours (the cookie rolls with each request). */
export const SESSION_MAX_AGE = 8 * 3_600_000;

/** Sessions in the database for pages and for the browser's own fetches to /api; httpOnly, SameSite=Lax. */
export function sessions(db: Db, secret = process.env.SESSION_SECRET ?? randomBytes(32).toString('hex')) {
  return session({
    store: new DbSessionStore(db), name: SESSION_COOKIE, secret, // server.ts sets SESSION_SECRET, shared by every worker
    resave: false, saveUninitialized: false, rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: SESSION_MAX_AGE },
  });
}
