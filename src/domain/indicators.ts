import type { IsoDate } from './dates.js';

/**
 * Reported indicators: figures the tree cannot count (legal documents issued, leaders rotated,
 * procedure time cut, savings), reported on a date with their source. A figure reported by level
 * is the sum of its levels' values on that date.
 */
export const LEVELS = ['province', 'district', 'commune'] as const;
export type Level = (typeof LEVELS)[number];

/** What else counts an indicator besides the reports: the leaders' rotations in the staff movements. */
export const COUNTED_FROM = ['leader_rotations'] as const;
export type CountedFrom = (typeof COUNTED_FROM)[number];

export interface IndicatorValue {
  on: IsoDate;
  level: Level | null;
  value: number;
  since: IsoDate | null;
  source: string;
  note: string | null;
  illustrative: boolean;
}

/** One reported date: the figure (levels summed), each level's share, and where it came from. */
export interface ReportedPoint {
  on: IsoDate;
  total: number;
  byLevel: Partial<Record<Level, number>>;
  since: IsoDate | null;
  sources: string[];
  notes: string[];
  /** True when any value of the date is illustrative: the point is then shown as such. */
  illustrative: boolean;
}

/**
 * The values grouped by date, in date order. Values are given in the order they were recorded: a
 * later value of the same date and level replaces the earlier one (that is how a wrong figure is
 * corrected; both stay recorded, and the audit trail says who changed it).
 */
export function reportedPoints(values: readonly IndicatorValue[]): ReportedPoint[] {
  const latest = new Map<string, IndicatorValue>();
  for (const v of values) latest.set(`${v.on}|${v.level ?? ''}`, v);
  const byDate = new Map<IsoDate, ReportedPoint>();
  for (const v of latest.values()) {
    const p = byDate.get(v.on) ?? { on: v.on, total: 0, byLevel: {}, since: null, sources: [], notes: [], illustrative: false };
    p.total = round(p.total + v.value);
    if (v.level) p.byLevel[v.level] = round((p.byLevel[v.level] ?? 0) + v.value);
    if (v.since && (!p.since || v.since < p.since)) p.since = v.since;
    if (!p.sources.includes(v.source)) p.sources.push(v.source);
    if (v.note && !p.notes.includes(v.note)) p.notes.push(v.note);
    p.illustrative ||= v.illustrative;
    byDate.set(v.on, p);
  }
  return [...byDate.values()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/** Sums of decimals (0,1 + 0,2) rounded back to what was typed: at most six decimals. */
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The latest point reported on or before `on`, if any. */
export function pointOn(points: readonly ReportedPoint[], on: IsoDate): ReportedPoint | null {
  let found: ReportedPoint | null = null;
  for (const p of points) if (p.on <= on) found = p;
  return found;
}

/** The figure on each date, as the last report before it says; 0 before the first report (nothing reported yet). */
export function valuesOn(points: readonly ReportedPoint[], dates: readonly IsoDate[]): number[] {
  return dates.map((d) => pointOn(points, d)?.total ?? 0);
}
