import type { IsoDate } from './dates.js';
import { measuresOf, ruleCovers, standardFor } from './standard.lookups.js';
import { MEASURES, type AssessedUnit, type Evaluation, type Measure, type MergerRule, type Reason, type Standard, type Unassessed } from './standard.types.js';

/** The figure each measure reads, named alike on the unit and on the standard. */
const FIGURE = { area: 'areaKm2', population: 'population', households: 'households' } as const satisfies Record<Measure, keyof AssessedUnit & keyof Standard>;

/** The unit's figures in percent of the standard, for every measure both have. */
function ratiosOf(unit: AssessedUnit, standard: Standard): Partial<Record<Measure, number>> {
  const out: Partial<Record<Measure, number>> = {};
  for (const m of MEASURES) {
    const value = unit[FIGURE[m]];
    const norm = standard[FIGURE[m]];
    if (value !== null && norm !== null && norm > 0) out[m] = (value * 100) / norm;
  }
  return out;
}

/** A unit's ratios to its standard on `at` and whether the rule puts it below (and by which clauses). */
export function evaluateUnit(unit: AssessedUnit, standards: readonly Standard[], rule: MergerRule, at: IsoDate): Evaluation {
  const result = (standard: Standard | null, ratios: Evaluation['ratios'], unassessed: Unassessed | null, reasons: Reason[] = []): Evaluation =>
    ({ unitId: unit.id, standard, ratios, below: reasons.length > 0, reasons, unassessed });
  if (!ruleCovers(rule, unit)) return result(null, {}, 'not_covered');
  const standard = standardFor(unit, standards, at);
  if (!standard) return result(null, {}, 'no_standard');
  const ratios = ratiosOf(unit, standard);
  if (measuresOf(rule).some((m) => ratios[m] === undefined)) return result(standard, ratios, 'no_figures');
  const reasons: Reason[] = [];
  rule.clauses.forEach((clause, i) => {
    const conditions = MEASURES.filter((m) => clause[m] !== undefined).map((m) => ({ measure: m, ratio: ratios[m]!, threshold: clause[m]! }));
    if (conditions.length && conditions.every((c) => c.ratio < c.threshold)) reasons.push({ clause: i, conditions });
  });
  return result(standard, ratios, null, reasons);
}
