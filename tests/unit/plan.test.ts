import { describe, expect, it } from 'vitest';
import { applyChange } from '../../src/domain/changes/index.js';
import { cloneTree, nextStatus, PLAN_STATUSES, refsOf, resolveProposal, TRANSITIONS, type PlanAction } from '../../src/domain/plan.js';
import { Tree, type Version } from '../../src/domain/tree.js';

const v = (unitId: number, name: string, kind: Version['kind'], subtype: string, parentId: number | null, code: string | null = null): Version => ({
  unitId, name, code, kind, subtype, parentId, validFrom: '2019-01-01', validTo: null, areaKm2: 10, population: 1000, households: null, sector: null,
});

const tree = () => new Tree([v(1, 'Tỉnh Thử', 'province', 'tinh', null, '99'), v(2, 'Huyện Một', 'district', 'huyen', 1, '901'), v(3, 'Xã A', 'commune', 'xa', 2, '90001'), v(4, 'Xã B', 'commune', 'xa', 2, '90002')]);

describe('the plan workflow', () => {
  const allowed: [string, PlanAction, string][] = [
    ['draft', 'submit', 'submitted'], ['submitted', 'approve', 'approved'], ['submitted', 'reject', 'rejected'], ['submitted', 'withdraw', 'draft'],
    ['approved', 'withdraw', 'draft'], ['rejected', 'withdraw', 'draft'], ['approved', 'enact', 'enacted'],
  ];
  it.each(allowed)('takes a %s plan through %s to %s', (from, action, to) => {
    expect(nextStatus(from as never, action)).toBe(to);
  });

  it('refuses every other step, and nothing leaves an enacted plan', () => {
    for (const status of PLAN_STATUSES) {
      for (const action of Object.keys(TRANSITIONS) as PlanAction[]) {
        if (allowed.some(([f, a]) => f === status && a === action)) continue;
        expect(() => nextStatus(status, action), `${status} ${action}`).toThrow(expect.objectContaining({ code: 'PLAN_TRANSITION' }));
      }
    }
  });
});

describe('proposals against a tree', () => {
  it('finds the refs of a proposal, not the codes of the units it creates', () => {
    expect(refsOf({ type: 'consolidate', units: [{ id: 3 }, { code: '90002' }], result: { name: 'Xã C', code: '90003', parent: { id: 2 } } })).toEqual([{ id: 3 }, { code: '90002' }, { id: 2 }]);
  });

  it('resolves codes among the units earlier proposals created, and new units take kind, subtype and parent of their source', () => {
    const t = tree();
    let next = -1;
    const input = resolveProposal(t, '2019-06-02', { type: 'split', unit: { code: '90001' }, into: [{ name: 'Xã A1', code: '90011' }, { name: 'Xã A2' }] }, new Map([['90001', 3]]), () => next--);
    expect(input).toMatchObject({ type: 'split', unit: 3, into: [{ id: -1, kind: 'commune', subtype: 'xa', parent: 2 }, { id: -2, parent: 2 }] });
    applyChange(t, '2019-06-02', input);
    expect(resolveProposal(t, '2019-06-02', { type: 'rename', unit: { code: '90011' }, name: 'Xã A Một' }, new Map(), () => 0)).toEqual({ type: 'rename', unit: -1, name: 'Xã A Một' });
    expect(() => resolveProposal(t, '2019-06-02', { type: 'rename', unit: { code: '98765' }, name: 'X' }, new Map(), () => 0)).toThrow(expect.objectContaining({ code: 'UNKNOWN_CODE', path: 'unit' }));
    expect(() => resolveProposal(t, '2019-06-02', { type: 'rename', unit: { id: 77 }, name: 'X' }, new Map(), () => 0)).toThrow(expect.objectContaining({ code: 'UNKNOWN_UNIT' }));
  });

  it('tries a proposal on a copy, so a refusal leaves the tree as it was', () => {
    const t = tree();
    const copy = cloneTree(t);
    expect(() => applyChange(copy, '2019-06-02', { type: 'transfer', unit: 2, toParent: 3 })).toThrow(expect.objectContaining({ code: 'PARENT_KIND' }));
    expect(copy.on(2, '2019-06-02')?.parentId).toBe(3); // the engine wrote before it checked
    expect(t.allVersions()).toEqual(tree().allVersions());
  });
});
