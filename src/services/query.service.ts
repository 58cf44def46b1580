import { KINDS } from '../domain/kinds.js';
import { NotFoundError } from '../domain/errors.js';
import type { IsoDate } from '../domain/dates.js';
import { foldName, matchTier, searchWords } from '../domain/search.js';
import { countRows, summarize, type SummaryRow } from '../domain/summary.js';
import type { UnitId, Version } from '../domain/tree.js';
import type { Db, Executor } from '../db/connection.js';
import { countChanges, findChangesOfUnit, findLineageOfUnit, listChanges, type ChangeFilter, type ChangeListItem } from '../db/change.repository.js';
import { scopeHeads, type ScopeHeads } from './lineage-scope.service.js';
import {
  countByKindOn, countChildrenByKind, findEverDescendantIds, findRootsOn, findVersionOn, searchUnitIds, findLatestVersions, findSubtreeOn, findUnitHistory, findUnitIdByCode, findUnitsByCode, unitExists,
} from '../db/unit.repository.js';

// Vietnamese order, numbers by value: "Tổ dân phố số 2" before "số 10".
const collator = new Intl.Collator('vi', { numeric: true });

/** `id:42` or an official code; a code is looked up on each of `dates` in turn. */
export async function resolveUnitRef(db: Db, ref: string, dates: IsoDate[]): Promise<UnitId> {
  const byId = /^id:(\d+)$/.exec(ref);
  if (byId) {
    if (await unitExists(db, Number(byId[1]))) return Number(byId[1]);
  } else {
    for (const d of dates) {
      const id = await findUnitIdByCode(db, ref, d);
      if (id !== undefined) return id;
    }
  }
  throw new NotFoundError('unit', ref);
}

export interface TreeNode {
  id: UnitId;
  name: string;
  code: string | null;
  kind: string;
  subtype: string;
  figures: { areaKm2: number | null; population: number | null; households: number | null; sector: string | null };
  childCount: number;
  /** Children on the date by kind, in reading order: "15 xã · 13 cơ quan". */
  childKinds: { kind: string; count: number }[];
  children: TreeNode[];
}

/**
 * The tree on `at` below `rootId` (every root when null) to `depth` levels, siblings in reading
 * order; every node knows how many children it has, loaded or not.
 */
export async function treeOn(db: Db, at: IsoDate, rootId: UnitId | null, depth: number): Promise<TreeNode[]> {
  const rows = await findSubtreeOn(db, at, rootId, depth);
  const nodes = new Map<UnitId, TreeNode>(rows.map((r) => [r.unitId, toNode(r)]));
  for (const c of await countChildrenByKind(db, [...nodes.keys()], at)) {
    const node = nodes.get(c.parentId)!;
    node.childCount += c.count;
    node.childKinds.push({ kind: c.kind, count: c.count });
  }
  const roots: TreeNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.unitId)!;
    const parent = r.parentId === null ? undefined : nodes.get(r.parentId);
    if (r.depth === 0 || !parent) roots.push(node);
    else parent.children.push(node);
  }
  for (const n of nodes.values()) {
    n.children.sort(bySiblingOrder);
    n.childKinds.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  }
  return roots.sort(bySiblingOrder);
}

function toNode(v: Version): TreeNode {
  return {
    id: v.unitId, name: v.name, code: v.code, kind: v.kind, subtype: v.subtype,
    figures: { areaKm2: v.areaKm2, population: v.population, households: v.households, sector: v.sector },
    childCount: 0, childKinds: [], children: [],
  };
}

export async function unitsByCode(db: Db, code: string, at: IsoDate | null): Promise<Version[]> {
  return findUnitsByCode(db, code, at);
}

/** Why a unit is not there on a date: not yet established, or ended by a change (with what it became). */
export type Absence =
  | { kind: 'not_yet'; from: IsoDate }
  | { kind: 'ended'; end: IsoDate; changeId: number | null; decision: string | null; type: string | null; successors: string[] };

