import { DomainError } from './errors.js';
import type { Measure, RuleInput, StandardInput, StandardKind } from './standard.types.js';

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
