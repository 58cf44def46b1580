import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../../src/domain/changes/index.js';
import { apply, ID, laoCai, ON, OPENED, refusal } from '../support/tree-fixture.js';

const move = (unit: number, toParent: number): InputOf<'transfer'> => ({ type: 'transfer', unit, toParent });

describe('transfer of a whole unit', () => {
  it('moves Xã Tà Chải from Bắc Hà to Si Ma Cai with its villages', () => {
    const tree = laoCai();
    const out = apply(tree, ON, move(ID.taChai, ID.siMaCai));

    expect(out).toMatchObject({ created: [], ended: [], changed: [], lineage: [[ID.taChai, ID.taChai]] });
    expect(out.moved).toEqual([{ unitId: ID.taChai, from: ID.bacHa, to: ID.siMaCai }]);
    expect(tree.children(ID.bacHa, '2023-12-31')).toContain(ID.taChai);
    expect(tree.children(ID.bacHa, ON)).not.toContain(ID.taChai);
    expect(tree.children(ID.siMaCai, ON)).toEqual([ID.taChai, ID.sanChai, ID.nanSan]);
    expect(tree.children(ID.taChai, ON)).toEqual([ID.thonNaKim, ID.thonTaChai]);
    expect(tree.history(ID.taChai).map((v) => [v.parentId, v.validFrom, v.validTo])).toEqual([
      [ID.bacHa, OPENED, ON],
      [ID.siMaCai, ON, null],
    ]);
    expect(out.footprint.children).toEqual(new Set([ID.bacHa, ID.siMaCai]));
    expect(out.footprint.readVersions).toEqual(new Set([ID.taChai, ID.siMaCai, ID.laoCai]));
  });

  it('puts a commune directly under the province, as from 01/07/2025', () => {
    const tree = laoCai();
    apply(tree, '2025-07-01', move(ID.taChai, ID.laoCai));
    expect(tree.on(ID.taChai, '2025-07-01')!.parentId).toBe(ID.laoCai);
  });

  it('moves an agency under another agency', () => {
    const tree = laoCai();
    apply(tree, ON, move(ID.phongToChuc, ID.chiCucVanThu));
    expect(tree.children(ID.chiCucVanThu, ON)).toEqual([ID.phongToChuc]);
  });

  it('reports the move of a unit renamed earlier the same day, with the parent it left', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'rename', unit: ID.taChai, name: 'Xã Tả Chải' });
    const out = apply(tree, ON, move(ID.taChai, ID.siMaCai));
    expect(out.moved).toEqual([{ unitId: ID.taChai, from: ID.bacHa, to: ID.siMaCai }]);
    expect(out.changed).toEqual([]);
    expect(out.footprint.children).toEqual(new Set([ID.bacHa, ID.siMaCai]));
    expect(tree.history(ID.taChai).map((v) => [v.name, v.parentId, v.validFrom, v.validTo])).toEqual([
      ['Xã Tà Chải', ID.bacHa, OPENED, ON],
      ['Xã Tả Chải', ID.siMaCai, ON, null],
    ]);
  });

  it('refuses a move to the parent the unit already has', () => {
    expect(refusal(() => apply(laoCai(), ON, move(ID.taChai, ID.bacHa)))).toMatchObject({ code: 'NO_EFFECT', path: 'toParent' });
  });

  it('refuses to put a district under its own commune', () => {
    const err = refusal(() => apply(laoCai(), ON, move(ID.bacHa, ID.taChai)));
    expect(err).toMatchObject({ code: 'PARENT_KIND', params: { kind: 'district', parentKind: 'commune' } });
  });

  it('refuses to put a village under a district', () => {
    expect(refusal(() => apply(laoCai(), ON, move(ID.thonNaKim, ID.bacHa))).code).toBe('PARENT_KIND');
  });

  it('refuses to put an agency under an agency it manages', () => {
    const err = refusal(() => apply(laoCai(), ON, move(ID.soNoiVu, ID.phongToChuc)));
    expect(err).toMatchObject({ code: 'CYCLE', params: { unit: ID.soNoiVu }, path: 'parent' });
  });

  it('refuses to put an agency under itself', () => {
    expect(refusal(() => apply(laoCai(), ON, move(ID.soNoiVu, ID.soNoiVu))).code).toBe('CYCLE');
  });

  it('refuses a move to a dissolved parent', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.chiCucVanThu, childrenTo: null });
    expect(refusal(() => apply(tree, ON, move(ID.phongToChuc, ID.chiCucVanThu)))).toMatchObject({ code: 'UNIT_NOT_ALIVE', path: 'toParent' });
  });

  it('refuses to move a unit before it exists', () => {
    expect(refusal(() => apply(laoCai(), '2019-01-01', move(ID.taChai, ID.siMaCai)))).toMatchObject({ code: 'UNIT_NOT_ALIVE', path: 'unit' });
  });
});

