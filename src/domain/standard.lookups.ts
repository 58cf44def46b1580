import type { IsoDate } from './dates.js';
import { MEASURES, type AssessedUnit, type Measure, type MergerRule, type Standard, type StandardKind, type StandardRegion, type Validity } from './standard.types.js';

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

export function measuresOf(rule: MergerRule): Measure[] {
  return MEASURES.filter((m) => rule.clauses.some((c) => c[m] !== undefined));
}

export function ruleCovers(rule: MergerRule, unit: AssessedUnit): boolean {
  return unit.kind === rule.kind && (rule.subtype === null || unit.subtype === rule.subtype) && (rule.region === null || unit.regions.includes(rule.region));
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
/**
 * The rule a date is judged by when none is chosen: the one in force, else the latest that had come
 * into force by then (after a merger programme ends, its rule is still the last word), else the first.
 */
export function ruleForDate(rules: readonly MergerRule[], kind: StandardKind, at: IsoDate): MergerRule | null {
  const ofKind = rules.filter((r) => r.kind === kind);
  const began = ofKind.filter((r) => r.validFrom <= at).sort((a, b) => (b.validTo ?? '9999').localeCompare(a.validTo ?? '9999') || b.validFrom.localeCompare(a.validFrom));
  return ruleInForce(rules, kind, at) ?? began[0] ?? [...ofKind].sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0] ?? null;
}

export function ruleInForce(rules: readonly MergerRule[], kind: StandardKind, at: IsoDate): MergerRule | null {
  return rules.filter((r) => r.kind === kind && inForce(r, at)).sort((a, b) => b.validFrom.localeCompare(a.validFrom) || b.id - a.id)[0] ?? null;
}
