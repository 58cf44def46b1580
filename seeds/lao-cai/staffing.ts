import type { Trx } from '../../src/db/connection.js';
import { findMovements } from '../../src/db/staffing.repository.js';
import { findHistories, findSubtreeOn, findUnitIdByCode } from '../../src/db/unit.repository.js';
import type { IsoDate } from '../../src/domain/dates.js';
import { headcountOn, REDUCTION_REASONS, type Category, type Reason } from '../../src/domain/staffing.js';
import type { ChangeRequest } from '../../src/services/change-request.js';
import { recordChangeIn } from '../../src/services/change.service.js';
import { recordMovementsIn, recordQuotasIn, type MovementInput, type QuotaInput } from '../../src/services/staffing.service.js';
import { OPENING, type PlannedChange, type RefTo } from './plan.js';
import { rng, intBetween } from './random.js';

/**
 * Illustrative staffing (minh hoạ; no public per-unit list exists): opening headcounts and quotas
 * on 01/01/2015 per commune, agency and public service unit, then yearly recruitment, retirement
 * and reductions shaped so that 39-NQ/TW's −10 % is met in 2021 and 19-NQ/TW's second −10 % is
 * under way in 2024. Same numbers on every load.
 */
const SOURCE = 'Số liệu biên chế minh hoạ';
const NOW = '2024-12-01T00:00:00.000Z';

/** Per kind: [category, base, spread] of the opening headcount. */
const OPENING_STAFF: Record<string, [Category, number, number][]> = {
  commune: [['can_bo', 10, 3], ['cong_chuc', 9, 3], ['khong_chuyen_trach', 12, 6]],
  agency: [['cong_chuc', 6, 8], ['hop_dong', 1, 2]],
  public_service_unit: [['vien_chuc', 16, 20], ['hop_dong', 2, 3]],
};

/** Per year, as a share of the category's opening total: who came and who left, and on which day. */
const FLOWS: [Reason, string, number][] = [
  ['outside_budget', '03-31', 0.005], ['dismissal', '04-30', 0.0005], ['retirement', '05-31', 0.015],
  ['early_retirement', '06-30', 0.007], ['recruitment', '08-01', 0.016], ['resignation', '08-15', 0.005],
];
const EXTRA_OUTSIDE_BUDGET_VIEN_CHUC = 0.002; // autonomous service units leave the budget payroll
/** Reductions came in waves (the 2018 resolutions, the 2023 decree): a factor per year from 2015. */
const WAVE = [0.8, 0.9, 1.1, 1.4, 1.2, 1.0, 0.8, 0.9, 1.3, 0.7];

/** The demo's plan, recorded like runPlan, with the opening staff loaded once the opening inventory stands. */
export async function runPlanWithStaff(trx: Trx, plan: PlannedChange[]): Promise<number> {
  const ids = new Map<string, number>();
  const ref: RefTo = (key) => ({ id: ids.get(key)! });
  const ordered = plan.map((p, i) => [p, i] as const).sort((a, b) => (a[0].date === b[0].date ? a[1] - b[1] : a[0].date < b[0].date ? -1 : 1));
  let staffed = false;
  for (const [p] of ordered) {
    if (!staffed && p.date > OPENING) staffed = await loadOpeningStaff(trx);
    const { outcome } = await recordChangeIn(trx, withStaffFate({ recordedBy: 'demo', ...p.build(ref) }), NOW);
    (p.creates ?? []).forEach((key, i) => ids.set(key, outcome.created[i]));
  }
  await loadYearlyMovements(trx);
  return ordered.length;
}

/** The demo's one dissolution (Chi cục Quản lý thị trường, 2018) sent its staff to the ministry: transferred out. */
function withStaffFate(req: ChangeRequest): ChangeRequest {
  return req.type === 'dissolve' ? ({ ...req, staff: { reason: 'transfer_out' } } as ChangeRequest) : req;
}

async function provinceId(trx: Trx): Promise<number> {
  return (await findUnitIdByCode(trx, '10', OPENING))!;
}