export async function whyAbsent(db: Executor, unitId: UnitId, date: IsoDate): Promise<Absence | null> {
  const history = await findUnitHistory(db, unitId);
  if (history.length === 0) return null;
  if (date < history[0].validFrom) return { kind: 'not_yet', from: history[0].validFrom };
  const end = history.at(-1)!.validTo;
  if (end === null || date < end) return null;
  const ending = (await findChangesOfUnit(db, unitId)).find((c) => c.effectiveOn === end && !c.voidedAt);
  const next = ending ? (await findLineageOfUnit(db, unitId)).filter((l) => l.from_unit_id === unitId && l.change_id === ending.id).map((l) => l.to_unit_id) : [];
  const names = await findLatestVersions(db, next);
  const successors = next.map((id) => names.get(id)).filter((v) => v !== undefined).map((v) => (v.code ? `${v.name} (${v.code})` : v.name));
  return { kind: 'ended', end, changeId: ending?.id ?? null, decision: ending?.decisionNumber ?? null, type: ending?.type ?? null, successors };
}

export interface UnitDetail {
  id: UnitId;
  versions: Version[];
  changes: ChangeListItem[];
  predecessors: { unitId: UnitId; name: string; changeId: number; type: string; effectiveOn: IsoDate }[];
  successors: { unitId: UnitId; name: string; changeId: number; type: string; effectiveOn: IsoDate }[];
}

/** One unit's full history: versions, the changes that wrote it, the units it came from and became. */
export async function unitDetail(db: Db, id: UnitId): Promise<UnitDetail> {
  const versions = await findUnitHistory(db, id);
  if (versions.length === 0 && !(await unitExists(db, id))) throw new NotFoundError('unit', `id:${id}`);
  const lineage = await findLineageOfUnit(db, id);
  const names = await findLatestVersions(db, lineage.flatMap((l) => [l.from_unit_id, l.to_unit_id]));
  const link = (unitId: UnitId, l: (typeof lineage)[number]) => ({
    unitId, name: names.get(unitId)?.name ?? '', changeId: l.change_id, type: l.type, effectiveOn: l.effective_on,
  });
  return {
    id,
    versions,
    changes: await findChangesOfUnit(db, id),
    predecessors: lineage.filter((l) => l.to_unit_id === id).map((l) => link(l.from_unit_id, l)),
    successors: lineage.filter((l) => l.from_unit_id === id).map((l) => link(l.to_unit_id, l)),
  };
}

export type RegisterFilter = Omit<ChangeFilter, 'unitIds'> & { rootId?: UnitId };

/** Changes effective between two dates (both included), those touching units ever under `rootId` when given. */
export async function changesBetween(db: Db, f: RegisterFilter, page?: { limit: number; offset: number; newestFirst: boolean }) {
  return listChanges(db, await changeFilter(db, f), page);
}

async function changeFilter(db: Db, { rootId, ...rest }: RegisterFilter): Promise<ChangeFilter> {
  return { ...rest, unitIds: rootId === undefined ? undefined : await findEverDescendantIds(db, rootId) };
}

/** One page of the register, newest first, and how many changes match in all. */
export async function registerPage(db: Db, f: RegisterFilter, page: number, size: number) {
  const filter = await changeFilter(db, f);
  const total = await countChanges(db, filter);
  const changes = await listChanges(db, filter, { limit: size, offset: (page - 1) * size, newestFirst: true });
  return { total, changes };
}

export interface Summary {
  rows: SummaryRow[];
  /** Who held the scope on each date, when it was followed through the lineage; and the records that begin later. */
  scope: { before: ScopeHeads; after: ScopeHeads };
}

/**
 * Counts by kind and subtype under the root on two dates: before, after, reduced, reduced %. A root
 * that did not exist on a date counts what its predecessors held (scopes follow lineage); then the
 * units that head the scope on each side are counted too (the new Lào Cai: provinces 2 → 1).
 */
export async function summary(db: Db, rootId: UnitId | null, from: IsoDate, to: IsoDate): Promise<Summary> {
  if (rootId === null) {
    const [before, after] = await Promise.all([countByKindOn(db, from, null), countByKindOn(db, to, null)]);
    const none: ScopeHeads = { heads: [], held: [], unrecorded: [], followed: false };
    return { rows: summarize(before, after, KINDS), scope: { before: none, after: none } };
  }
  const [a, b] = await Promise.all([scopeHeads(db, rootId, from), scopeHeads(db, rootId, to)]);
  const followed = a.followed || b.followed;
  const counts = async (date: IsoDate, s: ScopeHeads) => {
    const under = (await Promise.all(s.heads.map((h) => countByKindOn(db, date, h)))).flat();
    const heads = followed ? await Promise.all(s.heads.map((h) => findVersionOn(db, h, date))) : [];
    return [...under, ...countRows(heads.filter((v) => v !== undefined))];
  };
  const [before, after] = await Promise.all([counts(from, a), counts(to, b)]);
  return { rows: summarize(before, after, KINDS), scope: { before: a, after: b } };
}

