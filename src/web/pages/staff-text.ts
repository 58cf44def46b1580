import type { Category, Reason } from '../../domain/staffing.js';
import type { Locale } from '../i18n.js';

const CATEGORY: Record<Category, [string, string]> = {
  can_bo: ['Cán bộ', 'Officials (cán bộ)'],
  cong_chuc: ['Công chức', 'Civil servants'],
  vien_chuc: ['Viên chức', 'Public employees'],
  hop_dong: ['Hợp đồng lao động', 'Contract workers'],
  khong_chuyen_trach: ['Người hoạt động không chuyên trách', 'Part-time workers'],
};

const REASON: Record<Reason, [string, string]> = {
  opening: ['Số đầu kỳ', 'Opening balance'],
  recruitment: ['Tuyển dụng', 'Recruitment'],
  transfer_in: ['Điều động đến', 'Transfer in'],
  transfer_out: ['Điều động đi', 'Transfer out'],
  retirement: ['Nghỉ hưu đúng tuổi', 'Retirement at age'],
  early_retirement: ['Nghỉ hưu trước tuổi (tinh giản)', 'Early retirement (reduction)'],
  outside_budget: ['Chuyển sang đơn vị ngoài ngân sách (tinh giản)', 'Transfer outside the budget (reduction)'],
  resignation: ['Thôi việc (tinh giản)', 'Resignation (reduction)'],
  dismissal: ['Buộc thôi việc', 'Dismissal'],
  other: ['Khác', 'Other'],
};

export function categoryLabel(locale: Locale, c: string): string {
  const l = CATEGORY[c as Category];
  return l ? l[locale === 'en' ? 1 : 0] : c;
}

export function reasonLabel(locale: Locale, r: string): string {
  const l = REASON[r as Reason];
  return l ? l[locale === 'en' ? 1 : 0] : r;
}

export const GOAL_LABEL: Record<string, [string, string]> = {
  reduce_by: ['Giảm N đơn vị/người', 'Reduce by N'],
  reduce_pct: ['Giảm P %', 'Reduce by P %'],
  reach: ['Đạt giá trị V', 'Reach V'],
};

export const STATUS_LABEL: Record<string, [string, string]> = {
  met: ['Đã đạt', 'Met'],
  on_track: ['Đúng tiến độ', 'On track'],
  behind: ['Chậm so với tiến độ', 'Behind schedule'],
  missed: ['Không đạt khi hết hạn', 'Missed at the deadline'],
  no_baseline: ['Chưa có số liệu gốc', 'No baseline'],
};

export const METRIC_LABEL: Record<string, [string, string]> = {
  units: ['Số đơn vị', 'Number of units'],
  headcount: ['Số người có mặt', 'Headcount'],
  quota: ['Biên chế được giao', 'Quota'],
  indicator: ['Chỉ số báo cáo (kết quả khác)', 'Reported indicator (other results)'],
};

/** How a leader was moved (luân chuyển, điều động): the two ways counted among the leaders rotated. */
export const TRANSFER_KIND_LABEL: Record<string, [string, string]> = {
  luan_chuyen: ['Luân chuyển', 'Rotation'],
  dieu_dong: ['Điều động', 'Transfer by order'],
};
