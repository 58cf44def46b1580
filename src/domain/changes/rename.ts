import { DomainError } from '../errors.js';
import { attrsOf } from '../tree.js';
import { alive, emptyPlan } from './helpers.js';
import type { ChangeModule } from './types.js';

/** đổi tên: same unit, same code, new name. */
export const rename: ChangeModule<'rename'> = {
  needs: (input) => ({ units: [input.unit], childrenOf: [], codes: [] }),
  mapRefs: (i, m) => ({ type: 'rename', unit: m.unit(i.unit, 'unit'), name: i.name }),
  plan(tree, date, input) {
    const unit = attrsOf(alive(tree, input.unit, date, 'unit'));
    if (unit.name === input.name) throw new DomainError('NO_EFFECT', {}, 'name');
    const plan = emptyPlan();
    plan.writes.set(input.unit, { ...unit, name: input.name });
    plan.lineage.push([input.unit, input.unit]);
    return plan;
  },
};
