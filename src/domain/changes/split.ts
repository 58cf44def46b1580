import { DomainError } from '../errors.js';
import { alive, checkMoves, codesOf, create, emptyPlan, end, mapMoves, moveChildren, parentsOf } from './helpers.js';
import type { ChangeModule } from './types.js';

/** chia: the unit ends and several new units take its place; each child must be given to one of them. */
export const split: ChangeModule<'split'> = {
  needs: (input) => ({ units: [input.unit, ...parentsOf(input.into)], childrenOf: [input.unit], codes: codesOf(input.into) }),
  mapRefs(i, m) {
    const unit = m.unit(i.unit, 'unit');
    return { type: 'split', unit, into: m.newUnits(i.into, unit, 'into'), childrenTo: i.childrenTo, childMoves: mapMoves(i.childMoves, m) };
  },
  plan(tree, date, input) {
    if (input.into.length < 2) throw new DomainError('SPLIT_NEEDS_TWO', {}, 'into');
    alive(tree, input.unit, date, 'unit');
    checkMoves(input.into.length, input.childMoves, input.childrenTo);
    const plan = emptyPlan();
    input.into.forEach((u, i) => create(plan, tree, u, `into.${i}`));
    const ids = input.into.map((u) => u.id);
    const moves = (input.childMoves ?? []).map((m) => ({ unit: m.unit, to: ids[m.to] }));
    moveChildren(plan, tree, date, input.unit, input.childrenTo === undefined ? null : ids[input.childrenTo], moves);
    end(plan, input.unit);
    for (const id of ids) plan.lineage.push([input.unit, id, 'part']);
    return plan;
  },
};
