import { DomainError } from '../errors.js';
import { attrsOf, sameAttrs } from '../tree.js';
import { alive, definedOnly, emptyPlan } from './helpers.js';
import type { ChangeModule } from './types.js';

/** đính chính số liệu: corrects figures or the official code from the effective date; nothing moves. */
export const amend: ChangeModule<'amend'> = {
  needs: (input) => ({ units: [input.unit], childrenOf: [], codes: input.code ? [input.code] : [] }),
  mapRefs: (i, m) => ({ type: 'amend', unit: m.unit(i.unit, 'unit'), figures: i.figures, code: i.code }),
  plan(tree, date, input) {
    const unit = attrsOf(alive(tree, input.unit, date, 'unit'));
    const next = { ...unit, ...definedOnly(input.figures), ...(input.code === undefined ? {} : { code: input.code }) };
    if (sameAttrs(unit, next)) throw new DomainError('NO_EFFECT', {}, 'figures');
    const plan = emptyPlan();
    plan.writes.set(input.unit, next);
    plan.lineage.push([input.unit, input.unit]);
    return plan;
  },
};
