import type { IsoDate } from './dates.js';
import { DomainError } from './errors.js';

/**
 * The legal standards a commune or village should meet, the rules saying which units below them
 * must be merged, and the pure evaluation of a unit against both. Ratios are in percent of the
 * standard; a rule's thresholds are strict ("below 50 %": exactly 50 % is not below).
 */
export const MEASURES = ['area', 'population', 'households'] as const;
export type Measure = (typeof MEASURES)[number];

/** Regions a unit can be given (inherited by every unit below it). */
export const REGIONS = ['mountainous', 'northern_midlands_mountains', 'border'] as const;
export type Region = (typeof REGIONS)[number];
/** Regions a standard can apply to: the settable ones, and `other` = not mountainous. */
export const STANDARD_REGIONS = ['mountainous', 'other', 'northern_midlands_mountains', 'border'] as const;
export type StandardRegion = (typeof STANDARD_REGIONS)[number];
/** The kinds that have standards. */
export const STANDARD_KINDS = ['commune', 'village'] as const;
export type StandardKind = (typeof STANDARD_KINDS)[number];

interface Validity {
  validFrom: IsoDate;
  /** Exclusive, like versions: in force on validFrom <= D < validTo. */
  validTo: IsoDate | null;
}

export interface Standard extends Validity {
  id: number;
  kind: StandardKind;
  subtype: string;
  region: StandardRegion;
  areaKm2: number | null;
  population: number | null;
  households: number | null;
  source: string;
  note: string | null;
}

/** A unit is below under a rule when every condition of at least one clause holds. */
export type Clause = Partial<Record<Measure, number>>;

export interface MergerRule extends Validity {
  id: number;
  key: string;
  name: string;
  kind: StandardKind;
  /** When set, only units of this subtype / in this region are assessed. */
  subtype: string | null;
  region: Region | null;
  clauses: Clause[];
  source: string;
  note: string | null;
}

export interface AssessedUnit {
  id: number;
  kind: string;
  subtype: string;
  regions: readonly string[];
  areaKm2: number | null;
  population: number | null;
  households: number | null;
}

export interface Condition {
  measure: Measure;
  ratio: number;
  threshold: number;
}

/** One clause of the rule that holds, with its conditions (ratio < threshold each). */
export interface Reason {
  clause: number;
  conditions: Condition[];
}

export type Unassessed = 'not_covered' | 'no_standard' | 'no_figures';

export interface Evaluation {
  unitId: number;
  standard: Standard | null;
  ratios: Partial<Record<Measure, number>>;
  below: boolean;
  reasons: Reason[];
  /** Why the unit could not be measured under the rule (null when it was). */
  unassessed: Unassessed | null;
}

export function inForce(item: Validity, at: IsoDate): boolean {
  return item.validFrom <= at && (item.validTo === null || at < item.validTo);
}

function regionMatches(region: StandardRegion, regions: readonly string[]): boolean {
  return region === 'other' ? !regions.includes('mountainous') : regions.includes(region);
}

const SPECIFICITY: Record<StandardRegion, number> = { border: 3, northern_midlands_mountains: 2, mountainous: 2, other: 1 };

/**
 * The standard a unit is measured against on `at`: among those in force for its kind, subtype and
 * regions, the most specific region (a border commune's village gets the border standard), then
 * the most recent.
 */
export function standardFor(unit: AssessedUnit, standards: readonly Standard[], at: IsoDate): Standard | null {
  let best: Standard | null = null;
  for (const s of standards) {
    if (s.kind !== unit.kind || s.subtype !== unit.subtype || !inForce(s, at) || !regionMatches(s.region, unit.regions)) continue;
    if (!best || SPECIFICITY[s.region] > SPECIFICITY[best.region] || (SPECIFICITY[s.region] === SPECIFICITY[best.region] && (s.validFrom > best.validFrom || (s.validFrom === best.validFrom && s.id > best.id)))) best = s;
  }
  return best;
}

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

