import { describe, expect, it } from 'vitest';
import { apply, CODE, ID, laoCai, LATER, ON, OPENED, refusal, spans } from '../support/tree-fixture.js';

describe('rename', () => {
  it('gives the same unit a new name from the effective date, keeping code, parent and figures', () => {
    const tree = laoCai();
    const out = apply(tree, ON, { type: 'rename', unit: ID.taChai, name: 'Xã Tả Chải' });

    expect(out).toMatchObject({ created: [], ended: [], changed: [ID.taChai], moved: [], lineage: [[ID.taChai, ID.taChai]] });
    expect(spans(tree, ID.taChai)).toEqual([['Xã Tà Chải', OPENED, ON], ['Xã Tả Chải', ON, null]]);
    expect(tree.on(ID.taChai, ON)).toMatchObject({ code: CODE.taChai, parentId: ID.bacHa, areaKm2: 5.02, population: 3342 });
    expect(tree.children(ID.taChai, ON)).toEqual([ID.thonNaKim, ID.thonTaChai]);
    expect(out.footprint.versions).toEqual(new Set([ID.taChai]));
    expect(out.footprint.children).toEqual(new Set());
  });

  it('keeps every earlier name in the history', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'rename', unit: ID.taChai, name: 'Xã Tả Chải' });
    apply(tree, LATER, { type: 'rename', unit: ID.taChai, name: 'Xã Tà Chải Mới' });
    expect(spans(tree, ID.taChai)).toEqual([
      ['Xã Tà Chải', OPENED, ON],
      ['Xã Tả Chải', ON, LATER],
      ['Xã Tà Chải Mới', LATER, null],
    ]);
  });

  it('overwrites the first of two renames on the same day instead of leaving an empty version', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'rename', unit: ID.taChai, name: 'Xã Tả Chải' });
    apply(tree, ON, { type: 'rename', unit: ID.taChai, name: 'Xã Tà Chải Mới' });
    expect(spans(tree, ID.taChai)).toEqual([['Xã Tà Chải', OPENED, ON], ['Xã Tà Chải Mới', ON, null]]);
  });

  it('refuses a rename to the name the unit already has', () => {
    expect(refusal(() => apply(laoCai(), ON, { type: 'rename', unit: ID.taChai, name: 'Xã Tà Chải' }))).toMatchObject({ code: 'NO_EFFECT', path: 'name' });
  });

  it('refuses to rename a unit before it exists', () => {
    expect(refusal(() => apply(laoCai(), '2019-12-31', { type: 'rename', unit: ID.taChai, name: 'Xã Tả Chải' })).code).toBe('UNIT_NOT_ALIVE');
  });

  it('refuses to rename a unit that has ended', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'merge', absorbed: [ID.taChai], into: ID.ttBacHa });
    expect(refusal(() => apply(tree, LATER, { type: 'rename', unit: ID.taChai, name: 'Xã Tả Chải' }))).toMatchObject({
      code: 'UNIT_NOT_ALIVE', params: { unit: ID.taChai, date: LATER }, path: 'unit',
    });
  });

  it('refuses to rename a unit that was never recorded', () => {
    expect(refusal(() => apply(laoCai(), ON, { type: 'rename', unit: 999, name: 'Xã Không Có' })).code).toBe('UNIT_NOT_ALIVE');
  });
});
