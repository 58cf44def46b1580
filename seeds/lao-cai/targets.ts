import type { Trx } from '../../src/db/connection.js';
import { findUnitIdByCode } from '../../src/db/unit.repository.js';
import { PAYROLL } from '../../src/domain/staffing.js';
import { createTargetIn, type TargetInput } from '../../src/services/target.service.js';

const Q39 = 'Nghị quyết 39-NQ/TW (2015), Nghị quyết 56/2017/QH14';
const Q19 = 'Nghị quyết 19-NQ/TW (2017)';
const Q18 = 'Nghị quyết 18-NQ/TW (2017), Nghị quyết 653/2019/UBTVQH14';

/**
 * The targets of the period as they apply to Lào Cai (real resolutions; the staff figures they are
 * measured on are illustrative). The commune and village targets are the demo's own reading of
 * 18-NQ/TW: merge the units found below 50 % of the standards.
 */
function targets(province: number): TargetInput[] {
  const base = { scopeUnitId: province, milestones: [] };
  const psu = { ...base, metric: 'units' as const, kind: 'public_service_unit' };
  const budgetStaff = { ...base, metric: 'headcount' as const, categories: ['vien_chuc' as const] };
  return [
    { ...base, name: 'Tinh giản 10 % biên chế giai đoạn 2015–2021', metric: 'headcount', categories: [...PAYROLL], baselineOn: '2015-12-31', deadlineOn: '2021-12-31', goal: 'reduce_pct', goalValue: 10, legalSource: Q39 },
    { ...psu, name: 'Giảm 10 % đơn vị sự nghiệp công lập đến 2021', baselineOn: '2015-12-31', deadlineOn: '2021-12-31', goal: 'reduce_pct', goalValue: 10, legalSource: Q19 },
    { ...psu, name: 'Giảm thêm 10 % đơn vị sự nghiệp công lập đến 2025', baselineOn: '2021-12-31', deadlineOn: '2025-12-31', goal: 'reduce_pct', goalValue: 10, legalSource: Q19 },
    { ...budgetStaff, name: 'Giảm 10 % viên chức hưởng lương ngân sách đến 2021', baselineOn: '2015-12-31', deadlineOn: '2021-12-31', goal: 'reduce_pct', goalValue: 10, legalSource: Q19 },
    { ...budgetStaff, name: 'Giảm thêm 10 % viên chức hưởng lương ngân sách đến 2025', baselineOn: '2021-12-31', deadlineOn: '2025-12-31', goal: 'reduce_pct', goalValue: 10, legalSource: Q19 },
    { ...base, name: 'Sắp xếp xã chưa đạt 50 % tiêu chuẩn (minh hoạ)', metric: 'units', kind: 'commune', baselineOn: '2018-12-31', deadlineOn: '2021-12-31', goal: 'reduce_by', goalValue: 12, legalSource: Q18 },
    { ...base, name: 'Sáp nhập thôn, tổ dân phố chưa đạt 50 % tiêu chuẩn (minh hoạ)', metric: 'units', kind: 'village', baselineOn: '2017-12-31', deadlineOn: '2021-12-31', goal: 'reduce_by', goalValue: 647, legalSource: 'Nghị quyết 18-NQ/TW (2017), Thông tư 14/2018/TT-BNV' },
  ];
}

export async function seedTargets(trx: Trx): Promise<number> {
  const province = (await findUnitIdByCode(trx, '10', '2015-12-31'))!;
  for (const t of targets(province)) await createTargetIn(trx, t);
  return targets(province).length;
}
