import type { Classified, Snapshot } from './compare.js';

/** A group of units on one side of the flow: one unit, its parent, or its province. */
export interface FlowGroup { key: string; label: string; unitId: number | null; code: string | null }

export interface FlowNode extends FlowGroup {
  side: 'from' | 'to';
  /** Units of the group on that date. */
  count: number;
}

export interface FlowLink {
  from: string;
  to: string;
  /** "whole": units went there whole; "part": units divided among several. */
  share: 'whole' | 'part';
  /** Units of the earlier date that sent all or part of themselves along this link. */
  units: number;
  /** The width drawn: a unit divided among n successors sends 1/n to each, so each unit weighs 1 in all. */
  flow: number;
}

export interface Flow { nodes: FlowNode[]; links: FlowLink[]; totals: { from: number; to: number } }

/** The pseudo-groups of units with nothing on the other side: founded from nothing, or ended without successor. */
export const NONE_BEFORE = 'from:none';
export const NONE_AFTER = 'to:none';

/**
 * Which units became which, as a Sankey diagram reads it: every unit of the earlier date and
 * every unit of the later one in a group (`groupOf`), and a link for each pair of groups that a
 * unit's successors (the compare domain's, with their whole or part share) join.
 */
export function flowOf(units: Classified[], groupOf: (s: Snapshot, side: 'from' | 'to') => FlowGroup, none: { before: string; after: string }): Flow {
  const nodes = new Map<string, FlowNode>();
  const links = new Map<string, FlowLink>();
  const node = (g: FlowGroup, side: 'from' | 'to') => nodes.get(`${side}:${g.key}`) ?? nodes.set(`${side}:${g.key}`, { ...g, key: `${side}:${g.key}`, side, count: 0 }).get(`${side}:${g.key}`)!;
  const after = new Map<number, Snapshot>();
  const reached = new Set<number>();
  for (const u of units) if (u.after) after.set(u.unitId, u.after);
  for (const u of units) {
    if (u.after) node(groupOf(u.after, 'to'), 'to').count++;
    if (!u.before) continue;
    const from = node(groupOf(u.before, 'from'), 'from');
    from.count++;
    const successors = u.successors.filter((s) => after.has(s.unitId));
    if (successors.length === 0) link(links, from.key, node({ key: 'none', label: none.after, unitId: null, code: null }, 'to').key, 'whole', 1);
    for (const s of successors) {
      reached.add(s.unitId);
      link(links, from.key, node(groupOf(after.get(s.unitId)!, 'to'), 'to').key, s.share, 1 / successors.length);
    }
  }
  for (const u of units) {
    if (!u.after || u.before || reached.has(u.unitId)) continue;
    link(links, node({ key: 'none', label: none.before, unitId: null, code: null }, 'from').key, node(groupOf(u.after, 'to'), 'to').key, 'whole', 1);
  }
  const list = [...nodes.values()];
  const total = (side: 'from' | 'to') => list.filter((n) => n.side === side).reduce((a, n) => a + n.count, 0);
  return { nodes: list, links: [...links.values()], totals: { from: total('from'), to: total('to') } };
}

function link(links: Map<string, FlowLink>, from: string, to: string, share: 'whole' | 'part', flow: number): void {
  const key = `${from}>${to}>${share}`;
  const l = links.get(key);
  if (l) (l.units++, (l.flow += flow));
  else links.set(key, { from, to, share, units: 1, flow });
}

/** Each unit its own group. */
export function byUnit(s: Snapshot): FlowGroup {
  return { key: String(s.unitId), label: s.name, unitId: s.unitId, code: s.code };
}

/** Units grouped under their parent on each date (districts before 2025, provinces after). */
export function byParent(names: { from: Map<number, Snapshot>; to: Map<number, Snapshot> }) {
  return (s: Snapshot, side: 'from' | 'to'): FlowGroup => {
    const p = s.parentId === null ? s : names[side].get(s.parentId);
    return p ? { key: String(p.unitId), label: p.name, unitId: p.unitId, code: p.code } : { key: `?${s.parentId}`, label: `#${s.parentId}`, unitId: s.parentId, code: null };
  };
}
