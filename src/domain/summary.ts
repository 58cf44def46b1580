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
