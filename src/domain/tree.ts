import type { IsoDate } from './dates.js';
import type { Kind } from './kinds.js';

export type UnitId = number;

export interface Figures {
  areaKm2: number | null;
  population: number | null;
  households: number | null;
  sector: string | null;
}

export interface Attrs extends Figures {
  name: string;
  code: string | null;
  kind: Kind;
  subtype: string;
  parentId: UnitId | null;
}

/** A unit's attributes over the half-open interval [validFrom, validTo); validTo null = still valid. */
export interface Version extends Attrs {
  unitId: UnitId;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export const NO_FIGURES: Figures = { areaKm2: null, population: null, households: null, sector: null };

const ATTR_KEYS: (keyof Attrs)[] = [
  'name', 'code', 'kind', 'subtype', 'parentId', 'areaKm2', 'population', 'households', 'sector',
];

export function sameAttrs(a: Attrs, b: Attrs): boolean {
  return ATTR_KEYS.every((k) => a[k] === b[k]);
}

export function attrsOf(v: Version): Attrs {
  const { unitId: _u, validFrom: _f, validTo: _t, ...attrs } = v;
  return attrs;
}

function covers(v: Version, date: IsoDate): boolean {
  return v.validFrom <= date && (v.validTo === null || date < v.validTo);
}

/**
 * The versioned tree in memory: every version of the units it holds, with indexes by parent and
 * by code. The engine reads and writes only this; services load the part a change needs.
 */
export class Tree {
  private readonly histories = new Map<UnitId, Version[]>();
  private readonly byParent = new Map<UnitId, Set<UnitId>>();
  private readonly byCode = new Map<string, Set<UnitId>>();

  constructor(versions: Iterable<Version> = []) {
    this.load(versions);
  }

  /** Adds versions of units not held yet (versions of a held unit are ignored: it is complete). */
  load(versions: Iterable<Version>): void {
    const fresh = new Set<UnitId>();
    for (const v of versions) {
      if (this.histories.has(v.unitId) && !fresh.has(v.unitId)) continue;
      fresh.add(v.unitId);
      const h = this.histories.get(v.unitId) ?? [];
      h.push(versionOf(v.unitId, v.validFrom, v.validTo, v));
      this.histories.set(v.unitId, h);
      this.index(v);
    }
    for (const id of fresh) this.histories.get(id)!.sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  }

  private index(v: Attrs & { unitId: UnitId }): void {
    if (v.parentId !== null) addTo(this.byParent, v.parentId, v.unitId);
    if (v.code !== null) addTo(this.byCode, v.code, v.unitId);
  }

  holds(id: UnitId): boolean {
    return this.histories.has(id);
  }

  unitIds(): IterableIterator<UnitId> {
    return this.histories.keys();
  }

  history(id: UnitId): readonly Version[] {
    return this.histories.get(id) ?? [];
  }

  on(id: UnitId, date: IsoDate): Version | undefined {
    const h = this.histories.get(id);
    if (!h) return undefined;
    for (let i = h.length - 1; i >= 0; i--) if (covers(h[i], date)) return h[i];
    return undefined;
  }

  children(id: UnitId, date: IsoDate): UnitId[] {
    const out: UnitId[] = [];
    for (const c of this.byParent.get(id) ?? []) if (this.on(c, date)?.parentId === id) out.push(c);
    return out.sort((a, b) => a - b);
  }

  /** Units that ever carried `code`, and when. */
  codeHolders(code: string): { unitId: UnitId; from: IsoDate; to: IsoDate | null }[] {
    const out = [];
    for (const id of this.byCode.get(code) ?? []) {
      for (const v of this.history(id)) if (v.code === code) out.push({ unitId: id, from: v.validFrom, to: v.validTo });
    }
    return out;
  }

  /**
   * From `date` on, the unit has `attrs` (or ends, when null). Writes are made in date order, so
   * the version covering `date` is always the last; a version would never be empty: one that
   * began on `date` is overwritten or removed instead of closed.
   */
  write(id: UnitId, date: IsoDate, attrs: Attrs | null): void {
    const h = this.histories.get(id) ?? [];
    this.histories.set(id, h);
    const cur = h.at(-1);
    const open = cur && cur.validTo === null ? cur : undefined;
    if (open && open.validFrom > date) throw new Error(`write to unit ${id} at ${date} before its last version`);
    if (attrs === null) {
      if (!open) throw new Error(`unit ${id} is not alive at ${date}`);
      if (open.validFrom === date) h.pop();
      else open.validTo = date;
      return;
    }
    if (open && sameAttrs(open, attrs)) return;
    const previous = h.at(-2);
    if (open && open.validFrom === date && previous?.validTo === date && sameAttrs(previous, attrs)) {
      h.pop(); // a same-day change undone: the earlier version simply goes on
      previous.validTo = null;
      return;
    }
    if (open && open.validFrom === date) Object.assign(open, attrs);
    else {
      if (open) open.validTo = date;
      h.push(versionOf(id, date, null, attrs));
    }
    this.index({ ...attrs, unitId: id });
  }

  /** Forgets what happened to the unit from `date` on, so the events from `date` can be replayed. */
  truncate(id: UnitId, date: IsoDate): void {
    const h = this.histories.get(id);
    if (!h) return;
    const kept = h.filter((v) => v.validFrom < date);
    for (const v of kept) if (v.validTo !== null && v.validTo >= date) v.validTo = null;
    this.histories.set(id, kept);
  }

  /** Versions of `id` that end on or after `date` or never: the part a write from `date` can touch. */
  tail(id: UnitId, date: IsoDate): Version[] {
    return this.history(id).filter((v) => v.validTo === null || v.validTo >= date);
  }

  allVersions(): Version[] {
    return [...this.histories.values()].flat();
  }
}

/** Built field by field: V8 makes spreads with extra keys many times slower, and this runs per write. */
function versionOf(unitId: UnitId, validFrom: IsoDate, validTo: IsoDate | null, a: Attrs): Version {
  return {
    unitId, validFrom, validTo, name: a.name, code: a.code, kind: a.kind, subtype: a.subtype, parentId: a.parentId,
    areaKm2: a.areaKm2, population: a.population, households: a.households, sector: a.sector,
  };
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(value);
}
