import express, { type NextFunction, type Request, type Response } from 'express';
import type { Db } from '../../db/connection.js';
import { activeUser, userByToken, type User } from '../../services/account.service.js';
import { isWithin, type Writer } from '../../services/scope.service.js';
import { t } from '../i18n.js';
import { ruleFor, WRITE_METHODS, type Access, type Rule } from './rules.js';

/** What a user who must replace their password may still reach. */
const PASSWORD_PATHS = new Set(['/account/password', '/logout']);
const isApi = (req: Request) => req.path === '/api' || req.path.startsWith('/api/');
const RANK: Record<User['role'], number> = { viewer: 1, editor: 2, administrator: 3 };
const NEEDS: Record<Exclude<Access, 'public'>, number> = { 'signed-in': 1, editor: 2, administrator: 3 };

/** The signed-in user: a bearer token on /api (then the request is a script's, not a browser's), else the session's. */
export function authenticate(db: Db) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (header !== undefined && isApi(req)) {
      const token = /^Bearer ([A-Za-z0-9_-]{10,100})$/.exec(header)?.[1];
      const user = token ? await userByToken(db, token) : undefined;
      if (!user) return void res.status(401).set('WWW-Authenticate', 'Bearer').json({ errors: [{ path: '', message: t(res.locals.locale, 'BAD_TOKEN') }] });
      res.locals.user = user;
      res.locals.canWrite = user.role !== 'viewer';
      res.locals.viaToken = true;
      return next();
    }
    const user = await activeUser(db, req.session?.userId);
    if (req.session?.userId !== undefined && !user) delete req.session.userId; // disabled since
    res.locals.user = user ?? null;
    // Views hide the links to forms a viewer would be refused (the rules still decide).
    res.locals.canWrite = user !== undefined && user.role !== 'viewer';
    next();
  };
}

function refuse(req: Request, res: Response, status: 401 | 403, code: string): void {
  const message = t(res.locals.locale, code);
  if (isApi(req)) return void res.status(status).json({ errors: [{ path: '', message }] });
  if (status === 401) {
    const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
    return void res.redirect(303, `/login${next}`);
  }
  res.status(403).render('error', { locale: res.locals.locale, status: 403, message });
}

/**
 * Enforces rules.ts before any body is read: anonymous → 401 (a page: the login form), too low a
 * role → 403, a write with no rule → 403. Browsers' cookie sessions may read /api but not write
 * there (scripts write with a token, so the JSON API needs no CSRF token).
 */
export function requireAccess() {
  return (req: Request, res: Response, next: NextFunction) => {
    const rule = ruleFor(req.method, req.path);
    res.locals.rule = rule; // requireScope, next, judges by the same rule
    const write = WRITE_METHODS.has(req.method);
    if (rule?.access === 'public') return next();
    const user: User | null = res.locals.user;
    if (!user) return refuse(req, res, 401, 'SIGN_IN_REQUIRED');
    // A password someone else chose locks the account's tokens too, until its owner replaces it.
    if (user.mustChangePassword && res.locals.viaToken) return refuse(req, res, 403, 'TOKEN_PASSWORD_CHANGE_REQUIRED');
    if (user.mustChangePassword && !PASSWORD_PATHS.has(req.path)) {
      return req.method === 'GET' && !isApi(req) ? void res.redirect(303, '/account/password') : refuse(req, res, 403, 'PASSWORD_CHANGE_REQUIRED');
    }
    if (write && !rule) return refuse(req, res, 403, 'NO_RULE');
    if (RANK[user.role] < NEEDS[rule?.access ?? 'signed-in']) return refuse(req, res, 403, 'FORBIDDEN');
    if (write && isApi(req) && !res.locals.viaToken) return refuse(req, res, 403, 'API_NEEDS_TOKEN');
    next();
  };
}

const jsonBody = express.json({ limit: '20mb' });
const formBody = express.urlencoded({ extended: false, limit: '1mb' });

/** An editor's write touching a unit outside their scope → 403, judged on the parsed but not yet validated body (after requireAccess). */
export function requireScope(db: Db) {
  return (req: Request, res: Response, next: NextFunction) => {
    const rule: Rule | undefined = res.locals.rule;
    const user: User | null = res.locals.user;
    if (!rule?.scope || !user || user.scopeUnitId === null || !WRITE_METHODS.has(req.method)) return next();
    (isApi(req) ? jsonBody : formBody)(req, res, async (err?: unknown) => {
      if (err) return next(err);
      try {
        req.params = paramsOf(rule.path, req.path);
        for (const { unit, dates } of await rule.scope!(db, req)) {
          if (!(await isWithin(db, user.scopeUnitId!, unit, dates))) return refuse(req, res, 403, 'OUT_OF_SCOPE_REQUEST');
        }
        next();
      } catch (e) {
        next(e);
      }
    });
  };
}

function paramsOf(pattern: string, path: string): Record<string, string> {
  const s = path.split('/');
  return Object.fromEntries(pattern.split('/').flatMap((seg, i) => (seg.startsWith(':') ? [[seg.slice(1), decodeURIComponent(s[i])]] : [])));
}

/** The writer behind a request, for attribution, scope and the audit trail. */
export function writerOf(req: Request, res: Response): Writer {
  const user: User = res.locals.user;
  return { username: user.username, address: req.ip ?? null, scopeUnitId: user.role === 'administrator' ? null : user.scopeUnitId };
}
