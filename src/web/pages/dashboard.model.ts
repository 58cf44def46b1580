import { dayBefore, type IsoDate } from '../../domain/dates.js';
import { REDUCTION_REASONS } from '../../domain/staffing.js';
import type { SummaryRow } from '../../domain/summary.js';
import type { Db } from '../../db/connection.js';
import { countByKindOn, findLatestVersions, findSubtreeOn, findVersionOn } from '../../services/query.service.js';
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
  /** `reported` and `counted`: an indicator's figures (bars), `illustrative` marking the points made up for the demo (drawn faded). */
  datasets: { label: string; data: (number | null)[]; kind: 'actual' | 'path' | 'milestone' | 'series' | 'reported' | 'counted'; illustrative?: boolean[] }[];
  deadlineIndex?: number;
  /** Axis titles with their unit, e.g. 'Số đơn vị giảm (đơn vị)'. */
  xTitle?: string;
  yTitle?: string;
}

type Helpers = { L: (vi: string, en: string) => string; num: (n: number | null | undefined) => string; date: (d: string) => string; kinds: (k: string) => string; locale: 'vi' | 'en' };

export const HEADLINE_KINDS = ['agency', 'public_service_unit', 'commune', 'village'];

/** The y axis of a target's chart: what is counted, with its unit. */
function metricTitle(h: Helpers, t: { metric: string; kind: string | null }): string {
  if (t.metric === 'units') return `${t.kind ? h.kinds(t.kind) : h.L('Đơn vị', 'Units')} (${h.L('đơn vị', 'units')})`;
  if (t.metric === 'quota') return h.L('Biên chế được giao (người)', 'Approved quota (persons)');
  if (t.metric === 'indicator') return h.L('Giá trị chỉ số báo cáo', 'Reported indicator value');
  return h.L('Số người làm việc (người)', 'Headcount (persons)');
}

