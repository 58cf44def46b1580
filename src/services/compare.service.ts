import { compareSnapshots, pairsInScope, snapshotOf, traceOrigins, type Classified, type Pair, type Snapshot, type Status } from '../domain/compare.js';
import { dayBefore, formatDateVi, type IsoDate } from '../domain/dates.js';
import { KINDS } from '../domain/kinds.js';
import { countRows, summarize, type SummaryRow } from '../domain/summary.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { bySiblingOrder, provincesOn } from './query.service.js';
import { findCountryOnBoth, findLineageNames, type LineageRow, type LineageVersion } from '../db/compare.repository.js';
import { subtreeOn, versionOn, type DateView, type VersionFacts } from '../domain/country-versions.js';
import { numbersOn, statusCountsBetween, type DateNumbers, type RootCount } from '../domain/country-numbers.js';
import { countryVersions, countryView } from './country-versions.service.js';
import { keptLineageBetween } from './country-lineage.service.js';
import { registerRevision } from '../db/change.repository.js';
import { findJournalPosition } from '../db/country-versions.repository.js';

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
  /** Every unit in scope classified; for the whole country (compareCountry), those of `part` only. */
  units: Classified[];
  /** How many units of the scope carry each status (a unit can carry several). */
  statusCounts: Record<Status, number>;
  /** For the whole country: the province whose units `units` lists. */
  part?: UnitRef | null;
  /** The decisions behind each kind's changes, when known without `units` (see basisByKind). */
  basis?: Map<string, string[]>;
  lineage: LineageLine[];
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
  const [beforeAll, afterAll] = q.rootId === null ? await findCountryOnBoth(db, q.from, q.to) : await scopeOnBoth(db, q, q.rootId, rows);
  const rootSnap = q.rootId === null ? null : (afterAll.find((s) => s.unitId === q.rootId) ?? beforeAll.find((s) => s.unitId === q.rootId) ?? null);
  const [before, after] = [beforeAll, afterAll].map((list) => list.filter((s) => s.unitId !== q.rootId));
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
    counts: summarize(countRows(before), countRows(after), KINDS),
    byChild: childCounts(before, after, q.rootId, q.kind),
    units,
    statusCounts: countStatuses(units),
    lineage: lineageLines(scopedRows, histories),
    names: { before: parentNames(beforeAll), after: parentNames(afterAll) },
    changes: new Map(scopedRows.map((r) => [r.changeId, { type: r.type, effectiveOn: r.effectiveOn, decision: r.decision }])),
  };
}

/** The root's subtree on both dates, from the country's versions in memory. */
async function scopeOnBoth(db: Db, q: CompareQuery, rootId: UnitId, pairs: Pair[]): Promise<[Snapshot[], Snapshot[]]> {
  const [a, b] = await Promise.all([countryView(db, q.from), countryView(db, q.to)]);
  return [subtreeOn(a, rootId).map(snapshotOf), scopeOn(b, rootId, pairs).map(snapshotOf)];
}

/**
 * The subtree of `rootId` on the view's date or, when the root no longer exists then (a province
 * consolidated in 2025), the subtrees of the units it became.
 */
