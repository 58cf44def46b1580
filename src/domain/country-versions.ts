import type { Status } from './compare.js';
import type { CountRow } from './summary.js';
import type { IsoDate } from './dates.js';
import type { UnitId } from './tree.js';

/** One stored version, as the national comparison needs it. */
export interface VersionFacts {
  id: number;
  unitId: UnitId;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  name: string;
  code: string | null;
  kind: string;
  subtype: string;
  parentId: UnitId | null;
}

/** Every unit's versions, in date order: the country held in memory. */
export type CountryVersions = Map<UnitId, VersionFacts[]>;

/** Replaces the versions of `unitIds` with `rows` (a unit without rows is gone). */
export function replaceUnits(index: CountryVersions, unitIds: Iterable<UnitId>, rows: VersionFacts[]): void {
  for (const id of unitIds) index.delete(id);
  for (const r of rows) {
    const list = index.get(r.unitId);
    if (list) list.push(r);
    else index.set(r.unitId, [r]);
  }
  for (const id of new Set(rows.map((r) => r.unitId))) index.get(id)!.sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
}

/** The version of a unit's history valid on `d` ([validFrom, validTo), half open). */
export function versionOn<V extends { validFrom: IsoDate; validTo: IsoDate | null }>(list: readonly V[] | undefined, d: IsoDate): V | undefined {
  if (!list) return undefined;
  for (const v of list) if (v.validFrom <= d && (v.validTo === null || d < v.validTo)) return v;
  return undefined;
}

export interface RootCount extends CountRow { rootId: UnitId }

export interface DateNumbers {
  /** Units of each kind and subtype, the roots included. */
  counts: CountRow[];
  /** Units of each kind and subtype below each root (each province). */
  underRoots: RootCount[];
  roots: { id: UnitId; name: string; code: string | null }[];
}

/** The country on one date: each unit's version and the root it hangs from, by unit id. */
export interface DateView {
  date: IsoDate;
  on: readonly (VersionFacts | undefined)[];
  /** The root (province) each unit hangs from, itself for a root, 0 when its chain is broken. */
  rootOf: Int32Array;
}

/** The country on `d`. Unit ids are small integers, so arrays indexed by id stand in for maps: this runs over 170,000 units. */
export function viewOn(index: CountryVersions, d: IsoDate): DateView {
  let maxId = 0;
  for (const id of index.keys()) if (id > maxId) maxId = id;
  const on: (VersionFacts | undefined)[] = new Array(maxId + 1).fill(undefined);
  // forEach: no [key, value] pair allocated per unit; the loop is versionOn's, kept here so it only ever sees VersionFacts
  index.forEach((list, id) => {
    for (const v of list) if (v.validFrom <= d && (v.validTo === null || d < v.validTo)) return void (on[id] = v);
  });
  return { date: d, on, rootOf: rootsOf(on) };
}

/**
 * The root each unit hangs from: climb to a unit whose root is known (or a root), then write it
 * on the way back down. A chain that breaks (a parent missing on the date) or loops gets 0.
 */
function rootsOf(on: readonly (VersionFacts | undefined)[]): Int32Array {
  const rootOf = new Int32Array(on.length);
  const done = new Uint8Array(on.length);
  const path = new Int32Array(64);
  for (let id = 1; id < on.length; id++) {
    let at: number | null = id;
    let root = 0;
    let depth = 0;
    while (at !== null && at < on.length && on[at] && depth < path.length) {
      if (done[at]) {
        root = rootOf[at];
        break;
      }
      path[depth++] = at;
      const parent: number | null = on[at]!.parentId;
      if (parent === null) root = at;
      at = parent;
    }
    for (let k = 0; k < depth; k++) (rootOf[path[k]] = root), (done[path[k]] = 1);
  }
  return rootOf;
}

