import type { Trx } from '../../src/db/connection.js';
import { findHistories, findSubtreeOn, findUnitIdByCode } from '../../src/db/unit.repository.js';
import type { IsoDate } from '../../src/domain/dates.js';
import type { Level } from '../../src/domain/indicators.js';
import type { TransferKind } from '../../src/domain/leader-rotations.js';
import { createIndicatorIn, recordIndicatorValuesIn, type IndicatorInput, type IndicatorValueInput } from '../../src/services/indicator.service.js';
import { recordMovementsIn, type MovementInput } from '../../src/services/staffing.service.js';
import { createTargetIn } from '../../src/services/target.service.js';

/** The interview's "other results": real on 02/09/2024; the earlier points are illustrative and flagged. */
export const INTERVIEW = 'Phỏng vấn Chủ tịch UBND tỉnh, Báo Lào Cai, dịp Quốc khánh 02/09/2024';
export const INTERVIEW_ON = '2024-09-02';
/** "Since the start of the term": the interview gives no date; the demo takes the provincial Party congress of October 2020. */
export const TERM_START = '2020-10-01';
const ILLUSTRATIVE = 'Số liệu minh hoạ';
const NOW = '2024-12-01T00:00:00.000Z';

type Point = [on: IsoDate, value: number | Partial<Record<Level, number>>, illustrative: boolean, since: IsoDate | null, note?: string];

const INDICATORS: (Omit<IndicatorInput, 'scopeUnitId'> & { points: Point[] })[] = [
  {
    nameVi: 'Văn bản quy phạm pháp luật ban hành', nameEn: 'Legal normative documents issued', unitVi: 'văn bản', unitEn: 'documents',
    source: INTERVIEW, byLevel: true, countedFrom: null,
    points: [
      ['2021-12-31', { province: 70, district: 28, commune: 7 }, true, TERM_START],
      ['2022-12-31', { province: 150, district: 58, commune: 15 }, true, TERM_START],
      ['2023-12-31', { province: 228, district: 88, commune: 23 }, true, TERM_START],
      [INTERVIEW_ON, { province: 293, district: 114, commune: 30 }, false, TERM_START, 'Từ đầu nhiệm kỳ'],
    ],
  },
  {
    nameVi: 'Cán bộ lãnh đạo được luân chuyển, điều động', nameEn: 'Leaders rotated or transferred', unitVi: 'người', unitEn: 'persons',
    source: INTERVIEW, byLevel: false, countedFrom: 'leader_rotations',
    points: [
      ['2021-12-31', 38, true, TERM_START], ['2022-12-31', 81, true, TERM_START], ['2023-12-31', 124, true, TERM_START],
      [INTERVIEW_ON, 152, false, TERM_START, 'Từ đầu nhiệm kỳ'],
    ],
  },
  {
    nameVi: 'Thời gian giải quyết thủ tục hành chính cắt giảm bình quân', nameEn: 'Average cut in procedure time', unitVi: '%', unitEn: '%',
    source: INTERVIEW, byLevel: false, countedFrom: null,
    points: [['2021-12-31', 12, true, null], ['2022-12-31', 20, true, null], ['2023-12-31', 26, true, null], [INTERVIEW_ON, 30, false, null]],
  },
  {
    nameVi: 'Chi phí tiết kiệm cho người dân, doanh nghiệp', nameEn: 'Savings for citizens and businesses', unitVi: 'tỷ đồng', unitEn: 'billion VND',
    source: INTERVIEW, byLevel: false, countedFrom: null,
    points: [['2023-08-31', 11, true, '2023-01-01', '6 tháng đầu năm 2023'], [INTERVIEW_ON, 15, false, '2024-01-01', '6 tháng đầu năm 2024']],
  },
];

function valuesOf(points: Point[]): IndicatorValueInput[] {
  return points.flatMap(([on, value, illustrative, since, note]): IndicatorValueInput[] => {
    const base = { on, since, note: note ?? null, illustrative, source: illustrative ? ILLUSTRATIVE : INTERVIEW };
    if (typeof value === 'number') return [{ ...base, level: null, value }];
    return (['province', 'district', 'commune'] as const).map((level) => ({ ...base, level, value: value[level] ?? 0 }));
  });
}

export async function seedIndicators(trx: Trx): Promise<number> {
  const province = (await findUnitIdByCode(trx, '10', INTERVIEW_ON))!;
  const ids: number[] = [];
  for (const { points, ...ind } of INDICATORS) {
    const id = await createIndicatorIn(trx, { ...ind, scopeUnitId: province }, NOW);
    await recordIndicatorValuesIn(trx, id, valuesOf(points), 'demo', NOW);
    ids.push(id);
  }
  // An illustrative target on a reported indicator: a 30 % cut in procedure time by the end of 2025.
  await createTargetIn(trx, {
    name: 'Cắt giảm 30 % thời gian giải quyết thủ tục hành chính (minh hoạ)', metric: 'indicator', indicatorId: ids[2], scopeUnitId: province,
    baselineOn: '2020-12-31', deadlineOn: '2025-12-31', goal: 'reach', goalValue: 30, legalSource: 'Mục tiêu minh hoạ', milestones: [],
  });
  return ids.length;
}

/**
 * Illustrative leaders' rotations in the staff records: on each date two pairs of agencies swap a
 * leader (one by luân chuyển, one by điều động), so no unit's headcount changes. Swaps before the
 * term and after the interview are there to be left out of its count.
 */
export const ROTATION_DATES: IsoDate[] = [
  '2020-08-15',
  ...[2021, 2022, 2023, 2024].flatMap((y) => ['02-15', '05-15', '08-15', '11-15'].map((md) => `${y}-${md}`)),
];

export async function seedLeaderRotations(trx: Trx): Promise<number> {
  const province = (await findUnitIdByCode(trx, '10', '2020-01-01'))!;
  const lasting = (await findSubtreeOn(trx, '2024-12-31', province, 2)).filter((v) => v.kind === 'agency').map((v) => v.unitId);
  const born = new Map<number, IsoDate>();
  for (const v of await findHistories(trx, lasting)) if (!born.has(v.unitId) || v.validFrom < born.get(v.unitId)!) born.set(v.unitId, v.validFrom);
  const units = [...born.keys()].sort((a, b) => a - b);
  const moves: MovementInput[] = [];
  const swap = (a: number, b: number, on: IsoDate, kind: TransferKind, n: number) => {
    const common = { category: 'cong_chuc' as const, on, count: 1, leader: true, transferKind: kind, decision: `${n}/QĐ-UBND (minh hoạ)` };
    moves.push({ ...common, unitId: a, reason: 'transfer_out' }, { ...common, unitId: b, reason: 'transfer_in' });
    moves.push({ ...common, unitId: b, reason: 'transfer_out' }, { ...common, unitId: a, reason: 'transfer_in' });
  };
  ROTATION_DATES.forEach((on, i) => {
    const alive = units.filter((u) => born.get(u)! <= on);
    const pick = (k: number) => alive[(i * 7 + k * 13) % alive.length];
    swap(pick(0), pick(1), on, 'luan_chuyen', 100 + i);
    swap(pick(2), pick(3), on, 'dieu_dong', 200 + i);
  });
  await recordMovementsIn(trx, moves, NOW);
  return moves.length;
}