function scopeOn(view: DateView, rootId: UnitId, pairs: Pair[], held?: Held): VersionFacts[] {
  if (view.on[rootId]) return subtreeOn(view, rootId);
  return [...(held ?? traceOrigins(pairs))].filter(([, origins]) => origins.has(rootId)).flatMap(([holder]) => subtreeOn(view, holder));
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

type Histories = Map<UnitId, readonly Omit<LineageVersion, 'unitId'>[]>;

function byUnit(list: LineageVersion[]): Map<UnitId, LineageVersion[]> {
  const out = new Map<UnitId, LineageVersion[]>();
  for (const v of list) push(out, v.unitId, v);
  return out;
}

/** Pairs grouped per change and per unit they led to; names as they were just before and on the change's date. */
function lineageLines(rows: LineageRow[], histories: Histories): LineageLine[] {
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

/**
 * The units of one province classified as in the whole country's comparison (a unit that moved
 * in from another province is "moved", not new): the province's subtrees on both dates plus, on
 * the other date, whatever the lineage links them to.
 */
function classifyPart(all: CountryAggregates, kind: string | undefined, partId: UnitId, withRoot = false): Part {
  const { viewA, viewB, scoped, held } = all;
  const [allA, allB] = [subtreeOn(viewA, partId), scopeOn(viewB, partId, scoped, held)];
  const ofKind = (s: Snapshot) => !kind || s.kind === kind;
  const shown = (s: Snapshot) => (withRoot || s.unitId !== partId) && ofKind(s);
  const [inA, inB] = [allA.filter(shown), allB.filter(shown)];
  const listed = new Set([...inA, ...inB].map((s) => s.unitId));
  const needA = new Set(inB.map((s) => s.unitId));
  const needB = new Set(inA.map((s) => s.unitId));
  for (const [holder, origins] of held) {
    if (listed.has(holder)) for (const o of origins.keys()) needA.add(o);
    for (const o of origins.keys()) if (listed.has(o)) needB.add(holder);
  }
  const extra = (view: DateView, need: Set<UnitId>, have: Snapshot[]) => {
    for (const s of have) need.delete(s.unitId);
    if (!withRoot) need.delete(partId);
    return [...need].map((id) => view.on[id]).filter((v) => v !== undefined && ofKind(v)) as VersionFacts[];
  };
  const [extraA, extraB] = [extra(viewA, needA, inA), extra(viewB, needB, inB)];
  const units = compareSnapshots([...inA, ...extraA].map(snapshotOf), [...inB, ...extraB].map(snapshotOf), scoped, held);
  const onA = new Set(inA.map((s) => s.unitId));
  return { units: units.filter((u) => listed.has(u.unitId)), all: units, onA, names: { before: parentNames(allA), after: parentNames([...allB, ...extraB]) } };
}

type Held = ReturnType<typeof traceOrigins>;

interface Part {
  /** The units under the province on either date, classified as in the whole country. */
  units: Classified[];
  /** Those and the units on the other side they are linked to. */
  all: Classified[];
  /** The units under the province on the earlier date. */
  onA: Set<UnitId>;
  names: Comparison['names'];
}

/** The correspondence rows of the units under one province on `from`, classified as in the whole country. */
export async function provinceCorrespondence(db: Db, q: Omit<CompareQuery, 'rootId'>, provinceId: UnitId): Promise<CorrespondenceRow[]> {
  const all = await countryAggregates(db, q);
  const part = classifyPart(all, q.kind, provinceId, true);
  return correspondence({ units: part.all, changes: all.changes }, part.all.filter((u) => part.onA.has(u.unitId)));
}

/**
 * The country's correspondence table, one province (on `from`) at a time, each province's rows in
 * code order: what the national exports stream, without the whole country in memory.
 */
export async function* countryCorrespondence(db: Db, q: Omit<CompareQuery, 'rootId'>): AsyncGenerator<CorrespondenceRow[]> {
  for (const p of await provincesOn(db, q.from)) yield await provinceCorrespondence(db, q, p.id);
}

/** How many of the units carry each status. */
export function countStatuses(units: Classified[]): Record<Status, number> {
  const out: Record<Status, number> = { ended: 0, created: 0, renamed: 0, moved: 0, reclassified: 0, recoded: 0, absorbed: 0, unchanged: 0 };
  for (const u of units) for (const s of u.statuses) out[s]++;
  return out;
}

/**
 * The whole country at national scale, from the country's versions kept in memory
 * (country-versions.service.ts): the counts, the counts per province and how many units carry
 * each status from the two dates' views; the lineage and the legal basis from the few units the
 * changes involve; only the units of one province (`partId`, else the first) are classified, for
 * the side-by-side listing.
 */
export async function compareCountry(db: Db, q: Omit<CompareQuery, 'rootId'>, opts: { partId?: UnitId | null; listUnits?: boolean } = {}): Promise<Comparison> {
  const all = await countryAggregates(db, q);
  const partRef = all.byChild.find((c) => c.unitId === opts.partId) ?? all.byChild[0];
  const part = partRef && opts.listUnits !== false ? classifyPart(all, q.kind, partRef.unitId) : null;
  return {
    from: q.from, to: q.to, kind: q.kind ?? null, root: null,
    counts: all.counts, byChild: all.byChild, statusCounts: all.statusCounts, basis: all.basis, lineage: all.lineage, changes: all.changes,
    units: part?.units ?? [],
    part: partRef ? { id: partRef.unitId, name: partRef.name, code: partRef.code } : null,
    names: part?.names ?? { before: new Map(), after: new Map() },
  };
}

type CountryAggregates = Pick<Comparison, 'counts' | 'byChild' | 'statusCounts' | 'lineage' | 'changes'> & {
  basis: Map<string, string[]>;
  scoped: LineageRow[];
  held: Held;
  viewA: DateView;
  viewB: DateView;
};

/**
 * The country's numbers for two dates, kept per database while the register does not change (a
 * change recorded or voided, here or by another process, changes its revision): paging through
 * the provinces of a national comparison then costs one province, not the country.
 */
const countryMemo = new WeakMap<Db, Map<string, CountryAggregates>>();

/** Forgets the kept numbers (the benchmark measures the work, not the memo). */
export function forgetCountryAggregates(db: Db): void {
  countryMemo.delete(db);
}

async function countryAggregates(db: Db, q: Omit<CompareQuery, 'rootId'>): Promise<CountryAggregates> {
  const memo = countryMemo.get(db) ?? countryMemo.set(db, new Map()).get(db)!;
  const revision = await registerRevision(db);
  // the journal too: an import writes versions without recording a change
  const key = `${q.from}|${q.to}|${q.kind ?? ''}|${revision}|${(await findJournalPosition(db)).latest}`;
  const kept = memo.get(key);
  if (kept) return kept;
  const fresh = await computeCountryAggregates(db, q, await keptLineageBetween(db, q.from, q.to, revision));
  if (memo.size >= 8) memo.delete(memo.keys().next().value!);
  memo.set(key, fresh);
  return fresh;
}

async function computeCountryAggregates(db: Db, q: Omit<CompareQuery, 'rootId'>, rows: LineageRow[]): Promise<CountryAggregates> {
  const [index, viewA, viewB] = await Promise.all([countryVersions(db), countryView(db, q.from), countryView(db, q.to)]);
  const [shownA, shownB] = [viewA, viewB].map((view) => (id: UnitId) => {
    const v = view.on[id];
    return v && (!q.kind || v.kind === q.kind) ? v : undefined;
  });
  const scoped = q.kind ? pairsInScope(rows, new Set(rows.flatMap((r) => [r.from, r.to]).filter((id) => shownA(id) || shownB(id)))) as LineageRow[] : rows;
  const changes = new Map(scoped.map((r) => [r.changeId, { type: r.type, effectiveOn: r.effectiveOn, decision: r.decision }]));
  const held = traceOrigins(scoped);
  const { absorbed, basis } = absorbedAndBasis(held, shownA, shownB, changes);
  const [a, b] = [numbersOn(viewA), numbersOn(viewB)];
  return {
    counts: summarize(a.counts, b.counts, KINDS), byChild: provinceCounts(a, b, q.kind), changes, scoped, held, viewA, viewB, basis,
    statusCounts: statusCountsBetween(viewA, viewB, q.kind ?? null, absorbed),
    lineage: lineageLines(scoped, index),
  };
}

/** The units that took in others, and the decisions behind the changes each kind of unit went through. */
function absorbedAndBasis(held: Held, shownA: (id: UnitId) => Snapshot | undefined, shownB: (id: UnitId) => Snapshot | undefined, changes: Comparison['changes']) {
  const absorbed = new Set<UnitId>();
  const basis = new Map<string, Set<string>>();
  for (const [holder, origins] of held) {
    if (!shownB(holder)) continue;
    for (const [origin, steps] of origins) {
      const was = shownA(origin);
      if (!was) continue;
      if (origin !== holder) absorbed.add(holder);
      const set = basis.get(was.kind) ?? basis.set(was.kind, new Set()).get(was.kind)!;
      for (const id of steps) set.add(changes.get(id)!.decision);
    }
  }
  return { absorbed, basis: new Map([...basis].map(([k, v]) => [k, [...v].sort()])) };
}

/** The counts under each province on either date. */
function provinceCounts(a: DateNumbers, b: DateNumbers, kind?: string): ChildCounts[] {
  const roots = new Map([...a.roots, ...b.roots].map((r) => [r.id, { unitId: r.id, name: r.name, code: r.code, kind: 'province' }]));
  const under = (list: RootCount[], id: UnitId) => list.filter((r) => r.rootId === id);
  return [...roots.values()].sort(bySiblingOrder)
    .map((c) => ({ unitId: c.unitId, name: c.name, code: c.code, rows: summarize(under(a.underRoots, c.unitId), under(b.underRoots, c.unitId), kind ? [kind] : KINDS) }))
    .filter((c) => c.rows.length > 0);
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

/** For every unit on `from` (of `of`: every unit of the comparison by default): one row per unit it became on `to` (none when it ended without successor). */
export function correspondence(c: Pick<Comparison, 'units' | 'changes'>, of: Classified[] = c.units): CorrespondenceRow[] {
  const after = new Map<UnitId, Snapshot>();
  for (const u of c.units) if (u.after) after.set(u.unitId, u.after);
  const rows: CorrespondenceRow[] = [];
  for (const u of of) {
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
