import type { SummaryRow } from '../../domain/summary.js';
import type { ChildCounts } from '../../services/compare.service.js';
import type { CorrespondenceRow } from '../../services/correspondence.js';
import type { Table } from '../../services/export.service.js';
import type { IndicatorReport } from '../../services/indicator.service.js';
import { LEVEL_LABEL } from './indicator.view.js';
import type { BasisDocument } from '../../services/report-basis.js';
import type { ChangeSummary } from '../../services/register.service.js';
import type { Locale } from '../i18n.js';
import { changeTypeLabel, kindsLabel, subtypeLabel } from '../ui-text.js';
import { STATUS_TEXT } from './compare.view.js';

/** The tables officials export, in the user's language; the same for CSV, XLSX and the print view. */
export function tables(locale: Locale) {
  const L = (vi: string, en: string) => (locale === 'en' ? en : vi);
  const cap = (t: string) => t.charAt(0).toLocaleUpperCase('vi') + t.slice(1);
  const kindText = (kind: string, subtype: string | null) => (subtype ? `— ${subtypeLabel(locale, kind, subtype)}` : cap(kindsLabel(locale, kind)));
  const type = (kind: string | null, subtype: string | null) => (kind && subtype ? subtypeLabel(locale, kind, subtype) : null);
  return {
    /** The rows, or a stream of batches of them (the whole country, one province at a time). */
    correspondence(rows: CorrespondenceRow[] | AsyncIterable<CorrespondenceRow[]>): Table {
      const cells = (r: CorrespondenceRow) => ({
        fromCode: r.fromCode, fromName: r.fromName, fromType: type(r.fromKind, r.fromSubtype),
        toCode: r.toCode, toName: r.toName, toType: type(r.toKind, r.toSubtype),
        share: r.share === 'whole' ? L('Toàn bộ', 'Whole') : r.share === 'part' ? L('Một phần', 'Part') : null,
        status: r.statuses.map((s) => STATUS_TEXT[s][locale]).join(', '), decisions: r.decisions.join('; '), effective: r.lastChangeOn,
      });
      return {
        sheet: L('Bảng tương ứng', 'Correspondence'), title: L('Bảng tương ứng đơn vị trước và sau sắp xếp', 'Units before and after'),
        columns: [
          { header: L('Mã (trước)', 'Code (before)'), key: 'fromCode', width: 11 },
          { header: L('Tên đơn vị (trước)', 'Unit (before)'), key: 'fromName', width: 34 },
          { header: L('Loại (trước)', 'Type (before)'), key: 'fromType', width: 14 },
          { header: L('Mã (sau)', 'Code (after)'), key: 'toCode', width: 11 },
          { header: L('Tên đơn vị (sau)', 'Unit (after)'), key: 'toName', width: 34 },
          { header: L('Loại (sau)', 'Type (after)'), key: 'toType', width: 14 },
          { header: L('Toàn bộ / một phần', 'Whole / part'), key: 'share', width: 14 },
          { header: L('Tình trạng', 'Status'), key: 'status', width: 28 },
          { header: L('Căn cứ pháp lý', 'Legal basis'), key: 'decisions', width: 26 },
          { header: L('Ngày hiệu lực', 'Effective'), key: 'effective', width: 13, type: 'date' },
        ],
        rows: Array.isArray(rows) ? rows.map(cells) : (async function* () { for await (const batch of rows) yield* batch.map(cells); })(),
      };
    },

    /** `basis`: per kind the main decisions and how many more the appendix lists ("và 12 văn bản khác"). */
    summary(rows: SummaryRow[], basis: Map<string, { main: string[]; others: number }>, targets: Map<string, { pct: number | null; source: string }> = new Map()): Table {
      const basisText = (kind: string) => {
        const b = basis.get(kind);
        const named = [targets.get(kind)?.source, ...(b?.main ?? [])].filter(Boolean).join('; ');
        return (b?.others ? `${named} ${L(`và ${b.others} văn bản khác`, `and ${b.others} other document${b.others === 1 ? '' : 's'}`)}` : named) || null;
      };
      return {
        sheet: L('Tổng hợp', 'Summary'), title: L('Tổng hợp kết quả sắp xếp theo loại đơn vị', 'Results by kind of unit'),
        columns: [
          { header: L('Loại đơn vị', 'Kind'), key: 'kind', width: 22 },
          { header: L('Trước', 'Before'), key: 'from', width: 10, type: 'int' },
          { header: L('Sau', 'After'), key: 'to', width: 10, type: 'int' },
          { header: L('Giảm', 'Reduced'), key: 'reduced', width: 10, type: 'int' },
          { header: L('Tỷ lệ giảm (%)', 'Reduced (%)'), key: 'pct', width: 10, type: 'pct' },
          { header: L('Mục tiêu (%)', 'Target (%)'), key: 'target', width: 10, type: 'pct' },
          { header: L('Căn cứ pháp lý', 'Legal basis'), key: 'basis', width: 38 },
        ],
        rows: rows.map((r) => ({
          kind: kindText(r.kind, r.subtype), from: r.from, to: r.to, reduced: r.reduced,
          pct: r.reducedPct, target: r.subtype ? null : (targets.get(r.kind)?.pct ?? null),
          basis: r.subtype ? null : basisText(r.kind),
        })),
      };
    },

    /** The appendix: every document of the legal basis, in the order signed. */
    decisions(docs: BasisDocument[]): Table {
      return {
        sheet: L('Văn bản', 'Documents'), title: L('Danh mục văn bản làm căn cứ', 'Documents of the legal basis'),
        columns: [
          { header: L('STT', 'No.'), key: 'n', width: 7, type: 'int' },
          { header: L('Số, ký hiệu', 'Number'), key: 'number', width: 22 },
          { header: L('Ngày ký', 'Signed'), key: 'signedOn', width: 14, type: 'date' },
          { header: L('Cơ quan ban hành', 'Issuer'), key: 'issuer', width: 24 },
          { header: L('Trích yếu', 'Subject'), key: 'title', width: 46 },
          { header: L('Loại đơn vị', 'Kinds of unit'), key: 'kinds', width: 20 },
          { header: L('Số thay đổi', 'Changes'), key: 'changes', width: 10, type: 'int' },
          { header: L('Số đơn vị', 'Units'), key: 'units', width: 10, type: 'int' },
        ],
        rows: docs.map((d, i) => ({
          n: i + 1, number: d.number, signedOn: d.decision?.signedOn ?? null, issuer: d.decision?.issuer ?? null, title: d.decision?.title ?? null,
          kinds: d.kinds.map((k) => cap(kindsLabel(locale, k))).join(', ') || null, changes: d.changes, units: d.units,
        })),
      };
    },

    /**
     * Kết quả khác: each reported indicator's latest figure up to the report's end, its levels, and
     * where staffing counts it too, that count over the same period; illustrative figures say so.
     */
    otherResults(reports: IndicatorReport[]): Table {
      const rows = reports.filter((r) => r.latest).flatMap((r) => {
        const i = r.indicator;
        const p = r.latest!;
        const common = { unit: L(i.unitVi, i.unitEn), on: p.on, since: p.since };
        const marks = [p.illustrative ? L('Số liệu minh hoạ', 'Illustrative figure') : '', ...p.notes].filter(Boolean).join('; ');
        const counted = r.counted?.find((c) => c.on === p.on);
        return [
          { ...common, name: L(i.nameVi, i.nameEn), value: p.total, source: p.sources.join('; '), note: marks || null },
          ...(i.byLevel ? (['province', 'district', 'commune'] as const).filter((l) => p.byLevel[l] !== undefined).map((l) => ({ ...common, name: `— ${L(...LEVEL_LABEL[l])}`, value: p.byLevel[l]!, source: null, note: null })) : []),
          ...(counted ? [{ ...common, since: counted.since, name: `— ${L('Đếm từ biến động biên chế (luân chuyển, điều động lãnh đạo)', 'Counted from staff movements (leaders rotated or transferred)')}`, value: counted.value, source: L('Hồ sơ biên chế trong ứng dụng', 'The staff records in the app'), note: null }] : []),
        ];
      });
      return {
        sheet: L('Kết quả khác', 'Other results'), title: L('Kết quả khác', 'Other results'),
        columns: [
          { header: L('Chỉ số', 'Indicator'), key: 'name', width: 36 },
          { header: L('Giá trị', 'Value'), key: 'value', width: 10, type: 'num' },
          { header: L('Đơn vị tính', 'Unit'), key: 'unit', width: 11 },
          { header: L('Ngày số liệu', 'As of'), key: 'on', width: 12, type: 'date' },
          { header: L('Tính từ ngày', 'Since'), key: 'since', width: 12, type: 'date' },
          { header: L('Nguồn', 'Source'), key: 'source', width: 30 },
          { header: L('Ghi chú', 'Note'), key: 'note', width: 20 },
        ],
        rows,
      };
    },

    byChild(children: ChildCounts[]): Table {
      return {
        sheet: L('Theo đơn vị', 'By district'), title: L('Kết quả sắp xếp theo đơn vị trực thuộc', 'Results by unit below the scope'),
        columns: [
          { header: L('Đơn vị', 'Unit'), key: 'name', width: 30 },
          { header: L('Mã', 'Code'), key: 'code', width: 8 },
          { header: L('Loại đơn vị', 'Kind'), key: 'kind', width: 24 },
          { header: L('Trước', 'Before'), key: 'from', width: 11, type: 'int' },
          { header: L('Sau', 'After'), key: 'to', width: 11, type: 'int' },
          { header: L('Giảm', 'Reduced'), key: 'reduced', width: 11, type: 'int' },
          { header: L('Tỷ lệ giảm (%)', 'Reduced (%)'), key: 'pct', width: 13, type: 'pct' },
        ],
        rows: children.flatMap((c) => c.rows.filter((r) => r.subtype === null).map((r) => ({
          name: c.predecessors ? `${c.name} (← ${c.predecessors.map((p) => p.name).join(' + ')})` : c.name,
          code: c.code, kind: kindText(r.kind, null), from: r.from, to: r.to, reduced: r.reduced, pct: r.reducedPct,
        }))),
      };
    },

    register(changes: ChangeSummary[]): Table {
      return {
        sheet: L('Sổ thay đổi', 'Changes'), title: L('Danh sách thay đổi và văn bản', 'Changes and their decisions'),
        columns: [
          { header: L('Ngày hiệu lực', 'Effective'), key: 'effectiveOn', width: 13, type: 'date' },
          { header: L('Loại thay đổi', 'Change'), key: 'type', width: 22 },
          { header: L('Nội dung', 'What'), key: 'what', width: 60 },
          { header: L('Văn bản', 'Decision'), key: 'decision', width: 22 },
          { header: L('Ngày ký', 'Signed'), key: 'signedOn', width: 13, type: 'date' },
          { header: L('Cơ quan ban hành', 'Issuer'), key: 'issuer', width: 24 },
        ],
        rows: changes.map((c) => ({
          effectiveOn: c.effectiveOn, type: changeTypeLabel(locale, c.type),
          what: c.lineage.map((l) => (l.from.length === 1 && l.from[0].id === l.to.id ? l.to.name : `${l.from.map((f) => f.name).join(' + ')} → ${l.to.name}`)).join('; '),
          decision: c.decision.number, signedOn: c.decision.signedOn, issuer: c.decision.issuer,
        })),
      };
    },
  };
}
