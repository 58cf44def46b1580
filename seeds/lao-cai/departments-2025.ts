import { findMovements } from '../../src/db/staffing.repository.js';
import { findSubtreeOn, findUnitIdByCode } from '../../src/db/unit.repository.js';
import type { IsoDate } from '../../src/domain/dates.js';
import { CATEGORIES, headcountOn } from '../../src/domain/staffing.js';
import type { ChangeRequest, Ref } from '../../src/services/change-request.js';
import { recordChangeIn } from '../../src/services/change.service.js';
import { recordMovementsIn, recordQuotasIn, type MovementInput } from '../../src/services/staffing.service.js';
import type { DecisionBook } from './plan.js';
import { intBetween, rng } from './random.js';
import type { Trx } from '../../src/db/connection.js';

/**
 * Illustrative (minh hoạ), on the real 2025 pattern (Nghị định 45/2025/NĐ-CP, the departments of
 * every province reorganised from 01/03/2025; then the two provinces' departments made one): Lào
 * Cai's departments reorganised on 01/03/2025; Yên Bái's departments as they stood that day; staff
 * leaving under Nghị định 178/2024/NĐ-CP (amended by 67/2025/NĐ-CP) before the merger; on
 * 01/07/2025 each Yên Bái department merged into the new province's department of the same name,
 * its staff following. Same numbers on every load.
 */
const MARCH: IsoDate = '2025-03-01';
const JULY: IsoDate = '2025-07-01';
const RECORDED_AT = '2025-07-01T09:00:00.000Z';
const DEPARTMENTS_2025 = [
  'Văn phòng Ủy ban nhân dân tỉnh', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Tài chính', 'Sở Công Thương', 'Sở Nông nghiệp và Môi trường',
  'Sở Xây dựng', 'Sở Khoa học và Công nghệ', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Giáo dục và Đào tạo', 'Sở Y tế',
  'Sở Dân tộc và Tôn giáo', 'Sở Ngoại vụ', 'Thanh tra tỉnh',
];

async function departmentsOf(trx: Trx, province: string, on: IsoDate): Promise<Map<string, number>> {
  const id = (await findUnitIdByCode(trx, province, on))!;
  return new Map((await findSubtreeOn(trx, on, id, 1)).filter((v) => v.kind === 'agency').map((v) => [v.name, v.unitId]));
}

