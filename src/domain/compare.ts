import type { IsoDate } from './dates.js';
import type { UnitId } from './tree.js';

/** A unit as it stood on one date, as the comparison needs it. */
export interface Snapshot {
  unitId: UnitId;
  name: string;
  code: string | null;
  kind: string;
  subtype: string;
  parentId: UnitId | null;
}

/** The fields of a version (or anything carrying them) the comparison reads, as a literal of its own. */
export function snapshotOf(v: Snapshot): Snapshot {
  return { unitId: v.unitId, name: v.name, code: v.code, kind: v.kind, subtype: v.subtype, parentId: v.parentId };
}

/** One lineage pair of a live change: `from` became (all or part of) `to` on `effectiveOn`. */
export interface Pair {
  changeId: number;
  effectiveOn: IsoDate;
  from: UnitId;
  to: UnitId;
}

export type Status = 'ended' | 'created' | 'renamed' | 'moved' | 'reclassified' | 'recoded' | 'absorbed' | 'unchanged';

export interface Successor {
  unitId: UnitId;
  /** The whole unit went there (one successor), or only a part (split, separation, boundary transfer). */
  share: 'whole' | 'part';
  /** The changes along the way, in the order they took effect (a chain X → Y → Z has two). */
  steps: number[];
}

export interface Classified {
  unitId: UnitId;
  before: Snapshot | null;
  after: Snapshot | null;
  statuses: Status[];
  successors: Successor[];
}

/**
 * Follows every pair in event order, carrying for each unit the units of `from` it holds (and
 * the changes that got them there). A unit that is the source of a change without a pair to
 * itself gave everything away; a pair (x, x) means x continued.
 */
export function traceOrigins(pairs: Pair[]): Map<UnitId, Map<UnitId, number[]>> {
  const held = new Map<UnitId, Map<UnitId, number[]>>();
  const get = (u: UnitId) => held.get(u) ?? new Map([[u, []]]);
  const byChange = new Map<number, Pair[]>();
  for (const p of [...pairs].sort(byOrder)) push(byChange, p.changeId, p);
  for (const [changeId, list] of byChange) {
    const prior = new Map(list.map((p) => [p.from, get(p.from)]));
    for (const f of prior.keys()) held.set(f, new Map());
    for (const p of list) {
      const target = p.from === p.to ? held.get(p.to)! : get(p.to);
      for (const [origin, steps] of prior.get(p.from)!) if (!target.has(origin)) target.set(origin, [...steps, changeId]);
      held.set(p.to, target);
    }
  }
  return held;
}

function byOrder(a: Pair, b: Pair): number {
  return a.effectiveOn === b.effectiveOn ? a.changeId - b.changeId : a.effectiveOn < b.effectiveOn ? -1 : 1;
}

/**
 * Every unit on A or on B, with what happened to it between the two dates and, for each unit on
 * A, the unit(s) on B it became. `pairs` are those of the changes effective in (A, B]; `held` is
 * traceOrigins(pairs), passed when the caller already has it.
 */
export function compareSnapshots(before: Snapshot[], after: Snapshot[], pairs: Pair[], held = traceOrigins(pairs)): Classified[] {
  const onA = new Map(before.map((s) => [s.unitId, s]));
  const onB = new Map(after.map((s) => [s.unitId, s]));
  const successors = new Map<UnitId, Successor[]>();
  const hasOrigin = new Set<UnitId>();
  for (const b of after) {
    const origins = held.get(b.unitId);
    if (!origins) {
      if (onA.has(b.unitId)) push(successors, b.unitId, { unitId: b.unitId, share: 'whole', steps: [] });
      continue;
    }
    for (const [origin, steps] of origins) {
      if (!onA.has(origin)) continue;
      push(successors, origin, { unitId: b.unitId, share: 'whole', steps });
      if (origin !== b.unitId) hasOrigin.add(b.unitId);
    }
  }
  for (const list of successors.values()) if (list.length > 1) for (const s of list) s.share = 'part';
  const out: Classified[] = before.map((a) => classify(a, onB.get(a.unitId) ?? null, successors.get(a.unitId) ?? [], hasOrigin));
  for (const b of after) if (!onA.has(b.unitId)) out.push(classify(null, b, [], hasOrigin));
  return out;
}

function classify(a: Snapshot | null, b: Snapshot | null, successors: Successor[], absorbed: Set<UnitId>): Classified {
  const unitId = (a ?? b)!.unitId;
  const statuses: Status[] = !b ? ['ended'] : !a ? ['created'] : statusesBetween(a, b, absorbed.has(unitId));
  return { unitId, before: a, after: b, statuses, successors };
}

