import { DomainError } from '../errors.js';
import { attrsOf, type Figures } from '../tree.js';
import { alive, checkMoves, codesOf, create, definedOnly, emptyPlan, mapMoves, moveChildren, parentsOf, shiftFigures } from './helpers.js';
import type { ChangeModule } from './types.js';

/**
 * tách: part of a unit becomes one or more new units; the original continues. Unless the decision
 * states what remains, the new units' area, population and households are taken off the original.
 */
export const separate: ChangeModule<'separate'> = {
  needs: (input) => ({ units: [input.unit, ...parentsOf(input.parts)], childrenOf: [input.unit], codes: codesOf(input.parts) }),
  mapRefs(i, m) {
    const unit = m.unit(i.unit, 'unit');
    return { type: 'separate', unit, parts: m.newUnits(i.parts, unit, 'parts'), childMoves: mapMoves(i.childMoves, m), remaining: i.remaining };
  },
  plan(tree, date, input) {
    if (input.parts.length === 0) throw new DomainError('NOTHING_TO_SEPARATE', {}, 'parts');
    const original = attrsOf(alive(tree, input.unit, date, 'unit'));
    checkMoves(input.parts.length, input.childMoves);
    const plan = emptyPlan();
    input.parts.forEach((u, i) => create(plan, tree, u, `parts.${i}`));
    const ids = input.parts.map((u) => u.id);
    const moves = (input.childMoves ?? []).map((m) => ({ unit: m.unit, to: ids[m.to] }));
    moveChildren(plan, tree, date, input.unit, input.unit, moves);
    const remaining = input.remaining
      ? definedOnly(input.remaining)
      : shiftFigures(original, taken(input.parts.map((p) => p.figures)), -1, 'parts');
    plan.writes.set(input.unit, { ...original, ...remaining });
    plan.lineage.push([input.unit, input.unit]);
    for (const id of ids) plan.lineage.push([input.unit, id, 'part']);
    return plan;
  },
};

function taken(parts: Partial<Figures>[]): Partial<Figures> {
  const out: Partial<Figures> = {};
  for (const key of ['areaKm2', 'population', 'households'] as const) {
    const values = parts.map((p) => p[key]);
    if (values.every((x): x is number => typeof x === 'number')) out[key] = values.reduce((a, b) => a + b, 0);
  }
  return out;
}
