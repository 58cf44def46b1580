import { alive, emptyPlan, end, moveChildren } from './helpers.js';
import type { ChangeModule } from './types.js';

/** giải thể: the unit ends; its children go to `childrenTo`, or the change is refused if it has any. */
export const dissolve: ChangeModule<'dissolve'> = {
  needs: (input) => ({
    units: input.childrenTo === null ? [input.unit] : [input.unit, input.childrenTo],
    childrenOf: [input.unit],
    codes: [],
  }),
  mapRefs: (i, m) => ({ type: 'dissolve', unit: m.unit(i.unit, 'unit'), childrenTo: i.childrenTo == null ? null : m.unit(i.childrenTo, 'childrenTo') }),
  plan(tree, date, input) {
    alive(tree, input.unit, date, 'unit');
    if (input.childrenTo !== null) alive(tree, input.childrenTo, date, 'childrenTo');
    const plan = emptyPlan();
    moveChildren(plan, tree, date, input.unit, input.childrenTo);
    end(plan, input.unit);
    return plan;
  },
};
