import { compareSnapshots, pairsInScope, traceOrigins, type Classified, type Pair, type Snapshot, type Status } from '../domain/compare.js';
import { dayBefore, formatDateVi, type IsoDate } from '../domain/dates.js';
import { KINDS } from '../domain/kinds.js';
import { summarize, type CountRow, type SummaryRow } from '../domain/summary.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { bySiblingOrder } from './query.service.js';
import { findCountryOnBoth, findLineageBetween, findLineageNames, findSnapshotsOn, type LineageRow } from '../db/compare.repository.js';

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

export interface ChildCounts { unitId: UnitId; name: string; code: string | null; rows: SummaryRow[] }

export interface Comparison {
  from: IsoDate;
  to: IsoDate;
  root: UnitRef | null;
  kind: string | null;
  counts: SummaryRow[];
  byChild: ChildCounts[];
  units: Classified[];
  lineage: LineageLine[];
  /** The decision and date of each change a unit's successors went through, by change id. */
  changes: Map<number, { type: string; effectiveOn: IsoDate; decision: string }>;
  /** The names of parents on each date (whatever the kind filter), to label groups. */
  names: { before: Map<UnitId, string>; after: Map<UnitId, string> };
}

/** The structure under a root on two dates side by side: counts, every unit classified, lineage in words. */
export async function compareStructures(db: Db, q: CompareQuery): Promise<Comparison> {
  const rows = await findLineageBetween(db, q.from, q.to);
  const [beforeAll, afterAll] = q.rootId === null
    ? await findCountryOnBoth(db, q.from, q.to)
    : await Promise.all([findSnapshotsOn(db, q.from, q.rootId), scopeOnB(db, q.to, q.rootId, rows)]);
  const rootSnap = q.rootId === null ? null : (afterAll.find((s) => s.unitId === q.rootId) ?? beforeAll.find((s) => s.unitId === q.rootId) ?? null);
  const [before, after] = [beforeAll, afterAll].map((list) => list.filter((s) => s.unitId !== q.rootId));
  const ofKind = (s: Snapshot) => !q.kind || s.kind === q.kind;
  const [shownBefore, shownAfter] = [before.filter(ofKind), after.filter(ofKind)];
  const pairs: Pair[] = rows;
  const scoped = q.rootId === null && !q.kind ? pairs : pairsInScope(pairs, new Set([...shownBefore, ...shownAfter].map((s) => s.unitId)));
  const scopedRows = scoped as LineageRow[];
  return {
    from: q.from, to: q.to, kind: q.kind ?? null,
    root: rootSnap && { id: rootSnap.unitId, name: rootSnap.name, code: rootSnap.code },
    counts: summarize(countRows(before), countRows(after), KINDS),
    byChild: childCounts(before, after, q.rootId, q.kind),
    units: compareSnapshots(shownBefore, shownAfter, scoped),
    lineage: await lineageLines(db, q.from, q.to, scopedRows),
    names: { before: parentNames(beforeAll), after: parentNames(afterAll) },
    changes: new Map(scopedRows.map((r) => [r.changeId, { type: r.type, effectiveOn: r.effectiveOn, decision: r.decision }])),
  };
}

/**
 * The scope on the later date: the root's subtree, or, when the root itself ended (a province
 * consolidated in 2025), the subtrees of the units it became.
 */
async function scopeOnB(db: Db, to: IsoDate, rootId: UnitId, pairs: Pair[]): Promise<Snapshot[]> {
  const own = await findSnapshotsOn(db, to, rootId);
  if (own.length > 0) return own;
  const heirs = [...traceOrigins(pairs)].filter(([, origins]) => origins.has(rootId)).map(([holder]) => holder);
  return (await Promise.all(heirs.map((h) => findSnapshotsOn(db, to, h)))).flat();
}

function countRows(list: Snapshot[]): CountRow[] {
  const counts = new Map<string, Map<string, number>>();
  for (const s of list) {
    const bySubtype = counts.get(s.kind) ?? counts.set(s.kind, new Map()).get(s.kind)!;
    bySubtype.set(s.subtype, (bySubtype.get(s.subtype) ?? 0) + 1);
  }
  return [...counts].flatMap(([kind, m]) => [...m].map(([subtype, count]) => ({ kind, subtype, count })));
}

