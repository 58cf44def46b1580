import { dayBefore, type IsoDate } from '../../domain/dates.js';
import { REDUCTION_REASONS } from '../../domain/staffing.js';
import type { SummaryRow } from '../../domain/summary.js';
import type { Db } from '../../db/connection.js';
import { countByKindOn, findLatestVersions, findSubtreeOn, findVersionOn } from '../../db/unit.repository.js';
import { reductionsByYear } from '../../services/staffing.service.js';
import { targetSeries, targetsWithProgress, type CountCache } from '../../services/target.service.js';
import { reasonLabel } from './staff-text.js';
import { describeProgress } from './target-words.js';

/** What Chart.js needs, nothing more: views/assets/charts.js turns it into a chart. */
export interface ChartSpec {
  id: string;
  type: 'line' | 'bar';
  stacked?: boolean;
  labels: string[];
  datasets: { label: string; data: (number | null)[]; kind: 'actual' | 'path' | 'milestone' | 'series' }[];
  deadlineIndex?: number;
}

type Helpers = { L: (vi: string, en: string) => string; num: (n: number | null | undefined) => string; date: (d: string) => string; kinds: (k: string) => string; locale: 'vi' | 'en' };

export const HEADLINE_KINDS = ['agency', 'public_service_unit', 'commune', 'village'];

/** One chart and its table per target: the actual value each quarter against the straight path to the goal. */
export async function targetCharts(db: Db, at: IsoDate, h: Helpers) {
  const cache: CountCache = new Map();
  const list = await targetsWithProgress(db, at, false, cache);
  return Promise.all(list.map(async (tp, i) => {
    const s = await targetSeries(db, tp, at, cache);
    const chart: ChartSpec = {
      id: `target-${tp.target.id}`, type: 'line', labels: s.dates.map(h.date), deadlineIndex: s.dates.indexOf(tp.target.deadlineOn),
      datasets: [
        { label: h.L('Thực tế', 'Actual'), data: s.actual, kind: 'actual' },
        { label: h.L('Lộ trình đến mục tiêu', 'Path to the goal'), data: s.path, kind: 'path' },
      ],
    };
    // Each milestone sits on the first point of the series on or after its date.
    const milestones = (tp.target.milestones ?? []).map((m) => ({ ...m, index: s.dates.findIndex((d) => d >= m.on) })).filter((m) => m.index >= 0);
    if (milestones.length) {
      const data: (number | null)[] = s.dates.map(() => null);
      for (const m of milestones) data[m.index] = m.value;
      chart.datasets.push({ label: h.L('Mốc', 'Milestones'), data, kind: 'milestone' });
    }
    // The table beside the chart: year ends, the deadline and the date in view (the chart has every quarter).
    const keep = (d: IsoDate) => d.endsWith('-12-31') || d === tp.target.baselineOn || d === tp.target.deadlineOn || d === at;
    const rows = s.dates.map((d, j) => ({ on: d, actual: s.actual[j], path: s.path[j] })).filter((r) => keep(r.on) && (r.actual !== null || r.path !== null));
    return { index: i, ...tp, words: describeProgress(h, tp), chart, rows, milestones };
  }));
}

/**
 * Units reduced between the two dates under each district (by kind), as the province counts them:
 * the districts of the units that held the province's scope on the first date (its predecessors, for
 * a province formed in 2025), each counted until the day before it ended (its units went on elsewhere).
 */
export async function districtReductions(db: Db, heads: number[], from: IsoDate, to: IsoDate, h: Helpers) {
  const districts = (await Promise.all(heads.map((p) => findSubtreeOn(db, from, p, 1)))).flat().filter((v) => v.kind === 'district');
  const ends = await findLatestVersions(db, districts.map((d) => d.unitId));
  const rows = await Promise.all(districts.map(async (d) => {
    const ended = ends.get(d.unitId)?.validTo ?? null;
    const until = ended !== null && ended <= to ? dayBefore(ended) : to;
    const [a, b, named] = await Promise.all([countByKindOn(db, from, d.unitId), countByKindOn(db, until, d.unitId), findVersionOn(db, d.unitId, until)]);
    const n = (list: typeof a, k: string) => list.filter((r) => r.kind === k).reduce((s, r) => s + r.count, 0);
    const byKind = HEADLINE_KINDS.map((k) => n(a, k) - n(b, k));
    // Named as it was at the end of the period shown (thị xã Sa Pa, not the huyện of 2015).
    return { unitId: d.unitId, name: named?.name ?? d.name, byKind, total: byKind.reduce((s, x) => s + x, 0) };
  }));
  rows.sort((x, y) => y.total - x.total);
  const chart: ChartSpec = {
    id: 'district-reductions', type: 'bar', stacked: true, labels: rows.map((r) => r.name),
    datasets: HEADLINE_KINDS.map((k, i) => ({ label: h.kinds(k), data: rows.map((r) => r.byKind[i]), kind: 'series' as const })),
  };
  return { rows, chart, kinds: HEADLINE_KINDS.map((k) => h.kinds(k)) };
}

/** Staff reductions (tinh giản) per year, stacked by reason. */
export async function staffReductionChart(db: Db, roots: number[], from: IsoDate, to: IsoDate, h: Helpers) {
  const years = await reductionsByYear(db, roots, from, to);
  const reasons = REDUCTION_REASONS.map((r) => ({ key: r, label: reasonLabel(h.locale, r) }));
  const rows = years.map((y) => ({ year: y.year, counts: reasons.map((r) => y.byReason[r.key] ?? 0) })).map((r) => ({ ...r, total: r.counts.reduce((a, b) => a + b, 0) }));
  const chart: ChartSpec = {
    id: 'staff-reductions', type: 'bar', stacked: true, labels: rows.map((r) => r.year),
    datasets: reasons.map((r, i) => ({ label: r.label, data: rows.map((x) => x.counts[i]), kind: 'series' as const })),
  };
  return { rows, reasons, chart, total: rows.reduce((a, r) => a + r.total, 0) };
}

/** The four headline figures: units of each kind reduced since the baseline. */
export function headlines(rows: SummaryRow[]) {
  return HEADLINE_KINDS.map((k) => rows.find((r) => r.kind === k && r.subtype === null)).filter((r): r is SummaryRow => r !== undefined);
}