/** What countByKindOn, countUnderRootsOn and findRootsOn give for the whole country on the view's date. */
export function numbersOn(view: DateView): DateNumbers {
  const counts = new Tally();
  const under = new Tally();
  const roots: DateNumbers['roots'] = [];
  for (const v of view.on) {
    if (!v) continue;
    const kindKey = counts.add(v.kind, v.subtype, 0);
    const root = view.rootOf[v.unitId];
    if (v.parentId === null) roots.push({ id: v.unitId, name: v.name, code: v.code });
    else if (root > 0) under.add(v.kind, v.subtype, root, kindKey);
  }
  return {
    counts: counts.rows().map((r) => ({ kind: r.kind, subtype: r.subtype, count: r.count })),
    underRoots: under.rows().map((r) => ({ rootId: r.root, kind: r.kind, subtype: r.subtype, count: r.count })),
    roots,
  };
}

/** The unit and every unit below it on the view's date. */
export function subtreeOn(view: DateView, id: UnitId): VersionFacts[] {
  const out: VersionFacts[] = [];
  const isRoot = view.on[id]?.parentId === null;
  for (const v of view.on) {
    if (!v) continue;
    if (isRoot ? view.rootOf[v.unitId] === id : hangsFrom(view, v, id)) out.push(v);
  }
  return out;
}

function hangsFrom(view: DateView, v: VersionFacts | undefined, id: UnitId): boolean {
  for (let depth = 0; v && depth < 64; depth++, v = v.parentId === null ? undefined : view.on[v.parentId]) if (v.unitId === id) return true;
  return false;
}

/** Counts by (group, kind, subtype), keyed by numbers: building a string key per unit cost more than the rest. */
class Tally {
  private kinds = new Map<string, Map<string, number>>();
  private kindCount = 0;
  private byKey = new Map<number, { root: UnitId; kind: string; subtype: string; count: number }>();
  /** Counts one unit; returns the number standing for its kind and subtype. */
  add(kind: string, subtype: string, root: UnitId, known = -1): number {
    const kindKey = known >= 0 ? known : this.kindKey(kind, subtype);
    const key = root * 4096 + kindKey;
    const r = this.byKey.get(key);
    if (r) r.count++;
    else this.byKey.set(key, { root, kind, subtype, count: 1 });
    return kindKey;
  }
  rows() {
    return [...this.byKey.values()];
  }
  private kindKey(kind: string, subtype: string): number {
    const subtypes = this.kinds.get(kind) ?? this.kinds.set(kind, new Map()).get(kind)!;
    let key = subtypes.get(subtype);
    if (key === undefined) subtypes.set(subtype, (key = this.kindCount++));
    return key;
  }
}

/**
 * How many units carry each status between the two views' dates, by the rules of compareSnapshots:
 * each unit's version on `b` against its version on `a` (both of `kind` when given). A unit with
 * the same version on both dates is unchanged unless it took in others (`absorbed`).
 */
export function statusCountsBetween(a: DateView, b: DateView, kind: string | null, absorbed: ReadonlySet<UnitId>): Record<Status, number> {
  const out: Record<Status, number> = { ended: 0, created: 0, renamed: 0, moved: 0, reclassified: 0, recoded: 0, absorbed: 0, unchanged: 0 };
  const shown = (v: VersionFacts | undefined) => (v && (kind === null || v.kind === kind) ? v : undefined);
  let onA = 0;
  let onB = 0;
  for (let id = 1; id < Math.max(a.on.length, b.on.length); id++) {
    const va = shown(a.on[id]);
    const vb = shown(b.on[id]);
    if (va) onA++;
    if (!vb) continue;
    onB++;
    if (!va) out.created++;
    else if (va.id === vb.id) out[absorbed.has(id) ? 'absorbed' : 'unchanged']++;
    else if (!countDifferences(va, vb, absorbed.has(id), out)) out.unchanged++;
  }
  out.ended = onA - (onB - out.created);
  return out;
}

/** Adds the statuses that tell `a` from `b` to `out`; false when there is none. */
function countDifferences(a: VersionFacts, b: VersionFacts, took: boolean, out: Record<Status, number>): boolean {
  const renamed = a.name !== b.name;
  const moved = a.parentId !== b.parentId;
  const reclassified = a.kind !== b.kind || a.subtype !== b.subtype;
  const recoded = a.code !== b.code;
  out.renamed += Number(renamed);
  out.moved += Number(moved);
  out.reclassified += Number(reclassified);
  out.recoded += Number(recoded);
  out.absorbed += Number(took);
  return renamed || moved || reclassified || recoded || took;
}
