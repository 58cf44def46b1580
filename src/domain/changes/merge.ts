import { DomainError } from '../errors.js';
import { attrsOf } from '../tree.js';
import { alive, definedOnly, emptyPlan, end, moveChildren, summedFigures } from './helpers.js';
import type { ChangeModule } from './types.js';

/**
 * nhập / sáp nhập: the absorbed units end and the absorbing unit continues, keeping its code and
 * taking their children; its area and population become the sum unless the decision states them.
 */
export const merge: ChangeModule<'merge'> = {
  needs: (input) => ({ units: [input.into, ...input.absorbed], childrenOf: input.absorbed, codes: [] }),
  mapRefs: (i, m) => ({
    type: 'merge', absorbed: i.absorbed.map((r, k) => m.unit(r, `absorbed.${k}`)), into: m.unit(i.into, 'into'), name: i.name, figures: i.figures,
  }),
  plan(tree, date, input) {
    if (input.absorbed.length === 0) throw new DomainError('NOTHING_TO_MERGE', {}, 'absorbed');
    if (input.absorbed.includes(input.into) || new Set(input.absorbed).size !== input.absorbed.length) {
      throw new DomainError('DUPLICATE_UNIT', {}, 'absorbed');
    }
    const into = attrsOf(alive(tree, input.into, date, 'into'));
    const absorbed = input.absorbed.map((id, i) => alive(tree, id, date, `absorbed.${i}`));
    for (const [i, a] of absorbed.entries()) {
      if (a.kind !== into.kind) throw new DomainError('KIND_MISMATCH', { unit: a.unitId, other: input.into }, `absorbed.${i}`);
    }
    const plan = emptyPlan();
    for (const a of absorbed) moveChildren(plan, tree, date, a.unitId, input.into);
    plan.writes.set(input.into, {
      ...into,
      ...summedFigures([into, ...absorbed]),
      ...definedOnly(input.figures),
      name: input.name ?? into.name,
    });
    for (const a of absorbed) {
      end(plan, a.unitId);
      plan.lineage.push([a.unitId, input.into]);
    }
    plan.lineage.push([input.into, input.into]);
    return plan;
  },
};
