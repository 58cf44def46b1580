import type { Classified, Status } from '../../domain/compare.js';
import type { Comparison } from '../../services/compare.service.js';
import type { Locale } from '../i18n.js';
import { subtypeLabel } from '../ui-text.js';

export const STATUS_TEXT: Record<Status, { vi: string; en: string; cls: string }> = {
  ended: { vi: 'Chấm dứt', en: 'Ended', cls: 'ended' },
  created: { vi: 'Mới', en: 'Created', cls: 'created' },
  renamed: { vi: 'Đổi tên', en: 'Renamed', cls: 'changed' },
  reclassified: { vi: 'Chuyển đổi loại', en: 'Reclassified', cls: 'changed' },
  recoded: { vi: 'Đổi mã', en: 'New code', cls: 'changed' },
  absorbed: { vi: 'Nhận đơn vị khác', en: 'Took in others', cls: 'changed' },
  moved: { vi: 'Chuyển đơn vị cấp trên', en: 'Moved', cls: 'moved' },
  unchanged: { vi: 'Giữ nguyên', en: 'Unchanged', cls: 'same' },
};

/** Rows per page: enough to read a district at once, few enough that a 2025-sized reform never freezes the browser. */
export const PAGE_ROWS = 200;

export interface UnitCell { id: number; name: string; code: string | null; type: string; share?: string; parent?: string }
export interface CompareRow { cls: string; tags: { cls: string; text: string }[]; left: UnitCell | null; right: UnitCell[] }
export interface Group { title: string; rows: CompareRow[] }

/** The side-by-side rows, grouped by parent (on the earlier date; on the later one for new units) and cut into pages at group ends. */
export function comparePages(c: Comparison, locale: Locale, onlyChanges: boolean): Group[][] {
  const units = onlyChanges ? c.units.filter((u) => !u.statuses.includes('unchanged')) : c.units;
  const after = new Map(c.units.filter((u) => u.after).map((u) => [u.unitId, u.after!]));
  const groups = new Map<string, CompareRow[]>();
  for (const u of units) {
    const title = parentName(c, u);
    const list = groups.get(title) ?? [];
    list.push(row(u, after, locale, c.names.after));
    groups.set(title, list);
  }
  const pages: Group[][] = [[]];
  let size = 0;
  for (const [title, rows] of groups) {
    if (size > 0 && size + rows.length > PAGE_ROWS) (pages.push([]), (size = 0));
    pages.at(-1)!.push({ title, rows });
    size += rows.length;
  }
  return pages;
}

function parentName(c: Comparison, u: Classified): string {
  const v = u.before ?? u.after!;
  const names = u.before ? c.names.before : c.names.after;
  return v.parentId === null ? '—' : (names.get(v.parentId) ?? c.names.after.get(v.parentId) ?? `#${v.parentId}`);
}

function row(u: Classified, after: Map<number, NonNullable<Classified['after']>>, locale: Locale, parents: Map<number, string>): CompareRow {
  const L = (t: { vi: string; en: string }) => t[locale];
  const cell = (v: NonNullable<Classified['before']>, share?: string): UnitCell => ({ id: v.unitId, name: v.name, code: v.code, type: subtypeLabel(locale, v.kind, v.subtype), share });
  const shareText = { whole: L({ vi: 'toàn bộ', en: 'whole' }), part: L({ vi: 'một phần', en: 'part' }) };
  const right = u.before
    ? u.successors.flatMap((s) => (after.has(s.unitId) ? [cell(after.get(s.unitId)!, s.share === 'part' ? shareText.part : undefined)] : []))
        .map((r) => (after.get(r.id)!.parentId !== u.before!.parentId ? { ...r, parent: parents.get(after.get(r.id)!.parentId ?? -1) } : r))
    : [cell(u.after!)];
  return {
    cls: STATUS_TEXT[u.statuses[0]].cls,
    tags: u.statuses.map((s) => ({ cls: STATUS_TEXT[s].cls, text: L(STATUS_TEXT[s]) })),
    left: u.before ? cell(u.before) : null,
    right,
  };
}

/** How many units of each status, for the legend. */
export function legend(c: Comparison, locale: Locale): { cls: string; text: string; count: number }[] {
  return (Object.keys(STATUS_TEXT) as Status[]).map((s) => ({
    cls: STATUS_TEXT[s].cls, text: STATUS_TEXT[s][locale], count: c.statusCounts[s],
  }));
}
