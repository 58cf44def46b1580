import { DomainError } from '../errors.js';
import { attrsOf } from '../tree.js';
import { alive, emptyPlan } from './helpers.js';
import type { ChangeModule } from './types.js';

/** chuyển đổi: same unit, new subtype (xã → thị trấn, huyện → thị xã), often with the new name. */
export const reclassify: ChangeModule<'reclassify'> = {
  needs: (input) => ({ units: [input.unit], childrenOf: [], codes: [] }),
  mapRefs: (i, m) => ({ type: 'reclassify', unit: m.unit(i.unit, 'unit'), subtype: i.subtype, kind: i.kind, name: i.name }),
  plan(tree, date, input) {
    const unit = attrsOf(alive(tree, input.unit, date, 'unit'));
    const next = { ...unit, subtype: input.subtype, kind: input.kind ?? unit.kind, name: input.name ?? unit.name };
    if (next.subtype === unit.subtype && next.kind === unit.kind) throw new DomainError('NO_EFFECT', {}, 'subtype');
    const plan = emptyPlan();
    plan.writes.set(input.unit, next);
    plan.lineage.push([input.unit, input.unit]);
    return plan;
  },
};
