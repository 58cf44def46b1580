import type { IsoDate } from '../domain/dates.js';
import { ruleCovers, ruleInForce } from '../domain/standard.lookups.js';
import { evaluateUnit } from '../domain/standard.evaluation.js';
import type { AssessedUnit, Evaluation, MergerRule } from '../domain/standard.types.js';
import type { UnitId, Version } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { regionsFor } from './region.service.js';
import { standardsAndRules, type StandardsAndRules } from './standard.service.js';

export function assessed(v: Version, regions: readonly string[]): AssessedUnit {
  return { id: v.unitId, kind: v.kind, subtype: v.subtype, regions, areaKm2: v.areaKm2, population: v.population, households: v.households };
}

/**
 * Evaluates `versions` (the real tree or a plan's to-be tree) on `at` under a rule (by key; the one
 * in force when omitted), against `loaded` when the caller has read the standards and rules already.
 */
export async function evaluateVersions(
  db: Db, versions: readonly Version[], at: IsoDate, ruleKey?: string, kind: 'commune' | 'village' = 'commune', loaded?: StandardsAndRules,
): Promise<{ rule: MergerRule | null; evaluations: Map<UnitId, Evaluation> }> {
  const { standards, rules } = loaded ?? (await standardsAndRules(db));
  const rule = ruleKey ? rules.find((r) => r.key === ruleKey) ?? null : ruleInForce(rules, kind, at);
  const evaluations = new Map<UnitId, Evaluation>();
  if (!rule) return { rule, evaluations };
  const regions = await regionsFor(db, versions, at);
  for (const v of versions) {
    const unit = assessed(v, regions.get(v.unitId) ?? []);
    if (ruleCovers(rule, unit)) evaluations.set(v.unitId, evaluateUnit(unit, standards, rule, at));
  }
  return { rule, evaluations };
}
