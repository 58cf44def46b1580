import { applyChange, needsOf, type ChangeInput, type Outcome } from '../domain/changes/index.js';
import type { IsoDate } from '../domain/dates.js';
import { DomainError, ReplayConflict } from '../domain/errors.js';
import { sameAttrs, Tree, type UnitId, type Version } from '../domain/tree.js';
import { byEventOrder, effectsSignature, findChangesByIds, findChangesTouching, findEffectsSignatures, findFootprints, saveEffects } from '../db/change.repository.js';
import { replaceTails } from '../db/unit.repository.js';
import { loadNeeds } from './tree-loader.js';
import type { Trx } from '../db/connection.js';

interface Event {
  id: number;
  effectiveOn: IsoDate;
  input: ChangeInput;
}

/**
 * Brings the stored versions up to date after `event` is recorded (or, with `event` null, after a
 * change was voided). A change that only touches units nothing later touches is applied directly.
 * Otherwise every later change that reads or writes what is rewritten is replayed from `from`,
 * with the units it rewrites, until no further change is drawn in; the first one that no longer
 * applies refuses the whole write. Returns the new event's outcome.
 */
export async function project(trx: Trx, from: IsoDate, event: Event | null, seed: { versions: UnitId[]; children: UnitId[] }): Promise<Outcome | null> {
  const versions = new Set(seed.versions);
  const children = new Set(seed.children);
  let outcome: Outcome | null = null;
  if (event) {
    const tree = new Tree();
    await loadNeeds(trx, tree, needsOf(event.input), event.effectiveOn);
    outcome = applyChange(tree, event.effectiveOn, event.input);
    outcome.footprint.versions.forEach((u) => versions.add(u));
    outcome.footprint.children.forEach((u) => children.add(u));
    const later = await findChangesTouching(trx, from, [...versions], [...children], [event.id]);
    if (later.length === 0) {
      await persist(trx, tree, from, versions, [[event.id, outcome]]);
      return outcome;
    }
  }
  return replay(trx, from, event, versions, children);
}

async function replay(trx: Trx, from: IsoDate, event: Event | null, versions: Set<UnitId>, children: Set<UnitId>): Promise<Outcome | null> {
  const except = event ? [event.id] : [];
  for (let round = 0; round < 20; round++) {
    const ids = await drawIn(trx, from, versions, children, except);
    const events: Event[] = [...(await findChangesByIds(trx, ids)), ...(event ? [event] : [])].sort(byEventOrder);
    const tree = new Tree();
    const needs = events.map((e) => needsOf(e.input));
    await loadNeeds(trx, tree, {
      units: [...versions, ...needs.flatMap((n) => n.units)],
      childrenOf: [...new Set([...children, ...needs.flatMap((n) => n.childrenOf)])],
      codes: needs.flatMap((n) => n.codes),
    }, undefined, from);
    const stored = new Map([...versions].map((id) => [id, tree.tail(id, from).map((v) => ({ ...v }))]));
    for (const id of versions) tree.truncate(id, from);
    const outcomes: [number, Outcome][] = [];
    for (const e of events) {
      try {
        outcomes.push([e.id, applyChange(tree, e.effectiveOn, e.input)]);
      } catch (err) {
        if (err instanceof DomainError && e.id !== event?.id) throw new ReplayConflict(e.id, err);
        throw err;
      }
    }
    const escaped = outcomes.flatMap(([, o]) => [...o.footprint.versions].filter((u) => !versions.has(u)));
    if (escaped.length === 0) {
      const differing = new Set([...versions].filter((id) => !sameHistory(stored.get(id) ?? [], tree.tail(id, from))));
      await persist(trx, tree, from, differing, outcomes);
      return outcomes.find(([id]) => id === event?.id)?.[1] ?? null;
    }
    escaped.forEach((u) => versions.add(u));
  }
  throw new Error('replay did not settle after 20 rounds');
}

/** Grows the rewritten sets with every change they draw in, until none is added; returns those changes. */
async function drawIn(trx: Trx, from: IsoDate, versions: Set<UnitId>, children: Set<UnitId>, except: number[]): Promise<number[]> {
  const drawn = new Set<number>();
  // Each round asks only about the units the last round added: what touches the others was found before.
  let [newVersions, newChildren] = [[...versions], [...children]];
  for (;;) {
    const found = (await findChangesTouching(trx, from, newVersions, newChildren, except)).filter((c) => !drawn.has(c.id));
    if (found.length === 0) return [...drawn];
    found.forEach((c) => drawn.add(c.id));
    [newVersions, newChildren] = [[], []];
    for (const f of await findFootprints(trx, found.map((c) => c.id))) {
      if (f.role === 'v' && !versions.has(f.unitId)) (versions.add(f.unitId), newVersions.push(f.unitId));
      if (f.role === 'c' && !children.has(f.unitId)) (children.add(f.unitId), newChildren.push(f.unitId));
    }
  }
}

/** Most units a replay rewrites come out as they were; only the others are written back. */
function sameHistory(a: Version[], b: Version[]): boolean {
  return a.length === b.length && a.every((v, i) => v.validFrom === b[i].validFrom && v.validTo === b[i].validTo && sameAttrs(v, b[i]));
}

async function persist(trx: Trx, tree: Tree, from: IsoDate, versions: Set<UnitId>, outcomes: [number, Outcome][]): Promise<void> {
  const ids = [...versions];
  await replaceTails(trx, ids, from, ids.flatMap((id) => tree.tail(id, from)));
  const effects = outcomes.map(([changeId, o]) => ({ changeId, footprint: o.footprint, lineage: o.lineage }));
  // A replayed change usually touches what it touched before: its stored effects then stay as they are.
  const stored = await findEffectsSignatures(trx, effects.map((e) => e.changeId));
  await saveEffects(trx, effects.filter((e) => effectsSignature(e) !== stored.get(e.changeId)));
}
