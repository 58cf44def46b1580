import { DomainError } from '../errors.js';
import { alive, create, definedOnly, emptyPlan, end, moveChildren, newUnitAttrs, parentsOf, summedFigures } from './helpers.js';
import type { ChangeModule } from './types.js';

/**
 * hợp nhất: the units end and one new unit takes their place and their children. The new unit may
 * take over the official code of one of them (as the 2025 consolidations did).
 */
export const consolidate: ChangeModule<'consolidate'> = {
  needs: (input) => ({
    units: [...input.units, ...parentsOf([input.result])],
    childrenOf: input.units,
    codes: input.result.code ? [input.result.code] : [],
  }),
  mapRefs(i, m) {
    const units = i.units.map((r, k) => m.unit(r, `units.${k}`));
    return { type: 'consolidate', units, result: m.newUnits([i.result], units[0] ?? null, 'result')[0] };
  },
  plan(tree, date, input) {
    if (input.units.length < 2) throw new DomainError('CONSOLIDATE_NEEDS_TWO', {}, 'units');
    if (new Set(input.units).size !== input.units.length) throw new DomainError('DUPLICATE_UNIT', {}, 'units');
    const parts = input.units.map((id, i) => alive(tree, id, date, `units.${i}`));
    const plan = emptyPlan();
    create(plan, tree, input.result, 'result');
    plan.writes.set(input.result.id, {
      ...newUnitAttrs(input.result),
      ...summedFigures(parts),
      ...definedOnly(input.result.figures),
    });
    for (const p of parts) {
      moveChildren(plan, tree, date, p.unitId, input.result.id);
      end(plan, p.unitId);
      plan.lineage.push([p.unitId, input.result.id]);
    }
    return plan;
  },
};
