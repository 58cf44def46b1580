import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { cookieValue } from '../cookies.js';

/**
 * The login form's CSRF token, without a session (anonymous visitors get no session row): a random
 * token in the form that must equal the one in a short-lived cookie (double submit). Another site
 * can neither read that cookie nor set it (httpOnly, SameSite=Strict); signing it would bind it to
 * nothing, since there is no session yet. Once signed in, forms use the session's token (csrf-sync).
 */
export const LOGIN_CSRF_COOKIE = 'login_csrf';
const COOKIE_OPTIONS = { path: '/login', httpOnly: true, sameSite: 'strict', maxAge: 2 * 3_600_000 } as const;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The token for the login form: the browser's own while its cookie lasts, else a new one set in the cookie. */
export function loginFormToken(req: Request, res: Response): string {
  const existing = res.locals.loginCsrf ?? cookieValue(req, LOGIN_CSRF_COOKIE);
  if (typeof existing === 'string' && TOKEN.test(existing)) return (res.locals.loginCsrf = existing);
  const token = randomBytes(32).toString('base64url');
  res.cookie(LOGIN_CSRF_COOKIE, token, { ...COOKIE_OPTIONS, secure: req.secure });
  return (res.locals.loginCsrf = token);
}

/** Whether a login POST brings back the token of its cookie. */
export function loginTokenMatches(req: Request): boolean {
  const cookie = cookieValue(req, LOGIN_CSRF_COOKIE);
  const sent = req.body?._csrf;
  if (typeof cookie !== 'string' || typeof sent !== 'string' || !TOKEN.test(cookie) || sent.length !== cookie.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(cookie));
}
