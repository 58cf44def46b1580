import type { ChartUnit } from './org-chart.js';

/**
 * From the tree on a date to the boxes of an org chart: which units are drawn (a kind, public
 * service units grouped by kind) and how deep (no more boxes than stay readable).
 */

/** A unit on the date, as the chart reads it from the tree (siblings already in reading order). */
export interface ChartRow { unitId: number; parentId: number | null; name: string; code: string | null; kind: string; subtype: string }

/**
 * The deepest depth, up to `asked`, whose boxes number at most `cap` (at least 1): a national
 * subtree asked four levels deep is drawn as deep as stays readable, and the page says so.
 */
export function depthWithin<R extends ChartRow>(rows: R[], rootId: number, asked: number, cap: number): number {
  const children = childrenOf(rows);
  let level = [rootId];
  let total = 1;
  for (let d = 1; d <= asked; d++) {
    level = level.flatMap((id) => children.get(id)?.map((r) => r.unitId) ?? []);
    total += level.length;
    if (total > cap) return Math.max(1, d - 1);
  }
  return asked;
}

/** The chart's boxes from the rows of the subtree, `depth` levels below the root; `box` supplies each box's words and figures. */
export function chartTree<R extends ChartRow>(rows: R[], rootId: number, depth: number, box: (r: R) => Omit<ChartUnit, 'children' | 'hidden'>): ChartUnit | null {
  const children = childrenOf(rows);
  const root = rows.find((r) => r.unitId === rootId);
  const build = (r: R, d: number): ChartUnit => {
    const kids = children.get(r.unitId) ?? [];
    const drawn = d < depth ? kids.map((k) => build(k, d + 1)) : [];
    return { ...box(r), hidden: kids.length - drawn.length, children: drawn };
  };
  return root ? build(root, 0) : null;
}

function childrenOf<R extends ChartRow>(rows: R[]): Map<number, R[]> {
  const out = new Map<number, R[]>();
  for (const r of rows) {
    if (r.parentId === null) continue;
    const list = out.get(r.parentId);
    if (list) list.push(r);
    else out.set(r.parentId, [r]);
  }
  return out;
}

/** The subtree without the units `keep` refuses (nor anything below them); the root always stays. */
export function pruneRows<R extends ChartRow>(rows: R[], rootId: number, keep: (r: R) => boolean): R[] {
  const children = childrenOf(rows);
  const root = rows.find((r) => r.unitId === rootId);
  if (!root) return [];
  const out: R[] = [root];
  for (let i = 0; i < out.length; i++) for (const c of children.get(out[i].unitId) ?? []) if (keep(c)) out.push(c);
  return out;
}

/** Group boxes count down from here: a plan's new units have small negative ids of their own. */
const GROUP_IDS = -1_000_000;

/** Several units drawn as one box: the public service units of one kind under one parent. */
export interface GroupRow extends ChartRow { members: number }

/**
 * Public service units by kind: under each parent that is not itself one, one box per kind
 * (619 schools under the new Lào Cai make one box "Giáo dục · 619"), the units below them left
 * out. Group boxes get ids from GROUP_IDS down, in the order met.
 */
export function groupServiceUnits<R extends ChartRow>(rows: R[], rootId: number): (R | GroupRow)[] {
  const kindOf = new Map(rows.map((r) => [r.unitId, r.kind]));
  const groups = new Map<string, GroupRow>();
  const out: (R | GroupRow)[] = [];
  const psu = (id: number | null) => id !== null && kindOf.get(id) === 'public_service_unit';
  for (const r of rows) {
    if (r.unitId === rootId || r.kind !== 'public_service_unit') {
      out.push(r);
      continue;
    }
    if (psu(r.parentId) && r.parentId !== rootId) continue;
    const key = `${r.parentId}:${r.subtype}`;
    const g = groups.get(key);
    if (g) g.members++;
    else {
      const row: GroupRow = { unitId: GROUP_IDS - groups.size, parentId: r.parentId, name: r.subtype, code: null, kind: 'public_service_group', subtype: r.subtype, members: 1 };
      groups.set(key, row);
      out.push(row);
    }
  }
  return out;
}
