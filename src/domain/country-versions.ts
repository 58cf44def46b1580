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

/** The country on one date: each unit's version and the root it hangs from, by unit id. */
export interface DateView {
  date: IsoDate;
  on: readonly (VersionFacts | undefined)[];
  /** The root (province) each unit hangs from, itself for a root, 0 when its chain is broken. */
  rootOf: Int32Array;
  /** The units under each root, the root first: made at the first subtree asked of a root. */
  byRoot?: Map<UnitId, VersionFacts[]>;
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

/** The unit and every unit below it on the view's date. */
export function subtreeOn(view: DateView, id: UnitId): VersionFacts[] {
  if (view.on[id]?.parentId === null) return [...(byRoot(view).get(id) ?? [])];
  const out: VersionFacts[] = [];
  for (const v of view.on) if (v && hangsFrom(view, v, id)) out.push(v);
  return out;
}

/** The units of each root, in one pass over the country, kept with the view. */
function byRoot(view: DateView): Map<UnitId, VersionFacts[]> {
  if (view.byRoot) return view.byRoot;
  const out = new Map<UnitId, VersionFacts[]>();
  for (const v of view.on) if (v?.parentId === null) out.set(v.unitId, [v]);
  for (const v of view.on) if (v && v.parentId !== null) out.get(view.rootOf[v.unitId])?.push(v);
  return (view.byRoot = out);
}

function hangsFrom(view: DateView, v: VersionFacts | undefined, id: UnitId): boolean {
  for (let depth = 0; v && depth < 64; depth++, v = v.parentId === null ? undefined : view.on[v.parentId]) if (v.unitId === id) return true;
  return false;
}
