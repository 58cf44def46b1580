import { describe, expect, it } from 'vitest';
import type { InputOf, NewUnit } from '../../../src/domain/changes/index.js';
import { apply, CODE, ID, laoCai, namesUnder, newUnit, ON, OPENED, refusal, spans } from '../support/tree-fixture.js';

const xaTaChaiNaHoi = (over: Partial<NewUnit> = {}) => newUnit(100, { name: 'Xã Tà Chải - Na Hối', ...over });
const consolidate = (units: number[], result: NewUnit): InputOf<'consolidate'> => ({ type: 'consolidate', units, result });

describe('consolidate', () => {
  it('ends both communes and puts one new commune with their villages in their place', () => {
    const tree = laoCai();
    const out = apply(tree, ON, consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi()));

    expect(out).toMatchObject({ created: [100], ended: [ID.taChai, ID.naHoi], changed: [] });
    expect(out.lineage).toEqual([[ID.taChai, 100], [ID.naHoi, 100]]);
    expect(out.moved).toEqual([
      { unitId: ID.thonNaKim, from: ID.taChai, to: 100 },
      { unitId: ID.thonTaChai, from: ID.taChai, to: 100 },
    ]);
    expect(spans(tree, ID.taChai)).toEqual([['Xã Tà Chải', OPENED, ON]]);
    expect(spans(tree, ID.naHoi)).toEqual([['Xã Na Hối', OPENED, ON]]);
    expect(spans(tree, 100)).toEqual([['Xã Tà Chải - Na Hối', ON, null]]);
    expect(namesUnder(tree, 100, ON)).toEqual(['Thôn Na Kim', 'Thôn Tà Chải']);
    expect(tree.children(ID.bacHa, ON)).toEqual([ID.ttBacHa, ID.thpt1BacHa, ID.thpt2BacHa, 100]);
    expect(out.footprint.children).toEqual(new Set([ID.bacHa, ID.taChai, 100]));
    expect(out.footprint.readChildren).toEqual(new Set([ID.taChai, ID.naHoi]));
  });

  it('gives the new commune the sum of their area and population', () => {
    const tree = laoCai();
    apply(tree, ON, consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi()));
    expect(tree.on(100, ON)).toMatchObject({ areaKm2: 27.82, population: 7842 });
  });

  it('takes the figures the decision states instead of the sums', () => {
    const tree = laoCai();
    apply(tree, ON, consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi({ figures: { population: 8000 } })));
    expect(tree.on(100, ON)).toMatchObject({ areaKm2: 27.82, population: 8000 });
  });

  it('consolidates two districts, moving every commune under the new one', () => {
    const tree = laoCai();
    apply(tree, ON, consolidate([ID.bacHa, ID.siMaCai], newUnit(100, { name: 'Huyện Bắc Hà - Si Ma Cai', kind: 'district', subtype: 'huyen', parent: ID.laoCai })));
    expect(tree.children(100, ON)).toEqual([ID.ttBacHa, ID.taChai, ID.naHoi, ID.sanChai, ID.nanSan, ID.thpt1BacHa, ID.thpt2BacHa]);
    expect(tree.children(ID.laoCai, ON)).toEqual([ID.ubndTinh, 100]);
  });

  it('lets the new commune take over the code of a commune the same change ends', () => {
    const tree = laoCai();
    apply(tree, ON, consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi({ code: CODE.taChai })));
    expect(tree.codeHolders(CODE.taChai)).toEqual([
      { unitId: ID.taChai, from: OPENED, to: ON },
      { unitId: 100, from: ON, to: null },
    ]);
  });

  it('lets the new commune take over the code of a commune that was renamed before', () => {
    const tree = laoCai();
    apply(tree, '2022-01-01', { type: 'rename', unit: ID.taChai, name: 'Xã Tả Chải' });
    apply(tree, ON, consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi({ code: CODE.taChai })));
    expect(tree.on(100, ON)!.code).toBe(CODE.taChai);
  });

  it('lets the commune that took over a code move under the province the same day, as on 01/07/2025', () => {
    const tree = laoCai();
    const day = '2025-07-01';
    apply(tree, day, consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi({ code: CODE.taChai })));
    apply(tree, day, { type: 'transfer', unit: 100, toParent: ID.laoCai });
    expect(tree.history(100).map((v) => [v.code, v.parentId, v.validFrom, v.validTo])).toEqual([[CODE.taChai, ID.laoCai, day, null]]);
  });

  it('refuses the code of a living commune the change does not end', () => {
    const err = refusal(() => apply(laoCai(), ON, consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi({ code: CODE.ttBacHa }))));
    expect(err).toMatchObject({ code: 'CODE_TAKEN', params: { code: CODE.ttBacHa, unit: ID.ttBacHa }, path: 'code' });
  });

  it('refuses the code of a commune dissolved before', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.nanSan, childrenTo: null });
    const err = refusal(() => apply(tree, ON, consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi({ code: CODE.nanSan }))));
    expect(err).toMatchObject({ code: 'CODE_TAKEN', params: { unit: ID.nanSan } });
  });

  it('refuses a code the ended commune had already given up before the change', () => {
    const tree = laoCai();
    apply(tree, '2022-01-01', { type: 'amend', unit: ID.taChai, code: '02873' });
    const err = refusal(() => apply(tree, ON, consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi({ code: CODE.taChai }))));
    expect(err).toMatchObject({ code: 'CODE_TAKEN', params: { code: CODE.taChai, unit: ID.taChai } });
  });

  it.each<[string, string, () => InputOf<'consolidate'>]>([
    ['a single unit', 'CONSOLIDATE_NEEDS_TWO', () => consolidate([ID.taChai], xaTaChaiNaHoi())],
    ['the same unit twice', 'DUPLICATE_UNIT', () => consolidate([ID.taChai, ID.taChai], xaTaChaiNaHoi())],
    ['a result with the id of an existing unit', 'UNIT_EXISTS', () => consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi({ id: ID.sanChai }))],
    ['a result with a subtype of another kind', 'INVALID_SUBTYPE', () => consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi({ subtype: 'thon' }))],
    ['a commune placed under a commune', 'PARENT_KIND', () => consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi({ parent: ID.ttBacHa }))],
    ['a result placed under a unit it ends', 'PARENT_NOT_ALIVE', () => consolidate([ID.bacHa, ID.siMaCai], newUnit(100, { kind: 'district', subtype: 'huyen', parent: ID.bacHa }))],
    ['a result with no parent', 'PARENT_REQUIRED', () => consolidate([ID.taChai, ID.naHoi], xaTaChaiNaHoi({ parent: null }))],
  ])('refuses %s', (_what, code, input) => {
    expect(refusal(() => apply(laoCai(), ON, input())).code).toBe(code);
  });

  it('refuses to consolidate a unit that has already ended', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.nanSan, childrenTo: null });
    const err = refusal(() => apply(tree, ON, consolidate([ID.sanChai, ID.nanSan], xaTaChaiNaHoi({ parent: ID.siMaCai }))));
    expect(err).toMatchObject({ code: 'UNIT_NOT_ALIVE', path: 'units.1' });
  });
});
