import type { IsoDate } from './dates.js';
import type { UnitId, Version } from './tree.js';

/** A percentage with one decimal, rounded half up as officials round it; null when there was nothing. */
export function percent1(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const tenths = (part * 1000) / whole;
  return Math.sign(tenths) * Math.round(Math.abs(tenths) + 1e-9) / 10;
}

export interface CountRow {
  kind: string;
  subtype: string;
  count: number;
}

/** How many of the units listed are of each kind and subtype. */
export function countRows(list: readonly { kind: string; subtype: string }[]): CountRow[] {
  const counts = new Map<string, Map<string, number>>();
  for (const s of list) {
    const bySubtype = counts.get(s.kind) ?? counts.set(s.kind, new Map()).get(s.kind)!;
    bySubtype.set(s.subtype, (bySubtype.get(s.subtype) ?? 0) + 1);
  }
  return [...counts].flatMap(([kind, m]) => [...m].map(([subtype, count]) => ({ kind, subtype, count })));
}

export interface SummaryRow {
  kind: string;
  subtype: string | null;
  from: number;
  to: number;
  reduced: number;
  reducedPct: number | null;
}

/**
 * Before/after counts for every kind present on either date (subtype null: the kind's total) and
 * every subtype met on either date. Reduced is before − after (negative when units were added).
 */
export function summarize(before: CountRow[], after: CountRow[], kinds: readonly string[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const total = (list: CountRow[], kind: string, subtype?: string) =>
    list.filter((r) => r.kind === kind && (subtype === undefined || r.subtype === subtype)).reduce((a, r) => a + r.count, 0);
  for (const kind of kinds) {
    const subtypes = [...new Set([...before, ...after].filter((r) => r.kind === kind).map((r) => r.subtype))].sort();
    if (subtypes.length === 0) continue;
    rows.push(row(kind, null, total(before, kind), total(after, kind)));
    for (const s of subtypes) rows.push(row(kind, s, total(before, kind, s), total(after, kind, s)));
  }
  return rows;
}

function row(kind: string, subtype: string | null, from: number, to: number): SummaryRow {
  return { kind, subtype, from, to, reduced: from - to, reducedPct: percent1(from - to, from) };
}

/**
 * Units under `rootId` (excluded) on `date`, by kind and subtype, from the versions of every unit
 * ever below it: what countByKindOn asks SQL for one date, for as many dates as a chart needs.
 */
export function countUnderOn(versions: readonly Version[], rootId: UnitId, date: IsoDate): CountRow[] {
  const on = new Map<UnitId, Version>();
  for (const v of versions) if (v.validFrom <= date && (v.validTo === null || date < v.validTo)) on.set(v.unitId, v);
  const under = new Map<UnitId, boolean>([[rootId, true]]);
  const isUnder = (id: UnitId): boolean => {
    let known = under.get(id);
    if (known === undefined) {
      const parent = on.get(id)?.parentId ?? null;
      known = parent !== null && isUnder(parent);
      under.set(id, known);
    }
    return known;
  };
  const counts = new Map<string, CountRow>();
  for (const v of on.values()) {
    if (v.unitId === rootId || !isUnder(v.unitId)) continue;
    const key = `${v.kind}/${v.subtype}`;
    const row = counts.get(key) ?? { kind: v.kind, subtype: v.subtype, count: 0 };
    row.count++;
    counts.set(key, row);
  }
  return [...counts.values()];
}
