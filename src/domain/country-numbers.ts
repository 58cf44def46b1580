import { statusesBetween, type Status } from './compare.js';
import type { CountRow } from './summary.js';
import type { UnitId } from './tree.js';
import type { DateView, VersionFacts } from './country-versions.js';

export interface RootCount extends CountRow { rootId: UnitId }

export interface DateNumbers {
  /** Units of each kind and subtype, the roots included. */
  counts: CountRow[];
  /** Units of each kind and subtype below each root (each province). */
  underRoots: RootCount[];
  roots: { id: UnitId; name: string; code: string | null }[];
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
 * each unit's version on `b` against its version on `a` (both of `kind` when given).
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
    else for (const status of statusesBetween(va, vb, absorbed.has(id))) out[status]++;
  }
  out.ended = onA - (onB - out.created);
  return out;
}
