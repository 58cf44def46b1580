import type { IsoDate } from './dates.js';
import { evaluateUnit } from './standard.evaluation.js';
import type { AssessedUnit, Evaluation, MergerRule, Standard } from './standard.types.js';

/** The merger candidates among `units`: below the rule, the furthest below first. */
export function findCandidates(units: readonly AssessedUnit[], standards: readonly Standard[], rule: MergerRule, at: IsoDate): Evaluation[] {
  return units.map((u) => evaluateUnit(u, standards, rule, at)).filter((e) => e.below).sort((a, b) => shortfall(a) - shortfall(b) || a.unitId - b.unitId);
}

/** The largest of the ratios a rule looks at: a unit is only as strong as its best measure. */
export function shortfall(e: Evaluation): number {
  const values = Object.values(e.ratios);
  return values.length ? Math.max(...values) : 0;
}
