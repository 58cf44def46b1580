import { LEVELS, type Level } from '../../domain/indicators.js';
import type { IndicatorReport } from '../../services/indicator.service.js';
import type { ChartSpec } from './dashboard.model.js';

type Helpers = { L: (vi: string, en: string) => string; num: (n: number | null | undefined) => string; date: (d: string) => string; locale: 'vi' | 'en' };

export const LEVEL_LABEL: Record<Level, [string, string]> = {
  province: ['Cấp tỉnh', 'Province level'],
  district: ['Cấp huyện', 'District level'],
  commune: ['Cấp xã', 'Commune level'],
};

/**
 * One indicator as the dashboard and the indicators page show it: a bar per reported date
 * (stacked by level when reported by level), the count from staffing beside it where there is
 * one, illustrative points faded and marked in the labels, and the same figures as a table.
 */
export function indicatorView(r: IndicatorReport, h: Helpers) {
  const { L, date } = h;
  const ind = r.indicator;
  const name = h.locale === 'en' ? ind.nameEn : ind.nameVi;
  const unit = h.locale === 'en' ? ind.unitEn : ind.unitVi;
  const illustrativeText = L('minh hoạ', 'illustrative');
  const levels = ind.byLevel ? LEVELS.map((l) => ({ key: l, label: L(...LEVEL_LABEL[l]) })) : [];
  const illustrative = r.points.map((p) => p.illustrative);
  const countedLabel = L('Đếm từ biến động biên chế (luân chuyển, điều động lãnh đạo)', 'Counted from staff movements (leaders rotated or transferred)');
  const chart: ChartSpec = {
    id: `indicator-${ind.id}`, type: 'bar', stacked: ind.byLevel,
    labels: r.points.map((p) => (p.illustrative ? `${date(p.on)} (${illustrativeText})` : date(p.on))),
    xTitle: L('Ngày báo cáo', 'Date reported'), yTitle: unit.charAt(0).toLocaleUpperCase('vi') + unit.slice(1),
    datasets: ind.byLevel
      ? levels.map((l) => ({ label: l.label, data: r.points.map((p) => p.byLevel[l.key] ?? null), kind: 'reported' as const, illustrative }))
      : [{ label: L('Số báo cáo', 'Reported'), data: r.points.map((p) => p.total), kind: 'reported' as const, illustrative }],
  };
  if (r.counted) chart.datasets.push({ label: countedLabel, data: r.counted.map((c) => c.value), kind: 'counted' });
  const rows = r.points.map((p, i) => ({
    on: p.on, since: p.since, total: p.total, byLevel: levels.map((l) => p.byLevel[l.key] ?? null), counted: r.counted?.[i]?.value ?? null,
    source: p.sources.join('; '), note: p.notes.join('; '), illustrative: p.illustrative,
  }));
  return {
    id: ind.id, name, unit, scopeName: ind.scopeName, source: ind.source, byLevel: ind.byLevel, levels, chart, rows,
    latest: r.latest, hasCounted: r.counted !== null, countedLabel, illustrativeText, retired: ind.retiredAt !== null,
  };
}

export function indicatorTables(reports: IndicatorReport[], h: Helpers) {
  return reports.map((r) => indicatorView(r, h));
}
