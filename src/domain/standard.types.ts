import type { IsoDate } from './dates.js';

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

export interface Validity {
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

export type StandardInput = Omit<Standard, 'id'>;
export type RuleInput = Omit<MergerRule, 'id'>;