/** What happened to a unit present on both dates: how it differs, whether it took in others, else unchanged. */
export function statusesBetween(a: Snapshot, b: Snapshot, tookInOthers: boolean): Status[] {
  const statuses: Status[] = [];
  if (a.name !== b.name) statuses.push('renamed');
  if (a.parentId !== b.parentId) statuses.push('moved');
  if (a.kind !== b.kind || a.subtype !== b.subtype) statuses.push('reclassified');
  if (a.code !== b.code) statuses.push('recoded');
  if (tookInOthers) statuses.push('absorbed');
  if (statuses.length === 0) statuses.push('unchanged');
  return statuses;
}

/**
 * The pairs that concern the units in scope: those touching one of them, and then those touching
 * a unit reached that way (a unit created and ended between the two dates links a chain).
 */
export function pairsInScope(pairs: Pair[], scope: Set<UnitId>): Pair[] {
  const reached = new Set(scope);
  const kept = new Set<Pair>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of pairs) {
      if (kept.has(p) || !(reached.has(p.from) || reached.has(p.to))) continue;
      kept.add(p);
      for (const u of [p.from, p.to]) if (!reached.has(u)) (reached.add(u), (grew = true));
    }
  }
  return pairs.filter((p) => kept.has(p));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Who held a root's scope on a date before the root existed: its predecessors through the lineage
 * (pairs of changes after that date), transitively, that were alive then. A predecessor whose record
 * begins after the date, with no predecessor of its own, is `unrecorded`: the figure must say so.
 */
export function scopeHeadsOn(
  rootId: UnitId, pairs: readonly { from: UnitId; to: UnitId }[], alive: (id: UnitId) => boolean, beganAfter: (id: UnitId) => boolean,
): { heads: UnitId[]; unrecorded: UnitId[] } {
  const heads: UnitId[] = [];
  const unrecorded: UnitId[] = [];
  const seen = new Set<UnitId>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (alive(id)) {
      heads.push(id);
      continue;
    }
    const from = pairs.filter((p) => p.to === id && p.from !== id).map((p) => p.from);
    if (from.length) stack.push(...from.reverse());
    else if (beganAfter(id)) unrecorded.push(id);
  }
  return { heads, unrecorded };
}

/**
 * For a scope followed through the lineage (a province formed in 2025): each child of the root on
 * the later date with, on the earlier date, the units of what it came from (its lineage origins,
 * or itself), each unit counted once under the nearest such origin above it; the child and its
 * origins themselves included (4 phường → 1 phường); then what headed the scope on the earlier date
 * and became none of them. With no root, the children are the provinces.
 */
export function followedChildGroups(
  before: readonly Snapshot[], after: readonly Snapshot[], rootId: UnitId | null, held: Map<UnitId, Map<UnitId, unknown>>,
): { child: Snapshot; origins: UnitId[]; before: Snapshot[]; after: Snapshot[] }[] {
  const children = after.filter((s) => s.parentId === rootId);
  const beforeById = new Map(before.map((s) => [s.unitId, s]));
  const ownerOf = new Map<UnitId, UnitId>();
  const groups = children.map((child) => {
    const known = [...(held.get(child.unitId)?.keys() ?? [])].filter((id) => beforeById.has(id));
    const origins = known.length ? known : beforeById.has(child.unitId) ? [child.unitId] : [];
    for (const o of origins) if (!ownerOf.has(o)) ownerOf.set(o, child.unitId);
    return { child, origins, before: [] as Snapshot[], after: [] as Snapshot[] };
  });
  // What headed the scope on the earlier date and became none of them (a province that ended): a group of its own.
  for (const s of before) {
    if (s.parentId !== rootId || ownerOf.has(s.unitId)) continue;
    ownerOf.set(s.unitId, s.unitId);
    groups.push({ child: s, origins: [s.unitId], before: [], after: [] });
  }
  const byChild = new Map(groups.map((g) => [g.child.unitId, g]));
  const owner = (list: Map<UnitId, Snapshot>, own: Map<UnitId, UnitId>) => {
    const memo = new Map<UnitId, UnitId | null>();
    const find = (id: UnitId, depth = 0): UnitId | null => {
      if (own.has(id)) return own.get(id)!;
      if (memo.has(id)) return memo.get(id)!;
      const parent = list.get(id)?.parentId ?? null;
      const found = parent === null || depth > 64 ? null : find(parent, depth + 1);
      memo.set(id, found);
      return found;
    };
    return find;
  };
  const findBefore = owner(beforeById, ownerOf);
  for (const s of before) {
    const g = findBefore(s.unitId);
    if (g !== null) byChild.get(g)!.before.push(s);
  }
  const afterById = new Map(after.map((s) => [s.unitId, s]));
  const findAfter = owner(afterById, new Map(children.map((c) => [c.unitId, c.unitId])));
  for (const s of after) {
    const g = findAfter(s.unitId);
    if (g !== null) byChild.get(g)!.after.push(s);
  }
  return groups;
}
