import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db/connection.js';
import { activeUser, userByToken, type User } from '../../services/account.service.js';
import { isWithin, type Writer } from '../../services/scope.service.js';
import { t } from '../i18n.js';
import type { ScopeClaim } from './scope-claims.js';

/**
 * Who may use a route, declared beside it in its route table (auth/route-table.ts): `public`
 * (anyone), `signed-in` (every role), `editor` (editors, and administrators), `administrator`.
 * An editor's write may also name the units it touches (`scope`), judged before the handler runs;
 * the service judges the resolved write again inside its transaction, and has the last word.
 */
export type Level = 'public' | 'signed-in' | 'editor' | 'administrator';
export type ScopeRule = (db: Db, req: Request) => Promise<ScopeClaim>;
export interface Access {
  readonly level: Level;
  readonly scope?: ScopeRule;
  /** Reachable by a user who must first replace a password someone else chose. */
  readonly beforePasswordChange?: true;
}

export const open: Access = { level: 'public' };
export const signedIn: Access = { level: 'signed-in' };
/** The user's own password and signing out. */
export const ownAccount: Access = { level: 'signed-in', beforePasswordChange: true };
export const admin: Access = { level: 'administrator' };
export const editor = (scope?: ScopeRule): Access => ({ level: 'editor', scope });

/** Pages answer a browser (a refusal is a page or the login form), the API a script (JSON). */
export type Surface = 'page' | 'api';

const RANK: Record<User['role'], number> = { viewer: 1, editor: 2, administrator: 3 };
const NEEDS: Record<Exclude<Level, 'public'>, number> = { 'signed-in': 1, editor: 2, administrator: 3 };

/** Mounted on /api: a bearer token names the user (then the request is a script's, not a browser's). */
export function bearerToken(db: Db): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined) return next();
    const token = /^Bearer ([A-Za-z0-9_-]{10,100})$/.exec(header)?.[1];
    const user = token ? await userByToken(db, token) : undefined;
    if (!user) return void res.status(401).set('WWW-Authenticate', 'Bearer').json({ errors: [{ path: '', message: t(res.locals.locale, 'BAD_TOKEN') }] });
    res.locals.user = user;
    res.locals.canWrite = user.role !== 'viewer';
    res.locals.viaToken = true;
    next();
  };
}

/** The session's user, unless a token already named one. It decides nothing: the routes' declarations do. */
export function authenticate(db: Db): RequestHandler {
  return async (req, res, next) => {
    if (res.locals.viaToken) return next();
    const user = await activeUser(db, req.session?.userId);
    if (req.session?.userId !== undefined && !user) delete req.session.userId; // disabled since
    res.locals.user = user ?? null;
    // Views hide the links to forms a viewer would be refused (the declarations still decide).
    res.locals.canWrite = user !== undefined && user.role !== 'viewer';
    next();
  };
}

export function refuse(surface: Surface, req: Request, res: Response, status: 401 | 403, code: string): void {
  const message = t(res.locals.locale, code);
  if (surface === 'api') return void res.status(status).json({ errors: [{ path: '', message }] });
  if (status === 401) {
    const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
    return void res.redirect(303, `/login${next}`);
  }
  res.status(403).render('error', { locale: res.locals.locale, status: 403, message });
}

/**
 * The door of one route, before any body is read: anonymous → 401 (a page: the login form), a
 * password to replace first → that form, too low a role → 403. Browsers' cookie sessions may read
 * /api but not write there (scripts write with a token, so the JSON API needs no CSRF token).
 */
export function authorize(access: Access, surface: Surface, write: boolean): RequestHandler {
  return (req, res, next) => {
    if (access.level === 'public') return next();
    const user: User | null = res.locals.user;
    if (!user) return refuse(surface, req, res, 401, 'SIGN_IN_REQUIRED');
    // A password someone else chose locks the account's tokens too, until its owner replaces it.
    if (user.mustChangePassword && res.locals.viaToken) return refuse(surface, req, res, 403, 'TOKEN_PASSWORD_CHANGE_REQUIRED');
    if (user.mustChangePassword && !access.beforePasswordChange) {
      return req.method === 'GET' && surface === 'page' ? void res.redirect(303, '/account/password') : refuse(surface, req, res, 403, 'PASSWORD_CHANGE_REQUIRED');
    }
    if (RANK[user.role] < NEEDS[access.level]) return refuse(surface, req, res, 403, 'FORBIDDEN');
    if (write && surface === 'api' && !res.locals.viaToken) return refuse(surface, req, res, 403, 'API_NEEDS_TOKEN');
    next();
  };
}

/** An editor's write touching a unit outside their scope → 403, judged on the parsed but not yet validated body. */
export function withinScope(db: Db, scope: ScopeRule, surface: Surface): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const user: User = res.locals.user;
    if (user.scopeUnitId === null) return next();
    for (const { unit, dates } of await scope(db, req)) {
      if (!(await isWithin(db, user.scopeUnitId, unit, dates))) return refuse(surface, req, res, 403, 'OUT_OF_SCOPE_REQUEST');
    }
    next();
  };
}

/** The writer behind a request, for attribution, scope and the audit trail. */
export function writerOf(req: Request, res: Response): Writer {
  const user: User = res.locals.user;
  return { username: user.username, address: req.ip ?? null, scopeUnitId: user.role === 'administrator' ? null : user.scopeUnitId };
}