describe('transfer of part of a unit', () => {
  const part = (extra: Partial<Extract<InputOf<'transfer'>, { from: unknown }>> = {}): InputOf<'transfer'> => ({
    type: 'transfer', from: ID.taChai, to: ID.naHoi, children: [ID.thonNaKim], figures: { areaKm2: 2, population: 1000 }, ...extra,
  });

  it('moves a village with its area and population from Tà Chải to Na Hối', () => {
    const tree = laoCai();
    const out = apply(tree, ON, part());

    expect(out).toMatchObject({ created: [], ended: [], changed: [ID.taChai, ID.naHoi] });
    expect(out.moved).toEqual([{ unitId: ID.thonNaKim, from: ID.taChai, to: ID.naHoi }]);
    expect(out.lineage).toEqual([[ID.taChai, ID.taChai], [ID.taChai, ID.naHoi, 'part']]);
    expect(tree.on(ID.taChai, ON)).toMatchObject({ areaKm2: 3.02, population: 2342 });
    expect(tree.on(ID.naHoi, ON)).toMatchObject({ areaKm2: 24.8, population: 5500 });
    expect(tree.children(ID.naHoi, ON)).toEqual([ID.thonNaKim]);
  });

  it('moves only area and population when no village is named', () => {
    const tree = laoCai();
    const out = apply(tree, ON, part({ children: [] }));
    expect(out.moved).toEqual([]);
    expect(tree.on(ID.naHoi, ON)!.population).toBe(5500);
  });

  it('moves only villages when no figure is given', () => {
    const tree = laoCai();
    apply(tree, ON, part({ figures: undefined }));
    expect(tree.on(ID.taChai, ON)!.population).toBe(3342);
    expect(tree.children(ID.naHoi, ON)).toEqual([ID.thonNaKim]);
  });

  it.each<[string, string, Parameters<typeof part>[0]]>([
    ['a transfer of nothing', 'NO_EFFECT', { children: [], figures: {} }],
    ['a transfer from a unit to itself', 'DUPLICATE_UNIT', { to: ID.taChai }],
    ['a village of another commune', 'NOT_A_CHILD', { children: [ID.tdpNaCo] }],
    ['more people than the unit has', 'FIGURES_NEGATIVE', { figures: { population: 3343 } }],
    ['a village moved under a district', 'PARENT_KIND', { to: ID.siMaCai, figures: {} }],
    ['the receiving unit listed among the children it receives', 'DUPLICATE_UNIT', { children: [ID.naHoi] }],
  ])('refuses %s', (_what, code, extra) => {
    expect(refusal(() => apply(laoCai(), ON, part(extra))).code).toBe(code);
  });

  it('refuses to move a village that has already ended', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.thonNaKim, childrenTo: null });
    expect(refusal(() => apply(tree, ON, part()))).toMatchObject({ code: 'UNIT_NOT_ALIVE', path: 'children.0' });
  });

  it('refuses to move part of a commune into a dissolved one', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'merge', absorbed: [ID.naHoi], into: ID.ttBacHa });
    expect(refusal(() => apply(tree, ON, part()))).toMatchObject({ code: 'UNIT_NOT_ALIVE', path: 'to' });
  });
});
