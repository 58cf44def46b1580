import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { addProposal, editProposal, moveProposal, removeProposal } from '../../src/services/plan-proposal.service.js';
import { enactPlan } from '../../src/services/plan-enactment.service.js';
import { importChanges } from '../../src/services/import.service.js';
import { createPlan, editPlan, rebasePlan, transitionPlan } from '../../src/services/plan.service.js';
import { setUnitRegions } from '../../src/services/region.service.js';
import { assertRowsWithinScope, assertWithinScope } from '../../src/services/scope.service.js';
import { saveRule, saveStandard } from '../../src/services/standard.service.js';

/**
 * Issue 14: the service's in-transaction scope check is the last word, so no write may skip it by
 * leaving out its writer. Checked by the compiler (`npm test` runs tsc first): each call below
 * without a writer must be a type error, or `@ts-expect-error` itself fails.
 */
function callsWithoutAWriter(db: Db) {
  const plan = { name: 'x', scopeUnitId: 1, baseOn: '2020-01-01', author: 'x', description: null };
  return [
    // @ts-expect-error the writer is required
    createPlan(db, plan),
    // @ts-expect-error the writer is required
    editPlan(db, 1, plan),
    // @ts-expect-error the writer is required
    transitionPlan(db, 1, 'submit', undefined, null),
    // @ts-expect-error the writer is required
    rebasePlan(db, 1, '2020-01-01'),
    // @ts-expect-error the writer is required
    enactPlan(db, 1, { effectiveOn: '2020-01-01', decision: { number: '1' }, comment: null }),
    // @ts-expect-error the writer is required
    addProposal(db, 1, { type: 'rename', unit: { id: 1 }, name: 'x' }, {}),
    // @ts-expect-error the writer is required
    editProposal(db, 1, 1, { type: 'rename', unit: { id: 1 }, name: 'x' }, {}),
    // @ts-expect-error the writer is required
    removeProposal(db, 1, 1),
    // @ts-expect-error the writer is required
    moveProposal(db, 1, 1, 1),
    // @ts-expect-error the writer is required
    saveStandard(db, null, {} as Parameters<typeof saveStandard>[2]),
    // @ts-expect-error the writer is required
    saveRule(db, null, {} as Parameters<typeof saveRule>[2]),
    // @ts-expect-error the writer is required
    setUnitRegions(db, 1, []),
    // @ts-expect-error the writer is required
    assertWithinScope(db, undefined, [1], ['2020-01-01']),
    // @ts-expect-error the writer is required
    assertRowsWithinScope(db, undefined, []),
    // @ts-expect-error the writer is required
    importChanges(db, '', (e) => e.code),
  ];
}

describe('write services', () => {
  it('take the acting writer as a required parameter (checked by tsc)', () => {
    expect(typeof callsWithoutAWriter).toBe('function');
  });
});
