import { compareSnapshots, pairsInScope, snapshotOf, traceOrigins, type Classified, type Snapshot } from '../domain/compare.js';
import { subtreeOn, type DateView, type VersionFacts } from '../domain/country-versions.js';
import { numbersOn, statusCountsBetween, type DateNumbers, type RootCount } from '../domain/country-numbers.js';
import { KINDS } from '../domain/kinds.js';
import { summarize } from '../domain/summary.js';
import type { UnitId } from '../domain/tree.js';
import { registerRevision } from '../db/change.repository.js';
import type { LineageRow } from '../db/compare.repository.js';
import type { Db } from '../db/connection.js';
import { findJournalPosition } from '../db/country-versions.repository.js';
import { lineageLines, parentNames, scopeOn, type ChildCounts, type CompareQuery, type Comparison, type Held } from './compare.service.js';
import { correspondence, type CorrespondenceRow } from './correspondence.js';
import { keptLineageBetween } from './country-lineage.service.js';
import { countryVersions, countryView } from './country-versions.service.js';
import { bySiblingOrder, provincesOn } from './query.service.js';

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
    // A province's predecessors whatever kind is shown: the lineage of every kind.
    counts: summarize(a.counts, b.counts, KINDS), byChild: provinceCounts(a, b, [viewA, viewB], q.kind ? traceOrigins(rows) : held, q.kind), changes, scoped, held, viewA, viewB, basis,
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

/**
 * The counts under each province: one row per province of the later date, counting on the earlier
 * date what its predecessors held, and the predecessors themselves (scopes follow lineage: the new
 * Lào Cai is Lào Cai + Yên Bái, provinces 2 → 1); then the provinces of the earlier date that became none.
 */
function provinceCounts(a: DateNumbers, b: DateNumbers, views: [DateView, DateView], held: Held, kind?: string): ChildCounts[] {
  const onA = new Map(a.roots.map((r) => [r.id, r]));
  const kinds = kind ? [kind] : KINDS;
  const under = (list: RootCount[], ids: UnitId[]) => list.filter((r) => ids.includes(r.rootId));
  const themselves = (view: DateView, ids: UnitId[]) => ids.map((id) => ({ kind: 'province', subtype: view.on[id]!.subtype, count: 1 }));
  const taken = new Set<UnitId>();
  const rows = [...b.roots].sort(byName).map((r): ChildCounts => {
    const origins = [...(held.get(r.id)?.keys() ?? [])].filter((id) => onA.has(id) && id !== r.id);
    const preds = onA.has(r.id) ? [r.id, ...origins] : origins;
    for (const id of preds) taken.add(id);
    if (preds.length === 1 && preds[0] === r.id) return { unitId: r.id, name: r.name, code: r.code, rows: summarize(under(a.underRoots, preds), under(b.underRoots, [r.id]), kinds) };
    return {
      unitId: r.id, name: r.name, code: r.code,
      predecessors: preds.map((id) => ({ id, name: onA.get(id)!.name, code: onA.get(id)!.code })),
      rows: summarize([...under(a.underRoots, preds), ...themselves(views[0], preds)], [...under(b.underRoots, [r.id]), ...themselves(views[1], [r.id])], kinds),
    };
  });
  const left = a.roots.filter((r) => !taken.has(r.id)).sort(byName)
    .map((r): ChildCounts => ({ unitId: r.id, name: r.name, code: r.code, rows: summarize(under(a.underRoots, [r.id]), [], kinds) }));
  return [...rows, ...left].filter((c) => c.rows.length > 0);
}

function byName(x: { name: string }, y: { name: string }): number {
  return bySiblingOrder({ kind: 'province', name: x.name }, { kind: 'province', name: y.name });
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
  return partCorrespondence(await countryAggregates(db, q), q.kind, provinceId);
}

/**
 * The country's correspondence table, one province (on `from`) at a time, each province's rows in
 * code order: what the national exports stream, without the whole country in memory. The
 * country's numbers are taken once, so the whole export reflects one state of the register.
 */
export async function* countryCorrespondence(db: Db, q: Omit<CompareQuery, 'rootId'>): AsyncGenerator<CorrespondenceRow[]> {
  const all = await countryAggregates(db, q);
  for (const p of await provincesOn(db, q.from)) yield partCorrespondence(all, q.kind, p.id);
}

function partCorrespondence(all: CountryAggregates, kind: string | undefined, provinceId: UnitId): CorrespondenceRow[] {
  const part = classifyPart(all, kind, provinceId, true);
  return correspondence({ units: part.all, changes: all.changes }, part.all.filter((u) => part.onA.has(u.unitId)));
}
