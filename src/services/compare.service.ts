import { compareSnapshots, followedChildGroups, pairsInScope, snapshotOf, traceOrigins, type Classified, type Pair, type Snapshot, type Status } from '../domain/compare.js';
import { dayBefore, formatDateVi, type IsoDate } from '../domain/dates.js';
import { KINDS } from '../domain/kinds.js';
import { countRows, summarize, type SummaryRow } from '../domain/summary.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { bySiblingOrder } from './query.service.js';
import { findCountryOnBoth, findLineageNames, type LineageRow, type LineageVersion } from '../db/compare.repository.js';
import { subtreeOn, versionOn, type DateView, type VersionFacts } from '../domain/country-versions.js';
import { countryVersions, countryView } from './country-versions.service.js';
import { scopeHeads, type ScopeHeads } from './lineage-scope.service.js';
import { keptLineageBetween } from './country-lineage.service.js';

export interface CompareQuery {
  from: IsoDate;
  to: IsoDate;
  rootId: UnitId | null;
  /** Only units of this kind are classified and only their lineage listed; counts cover every kind. */
  kind?: string;
}

export interface UnitRef { id: UnitId; name: string; code: string | null }

export interface LineageLine {
  changeId: number;
  type: string;
  effectiveOn: IsoDate;
  decision: string;
  from: UnitRef[];
  to: UnitRef;
  /** "Xã Long Phúc + Xã Long Khánh → Xã Phúc Khánh, 896/NQ-UBTVQH14, 01/03/2020" */
  text: string;
}

export interface ChildCounts {
  unitId: UnitId;
  name: string;
  code: string | null;
  rows: SummaryRow[];
  /** The units whose scope the row counts on the earlier date, when it followed the lineage (a province formed in 2025). */
  predecessors?: UnitRef[];
}

export interface Comparison {
  from: IsoDate;
  to: IsoDate;
  root: UnitRef | null;
  kind: string | null;
  counts: SummaryRow[];
  byChild: ChildCounts[];
  /** Every unit in scope classified; for the whole country (compareCountry), those of `part` only. */
  units: Classified[];
  /** How many units of the scope carry each status (a unit can carry several). */
  statusCounts: Record<Status, number>;
  /** For the whole country: the province whose units `units` lists. */
  part?: UnitRef | null;
  /** The decisions behind each kind's changes, when known without `units` (see basisByKind). */
  basis?: Map<string, string[]>;
  lineage: LineageLine[];
  /** Under a root: who held its scope on the earlier date (its predecessors when it did not exist yet), and records that begin later. */
  scope?: ScopeHeads;
  /** The decision and date of each change a unit's successors went through, by change id. */
  changes: Map<number, { type: string; effectiveOn: IsoDate; decision: string }>;
  /** The names of parents on each date (whatever the kind filter), to label groups. */
  names: { before: Map<UnitId, string>; after: Map<UnitId, string> };
}

/**
 * The structure under a root on two dates side by side: counts, every unit classified, lineage in
 * words. Under a root, the units come from the country's versions kept in memory; with no root,
 * the whole country is read from SQL and classified at once — seconds, so no page or export does
 * it: it is what the tests hold compareCountry to.
 */
