import type { PlanStatus } from '../domain/plan.js';
import type { SummaryRow } from '../domain/summary.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { listPlans, type PlanRecord } from '../db/plan.repository.js';
import { findLatestVersions } from '../db/unit.repository.js';
import { toBeCounts } from './plan-compare.service.js';
import { planDetail, type PlanDetail } from './plan.service.js';

/** A plan's scope as the plan pages name it: the unit's latest name and code. */
export interface ScopeUnit {
  id: UnitId;
  code: string | null;
  name: string | null;
}

export type PlanListed = PlanRecord & { proposals: number; scope: ScopeUnit };

export interface PlanOverview extends PlanDetail {
  scope: ScopeUnit;
  /** Per kind and subtype, the as-is (base date) before and the to-be tree after, as the plan compare page counts them. */
  counts: SummaryRow[];
}

async function scopesOf(db: Db, ids: UnitId[]): Promise<(id: UnitId) => ScopeUnit> {
  const names = await findLatestVersions(db, ids);
  return (id) => ({ id, code: names.get(id)?.code ?? null, name: names.get(id)?.name ?? null });
}

/** Every plan (newest first), or those of one status, with its scope unit and number of proposals. */
export async function plansWithScopes(db: Db, status?: PlanStatus): Promise<PlanListed[]> {
  const plans = await listPlans(db, status);
  const scope = await scopesOf(db, plans.map((p) => p.scopeUnitId));
  return plans.map((p) => ({ ...p, scope: scope(p.scopeUnitId) }));
}

/** A plan evaluated on its base date (proposals, refusals, history) with its scope unit and its counts before → after. */
export async function planOverview(db: Db, id: number): Promise<PlanOverview> {
  const d = await planDetail(db, id);
  const scope = await scopesOf(db, [d.plan.scopeUnitId]);
  return { ...d, scope: scope(d.plan.scopeUnitId), counts: toBeCounts(d.toBe) };
}
