import { compareSnapshots, snapshotOf, type Classified } from '../domain/compare.js';
import { KINDS } from '../domain/kinds.js';
import { REDUCTION_REASONS, headcountOn, sumOf, type Reason } from '../domain/staffing.js';
import type { Evaluation, MergerRule } from '../domain/standard.types.js';
import { countRows, summarize, type SummaryRow } from '../domain/summary.js';
import type { UnitId, Version } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { findMovements } from '../db/staffing.repository.js';
import type { ProposalRecord } from '../db/plan.repository.js';
import { planDetail, type PlanDetail } from './plan.service.js';
import type { ToBe } from './plan-evaluation.js';
import { evaluateVersions } from './standard-evaluation.service.js';

export interface BelowStandard {
  rule: MergerRule;
  /** Units of the rule's kind still below it after the plan, with their evaluation. */
  units: { unit: Version; evaluation: Evaluation }[];
  /** How many were below on the base date (the as-is tree). */
  before: number;
}

export interface StaffEffect {
  /** Staff of the units the plan ends who go to a successor (merge, consolidation, split, dissolution with a receiving unit). */
  moved: number;
  /** Staff who leave under a reduction reason (a dissolution with early retirement, resignation…). */
  reduced: number;
  /** Staff who leave for another reason (retirement at age, transfer out…). */
  left: number;
}

export interface PlanSummary extends PlanDetail {
  counts: SummaryRow[];
  units: Classified[];
  staff: StaffEffect;
  below: BelowStandard[];
  /** Every commune and village of the to-be tree measured against the standard in force (the print view's last column). */
  assessed: Map<UnitId, Evaluation>;
}

/** A plan against the as-is tree of its base date: counts, every unit classified with its lineage, staff, standards. */
export async function planSummary(db: Db, planId: number): Promise<PlanSummary> {
  const d = await planDetail(db, planId);
  const t = d.toBe;
  const inScope = (list: Version[]) => list.filter((v) => v.unitId !== t.scopeId);
  return {
    ...d,
    counts: toBeCounts(t),
    units: compareSnapshots(inScope(t.before).map(snapshotOf), inScope(t.after).map(snapshotOf), t.pairs),
    staff: await staffEffect(db, t, d.proposals),
    ...(await belowStandard(db, t)),
  };
}

/** Units of each kind and subtype below the scope, on the base date and in the to-be tree (the scope itself not counted). */
export function toBeCounts(t: ToBe): SummaryRow[] {
  const inScope = (list: Version[]) => list.filter((v) => v.unitId !== t.scopeId);
  return summarize(countRows(inScope(t.before)), countRows(inScope(t.after)), KINDS);
}

/** Headcounts on the base date of the recorded units the plan ends, and where each proposal sends them. */
async function staffEffect(db: Db, t: ToBe, proposals: ProposalRecord[]): Promise<StaffEffect> {
  const ended = t.results.flatMap((r) => r.outcome?.ended.filter((id) => id > 0) ?? []);
  const movements = await findMovements(db, ended, t.base);
  const count = (id: UnitId) => sumOf(headcountOn(movements.filter((m) => m.unitId === id), t.base));
  const out: StaffEffect = { moved: 0, reduced: 0, left: 0 };
  for (const [i, r] of t.results.entries()) {
    if (!r.outcome) continue;
    const staff = (proposals[i].request as { staff?: { reason?: Reason; to?: unknown } }).staff;
    for (const id of r.outcome.ended.filter((u) => u > 0)) {
      const n = count(id);
      if (proposals[i].request.type !== 'dissolve' || staff?.to) out.moved += n;
      else if (staff?.reason && REDUCTION_REASONS.includes(staff.reason)) out.reduced += n;
      else out.left += n;
    }
  }
  return out;
}

/** Communes and villages below the standard in force, after the plan (and how many before), by the standards' own evaluation. */
async function belowStandard(db: Db, t: ToBe): Promise<{ below: BelowStandard[]; assessed: Map<UnitId, Evaluation> }> {
  const out: BelowStandard[] = [];
  const assessed = new Map<UnitId, Evaluation>();
  for (const kind of ['commune', 'village'] as const) {
    const after = await evaluateVersions(db, t.after, t.date, undefined, kind);
    if (!after.rule) continue;
    for (const [id, e] of after.evaluations) assessed.set(id, e);
    const before = await evaluateVersions(db, t.before, t.base, after.rule.key, kind);
    const byId = new Map(t.after.map((v) => [v.unitId, v]));
    out.push({
      rule: after.rule,
      units: [...after.evaluations.values()].filter((e) => e.below).map((e) => ({ unit: byId.get(e.unitId)!, evaluation: e })),
      before: [...before.evaluations.values()].filter((e) => e.below).length,
    });
  }
  return { below: out, assessed };
}
