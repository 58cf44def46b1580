import type { Request, Response } from 'express';
import { z } from 'zod';
import { formatMomentVi } from '../../domain/dates.js';
import type { Db } from '../../db/connection.js';
import { auditTrail, type AuditEntry } from '../../services/audit.service.js';
import { writeCsv, type Table } from '../../services/export.service.js';
import { InputError } from '../errors.js';
import { isoDate, parseInput } from '../validation.js';

const PAGE = 100;
const filterSchema = z.object({
  username: z.string().trim().max(100).optional().transform((s) => s || undefined),
  entity: z.string().trim().max(40).optional().transform((s) => s || undefined),
  action: z.string().trim().max(60).optional().transform((s) => s || undefined),
  from: z.union([z.literal(''), isoDate]).optional().transform((s) => s || undefined),
  to: z.union([z.literal(''), isoDate]).optional().transform((s) => s || undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  lang: z.string().optional(), at: z.string().optional(), province: z.string().optional(),
});

/** What each action is called (the code stays beside it: the filter takes it). */
const ACTIONS: Record<string, [string, string]> = {
  'change.record': ['Ghi nhận thay đổi', 'Change recorded'], 'change.void': ['Huỷ bỏ thay đổi', 'Change voided'],
  'change.reinstate': ['Khôi phục thay đổi đã huỷ', 'Voided change reinstated'], 'change.correct': ['Sửa lỗi nhập liệu (tên)', 'Data-entry correction (name)'],
  import: ['Nhập dữ liệu', 'Import'], 'session.login': ['Đăng nhập', 'Signed in'], 'session.logout': ['Đăng xuất', 'Signed out'],
  'user.create': ['Tạo tài khoản', 'Account created'], 'user.update': ['Sửa tài khoản', 'Account changed'],
  'user.change-password': ['Đổi mật khẩu (các phiên khác kết thúc)', 'Password changed (other sessions ended)'],
  'user.reset-password': ['Đặt lại mật khẩu (mọi phiên và mã truy cập bị thu hồi)', 'Password reset (all sessions and tokens revoked)'],
  'token.create': ['Cấp mã truy cập API', 'API token created'], 'token.revoke': ['Thu hồi mã truy cập API', 'API token revoked'],
  'staffing.movement': ['Biến động biên chế', 'Staff movement'], 'staffing.import': ['Nhập biến động biên chế', 'Staff movements imported'],
  'staffing.quota': ['Giao biên chế', 'Staff quota'], 'target.create': ['Tạo mục tiêu', 'Target created'],
  'target.update': ['Sửa mục tiêu', 'Target changed'], 'target.retire': ['Thôi áp dụng mục tiêu', 'Target retired'],
  'standard.create': ['Thêm tiêu chuẩn', 'Standard added'], 'standard.edit': ['Sửa tiêu chuẩn', 'Standard changed'],
  'rule.create': ['Thêm quy định sắp xếp', 'Merger rule added'], 'rule.edit': ['Sửa quy định sắp xếp', 'Merger rule changed'],
  'unit.regions': ['Đặt vùng cho đơn vị', 'Unit regions set'], 'plan.create': ['Tạo phương án', 'Plan created'],
  'plan.update': ['Sửa phương án', 'Plan changed'], 'plan.rebase': ['Đổi ngày gốc phương án', 'Plan rebased'],
  'plan.proposal.add': ['Thêm đề xuất', 'Proposal added'], 'plan.proposal.update': ['Sửa đề xuất', 'Proposal changed'],
  'plan.proposal.move': ['Đổi thứ tự đề xuất', 'Proposal moved'], 'plan.proposal.remove': ['Xoá đề xuất', 'Proposal removed'],
  'plan.submit': ['Trình phương án', 'Plan submitted'], 'plan.approve': ['Phê duyệt phương án', 'Plan approved'],
  'plan.reject': ['Từ chối phương án', 'Plan rejected'], 'plan.withdraw': ['Rút phương án về dự thảo', 'Plan withdrawn'],
  'plan.enact': ['Ban hành phương án', 'Plan enacted'],
};

/** "Đăng nhập" for session.login; an action without a name shows its code. */
export function actionText(action: string, L: (vi: string, en: string) => string): string {
  const words = ACTIONS[action];
  return words ? L(...words) : action;
}

/** Time of the entry in Vietnam (UTC+7), as dd/mm/yyyy hh:mm:ss. */

function table(rows: AuditEntry[], L: (vi: string, en: string) => string): Table {
  return {
    sheet: 'audit', title: L('Nhật ký thao tác', 'Audit trail'),
    columns: [
      { header: '#', key: 'id', width: 8, type: 'int' }, { header: L('Thời điểm (giờ Việt Nam)', 'Time (Vietnam)'), key: 'at', width: 20 },
      { header: L('Người thực hiện', 'User'), key: 'username', width: 16 }, { header: L('Địa chỉ', 'Address'), key: 'address', width: 16 },
      { header: L('Thao tác', 'Action'), key: 'action', width: 18 }, { header: L('Đối tượng', 'Entity'), key: 'entity', width: 14 },
      { header: 'Id', key: 'entityId', width: 8 }, { header: L('Trước', 'Before'), key: 'before', width: 40 }, { header: L('Sau', 'After'), key: 'after', width: 40 },
    ],
    rows: rows.map((r) => ({ ...r, at: formatMomentVi(r.at, true), action: `${actionText(r.action, L)} (${r.action})` })),
  };
}

/** GET /audit (filters, newest first, 100 a page) and /audit.csv (every entry matching). Read-only: the trail has no edit or delete. */
export function auditHandlers(db: Db) {
  const filters = (req: Request, res: Response) => {
    const r = parseInput(filterSchema, req.query, res.locals.locale);
    if (!r.ok) throw new InputError(r.errors);
    return r.value;
  };
  return {
    async page(req: Request, res: Response) {
      const q = filters(req, res);
      const entries = await auditTrail(db, q, PAGE + 1, (q.page - 1) * PAGE);
      res.render('pages/audit', {
        title: res.locals.L('Nhật ký thao tác', 'Audit trail'), q, entries: entries.slice(0, PAGE).map((e) => ({ ...e, when: formatMomentVi(e.at, true), actionText: actionText(e.action, res.locals.L) })),
        more: entries.length > PAGE, csvQuery: new URLSearchParams(Object.entries(q).filter(([k, v]) => v !== undefined && k !== 'page').map(([k, v]) => [k, String(v)])).toString(),
      });
    },

    async csv(req: Request, res: Response) {
      const q = filters(req, res);
      res.attachment('nhat-ky-thao-tac.csv').type('text/csv; charset=utf-8');
      await writeCsv(res, table(await auditTrail(db, q, 1_000_000), res.locals.L));
    },
  };
}
