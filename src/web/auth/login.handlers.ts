import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { attemptLogin } from '../../services/account.service.js';
import { appendAudit } from '../../services/audit.service.js';
import { t } from '../i18n.js';
import { parseInput } from '../validation.js';
import { renewSession } from './session.js';

const loginSchema = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200), next: z.string().max(2000).optional() });
/** Only a path of this site: never `//evil.example` or `https://…`. */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith('/login') ? next : '/');

export function loginHandlers(db: Db) {
  const form = (res: Response, status: number, values: { username?: string; next?: string }, error?: string) =>
    res.status(status).render('pages/login', { title: res.locals.L('Đăng nhập', 'Sign in'), values, error });

  return {
    /** GET /login (a signed-in user goes on to the page asked for). */
    page(req: Request, res: Response) {
      if (res.locals.user) return void res.redirect(303, safeNext(req.query.next));
      form(res, 200, { next: typeof req.query.next === 'string' ? req.query.next : '' });
    },

    /** POST /login: a new session id (the old one is dropped, so a planted id is worthless), the language kept. */
    async login(req: Request, res: Response) {
      const parsed = parseInput(loginSchema, req.body ?? {}, res.locals.locale);
      const values = { username: String(req.body?.username ?? '').slice(0, 100), next: String(req.body?.next ?? '').slice(0, 2000) };
      if (!parsed.ok) return form(res, 422, values, t(res.locals.locale, 'LOGIN_FAILED'));
      const address = req.ip ?? 'unknown';
      const result = await attemptLogin(db, parsed.value.username, parsed.value.password, address);
      if (!result.ok) return form(res, result.reason === 'throttled' ? 429 : 401, values, t(res.locals.locale, result.reason === 'throttled' ? 'LOGIN_THROTTLED' : 'LOGIN_FAILED'));
      await renewSession(req, result.user.id);
      await appendAudit(db, { username: result.user.username, address }, { action: 'session.login', entity: 'user', entityId: result.user.id });
      res.redirect(303, safeNext(parsed.value.next));
    },

    /** POST /logout: the session is destroyed, its cookie cleared. */
    async logout(req: Request, res: Response) {
      const user = res.locals.user;
      await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
      if (user) await appendAudit(db, { username: user.username, address: req.ip ?? null }, { action: 'session.logout', entity: 'user', entityId: user.id });
      res.clearCookie('sid');
      res.redirect(303, '/login');
    },
  };
}
