import type { IsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import { isSubtypeOf, mayBeUnder } from '../kinds.js';
import type { Tree, UnitId, Version } from '../tree.js';
import { amend } from './amend.js';
import { consolidate } from './consolidate.js';
import { correct } from './correct.js';
import { dissolve } from './dissolve.js';
import { establish } from './establish.js';
import { merge } from './merge.js';
import { reclassify } from './reclassify.js';
import { reorganise } from './reorganise.js';
import { rename } from './rename.js';
import { separate } from './separate.js';
import { split } from './split.js';
import { transfer } from './transfer.js';
import type { ChangeInput, ChangeModule, ChangeType, LineagePair, Needs, Plan, RefMap } from './types.js';

export * from './types.js';

const MODULES: { [T in ChangeType]: ChangeModule<T> } = {
  establish, dissolve, merge, consolidate, split, separate, transfer, rename, reclassify, amend, reorganise, correct,
};

function moduleOf<T extends ChangeType>(type: T): ChangeModule<T> {
  return MODULES[type];
}

export function needsOf(input: ChangeInput): Needs {
  return moduleOf(input.type).needs(input as never);
}

/** The input with every unit reference rewritten by `map`, as its change type lays them out. */
export function mapRefs<A, B, NA, NB>(input: ChangeInput<A, NA>, map: RefMap<A, B, NA, NB>): ChangeInput<B, NB> {
  const mapped = (moduleOf(input.type).mapRefs as (i: ChangeInput<A, NA>, m: RefMap<A, B, NA, NB>) => ChangeInput<B, NB>)(input, map);
  return input.reissue?.length ? { ...mapped, reissue: input.reissue } : mapped;
}

/**
 * Which units a change wrote and read. A later change must be replayed when it touches a unit
 * whose versions an earlier one rewrote (`versions`), or reads the children of a unit whose
 * children changed (`children`).
 */
export interface Footprint {
  versions: Set<UnitId>;
  children: Set<UnitId>;
  readVersions: Set<UnitId>;
  readChildren: Set<UnitId>;
}

export interface Outcome {
  created: UnitId[];
  ended: UnitId[];
  changed: UnitId[];
  moved: { unitId: UnitId; from: UnitId | null; to: UnitId | null }[];
  lineage: LineagePair[];
  footprint: Footprint;
}

/** Applies one change to the tree in place, or throws a DomainError leaving the caller to discard the tree. */
export function applyChange(tree: Tree, date: IsoDate, input: ChangeInput): Outcome {
  const needs = needsOf(input);
  const plan = moduleOf(input.type).plan(tree, date, input as never);
  // Copies: a write on the day a version began updates that version in place.
  const before = new Map([...plan.writes.keys()].map((id) => [id, copyOf(tree.on(id, date))]));
  for (const [id, attrs] of plan.writes) tree.write(id, date, attrs);
  const footprint: Footprint = {
    versions: new Set(plan.writes.keys()),
    children: new Set(),
    readVersions: new Set(needs.units),
    readChildren: new Set([...needs.childrenOf, ...plan.ended]),
  };
  const moved: Outcome['moved'] = [];
  for (const [id, attrs] of plan.writes) {
    const from = before.get(id)?.parentId ?? null;
    const to = attrs?.parentId ?? null;
    if (from === to) continue;
    if (from !== null) footprint.children.add(from);
    if (to !== null) footprint.children.add(to);
    if (before.get(id) && attrs) moved.push({ unitId: id, from, to });
  }
  checkRules(tree, date, plan, footprint, before, input.reissue ?? []);
  const created = new Set(plan.created);
  const ended = new Set(plan.ended);
  return {
    created: plan.created,
    ended: plan.ended,
    changed: [...plan.writes.keys()].filter((id) => !created.has(id) && !ended.has(id) && !moved.some((m) => m.unitId === id)),
    moved,
    lineage: plan.lineage,
    footprint,
  };
}

function copyOf(v: Version | undefined): Version | undefined {
  return v && { ...v };
}

function checkRules(tree: Tree, date: IsoDate, plan: Plan, footprint: Footprint, before: Map<UnitId, Version | undefined>, reissue: readonly string[]): void {
  for (const [id, attrs] of plan.writes) {
    if (attrs === null) {
      const left = tree.children(id, date);
      if (left.length > 0) throw new DomainError('CHILDREN_LEFT', { unit: id, child: left[0], count: left.length }, 'childrenTo');
      continue;
    }
    if (!isSubtypeOf(attrs.kind, attrs.subtype)) throw new DomainError('INVALID_SUBTYPE', { unit: id, kind: attrs.kind, subtype: attrs.subtype }, 'subtype');
    for (const field of ['areaKm2', 'population', 'households'] as const) {
      if ((attrs[field] ?? 0) < 0) throw new DomainError('FIGURES_NEGATIVE', { field }, 'figures');
    }
    checkParent(tree, date, id, footprint);
    checkCode(tree, date, id, plan, before.get(id)?.code ?? null, reissue);
    for (const child of tree.children(id, date)) {
      const c = tree.on(child, date)!;
      if (!mayBeUnder(c.kind, attrs.kind)) throw new DomainError('PARENT_KIND', { unit: child, kind: c.kind, parentKind: attrs.kind }, 'kind');
    }
  }
}

function checkParent(tree: Tree, date: IsoDate, id: UnitId, footprint: Footprint): void {
  const unit = tree.on(id, date)!;
  if (unit.parentId === null) {
    if (!mayBeUnder(unit.kind, null)) throw new DomainError('PARENT_REQUIRED', { unit: id, kind: unit.kind }, 'parent');
    return;
  }
  const parent = tree.on(unit.parentId, date);
  if (!parent) throw new DomainError('PARENT_NOT_ALIVE', { unit: id, parent: unit.parentId, date }, 'parent');
  if (!mayBeUnder(unit.kind, parent.kind)) {
    throw new DomainError('PARENT_KIND', { unit: id, kind: unit.kind, parentKind: parent.kind }, 'parent');
  }
  // A change may close a cycle above this unit rather than through it (a unit handed to itself).
  const seen = new Set<UnitId>();
  for (let up: number | null = unit.parentId; up !== null; up = tree.on(up, date)?.parentId ?? null) {
    if (!tree.holds(up)) throw new Error(`ancestor ${up} of unit ${id} was not loaded`);
    if (up === id || seen.has(up)) throw new DomainError('CYCLE', { unit: id }, 'parent');
    seen.add(up);
    footprint.readVersions.add(up);
  }
}

/**
 * A closed code is never reissued, except to a unit this change creates from the unit it ends, or
 * when the change acknowledges the reissue (`reissue`, as the statistics office did in 2025): then
 * the code must be closed, never held by two units at once.
 */
function checkCode(tree: Tree, date: IsoDate, id: UnitId, plan: Plan, heldBefore: string | null, reissue: readonly string[]): void {
  const code = tree.history(id).at(-1)?.code;
  if (!code || code === heldBefore) return;
  const holders = tree.codeHolders(code);
  for (const holder of holders) {
    if (holder.unitId === id) continue;
    // A holder whose code already passed to a later unit was judged then: only the chain's last link counts.
    if (holder.to !== null && holders.some((h) => h.unitId !== id && h.unitId !== holder.unitId && h.from >= holder.to!)) continue;
    // Judge the holder by its last version: a unit renamed before it ended held the code in several.
    const last = tree.history(holder.unitId).at(-1);
    const handedOver = plan.created.includes(id) && plan.ended.includes(holder.unitId) && last?.code === code && last.validTo === date;
    if (handedOver) continue;
    // Passed on again the same day: the unit an earlier change of this day gave the code to, and this
    // change ends, has no version left (a unit created and ended on one day leaves none).
    const passedOnToday = plan.created.includes(id) && holder.to === date && plan.ended.some((e) => tree.history(e).length === 0);
    if (passedOnToday) continue;
    const closed = holder.to !== null && holder.to <= date;
    if (!closed || !reissue.includes(code)) throw new DomainError('CODE_TAKEN', { code, unit: holder.unitId }, 'code');
  }
}
