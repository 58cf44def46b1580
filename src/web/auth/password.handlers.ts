import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { changeOwnPassword, passwordSchema, type User } from '../../services/account.service.js';
import { t } from '../i18n.js';
import { flash } from '../pages/locals.js';
import { parseInput } from '../validation.js';
import { renewSession } from './session.js';

const schema = z.object({ current: z.string().min(1).max(200), next: passwordSchema, again: z.string().max(200), revokeTokens: z.enum(['on']).optional() })
  .refine((v) => v.next === v.again, { path: ['again'], params: { i18n: 'PASSWORDS_DIFFER' } });

/** GET and POST /account/password: every user changes their own password here (and must, after a password someone else chose). */
export function passwordHandlers(db: Db) {
  const form = (res: Response, status: number, errors: Record<string, string> = {}, revokeTokens = false) =>
    res.status(status).render('pages/account-password', { title: res.locals.L('Đổi mật khẩu', 'Change password'), errors, revokeTokens, required: (res.locals.user as User).mustChangePassword });

  return {
    page: (_req: Request, res: Response) => form(res, 200),

    async change(req: Request, res: Response) {
      const parsed = parseInput(schema, req.body ?? {}, res.locals.locale);
      if (!parsed.ok) return form(res, 422, Object.fromEntries(parsed.errors.map((e) => [e.path || 'next', e.message])), req.body?.revokeTokens === 'on');
      const user: User = res.locals.user;
      const revokeTokens = parsed.value.revokeTokens === 'on';
      const result = await changeOwnPassword(db, user.id, parsed.value.current, parsed.value.next, req.ip ?? 'unknown', { keepSession: req.sessionID, revokeTokens });
      if (!result.ok) return form(res, result.code === 'LOGIN_THROTTLED' ? 429 : 422, { [result.field]: t(res.locals.locale, result.code) }, revokeTokens);
      await renewSession(req, user.id); // the other sessions ended in the service; this one goes on under a new id
      flash(req, 'ok', revokeTokens
        ? res.locals.L('Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc và mọi mã truy cập API đã bị thu hồi.', 'Password changed; your other sessions have ended and every API token has been revoked.')
        : res.locals.L('Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc.', 'Password changed; your other sessions have ended.'));
      res.redirect(303, '/');
    },
  };
}