export function measuresOf(rule: MergerRule): Measure[] {
  return MEASURES.filter((m) => rule.clauses.some((c) => c[m] !== undefined));
}

export function ruleCovers(rule: MergerRule, unit: AssessedUnit): boolean {
  return unit.kind === rule.kind && (rule.subtype === null || unit.subtype === rule.subtype) && (rule.region === null || unit.regions.includes(rule.region));
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

/** The merger candidates among `units`: below the rule, the furthest below first. */
export function findCandidates(units: readonly AssessedUnit[], standards: readonly Standard[], rule: MergerRule, at: IsoDate): Evaluation[] {
  return units.map((u) => evaluateUnit(u, standards, rule, at)).filter((e) => e.below).sort((a, b) => shortfall(a) - shortfall(b) || a.unitId - b.unitId);
}

/** The largest of the ratios a rule looks at: a unit is only as strong as its best measure. */
export function shortfall(e: Evaluation): number {
  const values = Object.values(e.ratios);
  return values.length ? Math.max(...values) : 0;
}

/**
 * Regions are set on any unit and hold for everything below it: a unit's regions are the union of
 * those set on it and on its ancestors (`parentOf` walks up the tree on the date in view).
 */
export function regionsOf(unitId: number, parentOf: (id: number) => number | null | undefined, settings: ReadonlyMap<number, readonly string[]>): string[] {
  const out = new Set<string>();
  const seen = new Set<number>();
  for (let id: number | null | undefined = unitId; id !== null && id !== undefined && !seen.has(id); id = parentOf(id)) {
    seen.add(id);
    for (const r of settings.get(id) ?? []) out.add(r);
  }
  return [...out];
}

/** The rule in force on `at` for a kind, the most recent first; null when none is. */
export function ruleInForce(rules: readonly MergerRule[], kind: StandardKind, at: IsoDate): MergerRule | null {
  return rules.filter((r) => r.kind === kind && inForce(r, at)).sort((a, b) => b.validFrom.localeCompare(a.validFrom) || b.id - a.id)[0] ?? null;
}

export type StandardInput = Omit<Standard, 'id'>;

/**
 * The rules a standard must keep whoever writes it: its dates in order, and the figures its kind
 * is measured by (area and population for a commune, households for a village). Throws with the
 * field to blame.
 */
export function checkStandard(s: StandardInput, isSubtype: (kind: string, subtype: string) => boolean): void {
  if (!isSubtype(s.kind, s.subtype)) throw new DomainError('INVALID_SUBTYPE', { kind: s.kind, subtype: s.subtype }, 'subtype');
  if (s.validTo !== null && s.validTo <= s.validFrom) throw new DomainError('STANDARD_DATES', {}, 'validTo');
  const needed: (keyof StandardInput)[] = s.kind === 'village' ? ['households'] : ['areaKm2', 'population'];
  for (const f of needed) if (s[f] === null || (s[f] as number) <= 0) throw new DomainError('STANDARD_FIGURE_REQUIRED', {}, f);
}

export type RuleInput = Omit<MergerRule, 'id'>;

const KIND_MEASURES: Record<StandardKind, readonly Measure[]> = { commune: ['area', 'population'], village: ['households'] };

/** A rule needs at least one clause, each with at least one threshold above 0, on measures its kind has. */
export function checkRule(r: RuleInput, isSubtype: (kind: string, subtype: string) => boolean): void {
  if (r.subtype !== null && !isSubtype(r.kind, r.subtype)) throw new DomainError('STANDARD_SUBTYPE', {}, 'subtype');
  if (r.validTo !== null && r.validTo <= r.validFrom) throw new DomainError('STANDARD_DATES', {}, 'validTo');
  const ok = r.clauses.length > 0 && r.clauses.every((c) => {
    const entries = Object.entries(c);
    return entries.length > 0 && entries.every(([m, t]) => KIND_MEASURES[r.kind].includes(m as Measure) && typeof t === 'number' && t > 0);
  });
  if (!ok) throw new DomainError('RULE_CLAUSES', {}, 'clauses');
}