/** The provinces on a date, in Vietnamese order. */
export async function provincesOn(db: Db, at: IsoDate): Promise<{ id: UnitId; code: string | null; name: string }[]> {
  return (await findRootsOn(db, at)).sort((a, b) => collator.compare(a.name, b.name));
}

/** The unit's ancestors on `at`, from the root down (the unit itself excluded). */
export async function ancestorsOn(db: Executor, id: UnitId, at: IsoDate): Promise<Version[]> {
  const path: Version[] = [];
  let v = await findVersionOn(db, id, at);
  while (v?.parentId != null) {
    v = await findVersionOn(db, v.parentId, at);
    if (v) path.unshift(v);
  }
  return path;
}

export const KIND_ORDER = ['province', 'district', 'commune', 'village', 'agency', 'public_service_unit'];

/** Siblings in reading order: territorial units first, then agencies, then service units; names in Vietnamese order. */
export function bySiblingOrder(a: { kind: string; name: string }, b: { kind: string; name: string }): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || collator.compare(a.name, b.name);
}

export interface SearchHit {
  id: UnitId;
  version: Version;
  aliveOnDate: boolean;
  path: Version[];
}

/** Units by name (with or without diacritics) or official code; each with its path on `at` when it existed then. */
export async function searchUnits(db: Db, q: string, at: IsoDate, limit = 50): Promise<SearchHit[]> {
  const folded = foldName(q);
  if (folded.length < 2) return [];
  const code = /^\d{2,5}$/.test(q.trim()) ? q.trim() : null;
  const ids = await searchUnitIds(db, folded, code, limit);
  const latest = await findLatestVersions(db, ids);
  const hits = await Promise.all(ids.map(async (id) => {
    const onDate = await findVersionOn(db, id, at);
    return { id, version: onDate ?? latest.get(id)!, aliveOnDate: onDate !== undefined, path: onDate ? await ancestorsOn(db, id, at) : [] };
  }));
  const byCode = (h: SearchHit) => (code !== null && h.version.code === code ? 0 : 1);
  // Exactness first ("ta chai" is the whole name after its type word in Xã Tà Chải as in Thôn Tả Chải),
  // then the level (a commune before its villages), then units alive on the date before ended ones.
  const words = searchWords(q);
  const tier = (h: SearchHit) => matchTier(words, [foldName(h.version.name), foldName(h.version.name.replace(/^(Xã|Phường|Thị trấn|Thôn|Bản|Tổ dân phố|Huyện|Thị xã|Thành phố|Tỉnh|Đặc khu)\s+/u, ''))], []) ?? 5;
  const level = (h: SearchHit) => KIND_ORDER.indexOf(h.version.kind);
  return hits.sort((a, b) => byCode(a) - byCode(b) || tier(a) - tier(b) || level(a) - level(b) || Number(b.aliveOnDate) - Number(a.aliveOnDate) || bySiblingOrder(a.version, b.version));
}

/** How many units sit directly under `id` on `at`. */
export async function childCountOn(db: Db, id: UnitId, at: IsoDate): Promise<number> {
  return (await countChildrenByKind(db, [id], at)).reduce((a, c) => a + c.count, 0);
}

/** Beyond this many units below it, a branch shows its units grouped by kind, each group loaded on demand. */
export const LARGE_BRANCH = 300;

/** A unit with its children on `at`, or with only their counts by kind when there are too many to list. */
export async function branchOn(db: Db, at: IsoDate, id: UnitId): Promise<{ node: TreeNode | undefined; large: boolean }> {
  const large = (await childCountOn(db, id, at)) > LARGE_BRANCH;
  const [node] = await treeOn(db, at, id, large ? 0 : 1);
  return { node, large };
}

/**
 * Lookups pages and messages use as they are (a unit's name today, its version on a date, a subtree
 * and its counts on a date): the web layer reads the store through this service, never the repository.
 */
export { countByKindOn, findLatestVersions, findSubtreeOn, findVersionOn } from '../db/unit.repository.js';