export async function compareStructures(db: Db, q: CompareQuery): Promise<Comparison> {
  const rows = await keptLineageBetween(db, q.from, q.to);
  const heads = q.rootId === null ? null : await scopeHeads(db, q.rootId, q.from);
  const [beforeAll, afterAll] = q.rootId === null ? await findCountryOnBoth(db, q.from, q.to) : await scopeOnBoth(db, q, heads!.heads, q.rootId, rows);
  const rootSnap = q.rootId === null ? null : (afterAll.find((s) => s.unitId === q.rootId) ?? beforeAll.find((s) => s.unitId === q.rootId) ?? null);
  // A scope followed through the lineage counts its heads on both sides (the new Lào Cai: provinces 2 → 1).
  const [before, after] = heads?.followed ? [beforeAll, afterAll] : [beforeAll, afterAll].map((list) => list.filter((s) => s.unitId !== q.rootId));
  const ofKind = (s: Snapshot) => !q.kind || s.kind === q.kind;
  const [shownBefore, shownAfter] = [before.filter(ofKind), after.filter(ofKind)];
  const pairs: Pair[] = rows;
  const scoped = q.rootId === null && !q.kind ? pairs : pairsInScope(pairs, new Set([...shownBefore, ...shownAfter].map((s) => s.unitId)));
  const scopedRows = scoped as LineageRow[];
  const units = compareSnapshots(shownBefore, shownAfter, scoped);
  const histories: Histories = q.rootId === null
    ? byUnit(await findLineageNames(db, q.from, q.to, [...new Set(scopedRows.flatMap((r) => [r.from, r.to]))]))
    : await countryVersions(db);
  return {
    from: q.from, to: q.to, kind: q.kind ?? null,
    root: rootSnap && { id: rootSnap.unitId, name: rootSnap.name, code: rootSnap.code },
    ...(heads ? { scope: heads } : {}),
    counts: summarize(countRows(before), countRows(after), KINDS),
    byChild: q.rootId === null || heads?.followed ? followedChildCounts(before, after, q.rootId, traceOrigins(rows), q.kind) : childCounts(before, after, q.rootId, q.kind),
    units,
    statusCounts: countStatuses(units),
    lineage: lineageLines(scopedRows, histories),
    names: { before: parentNames(beforeAll), after: parentNames(afterAll) },
    changes: new Map(scopedRows.map((r) => [r.changeId, { type: r.type, effectiveOn: r.effectiveOn, decision: r.decision }])),
  };
}

/**
 * The root's subtree on both dates, from the country's versions in memory: before, the subtrees of
 * the units that held its scope then (itself, or its predecessors); after, of itself or what it became.
 */
async function scopeOnBoth(db: Db, q: CompareQuery, heads: UnitId[], rootId: UnitId, pairs: Pair[]): Promise<[Snapshot[], Snapshot[]]> {
  const [a, b] = await Promise.all([countryView(db, q.from), countryView(db, q.to)]);
  return [heads.flatMap((h) => subtreeOn(a, h)).map(snapshotOf), scopeOn(b, rootId, pairs).map(snapshotOf)];
}

/**
 * The subtree of `rootId` on the view's date or, when the root no longer exists then (a province
 * consolidated in 2025), the subtrees of the units it became.
 */
export function scopeOn(view: DateView, rootId: UnitId, pairs: Pair[], held?: Held): VersionFacts[] {
  if (view.on[rootId]) return subtreeOn(view, rootId);
  return [...(held ?? traceOrigins(pairs))].filter(([, origins]) => origins.has(rootId)).flatMap(([holder]) => subtreeOn(view, holder));
}

export type Held = ReturnType<typeof traceOrigins>;

/** The names of the units that have children on the date: what groups are labelled with. */
export function parentNames(list: Snapshot[]): Map<UnitId, string> {
  const parents = new Set(list.map((s) => s.parentId));
  const out = new Map<UnitId, string>();
  for (const s of list) if (parents.has(s.unitId)) out.set(s.unitId, s.name);
  return out;
}

/**
 * Counts under each child of the root on the later date, the earlier date counting what each came
 * from; a child that came from others counts them and itself (6 phường → 1), one that did not counts
 * what is under it, as childCounts does; then what became none of them. With no root, the provinces:
 * the whole-country rule compareCountry follows (a province formed in 2025 with its predecessors).
 */
function followedChildCounts(before: Snapshot[], after: Snapshot[], rootId: UnitId | null, held: Held, kind?: string): ChildCounts[] {
  const ofKind = (list: Snapshot[]) => (kind ? list.filter((s) => s.kind === kind) : list);
  const names = new Map(before.map((s) => [s.unitId, s]));
  const groups = followedChildGroups(before, after, rootId, held);
  const [later, left] = [groups.filter((g) => g.after.length > 0), groups.filter((g) => g.after.length === 0)];
  return [...later.sort((x, y) => bySiblingOrder(x.child, y.child)), ...left.sort((x, y) => bySiblingOrder(x.child, y.child))]
    .map((g) => {
      const came = g.origins.length !== 1 || g.origins[0] !== g.child.unitId;
      const own = (list: Snapshot[]) => ofKind(came ? list : list.filter((s) => s.unitId !== g.child.unitId));
      return {
        unitId: g.child.unitId, name: g.child.name, code: g.child.code,
        rows: summarize(countRows(own(g.before)), countRows(own(g.after)), kind ? [kind] : KINDS),
        ...(came ? { predecessors: g.origins.map((id) => ({ id, name: names.get(id)!.name, code: names.get(id)!.code })) } : {}),
      };
    })
    .filter((c) => c.rows.length > 0);
}

