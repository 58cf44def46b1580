import { DomainError } from '../errors.js';
import { codesOf, create, emptyPlan, parentsOf } from './helpers.js';
import type { ChangeModule } from './types.js';

/** thành lập: new units come into being (an opening inventory may establish many at once). */
export const establish: ChangeModule<'establish'> = {
  needs: (input) => ({ units: parentsOf(input.units), childrenOf: [], codes: codesOf(input.units) }),
  mapRefs: (i, m) => ({ type: 'establish', units: m.newUnits(i.units, null, 'units') }),
  plan(tree, _date, input) {
    if (input.units.length === 0) throw new DomainError('NOTHING_TO_ESTABLISH', {}, 'units');
    const plan = emptyPlan();
    input.units.forEach((u, i) => create(plan, tree, u, `units.${i}`));
    return plan;
  },
};