/** The names of the units that have children on the date: what groups are labelled with. */
function parentNames(list: Snapshot[]): Map<UnitId, string> {
  const parents = new Set(list.map((s) => s.parentId));
  const out = new Map<UnitId, string>();
  for (const s of list) if (parents.has(s.unitId)) out.set(s.unitId, s.name);
  return out;
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

/** Pairs grouped per change and per unit they led to; names as they were just before and on the change's date. */
async function lineageLines(db: Db, from: IsoDate, to: IsoDate, rows: LineageRow[]): Promise<LineageLine[]> {
  if (rows.length === 0) return [];
  const histories = new Map<UnitId, { validFrom: IsoDate; validTo: IsoDate | null; name: string; code: string | null }[]>();
  for (const v of await findLineageNames(db, from, to)) push(histories, v.unitId, v);
  const on = (id: UnitId, d: IsoDate): UnitRef => {
    const v = histories.get(id)?.find((h) => h.validFrom <= d && (h.validTo === null || d < h.validTo));
    return { id, name: v?.name ?? `#${id}`, code: v?.code ?? null };
  };
  const groups = new Map<string, LineageRow[]>();
  for (const r of rows) push(groups, `${r.changeId}>${r.to}`, r);
  return [...groups.values()].map((list) => {
    const r = list[0];
    const froms = list.map((p) => on(p.from, dayBefore(p.effectiveOn)));
    const target = on(r.to, r.effectiveOn);
    const self = froms.length === 1 && froms[0].id === target.id && froms[0].name === target.name;
    const words = self ? target.name : `${froms.map((f) => f.name).join(' + ')} → ${target.name}`;
    return { changeId: r.changeId, type: r.type, effectiveOn: r.effectiveOn, decision: r.decision, from: froms, to: target, text: `${words}, ${r.decision}, ${formatDateVi(r.effectiveOn)}` };
  });
}

export interface CorrespondenceRow {
  fromCode: string | null;
  fromName: string;
  fromKind: string;
  fromSubtype: string;
  toCode: string | null;
  toName: string | null;
  toKind: string | null;
  toSubtype: string | null;
  share: 'whole' | 'part' | null;
  statuses: Status[];
  decisions: string[];
  lastChangeOn: IsoDate | null;
}

/** For every unit on `from`: one row per unit it became on `to` (none when it ended without successor). */
export function correspondence(c: Comparison): CorrespondenceRow[] {
  const after = new Map<UnitId, Snapshot>();
  for (const u of c.units) if (u.after) after.set(u.unitId, u.after);
  const rows: CorrespondenceRow[] = [];
  for (const u of c.units) {
    if (!u.before) continue;
    if (u.successors.length === 0) rows.push(corrRow(u.before, null, u.statuses, null, [], null));
    for (const s of u.successors) {
      const steps = s.steps.map((id) => c.changes.get(id)).filter((x) => x !== undefined);
      rows.push(corrRow(u.before, after.get(s.unitId) ?? null, u.statuses, s.share, [...new Set(steps.map((x) => x.decision))], steps.at(-1)?.effectiveOn ?? null));
    }
  }
  return rows.sort(byCodeThenName);
}

// One literal with every field in the same order keeps the rows in one hidden class: spreading made sorting 170,000 of them take seconds.
function corrRow(a: Snapshot, b: Snapshot | null, statuses: Status[], share: 'whole' | 'part' | null, decisions: string[], lastChangeOn: IsoDate | null): CorrespondenceRow {
  return {
    fromCode: a.code, fromName: a.name, fromKind: a.kind, fromSubtype: a.subtype,
    toCode: b?.code ?? null, toName: b?.name ?? null, toKind: b?.kind ?? null, toSubtype: b?.subtype ?? null,
    share, statuses, decisions, lastChangeOn,
  };
}

/**
 * Coded units first by code; the others (agencies, service units) by name, compared by code point:
 * a collator is ~50× slower and a country has 60,000 units without a code.
 */
function byCodeThenName(x: CorrespondenceRow, y: CorrespondenceRow): number {
  if (x.fromCode !== y.fromCode) return x.fromCode === null ? 1 : y.fromCode === null ? -1 : x.fromCode < y.fromCode ? -1 : 1;
  return x.fromName === y.fromName ? 0 : x.fromName < y.fromName ? -1 : 1;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The decisions behind the changes each kind of unit went through: the legal basis column of a report. */
export function basisByKind(c: Comparison): Map<string, string[]> {
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
