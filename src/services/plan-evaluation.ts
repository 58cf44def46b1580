import { applyChange, needsOf, type Needs, type Outcome } from '../domain/changes/index.js';
import type { Pair } from '../domain/compare.js';
import { dayAfter, dayBefore, type IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import { cloneTree, refsOf, resolveProposal, type Proposal } from '../domain/plan.js';
import { Tree, type UnitId, type Version } from '../domain/tree.js';
import type { Executor } from '../db/connection.js';
import { findSubtreeOn, findUnitIdByCode } from '../db/unit.repository.js';
import { findMovements } from '../db/staffing.repository.js';
import { staffDisposal } from '../domain/staff-moves.js';
import { headcountOn } from '../domain/staffing.js';
import { loadNeeds } from './tree-loader.js';

export interface Evaluated {
  outcome: Outcome | null;
  /** The engine's refusal, its unit ids of units the plan itself creates already replaced by their names. */
  error: DomainError | null;
}

/** The to-be tree: the scope on the base date, with every proposal the engine accepts applied on the day after. */
export interface ToBe {
  scopeId: UnitId;
  base: IsoDate;
  /** The day the proposals take effect in the to-be tree (the day after the base date). */
  date: IsoDate;
  tree: Tree;
  results: Evaluated[];
  before: Version[];
  after: Version[];
  pairs: Pair[];
  /** Units some proposal created, ended or changed. */
  touched: Set<UnitId>;
}

/**
 * Applies the proposals in order to the scope's tree as it stood on `base`, with the engine's own
 * `applyChange` (and the staffing rule of a dissolution), writing nothing. A refused proposal is kept with its reason and the next ones are
 * tried on the tree without it. New units get ids from `firstId` on, counting down from -1 by
 * default (so that they can never be mistaken for recorded units); recording the same proposals
 * gives them max(id)+1, +2… which a test passes as `firstId` to compare the two.
 */
export async function evaluatePlan(db: Executor, scopeId: UnitId, base: IsoDate, proposals: Proposal[], firstId = -1): Promise<ToBe> {
  const date = dayAfter(base);
  let tree = new Tree();
  const scope = await findSubtreeOn(db, base, scopeId, 99);
  await loadAsOf(db, tree, { units: scope.map((v) => v.unitId), childrenOf: [], codes: [] }, base);
  const step = firstId < 0 ? -1 : 1;
  let next = firstId;
  const results: Evaluated[] = [];
  const pairs: Pair[] = [];
  const touched = new Set<UnitId>();
  for (const [i, p] of proposals.entries()) {
    const mark = next;
    try {
      const codes = await codesOn(db, p, base);
      await loadAsOf(db, tree, { units: refsOf(p).flatMap((r) => ('id' in r ? [r.id] : codes.has(r.code) ? [codes.get(r.code)!] : [])), childrenOf: [], codes: [] }, base);
      const input = resolveProposal(tree, date, p, codes, () => ((next += step), next - step));
      await loadAsOf(db, tree, needsOf(input), base);
      const work = cloneTree(tree);
      const outcome = applyChange(work, date, input);
      if (input.type === 'dissolve' && input.unit > 0 && !('staff' in p)) await mustNotLeaveStaff(db, input.unit, base, date);
      tree = work;
      results.push({ outcome, error: null });
      for (const [from, to] of outcome.lineage) pairs.push({ changeId: i + 1, effectiveOn: date, from, to });
      for (const id of [...outcome.created, ...outcome.ended, ...outcome.changed, ...outcome.moved.map((m) => m.unitId)]) touched.add(id);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      next = mark;
      results.push({ outcome: null, error: named(err, tree, date) });
    }
  }
  return { scopeId, base, date, tree, results, before: subtree(tree, [scopeId], base), after: subtree(tree, rootsAfter(tree, scopeId, date, pairs), date), pairs, touched };
}

/** The staffing rule recording enforces (staff-follow.ts): a dissolved unit's staff must go somewhere or leave for a stated reason. */
async function mustNotLeaveStaff(db: Executor, unit: UnitId, base: IsoDate, date: IsoDate): Promise<void> {
  staffDisposal(unit, headcountOn(await findMovements(db, [unit], base), base), date, undefined);
}

/** The code refs of a proposal, looked up on the base date as recording would look them up the day before. */
async function codesOn(db: Executor, p: Proposal, base: IsoDate): Promise<Map<string, UnitId>> {
  const out = new Map<string, UnitId>();
  for (const r of refsOf(p)) {
    if (!('code' in r) || out.has(r.code)) continue;
    const id = await findUnitIdByCode(db, r.code, base);
    if (id !== undefined) out.set(r.code, id);
  }
  return out;
}

/** Loads what is missing as it stood at the end of `base` (a fresh tree each time: loading truncates what it holds). */
async function loadAsOf(db: Executor, tree: Tree, needs: Needs, base: IsoDate): Promise<void> {
  const missing: Needs = { units: needs.units.filter((id) => id > 0 && !tree.holds(id)), childrenOf: needs.childrenOf.filter((id) => id > 0), codes: needs.codes };
  if (missing.units.length === 0 && missing.childrenOf.length === 0 && missing.codes.length === 0) return;
  const part = new Tree();
  await loadNeeds(db, part, missing, base);
  tree.load(part.allVersions());
}

/** The scope after the plan: itself, or, when a proposal ended it, the units it became. */
function rootsAfter(tree: Tree, scopeId: UnitId, date: IsoDate, pairs: Pair[]): UnitId[] {
  if (tree.on(scopeId, date)) return [scopeId];
  return [...new Set(pairs.filter((p) => p.from === scopeId).map((p) => p.to))].filter((id) => tree.on(id, date));
}

/** Every unit under the roots on `date`, the roots included, parents before children. */
export function subtree(tree: Tree, roots: UnitId[], date: IsoDate): Version[] {
  const out: Version[] = [];
  const queue = roots.filter((id) => tree.on(id, date));
  while (queue.length) {
    const id = queue.shift()!;
    out.push(tree.on(id, date)!);
    queue.push(...tree.children(id, date));
  }
  return out;
}

/** A refusal naming the units the plan creates by their names: they have no row a message could look up. */
function named(err: DomainError, tree: Tree, date: IsoDate): DomainError {
  const params = { ...err.params };
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'number' && v < 0) params[k] = tree.on(v, date)?.name ?? tree.on(v, dayBefore(date))?.name ?? tree.history(v).at(-1)?.name ?? `#${v}`;
  }
  return new DomainError(err.code, params, err.path);
}
