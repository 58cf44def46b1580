import { describe, expect, it } from 'vitest';
import type { NewUnit } from '../../../src/domain/changes/index.js';
import { apply, CODE, ID, laoCai, namesUnder, newUnit, ON, OPENED, refusal, spans } from '../support/tree-fixture.js';

const thonMoi = (over: Partial<NewUnit> = {}) =>
  newUnit(100, { name: 'Thôn Bản Mới', kind: 'village', subtype: 'thon', parent: ID.taChai, figures: { households: 80 }, ...over });

describe('establish', () => {
  it('brings a village into being under its commune from the effective date', () => {
    const tree = laoCai();
    const out = apply(tree, ON, { type: 'establish', units: [thonMoi()] });

    expect(out).toMatchObject({ created: [100], ended: [], changed: [], moved: [], lineage: [] });
    expect(tree.history(100)).toEqual([
      expect.objectContaining({ name: 'Thôn Bản Mới', kind: 'village', parentId: ID.taChai, households: 80, areaKm2: null, validFrom: ON, validTo: null }),
    ]);
    expect(tree.on(100, '2023-12-31')).toBeUndefined();
    expect(namesUnder(tree, ID.taChai, ON)).toEqual(['Thôn Na Kim', 'Thôn Tà Chải', 'Thôn Bản Mới']);
    expect(out.footprint.versions).toEqual(new Set([100]));
    expect(out.footprint.children).toEqual(new Set([ID.taChai]));
    expect(out.footprint.readVersions).toEqual(new Set([ID.taChai, ID.bacHa, ID.laoCai]));
  });

  it('establishes a district together with the communes that sit under it', () => {
    const tree = laoCai();
    const out = apply(tree, ON, {
      type: 'establish',
      units: [
        newUnit(100, { name: 'Huyện Mường Khương', code: '083', kind: 'district', subtype: 'huyen', parent: ID.laoCai }),
        newUnit(101, { name: 'Xã Pha Long', code: '02680', parent: 100, figures: { areaKm2: 33.1, population: 4100 } }),
      ],
    });
    expect(out.created).toEqual([100, 101]);
    expect(namesUnder(tree, 100, ON)).toEqual(['Xã Pha Long']);
    expect(tree.on(101, ON)).toMatchObject({ areaKm2: 33.1, population: 4100, code: '02680' });
  });

  it('establishes a province as a root of the tree', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'establish', units: [newUnit(100, { name: 'Tỉnh Yên Bái', code: '15', kind: 'province', subtype: 'tinh', parent: null })] });
    expect(tree.on(100, ON)).toMatchObject({ parentId: null, kind: 'province' });
  });

  it('leaves no version at all when a unit established on a day is dissolved the same day', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'establish', units: [thonMoi()] });
    apply(tree, ON, { type: 'dissolve', unit: 100, childrenTo: null });
    expect(tree.history(100)).toEqual([]);
    expect(tree.children(ID.taChai, ON)).toEqual([ID.thonNaKim, ID.thonTaChai]);
  });

  it('keeps one version when a unit established on a day is renamed the same day', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'establish', units: [thonMoi()] });
    apply(tree, ON, { type: 'rename', unit: 100, name: 'Thôn Bản Mới Hai' });
    expect(spans(tree, 100)).toEqual([['Thôn Bản Mới Hai', ON, null]]);
  });

  it('refuses an establishment with no units', () => {
    expect(refusal(() => apply(laoCai(), ON, { type: 'establish', units: [] })).code).toBe('NOTHING_TO_ESTABLISH');
  });

  it.each<[string, string, () => NewUnit[], string | null]>([
    ['reuses the id of an existing unit', 'UNIT_EXISTS', () => [thonMoi({ id: ID.thonNaKim })], 'units.0'],
    ['gives two new units the same id', 'UNIT_EXISTS', () => [thonMoi(), thonMoi({ name: 'Thôn Khác' })], 'units.1'],
    ['puts a village under a district', 'PARENT_KIND', () => [thonMoi({ parent: ID.bacHa })], 'parent'],
    ['puts a district under a commune', 'PARENT_KIND', () => [newUnit(100, { kind: 'district', subtype: 'huyen', parent: ID.taChai })], 'parent'],
    ['gives a commune no parent', 'PARENT_REQUIRED', () => [newUnit(100, { parent: null })], 'parent'],
    ['gives a village a parent that never existed', 'PARENT_NOT_ALIVE', () => [thonMoi({ parent: 999 })], 'parent'],
    ['gives a commune a subtype of districts', 'INVALID_SUBTYPE', () => [newUnit(100, { subtype: 'huyen' })], 'subtype'],
    ['gives a commune the code of a living commune', 'CODE_TAKEN', () => [newUnit(100, { code: CODE.naHoi })], 'code'],
    ['gives two new communes the same code', 'CODE_TAKEN', () => [newUnit(100, { code: '09999' }), newUnit(101, { code: '09999' })], 'code'],
  ])('refuses when it %s', (_what, code, units, path) => {
    const tree = laoCai();
    const err = refusal(() => apply(tree, ON, { type: 'establish', units: units() }));
    expect(err.code).toBe(code);
    expect(err.path).toBe(path);
  });

  it('refuses a unit under a parent established only later', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'establish', units: [newUnit(100)] });
    const err = refusal(() => apply(tree, OPENED, { type: 'establish', units: [thonMoi({ id: 101, parent: 100 })] }));
    expect(err).toMatchObject({ code: 'PARENT_NOT_ALIVE', params: { unit: 101, parent: 100, date: OPENED } });
  });

  it('refuses a unit under a parent dissolved before the effective date', () => {
    const tree = laoCai();
    apply(tree, '2022-01-01', { type: 'dissolve', unit: ID.tdpNaCo, childrenTo: null });
    apply(tree, '2022-06-01', { type: 'dissolve', unit: ID.ttBacHa, childrenTo: null });
    const err = refusal(() => apply(tree, ON, { type: 'establish', units: [thonMoi({ parent: ID.ttBacHa })] }));
    expect(err).toMatchObject({ code: 'PARENT_NOT_ALIVE', params: { parent: ID.ttBacHa } });
  });

  it('refuses to reissue the code of a dissolved commune', () => {
    const tree = laoCai();
    apply(tree, '2022-01-01', { type: 'dissolve', unit: ID.naHoi, childrenTo: null });
    const err = refusal(() => apply(tree, ON, { type: 'establish', units: [newUnit(100, { code: CODE.naHoi })] }));
    expect(err).toMatchObject({ code: 'CODE_TAKEN', params: { code: CODE.naHoi, unit: ID.naHoi } });
  });
});
