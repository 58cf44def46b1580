import { formatDateVi, todayInVietnam } from '../../domain/dates.js';
import type { Evaluation, Measure } from '../../domain/standard.types.js';
import type { UnitId, Version } from '../../domain/tree.js';
import type { ReportHead, Table } from '../../services/export.service.js';
import type { PlanSummary } from '../../services/plan-compare.service.js';
import type { Locale } from '../i18n.js';
import { changeTypeLabel, subtypeLabel } from '../ui-text.js';
import { ACTION_TEXT, proposalRows, STATUS_TEXT } from './plan.view.js';
import { MEASURE_LABEL } from './standard-text.js';

type Text = [string, string];

/**
 * The plan as a phương án is written: for each unit a proposal creates or changes, the units it is
 * formed from, its area, population and households after the plan, and how it measures against
 * the standard in force; then the proposals as listed and the plan's history.
 */
export function planDocument(s: PlanSummary, errors: (string | null)[], issuer: string, locale: Locale): { head: ReportHead; tables: Table[] } {
  const L = (t: Text) => (locale === 'en' ? t[1] : t[0]);
  const head: ReportHead = {
    issuer: issuer.toUpperCase(),
    title: `${L(['Phương án', 'Plan'])}: ${s.plan.name}`,
    period: `${L(['Hiện trạng tại ngày', 'As-is on'])} ${formatDateVi(s.plan.baseOn)} · ${L(STATUS_TEXT[s.plan.status])}${s.plan.status === 'draft' || s.plan.status === 'submitted' ? ` · ${L(['dự thảo, chưa có giá trị thi hành', 'a draft, not in force'])}` : ''}`,
  };
  const units: Table = {
    sheet: L(['Phương án', 'Plan']),
    title: `${L(['Các đơn vị hình thành hoặc thay đổi theo phương án', 'Units the plan creates or changes'])}${s.below.length ? ` · ${L(['tiêu chí', 'criteria'])}: ${s.below.map((b) => `${b.rule.name} (${b.rule.source})`).join('; ')}` : ''}`,
    columns: [
      { header: L(['Đề xuất', 'Proposal']), key: 'position', width: 8, type: 'int' },
      { header: L(['Hình thức', 'Change']), key: 'change', width: 16 },
      { header: L(['Đơn vị sau sắp xếp', 'Unit after the plan']), key: 'unit', width: 30 },
      { header: L(['Mã', 'Code']), key: 'code', width: 8 },
      { header: L(['Loại', 'Type']), key: 'type', width: 12 },
      { header: L(['Hình thành từ', 'Formed from']), key: 'from', width: 48 },
      { header: L(['Diện tích (km²)', 'Area (km²)']), key: 'area', width: 12, type: 'pct' },
      { header: L(['Dân số (người)', 'Population']), key: 'population', width: 12, type: 'int' },
      { header: L(['Số hộ', 'Households']), key: 'households', width: 10, type: 'int' },
      { header: L(['So với tiêu chuẩn', 'Against the standard']), key: 'standard', width: 30 },
      { header: L(['Chưa đạt theo tiêu chí', 'Below the criterion']), key: 'below', width: 14 },
    ],
    rows: unitRows(s, locale),
  };
  const proposals: Table = {
    sheet: L(['Các đề xuất', 'Proposals']), title: L(['Các đề xuất, theo thứ tự', 'The proposals, in order']),
    columns: [
      { header: L(['Số', 'No.']), key: 'position', width: 6, type: 'int' },
      { header: L(['Hình thức', 'Change']), key: 'type', width: 16 },
      { header: L(['Nội dung', 'What it does']), key: 'lines', width: 70 },
      { header: L(['Kiểm tra', 'Check']), key: 'check', width: 40 },
    ],
    rows: proposalRows(s.toBe, s.proposals, errors, locale).map((r) => ({
      position: r.position, type: r.typeText, lines: r.lines.join('; '), check: r.ok ? L(['Áp dụng được', 'Applies']) : `${L(['Không áp dụng được', 'Does not apply'])}: ${r.error ?? ''}`,
    })),
  };
  const history: Table = {
    sheet: L(['Quá trình', 'History']), title: L(['Quá trình xây dựng, trình, phê duyệt', 'Drafting, submission and approval']),
    columns: [
      { header: L(['Bước', 'Step']), key: 'action', width: 20 },
      { header: L(['Người thực hiện', 'By']), key: 'by', width: 20 },
      { header: L(['Ngày', 'Date']), key: 'at', width: 12, type: 'date' },
      { header: L(['Ý kiến', 'Comment']), key: 'comment', width: 60 },
    ],
    rows: s.transitions.map((t) => ({ action: L(ACTION_TEXT[t.action] ?? [t.action, t.action]), by: t.by, at: todayInVietnam(new Date(t.at)), comment: t.comment })),
  };
  return { head, tables: [units, proposals, history] };
}

function unitRows(s: PlanSummary, locale: Locale) {
  const L = (t: Text) => (locale === 'en' ? t[1] : t[0]);
  const t = s.toBe;
  const after = (id: UnitId): Version | undefined => t.tree.on(id, t.date) ?? t.tree.history(id).at(-1);
  const figures = (v: Version) => [v.areaKm2 !== null ? `${fmt(v.areaKm2, locale)} km²` : '', v.population !== null ? `${fmt(v.population, locale)} ${L(['người', 'people'])}` : '', v.households !== null ? `${fmt(v.households, locale)} ${L(['hộ', 'hh'])}` : ''].filter(Boolean).join(', ');
  const rows: Record<string, string | number | null>[] = [];
  for (const [i, r] of t.results.entries()) {
    if (!r.outcome) continue;
    const o = r.outcome;
    const froms = new Map<UnitId, UnitId[]>();
    for (const [from, to] of o.lineage) froms.set(to, [...(froms.get(to) ?? []), from]);
    const shown = new Set([...froms.keys(), ...o.created, ...o.changed]);
    for (const id of shown) {
      const v = after(id);
      if (!v) continue;
      const sources = (froms.get(id) ?? []).map((f) => t.tree.on(f, t.base)).filter((x): x is Version => !!x);
      const e = s.assessed.get(id);
      rows.push({
        position: i + 1, change: changeTypeLabel(locale, s.proposals[i].type), unit: v.name, code: v.code, type: subtypeLabel(locale, v.kind, v.subtype),
        from: sources.map((x) => `${x.name}${figures(x) ? ` (${figures(x)})` : ''}`).join(' + '),
        area: v.areaKm2, population: v.population, households: v.households, standard: e ? standardText(e, locale) : '', below: e && !e.unassessed ? (e.below ? L(['Có', 'Yes']) : L(['Không', 'No'])) : '',
      });
    }
    for (const id of o.ended.filter((x) => !o.lineage.some(([f]) => f === x))) {
      const v = t.tree.on(id, t.base);
      if (v) rows.push({ position: i + 1, change: changeTypeLabel(locale, s.proposals[i].type), unit: `${v.name} — ${L(['chấm dứt', 'ends'])}`, code: v.code, type: subtypeLabel(locale, v.kind, v.subtype), from: '', area: null, population: null, households: null, standard: '', below: '' });
    }
  }
  return rows;
}

function standardText(e: Evaluation, locale: Locale): string {
  return (Object.entries(e.ratios) as [Measure, number][]).map(([m, r]) => `${MEASURE_LABEL[m][locale === 'en' ? 1 : 0]} ${fmt(r, locale)} %`).join(', ');
}

function fmt(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 }).format(n);
}
