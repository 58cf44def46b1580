import type { IsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import { TERRITORIAL, type Kind } from '../kinds.js';
import { attrsOf, type Attrs, type Figures, type Tree, type UnitId } from '../tree.js';
import { alive, checkMoves, current, emptyPlan, end, mapMoves, newUnitAttrs, create } from './helpers.js';
import type { ChangeModule, Constituent, InputOf, Plan } from './types.js';

type Input = InputOf<'reorganise'>;
type Output = Input['outputs'][number];

const ADDITIVE = ['areaKm2', 'population', 'households'] as const;

/**
 * sắp xếp: what one article after another of a 2025 resolution decides, as one event. Each output
 * is a new unit, or a unit that continues (perhaps renamed, under a new parent), formed from whole
 * units and from parts of others. Every constituent that does not continue ends; `dissolve` ends
 * units with no successor (the district level); their children go where `childMoves` sends them,
 * or to `childrenTo` (the province).
 * Lineage holds exactly the listed pairs, each whole or part; a part's figures are the decision's,
 * and an output whose part has none has unknown figures: nothing is invented.
 */
export const reorganise: ChangeModule<'reorganise'> = {
  needs: (input) => {
    const continuing = input.outputs.flatMap((o) => ('continues' in o ? [o.continues] : []));
    const constituents = input.outputs.flatMap((o) => o.from.map((c) => c.unit));
    const parents = input.outputs.flatMap((o) => ('continues' in o ? (o.parent == null ? [] : [o.parent]) : o.unit.parent === null ? [] : [o.unit.parent]));
    return {
      units: [...continuing, ...constituents, ...parents, ...(input.dissolve ?? []), ...(input.childrenTo === undefined ? [] : [input.childrenTo])],
      childrenOf: [...new Set([...constituents, ...(input.dissolve ?? [])])],
      codes: input.outputs.flatMap((o) => ('unit' in o && o.unit.code ? [o.unit.code] : [])),
    };
  },
  mapRefs(i, m) {
    const outputs = i.outputs.map((o, k) => {
      const from = o.from.map((c, j) => ({ ...c, unit: m.unit(c.unit, `outputs.${k}.from.${j}.unit`) }));
      if ('continues' in o) {
        const parent = o.parent == null ? (o.parent === undefined ? undefined : null) : m.unit(o.parent, `outputs.${k}.parent`);
        return { continues: m.unit(o.continues, `outputs.${k}.continues`), name: o.name, subtype: o.subtype, parent, from };
      }
      return { unit: m.newUnits([o.unit], from[0]?.unit ?? null, `outputs.${k}.unit`)[0], from };
    });
    return {
      type: 'reorganise', outputs,
      dissolve: i.dissolve?.map((r, k) => m.unit(r, `dissolve.${k}`)),
      childrenTo: i.childrenTo === undefined ? undefined : m.unit(i.childrenTo, 'childrenTo'),
      childMoves: mapMoves(i.childMoves, m),
    };
  },
  plan(tree, date, input) {
    if (input.outputs.length === 0 && !input.dissolve?.length) throw new DomainError('NOTHING_TO_REORGANISE', {}, 'outputs');
    checkMoves(input.outputs.length, input.childMoves);
    const { ids, continuing } = check(tree, date, input);
    const plan = emptyPlan();
    input.outputs.forEach((o, k) => {
      if ('unit' in o) create(plan, tree, o.unit, `outputs.${k}.unit`);
    });
    const ending = [...new Set(input.outputs.flatMap((o) => o.from.map((c) => c.unit)))].filter((id) => !continuing.has(id));
    handChildren(plan, tree, date, input, ids, [...ending, ...(input.dissolve ?? [])]);
    input.outputs.forEach((o, k) => {
      const id = ids[k];
      for (const c of o.from) plan.lineage.push(c.share === 'part' ? [c.unit, id, 'part'] : [c.unit, id]);
      const base = 'unit' in o ? newUnitAttrs(o.unit) : current(plan, tree, id, date);
      const own = 'unit' in o ? [] : [{ unit: id, share: 'whole' as const }];
      const given = 'unit' in o ? [] : givenAway(input, id);
      const figures = o.from.length === 0 && given.length === 0 ? {} : formed(tree, date, base.kind, [...own, ...o.from], given, 'unit' in o ? o.unit.figures : {});
      const renamed = 'continues' in o ? { ...(o.name ? { name: o.name } : {}), ...(o.subtype ? { subtype: o.subtype } : {}), ...(o.parent !== undefined ? { parentId: o.parent } : {}) } : {};
      plan.writes.set(id, { ...base, ...figures, ...renamed });
    });
    for (const id of [...ending, ...(input.dissolve ?? [])]) end(plan, id);
    return plan;
  },
};

/** The output ids in order, and the units that continue; refuses a unit listed twice as a whole or in two roles. */
function check(tree: Tree, date: IsoDate, input: Input): { ids: UnitId[]; continuing: Set<UnitId> } {
  const continuing = new Set<UnitId>();
  const ids = input.outputs.map((o, k) => {
    if ('unit' in o) return o.unit.id;
    alive(tree, o.continues, date, `outputs.${k}.continues`);
    if (continuing.has(o.continues)) throw new DomainError('DUPLICATE_UNIT', { unit: o.continues }, `outputs.${k}.continues`);
    continuing.add(o.continues);
    return o.continues;
  });
  const wholeIn = new Map<UnitId, number>();
  const shares = new Map<UnitId, Constituent['share']>();
  input.outputs.forEach((o, k) => {
    const seen = new Set<UnitId>();
    o.from.forEach((c, j) => {
      const path = `outputs.${k}.from.${j}.unit`;
      alive(tree, c.unit, date, path);
      if (seen.has(c.unit) || c.unit === ids[k]) throw new DomainError('DUPLICATE_UNIT', { unit: c.unit }, path);
      seen.add(c.unit);
      if (shares.has(c.unit) && (shares.get(c.unit) === 'whole' || c.share === 'whole')) throw new DomainError('WHOLE_AND_PART', { unit: c.unit }, path);
      if (c.share === 'whole' && continuing.has(c.unit)) throw new DomainError('WHOLE_AND_PART', { unit: c.unit }, path);
      shares.set(c.unit, c.share);
      if (c.share === 'whole') wholeIn.set(c.unit, k);
    });
  });
  if (input.childrenTo !== undefined) alive(tree, input.childrenTo, date, 'childrenTo');
  (input.dissolve ?? []).forEach((id, k) => {
    alive(tree, id, date, `dissolve.${k}`);
    if (shares.has(id) || continuing.has(id)) throw new DomainError('DUPLICATE_UNIT', { unit: id }, `dissolve.${k}`);
  });
  return { ids, continuing };
}

/**
 * Children of the units that end go to the output that takes their unit whole, or where
 * `childMoves` sends them; a part-only unit's children go to the first output that lists it.
 * A dissolved unit's children must be sent somewhere (or leave in this event), else the engine refuses.
 */
function handChildren(plan: Plan, tree: Tree, date: IsoDate, input: Input, ids: UnitId[], ending: UnitId[]): void {
  const moves = new Map((input.childMoves ?? []).map((m, i) => {
    if (!ending.includes(tree.on(m.unit, date)?.parentId ?? -1)) throw new DomainError('NOT_A_CHILD', { unit: m.unit, parent: ending[0] ?? 0 }, `childMoves.${i}.unit`);
    return [m.unit, ids[m.to]];
  }));
  const firstOutput = new Map<UnitId, UnitId>();
  input.outputs.forEach((o, k) => {
    for (const c of o.from) if (c.share === 'whole' || !firstOutput.has(c.unit)) firstOutput.set(c.unit, ids[k]);
  });
  const dissolved = new Set(input.dissolve ?? []);
  // A continuing unit given a parent of its own goes there, not with its former parent's children.
  const placed = new Set(input.outputs.flatMap((o) => ('continues' in o && o.parent !== undefined ? [o.continues] : [])));
  for (const from of ending) {
    for (const child of tree.children(from, date)) {
      if (plan.writes.has(child) && plan.writes.get(child) === null) continue;
      if (placed.has(child)) continue;
      const target = moves.get(child) ?? (dissolved.has(from) ? input.childrenTo : firstOutput.get(from));
      if (target === undefined) continue;
      plan.writes.set(child, { ...current(plan, tree, child, date), parentId: target });
    }
  }
}

/** The parts a continuing unit gives to other outputs. */
function givenAway(input: Input, id: UnitId): Constituent[] {
  return input.outputs.flatMap((o) => o.from.filter((c) => c.unit === id && c.share === 'part'));
}

/**
 * An output's area, population and households: its wholes' figures and its parts' stated figures,
 * less what it gives away; unknown (null) as soon as one term is unknown, unless the decision states it.
 */
function formed(tree: Tree, date: IsoDate, kind: Kind, from: Constituent[], given: Constituent[], stated: Partial<Figures>): Partial<Attrs> {
  if (!TERRITORIAL.includes(kind)) return {};
  const out: Partial<Attrs> = {};
  const whole = (id: UnitId) => attrsOf(tree.on(id, date)!);
  for (const key of ADDITIVE) {
    if (stated[key] !== undefined && stated[key] !== null) continue;
    let sum: number | null = 0;
    for (const c of from) {
      const v = c.share === 'whole' ? whole(c.unit)[key] : (c.figures?.[key] ?? null);
      sum = sum === null || v === null ? null : sum + v;
    }
    for (const c of given) {
      const v = c.figures?.[key] ?? null;
      sum = sum === null || v === null ? null : sum - v;
    }
    if (sum !== null && sum < 0) throw new DomainError('FIGURES_NEGATIVE', { field: key }, 'outputs');
    out[key] = sum === null ? null : Math.round(sum * 100) / 100;
  }
  return out;
}
