import { DomainError } from '../errors.js';
import { attrsOf } from '../tree.js';
import { alive, emptyPlan } from './helpers.js';
import type { ChangeModule } from './types.js';

/**
 * sửa lỗi nhập liệu: a name typed wrong is put right in the version that carries it, from the day
 * that name began. Not an event of the unit's history: no new version, no lineage, no decision of
 * its own (it is filed under the decision that gave the name). `from` is the name it corrects, so
 * that replaying it over a different name is refused rather than silently renaming.
 */
export const correct: ChangeModule<'correct'> = {
  needs: (input) => ({ units: [input.unit], childrenOf: [], codes: [] }),
  mapRefs: (i, m) => ({ type: 'correct', unit: m.unit(i.unit, 'unit'), from: i.from, name: i.name }),
  plan(tree, date, input) {
    const v = alive(tree, input.unit, date, 'unit');
    if (v.validFrom !== date) throw new DomainError('CORRECTION_NOT_AT_START', { unit: input.unit, date, start: v.validFrom }, 'unit');
    if (v.name !== input.from) throw new DomainError('CORRECTION_STALE', { unit: input.unit, expected: input.from, found: v.name }, 'name');
    if (input.name === input.from) throw new DomainError('NO_EFFECT', {}, 'name');
    const plan = emptyPlan();
    plan.writes.set(input.unit, { ...attrsOf(v), name: input.name });
    return plan;
  },
};