/** Before the reform: Lào Cai's departments reorganised, Yên Bái's recorded, staff reductions under 178/2024. */
export async function departmentsBeforeReform(trx: Trx, book: DecisionBook): Promise<number> {
  const lc = await departmentsOf(trx, '10', '2025-02-28');
  const d = (name: string): Ref => ({ id: lc.get(name)! });
  const decision = book.issue(MARCH, 'Quyết định sắp xếp các cơ quan chuyên môn thuộc UBND tỉnh theo Nghị định 45/2025/NĐ-CP (minh hoạ)');
  const base = { effectiveOn: MARCH, decision, recordedBy: 'demo' } as const;
  const changes: ChangeRequest[] = [
    { ...base, type: 'merge', absorbed: [d('Sở Kế hoạch và Đầu tư')], into: d('Sở Tài chính') },
    { ...base, type: 'consolidate', units: [d('Sở Tài nguyên và Môi trường'), d('Sở Nông nghiệp và Phát triển nông thôn')], result: { name: 'Sở Nông nghiệp và Môi trường' } },
    { ...base, type: 'merge', absorbed: [d('Sở Thông tin và Truyền thông')], into: d('Sở Khoa học và Công nghệ') },
    { ...base, type: 'merge', absorbed: [d('Sở Lao động – Thương binh và Xã hội')], into: d('Sở Nội vụ') },
    { ...base, type: 'merge', absorbed: [d('Sở Du lịch')], into: d('Sở Văn hóa và Thể thao'), name: 'Sở Văn hóa, Thể thao và Du lịch' },
    { ...base, type: 'rename', unit: d('Sở Giao thông vận tải – Xây dựng'), name: 'Sở Xây dựng' },
    { ...base, type: 'reclassify', unit: d('Ban Dân tộc'), subtype: 'so', name: 'Sở Dân tộc và Tôn giáo' },
  ];
  for (const c of changes) await recordChangeIn(trx, c, RECORDED_AT);

  const yb = book.issue(MARCH, 'Danh sách các cơ quan chuyên môn thuộc UBND tỉnh Yên Bái (minh hoạ)', 'UBND tỉnh Yên Bái');
  const created = await recordChangeIn(trx, {
    effectiveOn: MARCH, decision: yb, recordedBy: 'demo', note: 'Hồ sơ của tỉnh Yên Bái bắt đầu từ ngày 01/03/2025 (minh hoạ).', type: 'establish',
    units: DEPARTMENTS_2025.map((name) => ({ name, kind: 'agency', subtype: name.startsWith('Sở') ? 'so' : name.startsWith('Văn phòng') ? 'van_phong' : 'thanh_tra', parent: { code: '15' } })),
  }, RECORDED_AT);
  const r = rng(2025);
  const opening: MovementInput[] = created.outcome.created.flatMap((unitId) => [
    { unitId, category: 'cong_chuc' as const, on: MARCH, count: 40 + intBetween(r, 0, 40), reason: 'opening' as const, decision: yb.number },
    { unitId, category: 'hop_dong' as const, on: MARCH, count: 2 + intBetween(r, 0, 4), reason: 'opening' as const, decision: yb.number },
  ]);
  await recordMovementsIn(trx, opening, RECORDED_AT);
  await recordQuotasIn(trx, opening.map((m) => ({ unitId: m.unitId, category: m.category, on: MARCH, quota: m.count + 2, decision: yb.number })), RECORDED_AT);

  // Early retirement under Nghị định 178/2024/NĐ-CP, before the merger, in both provinces' departments.
  const units = [...(await departmentsOf(trx, '10', '2025-06-30')).values(), ...(await departmentsOf(trx, '15', '2025-06-30')).values()];
  const counts = await findMovements(trx, units);
  const leaving: MovementInput[] = [];
  for (const unitId of units) {
    const head = headcountOn(counts.filter((m) => m.unitId === unitId), '2025-06-30');
    for (const category of CATEGORIES) {
      const n = Math.min(intBetween(r, 1, 4), Math.max(0, (head[category] ?? 0) - 4));
      if (n > 0 && category !== 'hop_dong') leaving.push({ unitId, category, on: '2025-06-30', count: n, reason: 'early_retirement', decision: '178/2024/NĐ-CP' });
    }
  }
  await recordMovementsIn(trx, leaving, RECORDED_AT);
  return changes.length + 1;
}

/** After the reform: each Yên Bái department merged into the new province's department of the same name. */
export async function departmentsMerged(trx: Trx, book: DecisionBook): Promise<number> {
  const province = (await findUnitIdByCode(trx, '15', JULY))!;
  const byName = new Map<string, number[]>();
  for (const v of await findSubtreeOn(trx, JULY, province, 1)) {
    if (v.kind === 'agency' && DEPARTMENTS_2025.includes(v.name)) byName.set(v.name, [...(byName.get(v.name) ?? []), v.unitId]);
  }
  const decision = book.issue(JULY, 'Quyết định hợp nhất các cơ quan chuyên môn của tỉnh Lào Cai và tỉnh Yên Bái (minh hoạ)');
  let n = 0;
  for (const ids of byName.values()) {
    if (ids.length !== 2) continue;
    const [laoCai, yenBai] = [...ids].sort((a, b) => a - b); // Lào Cai's were recorded first
    await recordChangeIn(trx, { effectiveOn: JULY, decision, recordedBy: 'demo', type: 'merge', absorbed: [{ id: yenBai }], into: { id: laoCai } }, RECORDED_AT);
    n++;
  }
  return n;
}
