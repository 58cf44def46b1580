import type { Request, Response } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { formatDateVi } from '../../domain/dates.js';
import type { Db } from '../../db/connection.js';
import { findLatestVersions } from '../../services/query.service.js';
import { changeUser, createUser, listTokens, listUsers, passwordSchema, resetPasswordById, resolveScope, revokeToken, ROLES, usernameSchema } from '../../services/account.service.js';
import { writerOf } from '../auth/access.js';
import { describeError } from '../errors.js';
import { confirmedOrAsk } from '../pages/confirm.js';
import { flash } from '../pages/locals.js';
import { parseInput } from '../validation.js';
import { idParam } from '../params.js';

type Errors = Record<string, string>;
const role = z.enum(ROLES);
const scopeRef = z.string().trim().max(20).optional();
const createSchema = z.object({ username: usernameSchema, password: passwordSchema, role, scope: scopeRef });
const updateSchema = z.object({ role, scope: scopeRef, disabled: z.enum(['on']).optional() });
const resetSchema = z.object({ password: passwordSchema });

/** The administrator's page: every account, a form to create one, and per account its role, scope and whether it is disabled. */
export function userHandlers(db: Db) {
  async function page(res: Response, status = 200, values: Record<string, unknown> = {}, errors: Errors = {}, rowErrors: Record<number, string> = {}) {
    const users = await listUsers(db);
    const tokens = await listTokens(db);
    const scopes = await findLatestVersions(db, users.flatMap((u) => (u.scopeUnitId === null ? [] : [u.scopeUnitId])));
    const rows = users.map((u) => {
      const s = u.scopeUnitId === null ? undefined : scopes.get(u.scopeUnitId);
      return { ...u, scopeRef: s?.code ?? (u.scopeUnitId === null ? '' : `id:${u.scopeUnitId}`), scopeName: s?.name ?? '', scopeEnded: s?.validTo ? formatDateVi(s.validTo) : null, error: rowErrors[u.id],
        tokens: tokens.filter((t) => t.userId === u.id).map((t) => ({ ...t, created: formatDateVi(t.createdAt.slice(0, 10)) })) };
    });
    res.status(status).render('pages/users', { title: res.locals.L('Tài khoản', 'Users'), rows, roles: ROLES, values, errors });
  }

  const messageOf = async (res: Response, err: unknown) => {
    if (err instanceof DomainError) return { field: err.path ?? '_form', message: await describeError(db, err, res.locals.locale) };
    throw err;
  };

  return {
    list: (_req: Request, res: Response) => page(res),

    /** POST /admin/users: the password is typed by the administrator and handed over; it never shows again. */
    async create(req: Request, res: Response) {
      const values = { username: req.body?.username ?? '', role: req.body?.role ?? 'viewer', scope: req.body?.scope ?? '' };
      const parsed = parseInput(createSchema, req.body ?? {}, res.locals.locale);
      if (!parsed.ok) return page(res, 422, values, Object.fromEntries(parsed.errors.map((e) => [e.path || '_form', e.message])));
      try {
        const scopeUnitId = await resolveScope(db, parsed.value.scope);
        await createUser(db, { ...parsed.value, scopeUnitId, mustChangePassword: true }, writerOf(req, res));
      } catch (err) {
        const { field, message } = await messageOf(res, err);
        return page(res, 422, values, { [field]: message });
      }
      flash(req, 'ok', res.locals.L(`Đã tạo tài khoản ${parsed.value.username}.`, `Account ${parsed.value.username} created.`));
      res.redirect(303, '/admin/users');
    },

    /** POST /admin/tokens/:id/revocation: the token stops working at once; the row stays. */
    async revokeToken(req: Request, res: Response) {
      const id = idParam(req);
      const L = res.locals.L;
      if (!confirmedOrAsk(req, res, {
        question: L(`Thu hồi mã truy cập #${id}?`, `Revoke token #${id}?`),
        detail: L('Mã ngừng hoạt động ngay và không dùng lại được; chương trình nào đang dùng nó cần một mã mới.', 'The token stops working at once and cannot be used again; any program that uses it needs a new one.'),
        action: `/admin/tokens/${id}/revocation`, button: L('Thu hồi', 'Revoke'), back: '/admin/users',
      })) return;
      try {
        await revokeToken(db, id, writerOf(req, res));
        flash(req, 'ok', res.locals.L(`Đã thu hồi mã truy cập #${id}.`, `Token #${id} revoked.`));
      } catch (err) {
        flash(req, 'error', (await messageOf(res, err)).message);
      }
      res.redirect(303, '/admin/users');
    },

    /** POST /admin/users/:id/password: a new password to hand over; the account's sessions end and its tokens are revoked. */
    async resetPassword(req: Request, res: Response) {
      const id = idParam(req);
      const parsed = parseInput(resetSchema, req.body ?? {}, res.locals.locale);
      if (!parsed.ok) return page(res, 422, {}, {}, { [id]: parsed.errors.map((e) => e.message).join(' ') });
      let username: string;
      try {
        username = await resetPasswordById(db, id, parsed.value.password, writerOf(req, res));
      } catch (err) {
        return page(res, 422, {}, {}, { [id]: (await messageOf(res, err)).message });
      }
      flash(req, 'ok', res.locals.L(
        `Đã đặt lại mật khẩu của ${username}: mọi phiên đăng nhập đã kết thúc, mọi mã truy cập API đã bị thu hồi; người dùng phải đổi mật khẩu khi đăng nhập.`,
        `Password of ${username} reset: all their sessions have ended and every API token is revoked; they must change it at sign-in.`));
      res.redirect(303, '/admin/users');
    },

    /** POST /admin/users/:id: role, scope, disabled. */
    async update(req: Request, res: Response) {
      const id = idParam(req);
      const parsed = parseInput(updateSchema, req.body ?? {}, res.locals.locale);
      if (!parsed.ok) return page(res, 422, {}, {}, { [id]: parsed.errors.map((e) => e.message).join(' ') });
      try {
        const scopeUnitId = await resolveScope(db, parsed.value.scope);
        await changeUser(db, id, { role: parsed.value.role, scopeUnitId, disabled: parsed.value.disabled === 'on' }, writerOf(req, res));
      } catch (err) {
        return page(res, 422, {}, {}, { [id]: (await messageOf(res, err)).message });
      }
      flash(req, 'ok', res.locals.L('Đã lưu tài khoản.', 'Account saved.'));
      res.redirect(303, '/admin/users');
    },
  };
}
