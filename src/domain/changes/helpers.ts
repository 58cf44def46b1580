import type { IsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import { TERRITORIAL } from '../kinds.js';
import { attrsOf, NO_FIGURES, type Attrs, type Figures, type Tree, type UnitId, type Version } from '../tree.js';
import type { ChildMove, NewUnit, Plan, RefMap } from './types.js';

export function emptyPlan(): Plan {
  return { writes: new Map(), created: [], ended: [], lineage: [] };
}

/** The unit's version on `date`, or a refusal: a unit cannot change before it exists or after it ended. */
export function alive(tree: Tree, id: UnitId, date: IsoDate, path: string): Version {
  const v = tree.on(id, date);
  if (!v) throw new DomainError('UNIT_NOT_ALIVE', { unit: id, date }, path);
  return v;
}

export function current(plan: Plan, tree: Tree, id: UnitId, date: IsoDate): Attrs {
  const w = plan.writes.get(id);
  if (w) return w;
  return attrsOf(alive(tree, id, date, ''));
}

export function newUnitAttrs(n: NewUnit): Attrs {
  return {
    name: n.name, code: n.code, kind: n.kind, subtype: n.subtype, parentId: n.parent,
    ...NO_FIGURES, ...n.figures,
  };
}

export function create(plan: Plan, tree: Tree, n: NewUnit, path: string): void {
  if (tree.history(n.id).length > 0 || plan.writes.has(n.id)) throw new DomainError('UNIT_EXISTS', { unit: n.id }, path);
  plan.writes.set(n.id, newUnitAttrs(n));
  plan.created.push(n.id);
}

export function end(plan: Plan, id: UnitId): void {
  plan.writes.set(id, null);
  plan.ended.push(id);
}

/** Hands every child of `from` on `date` to `to`, unless `moves` sends it elsewhere. */
export function moveChildren(
  plan: Plan, tree: Tree, date: IsoDate, from: UnitId, to: UnitId | null, moves: { unit: UnitId; to: UnitId }[] = [],
): void {
  moves.forEach((m, i) => {
    if (tree.on(m.unit, date)?.parentId !== from) throw new DomainError('NOT_A_CHILD', { unit: m.unit, parent: from }, `childMoves.${i}`);
  });
  for (const child of tree.children(from, date)) {
    const target = moves.find((m) => m.unit === child)?.to ?? to;
    if (target === null || target === from) continue; // a unit that ends keeps none: the engine refuses it
    plan.writes.set(child, { ...current(plan, tree, child, date), parentId: target });
  }
}

/** Child moves must point at one of the change's new units. */
export function checkMoves(outputs: number, moves: ChildMove[] = [], childrenTo?: number): void {
  const targets = [...moves.map((m) => m.to), ...(childrenTo === undefined ? [] : [childrenTo])];
  for (const t of targets) if (!Number.isInteger(t) || t < 0 || t >= outputs) throw new DomainError('NOT_AN_OUTPUT', { index: t }, 'childMoves');
}

export function parentsOf(units: NewUnit[]): UnitId[] {
  return units.flatMap((u) => (u.parent === null ? [] : [u.parent]));
}

export function codesOf(units: NewUnit[]): string[] {
  return units.flatMap((u) => (u.code ? [u.code] : []));
}

const ADDITIVE = ['areaKm2', 'population', 'households'] as const;

/** Area, population and households of territorial units add up when they are joined. */
export function summedFigures(parts: Attrs[]): Partial<Figures> {
  if (!parts.every((p) => TERRITORIAL.includes(p.kind))) return {};
  const out: Partial<Figures> = {};
  for (const key of ADDITIVE) {
    const values = parts.map((p) => p[key]);
    if (values.every((x): x is number => x !== null)) out[key] = round(values.reduce((a, b) => a + b, 0));
  }
  return out;
}

/** `base` with `delta` taken away (sign -1) or added (sign 1), refusing figures below zero. */
export function shiftFigures(base: Attrs, delta: Partial<Figures>, sign: 1 | -1, path: string): Partial<Figures> {
  const out: Partial<Figures> = {};
  for (const key of ADDITIVE) {
    const d = delta[key];
    if (d === undefined || d === null) continue;
    const b = base[key];
    if (b === null) continue;
    const value = round(b + sign * d);
    if (value < 0) throw new DomainError('FIGURES_NEGATIVE', { field: key }, path);
    out[key] = value;
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

export function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  if (!o) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Children handed to new units by index: the child is a reference, the index is not. */
export function mapMoves<A, B>(moves: ChildMove<A>[] | undefined, m: Pick<RefMap<A, B, unknown, unknown>, 'unit'>): ChildMove<B>[] | undefined {
  return moves?.map((mv, k) => ({ unit: m.unit(mv.unit, `childMoves.${k}.unit`), to: mv.to }));
}
