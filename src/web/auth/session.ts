import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import session from 'express-session';
import type { Db } from '../../db/connection.js';
import { chosenLang } from '../pages/locals.js';
import { DbSessionStore } from '../session-store.js';
import { readConfig } from '../../config.js';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
  }
}

export const SESSION_COOKIE = 'sid';
/** Sessions expire after 8 idle hours (the cookie rolls with each request). */
export const SESSION_MAX_AGE = 8 * 3_600_000;

/** Sessions in the database for pages and for the browser's own fetches to /api; httpOnly, SameSite=Lax. */
export function sessions(db: Db, secret = readConfig().SESSION_SECRET ?? randomBytes(32).toString('hex')) {
  return session({
    store: new DbSessionStore(db), name: SESSION_COOKIE, secret, // server.ts sets SESSION_SECRET, shared by every worker
    resave: false, saveUninitialized: false, rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: SESSION_MAX_AGE },
  });
}

/** Signs `userId` in on a new session id (the old id dies, so a planted or stolen one is worthless), keeping the language. */
export async function renewSession(req: Request, userId: number): Promise<void> {
  const lang = chosenLang(req);
  await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
  req.session.userId = userId;
  if (lang) req.session.lang = lang;
}
