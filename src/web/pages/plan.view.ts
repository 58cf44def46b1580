import type { IsoDate } from '../../domain/dates.js';
import type { PlanStatus } from '../../domain/plan.js';
import type { UnitId, Version } from '../../domain/tree.js';
import type { ProposalRecord } from '../../services/plan.service.js';
import type { Evaluated, ToBe } from '../../services/plan-evaluation.js';
import { bySiblingOrder } from '../../services/query.service.js';
import type { Locale } from '../i18n.js';
import { changeTypeLabel } from '../ui-text.js';
import { FIELD_TEXT } from './field-text.js';

type Text = [string, string];

export const STATUS_TEXT: Record<PlanStatus, Text> = {
  draft: ['Dự thảo', 'Draft'],
  submitted: ['Đã trình', 'Submitted'],
  approved: ['Đã phê duyệt', 'Approved'],
  rejected: ['Bị từ chối', 'Rejected'],
  enacted: ['Đã ban hành, thực hiện', 'Enacted'],
};

export const ACTION_TEXT: Record<string, Text> = {
  create: ['Tạo phương án', 'Created'],
  submit: ['Trình', 'Submit'],
  approve: ['Phê duyệt', 'Approve'],
  reject: ['Từ chối', 'Reject'],
  withdraw: ['Rút lại về dự thảo', 'Withdraw to draft'],
  rebase: ['Đổi ngày gốc', 'Rebased'],
  enact: ['Ban hành', 'Enact'],
};

/** Which workflow buttons a plan in each status shows (enacting has its own form). */
export const ACTIONS_OF: Record<PlanStatus, { action: string; path: string }[]> = {
  draft: [{ action: 'submit', path: 'submission' }],
  submitted: [{ action: 'approve', path: 'approval' }, { action: 'reject', path: 'rejection' }, { action: 'withdraw', path: 'withdrawal' }],
  approved: [{ action: 'withdraw', path: 'withdrawal' }],
  rejected: [{ action: 'withdraw', path: 'withdrawal' }],
  enacted: [],
};

export interface ProposalRow {
  id: number;
  position: number;
  typeText: string;
  ok: boolean;
  /** "Chấm dứt: Thôn A, Thôn B", "Tiếp tục: Thôn C"… or, when refused, the fields as typed. */
  lines: string[];
  error: string | null;
  changeId: number | null;
}

/** The units refused proposals name as `id:42` in their forms, to show them by name. */
export function formUnitIds(proposals: ProposalRecord[]): number[] {
  return proposals.flatMap((p) => Object.values(p.form).flat().flatMap((v) => (typeof v === 'string' && /^id:\d+$/.test(v) ? [Number(v.slice(3))] : [])));
}

/** What each proposal does to the to-be tree, in words; a refused one shows what was typed and the engine's reason. */
export function proposalRows(toBe: ToBe, proposals: ProposalRecord[], errors: (string | null)[], locale: Locale, unitNames: Map<number, string> = new Map()): ProposalRow[] {
  const L = (t: Text) => (locale === 'en' ? t[1] : t[0]);
  const name = (id: UnitId, d: IsoDate) => {
    const v = toBe.tree.on(id, d) ?? toBe.tree.history(id).at(-1);
    return v ? `${v.name}${v.code ? ` (${v.code})` : ''}` : `#${id}`;
  };
  return proposals.map((p, i) => {
    const r: Evaluated = toBe.results[i];
    const lines: string[] = [];
    if (r.outcome) {
      const o = r.outcome;
      const add = (t: Text, ids: UnitId[], d: IsoDate) => ids.length && lines.push(`${L(t)}: ${ids.map((id) => name(id, d)).join(', ')}`);
      add(['Chấm dứt', 'End'], o.ended, toBe.base);
      // Units that continue are named as they stood on the base date: a later proposal may rename them.
      add(['Tiếp tục, có thay đổi', 'Continue, changed'], o.changed, toBe.base);
      add(['Thành lập mới', 'Start'], o.created, toBe.date);
      if (o.moved.length) lines.push(`${L(['Chuyển trực thuộc', 'Move'])}: ${o.moved.length} ${L(['đơn vị', 'units'])} → ${[...new Set(o.moved.map((m) => (m.to === null ? '—' : name(m.to, toBe.tree.on(m.to, toBe.base) ? toBe.base : toBe.date))))].join(', ')}`);
    } else {
      for (const [k, v] of Object.entries(p.form)) {
        if (['type', '_csrf', 'at', 'mode', 'effectiveOn', 'decisionNumber'].includes(k)) continue;
        const vs = ([] as string[]).concat(v).filter(Boolean).map((x) => (/^id:\d+$/.test(x) ? unitNames.get(Number(x.slice(3))) ?? x : x));
        const label = FIELD_TEXT[k] ? (locale === 'en' ? FIELD_TEXT[k].en : FIELD_TEXT[k].vi) : k;
        if (vs.length) lines.push(`${label}: ${vs.join(', ')}`);
      }
    }
    return { id: p.id, position: i + 1, typeText: changeTypeLabel(locale, p.type), ok: !!r.outcome, lines, error: errors[i], changeId: p.changeId };
  });
}

export interface PlanNode {
  id: UnitId;
  name: string;
  code: string | null;
  kind: string;
  subtype: string;
  figures: Pick<Version, 'areaKm2' | 'population' | 'households'>;
  /** 'created', 'changed' or 'moved' when a proposal touched it. */
  mark: string | null;
  children: PlanNode[];
}

/** The to-be tree (or the base tree) as nested nodes, siblings in reading order, changed units marked. */
export function planNodes(toBe: ToBe, side: 'before' | 'after'): PlanNode[] {
  const list = side === 'after' ? toBe.after : toBe.before;
  const created = new Set(toBe.results.flatMap((r) => r.outcome?.created ?? []));
  const moved = new Set(toBe.results.flatMap((r) => r.outcome?.moved.map((m) => m.unitId) ?? []));
  const nodes = new Map<UnitId, PlanNode>();
  for (const v of list) {
    const mark = side === 'before' ? null : created.has(v.unitId) ? 'created' : moved.has(v.unitId) ? 'moved' : toBe.touched.has(v.unitId) ? 'changed' : null;
    nodes.set(v.unitId, {
      id: v.unitId, name: v.name, code: v.code, kind: v.kind, subtype: v.subtype,
      figures: { areaKm2: v.areaKm2, population: v.population, households: v.households }, mark, children: [],
    });
  }
  const roots: PlanNode[] = [];
  for (const v of list) {
    const parent = v.parentId === null ? undefined : nodes.get(v.parentId);
    (parent ? parent.children : roots).push(nodes.get(v.unitId)!);
  }
  for (const n of nodes.values()) n.children.sort(bySiblingOrder);
  return roots;
}

/** Does any unit below carry a mark? (Branches with changes open by default.) */
export function hasMark(n: PlanNode): boolean {
  return n.mark !== null || n.children.some(hasMark);
}
