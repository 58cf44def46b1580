import { describe, expect, it } from 'vitest';
import type { ChangeInput, InputOf } from '../../../src/domain/changes/index.js';
import { apply, CODE, ID, laoCai, namesUnder, ON, OPENED, refusal, spans } from '../support/tree-fixture.js';

const taChaiIntoBacHa: InputOf<'merge'> = { type: 'merge', absorbed: [ID.taChai], into: ID.ttBacHa };

describe('merge', () => {
  it('ends the absorbed commune and hands its villages to the town that absorbs it', () => {
    const tree = laoCai();
    const out = apply(tree, ON, taChaiIntoBacHa);

    expect(out).toMatchObject({ created: [], ended: [ID.taChai], changed: [ID.ttBacHa] });
    expect(out.moved).toEqual([
      { unitId: ID.thonNaKim, from: ID.taChai, to: ID.ttBacHa },
      { unitId: ID.thonTaChai, from: ID.taChai, to: ID.ttBacHa },
    ]);
    expect(out.lineage).toEqual([[ID.taChai, ID.ttBacHa], [ID.ttBacHa, ID.ttBacHa]]);
    expect(spans(tree, ID.taChai)).toEqual([['Xã Tà Chải', OPENED, ON]]);
    expect(namesUnder(tree, ID.ttBacHa, ON)).toEqual(['Thôn Na Kim', 'Thôn Tà Chải', 'Tổ dân phố Na Cồ']);
    expect(namesUnder(tree, ID.bacHa, ON)).toEqual(['Thị trấn Bắc Hà', 'Xã Na Hối', 'Trường THPT số 1 Bắc Hà', 'Trường THPT số 2 Bắc Hà']);
    expect(out.footprint).toEqual({
      versions: new Set([ID.thonNaKim, ID.thonTaChai, ID.ttBacHa, ID.taChai]),
      children: new Set([ID.taChai, ID.ttBacHa, ID.bacHa]),
      readVersions: new Set([ID.ttBacHa, ID.taChai, ID.bacHa, ID.laoCai]),
      readChildren: new Set([ID.taChai]),
    });
  });

  it('adds up area and population: 1.47 km² and 8,861 people absorbing 5.02 km² and 3,342 people', () => {
    const tree = laoCai();
    apply(tree, ON, taChaiIntoBacHa);
    expect(tree.on(ID.ttBacHa, ON)).toMatchObject({ areaKm2: 6.49, population: 12203, name: 'Thị trấn Bắc Hà', code: CODE.ttBacHa });
    expect(tree.on(ID.ttBacHa, '2023-12-31')).toMatchObject({ areaKm2: 1.47, population: 8861 });
  });

  it('adds up the figures of every absorbed unit', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'merge', absorbed: [ID.taChai, ID.naHoi], into: ID.ttBacHa });
    expect(tree.on(ID.ttBacHa, ON)).toMatchObject({ areaKm2: 29.29, population: 16703 });
  });

  it('takes the figures the decision states instead of the sums', () => {
    const tree = laoCai();
    apply(tree, ON, { ...taChaiIntoBacHa, figures: { areaKm2: 6.5 } });
    expect(tree.on(ID.ttBacHa, ON)).toMatchObject({ areaKm2: 6.5, population: 12203 });
  });

  it('gives the absorbing unit the new name when one is given', () => {
    const tree = laoCai();
    apply(tree, ON, { ...taChaiIntoBacHa, name: 'Xã Bắc Hà' });
    expect(spans(tree, ID.ttBacHa)).toEqual([['Thị trấn Bắc Hà', OPENED, ON], ['Xã Bắc Hà', ON, null]]);
  });

  it('keeps its own figure when one of the units does not know it', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'amend', unit: ID.taChai, figures: { population: null } });
    apply(tree, ON, taChaiIntoBacHa);
    expect(tree.on(ID.ttBacHa, ON)).toMatchObject({ areaKm2: 6.49, population: 8861 });
  });

  it('adds up households when villages merge', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'merge', absorbed: [ID.thonTaChai], into: ID.thonNaKim });
    expect(tree.on(ID.thonNaKim, ON)!.households).toBe(270);
  });

  it('does not add up the figures of public service units', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'merge', absorbed: [ID.thpt2BacHa], into: ID.thpt1BacHa });
    expect(tree.on(ID.thpt1BacHa, ON)).toMatchObject({ areaKm2: 0.02, population: 900 });
  });

  it('merges a commune of another district', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'merge', absorbed: [ID.sanChai], into: ID.naHoi });
    expect(tree.children(ID.siMaCai, ON)).toEqual([ID.nanSan]);
    expect(tree.on(ID.naHoi, ON)).toMatchObject({ areaKm2: 39.1, population: 7400 });
  });

  it('never leaves an empty version when the absorbing unit was renamed that same day', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'rename', unit: ID.ttBacHa, name: 'Thị trấn Bắc Hà Mới' });
    apply(tree, ON, taChaiIntoBacHa);
    expect(tree.history(ID.ttBacHa).map((v) => [v.name, v.validFrom, v.validTo, v.population])).toEqual([
      ['Thị trấn Bắc Hà', OPENED, ON, 8861],
      ['Thị trấn Bắc Hà Mới', ON, null, 12203],
    ]);
  });

  it('refuses a merge into a dissolved unit', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.naHoi, childrenTo: null });
    const err = refusal(() => apply(tree, ON, { type: 'merge', absorbed: [ID.taChai], into: ID.naHoi }));
    expect(err).toMatchObject({ code: 'UNIT_NOT_ALIVE', params: { unit: ID.naHoi }, path: 'into' });
  });

  it('refuses to absorb a unit before it exists', () => {
    const err = refusal(() => apply(laoCai(), '2019-06-01', taChaiIntoBacHa));
    expect(err.code).toBe('UNIT_NOT_ALIVE');
  });

  it('refuses to absorb a unit that has already ended', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.naHoi, childrenTo: null });
    const err = refusal(() => apply(tree, ON, { type: 'merge', absorbed: [ID.taChai, ID.naHoi], into: ID.ttBacHa }));
    expect(err).toMatchObject({ code: 'UNIT_NOT_ALIVE', path: 'absorbed.1' });
  });

  it.each<[string, string, ChangeInput]>([
    ['a merge with nothing to absorb', 'NOTHING_TO_MERGE', { type: 'merge', absorbed: [], into: ID.ttBacHa }],
    ['a unit absorbing itself', 'DUPLICATE_UNIT', { type: 'merge', absorbed: [ID.taChai, ID.ttBacHa], into: ID.ttBacHa }],
    ['the same unit absorbed twice', 'DUPLICATE_UNIT', { type: 'merge', absorbed: [ID.taChai, ID.taChai], into: ID.ttBacHa }],
    ['a district absorbed into a commune', 'KIND_MISMATCH', { type: 'merge', absorbed: [ID.siMaCai], into: ID.ttBacHa }],
    ['a village absorbed into a commune', 'KIND_MISMATCH', { type: 'merge', absorbed: [ID.naHoi, ID.tdpNaCo], into: ID.ttBacHa }],
  ])('refuses %s', (_what, code, input) => {
    const tree = laoCai();
    expect(refusal(() => apply(tree, ON, input)).code).toBe(code);
    expect(tree.on(ID.ttBacHa, ON)!.population).toBe(8861);
  });
});