async function loadOpeningStaff(trx: Trx): Promise<true> {
  const units = (await findSubtreeOn(trx, OPENING, await provinceId(trx), 6)).sort((a, b) => a.unitId - b.unitId);
  const r = rng(1959);
  const moves: MovementInput[] = [];
  const quotas: QuotaInput[] = [];
  for (const u of units) {
    for (const [category, base, spread] of OPENING_STAFF[u.kind] ?? []) {
      const count = base + intBetween(r, 0, spread);
      moves.push({ unitId: u.unitId, category, on: OPENING, count, reason: 'opening', decision: SOURCE });
      quotas.push({ unitId: u.unitId, category, on: OPENING, quota: count + intBetween(r, 0, 2), decision: SOURCE });
    }
  }
  await recordMovementsIn(trx, moves, NOW);
  await recordQuotasIn(trx, quotas, NOW);
  return true;
}

/** Yearly flows, spread one to three people at a time over units alive then and still alive at the end of 2024. */
async function loadYearlyMovements(trx: Trx): Promise<void> {
  const root = await provinceId(trx);
  const lasting = (await findSubtreeOn(trx, '2024-12-31', root, 6)).map((v) => v.unitId);
  // A unit alive at the end of 2024 has been alive every day since its first version began.
  const born = new Map<number, IsoDate>();
  for (const v of await findHistories(trx, lasting)) if (!born.has(v.unitId) || v.validFrom < born.get(v.unitId)!) born.set(v.unitId, v.validFrom);
  const sortedLasting = [...born.keys()].sort((a, b) => a - b);
  const all = await findMovements(trx, null);
  const count = new Map<string, number>();
  let seen = 0;
  // Counts as they stand on each date: the opening and the transfers of the merges recorded so far.
  const catchUp = (on: IsoDate) => {
    for (; seen < all.length && all[seen].on <= on; seen++) {
      const m = all[seen];
      count.set(`${m.unitId}/${m.category}`, (count.get(`${m.unitId}/${m.category}`) ?? 0) + m.delta);
    }
  };
  const opening = headcountOn(all, OPENING);
  const r = rng(2017);
  const moves: MovementInput[] = [];
  for (let year = 2015; year <= 2024; year++) {
    for (const [reason, day, share] of FLOWS) {
      const on: IsoDate = `${year}-${day}`;
      catchUp(on);
      const alive = sortedLasting.filter((id) => born.get(id)! <= on);
      for (const category of Object.keys(opening) as Category[]) {
        const extra = reason === 'outside_budget' && category === 'vien_chuc' ? EXTRA_OUTSIDE_BUDGET_VIEN_CHUC : 0;
        const wave = REDUCTION_REASONS.includes(reason) ? WAVE[year - 2015] : 1;
        let left = Math.round((opening[category] ?? 0) * (share + extra) * wave);
        const staffed = alive.filter((id) => (count.get(`${id}/${category}`) ?? 0) > 0);
        let i = intBetween(r, 0, Math.max(0, staffed.length - 1));
        for (let guard = 0; left > 0 && staffed.length > 0 && guard < staffed.length * 3; guard++, i++) {
          const id = staffed[i % staffed.length];
          const key = `${id}/${category}`;
          const n = Math.min(left, intBetween(r, 1, 3));
          if (reason !== 'recruitment' && (count.get(key) ?? 0) - n < 4) continue;
          count.set(key, (count.get(key) ?? 0) + (reason === 'recruitment' ? n : -n));
          moves.push({ unitId: id, category, on, count: n, reason, decision: SOURCE });
          left -= n;
        }
      }
    }
  }
  await recordMovementsIn(trx, moves, NOW);
  await cutQuotas(trx, sortedLasting, born);
}

/** Quota decisions of 2017 and 2022 bring each unit's quota down to its headcount, plus at most two. */
async function cutQuotas(trx: Trx, units: number[], born: Map<number, IsoDate>): Promise<void> {
  const all = await findMovements(trx, units);
  const byUnit = new Map<number, typeof all>();
  for (const m of all) byUnit.set(m.unitId, [...(byUnit.get(m.unitId) ?? []), m]);
  const r = rng(2022);
  const quotas: QuotaInput[] = [];
  for (const on of ['2017-01-01', '2022-01-01']) {
    for (const id of units.filter((u) => born.get(u)! <= on)) {
      const count = headcountOn(byUnit.get(id) ?? [], on);
      for (const [category, n] of Object.entries(count)) {
        if (n > 0) quotas.push({ unitId: id, category: category as Category, on, quota: n + intBetween(r, 0, 2), decision: `${SOURCE} ${on.slice(0, 4)}` });
      }
    }
  }
  await recordQuotasIn(trx, quotas, NOW);
}
