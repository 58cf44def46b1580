import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../../src/domain/changes/index.js';
import { apply, ID, laoCai, ON, OPENED, refusal } from '../support/tree-fixture.js';

describe('reclassify', () => {
  it('turns Xã Tà Chải into a town with its new name, as the same unit', () => {
    const tree = laoCai();
    const out = apply(tree, ON, { type: 'reclassify', unit: ID.taChai, subtype: 'thi_tran', name: 'Thị trấn Tà Chải' });

    expect(out).toMatchObject({ created: [], ended: [], changed: [ID.taChai], moved: [], lineage: [[ID.taChai, ID.taChai]] });
    expect(tree.history(ID.taChai).map((v) => [v.name, v.subtype, v.validFrom, v.validTo])).toEqual([
      ['Xã Tà Chải', 'xa', OPENED, ON],
      ['Thị trấn Tà Chải', 'thi_tran', ON, null],
    ]);
    expect(tree.children(ID.taChai, ON)).toEqual([ID.thonNaKim, ID.thonTaChai]);
  });

  it('keeps the name when none is given', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'reclassify', unit: ID.bacHa, subtype: 'thi_xa' });
    expect(tree.on(ID.bacHa, ON)).toMatchObject({ name: 'Huyện Bắc Hà', subtype: 'thi_xa', kind: 'district' });
  });

  it('changes the kind of a unit with no children into one its parent may hold', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'reclassify', unit: ID.naHoi, kind: 'public_service_unit', subtype: 'nong_nghiep' });
    expect(tree.on(ID.naHoi, ON)).toMatchObject({ kind: 'public_service_unit', subtype: 'nong_nghiep' });
  });

  it.each<[string, string, InputOf<'reclassify'>]>([
    ['the subtype the unit already has', 'NO_EFFECT', { type: 'reclassify', unit: ID.taChai, subtype: 'xa', name: 'Xã Tà Chải Mới' }],
    ['a subtype of districts for a commune', 'INVALID_SUBTYPE', { type: 'reclassify', unit: ID.taChai, subtype: 'huyen' }],
    ['a province turned into a district with no parent', 'PARENT_REQUIRED', { type: 'reclassify', unit: ID.laoCai, kind: 'district', subtype: 'huyen' }],
    ['a commune turned into a village under a district', 'PARENT_KIND', { type: 'reclassify', unit: ID.naHoi, kind: 'village', subtype: 'thon' }],
    ['a district turned into a commune while communes sit under it', 'PARENT_KIND', { type: 'reclassify', unit: ID.siMaCai, kind: 'commune', subtype: 'xa' }],
  ])('refuses %s', (_what, code, input) => {
    expect(refusal(() => apply(laoCai(), ON, input)).code).toBe(code);
  });

  it('refuses to reclassify a unit that has ended', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'merge', absorbed: [ID.taChai], into: ID.ttBacHa });
    expect(refusal(() => apply(tree, ON, { type: 'reclassify', unit: ID.taChai, subtype: 'thi_tran' })).code).toBe('UNIT_NOT_ALIVE');
  });

  it('refuses to reclassify a unit before it exists', () => {
    expect(refusal(() => apply(laoCai(), '2019-01-01', { type: 'reclassify', unit: ID.taChai, subtype: 'thi_tran' })).code).toBe('UNIT_NOT_ALIVE');
  });
});