/** Counts under each child of the root (each province for the whole country), on either date. */
function childCounts(before: Snapshot[], after: Snapshot[], rootId: UnitId | null, kind?: string): ChildCounts[] {
  const children = new Map<UnitId, Snapshot>();
  const group = (list: Snapshot[]) => {
    const byId = new Map(list.map((s) => [s.unitId, s]));
    const out = new Map<UnitId, Snapshot[]>();
    const tops = new Map<UnitId | null, Snapshot | null>();
    const topOf = (s: Snapshot): Snapshot | null => {
      if (s.parentId === rootId) return s;
      if (tops.has(s.parentId)) return tops.get(s.parentId)!;
      const parent = byId.get(s.parentId!);
      const top = parent ? topOf(parent) : null;
      tops.set(s.parentId, top);
      return top;
    };
    for (const s of list) {
      const top = topOf(s);
      if (!top) continue;
      children.set(top.unitId, top);
      if (top !== s) push(out, top.unitId, s);
    }
    return out;
  };
  const [a, b] = [group(before), group(after)];
  return [...children.values()]
    .sort(bySiblingOrder)
    .map((c) => ({ unitId: c.unitId, name: c.name, code: c.code, rows: summarize(countRows(a.get(c.unitId) ?? []), countRows(b.get(c.unitId) ?? []), kind ? [kind] : KINDS) }))
    .filter((c) => c.rows.length > 0);
}

type Histories = Map<UnitId, readonly Omit<LineageVersion, 'unitId'>[]>;

function byUnit(list: LineageVersion[]): Map<UnitId, LineageVersion[]> {
  const out = new Map<UnitId, LineageVersion[]>();
  for (const v of list) push(out, v.unitId, v);
  return out;
}

/** Pairs grouped per change and per unit they led to; names as they were just before and on the change's date. */
export function lineageLines(rows: LineageRow[], histories: Histories): LineageLine[] {
  const on = (id: UnitId, d: IsoDate): UnitRef => {
    const v = versionOn(histories.get(id), d);
    return { id, name: v?.name ?? `#${id}`, code: v?.code ?? null };
  };
  const groups = new Map<string, LineageRow[]>();
  for (const r of rows) push(groups, `${r.changeId}>${r.to}`, r);
  return [...groups.values()].map((list) => {
    const r = list[0];
    const eve = dayBefore(r.effectiveOn);
    const froms = list.map((p) => on(p.from, eve));
    const target = on(r.to, r.effectiveOn);
    const self = froms.length === 1 && froms[0].id === target.id && froms[0].name === target.name;
    const words = self ? target.name : `${froms.map((f) => f.name).join(' + ')} → ${target.name}`;
    return { changeId: r.changeId, type: r.type, effectiveOn: r.effectiveOn, decision: r.decision, from: froms, to: target, text: `${words}, ${r.decision}, ${formatDateVi(r.effectiveOn)}` };
  });
}

/** How many of the units carry each status. */
export function countStatuses(units: Classified[]): Record<Status, number> {
  const out: Record<Status, number> = { ended: 0, created: 0, renamed: 0, moved: 0, reclassified: 0, recoded: 0, absorbed: 0, unchanged: 0 };
  for (const u of units) for (const s of u.statuses) out[s]++;
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The decisions behind the changes each kind of unit went through: the legal basis column of a report. */
export function basisByKind(c: Comparison): Map<string, string[]> {
  if (c.basis) return c.basis;
  const out = new Map<string, Set<string>>();
  for (const u of c.units) {
    const kind = (u.before ?? u.after)!.kind;
    const set = out.get(kind) ?? new Set<string>();
    for (const s of u.successors) for (const id of s.steps) set.add(c.changes.get(id)?.decision ?? '');
    set.delete('');
    out.set(kind, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}