/** One chart and its table per target: the actual value each quarter against the straight path to the goal. */
export async function targetCharts(db: Db, at: IsoDate, h: Helpers) {
  const cache: CountCache = new Map();
  const list = await targetsWithProgress(db, at, false, cache);
  return Promise.all(list.map(async (tp, i) => {
    const s = await targetSeries(db, tp, at, cache);
    const chart: ChartSpec = {
      id: `target-${tp.target.id}`, type: 'line', labels: s.dates.map(h.date), deadlineIndex: s.dates.indexOf(tp.target.deadlineOn),
      xTitle: h.L('Ngày (cuối mỗi quý)', 'Date (end of each quarter)'), yTitle: metricTitle(h, tp.target),
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

type KindCounts = { kind: string; count: number }[];
const countOf = (list: KindCounts, k: string) => list.filter((r) => r.kind === k).reduce((s, r) => s + r.count, 0);

/**
 * Units reduced between the two dates under each district (by kind), plus the province level (its
 * departments, agencies and service units not under any district), so that the rows add up to the
 * headline cards. Districts are those of the scope on either date; one that ended inside the period
 * is counted until the day before it ended, and what it handed on then is counted at the province
 * level as if it had been there from the start (the 2025 reform ended every district).
 */
export async function districtReductions(db: Db, scope: { before: number[]; after: number[] }, cards: SummaryRow[], from: IsoDate, to: IsoDate, h: Helpers) {
  const districtsOn = async (date: IsoDate, heads: number[]) => (await Promise.all(heads.map((p) => findSubtreeOn(db, date, p, 1)))).flat().filter((v) => v.kind === 'district');
  const [before, after] = await Promise.all([districtsOn(from, scope.before), districtsOn(to, scope.after)]);
  const ids = [...new Set([...before, ...after].map((d) => d.unitId))];
  const ends = await findLatestVersions(db, ids);
  const aliveAtTo = new Set(after.map((d) => d.unitId));
  const handed = HEADLINE_KINDS.map(() => 0);
  const rows = await Promise.all(ids.map(async (id) => {
    const ended = ends.get(id)?.validTo ?? null;
    const until = !aliveAtTo.has(id) && ended !== null && ended <= to ? dayBefore(ended) : to;
    const atFrom = before.some((d) => d.unitId === id);
    const [a, b, first, last] = await Promise.all([atFrom ? countByKindOn(db, from, id) : [], countByKindOn(db, until, id), findVersionOn(db, id, from), findVersionOn(db, id, until)]);
    if (until !== to) HEADLINE_KINDS.forEach((k, i) => { handed[i] += countOf(b, k); });
    const byKind = HEADLINE_KINDS.map((k) => countOf(a, k) - countOf(b, k));
    // Named as it was at the end of the period shown (thị xã Sa Pa, not the huyện of 2015), with its name at the start when it differs.
    const name = last?.name ?? first?.name ?? '';
    return { unitId: id as number | null, name, formerName: first && first.name !== name ? first.name : null, byKind, total: byKind.reduce((s, x) => s + x, 0) };
  }));
  rows.sort((x, y) => y.total - x.total);
  const districtTotal = (i: number) => rows.reduce((s, r) => s + r.byKind[i], 0);
  // The province level is what the cards count that no district row does.
  const card = (k: string) => cards.find((r) => r.kind === k && r.subtype === null);
  const provinceByKind = HEADLINE_KINDS.map((k, i) => (card(k)?.reduced ?? 0) - districtTotal(i));
  const province = { unitId: null, name: h.L('Cấp tỉnh (sở, ban, ngành và đơn vị trực thuộc tỉnh)', 'Province level (departments, agencies and units directly under the province)'), formerName: null, byKind: provinceByKind, total: provinceByKind.reduce((s, x) => s + x, 0) };
  const all = [province, ...rows];
  const totals = HEADLINE_KINDS.map((_, i) => all.reduce((s, r) => s + r.byKind[i], 0));
  const chart: ChartSpec = {
    id: 'district-reductions', type: 'bar', stacked: true, labels: all.map((r) => (r.unitId === null ? h.L('Cấp tỉnh', 'Province level') : r.name)),
    xTitle: h.L('Huyện, thị xã, thành phố và cấp tỉnh', 'Districts and the province level'), yTitle: h.L('Số đơn vị giảm (đơn vị)', 'Units reduced (units)'),
    datasets: HEADLINE_KINDS.map((k, i) => ({ label: h.kinds(k), data: all.map((r) => r.byKind[i]), kind: 'series' as const })),
  };
  return { rows: all, totals, total: totals.reduce((s, x) => s + x, 0), handed: handed.reduce((s, x) => s + x, 0), chart, kinds: HEADLINE_KINDS.map((k) => h.kinds(k)) };
}

/** Staff reductions (tinh giản) per year, stacked by reason. */
export async function staffReductionChart(db: Db, roots: number[], from: IsoDate, to: IsoDate, h: Helpers) {
  const years = await reductionsByYear(db, roots, from, to);
  const reasons = REDUCTION_REASONS.map((r) => ({ key: r, label: reasonLabel(h.locale, r) }));
  const rows = years.map((y) => ({ year: y.year, counts: reasons.map((r) => y.byReason[r.key] ?? 0) })).map((r) => ({ ...r, total: r.counts.reduce((a, b) => a + b, 0) }));
  const chart: ChartSpec = {
    id: 'staff-reductions', type: 'bar', stacked: true, labels: rows.map((r) => r.year),
    xTitle: h.L('Năm', 'Year'), yTitle: h.L('Số người tinh giản (người)', 'Staff reduced (persons)'),
    datasets: reasons.map((r, i) => ({ label: r.label, data: rows.map((x) => x.counts[i]), kind: 'series' as const })),
  };
  return { rows, reasons, chart, total: rows.reduce((a, r) => a + r.total, 0) };
}

/** The four headline figures: units of each kind reduced since the baseline. */
export function headlines(rows: SummaryRow[]) {
  return HEADLINE_KINDS.map((k) => rows.find((r) => r.kind === k && r.subtype === null)).filter((r): r is SummaryRow => r !== undefined);
}
