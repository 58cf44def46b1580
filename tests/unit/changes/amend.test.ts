import { describe, expect, it } from 'vitest';
import type { NewUnit } from '../../../src/domain/changes/index.js';
import { apply, CODE, ID, laoCai, newUnit, ON, OPENED, refusal } from '../support/tree-fixture.js';

describe('amend', () => {
  it('corrects the population from the effective date and keeps the other figures', () => {
    const tree = laoCai();
    const out = apply(tree, ON, { type: 'amend', unit: ID.taChai, figures: { population: 3400 } });

    expect(out).toMatchObject({ created: [], ended: [], changed: [ID.taChai], moved: [], lineage: [[ID.taChai, ID.taChai]] });
    expect(tree.history(ID.taChai).map((v) => [v.validFrom, v.validTo, v.areaKm2, v.population])).toEqual([
      [OPENED, ON, 5.02, 3342],
      [ON, null, 5.02, 3400],
    ]);
  });

  it('refuses a negative population', () => {
    expect(refusal(() => apply(laoCai(), ON, { type: 'amend', unit: ID.taChai, figures: { population: -5 } })).code).toBe('FIGURES_NEGATIVE');
  });

  it('corrects the households of a village', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'amend', unit: ID.thonNaKim, figures: { households: 155 } });
    expect(tree.on(ID.thonNaKim, ON)!.households).toBe(155);
  });

  it('gives a unit a new official code', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'amend', unit: ID.taChai, code: '02873' });
    expect(tree.on(ID.taChai, ON)!.code).toBe('02873');
    expect(tree.codeHolders(CODE.taChai)).toEqual([{ unitId: ID.taChai, from: OPENED, to: ON }]);
  });

  it('removes the official code of a unit', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'amend', unit: ID.taChai, code: null });
    expect(tree.on(ID.taChai, ON)!.code).toBeNull();
  });

  it('lets a unit take back a code it held itself before', () => {
    const tree = laoCai();
    apply(tree, ON, { type: 'amend', unit: ID.taChai, code: '02873' });
    apply(tree, '2024-06-01', { type: 'amend', unit: ID.taChai, code: CODE.taChai });
    expect(tree.on(ID.taChai, '2024-06-01')!.code).toBe(CODE.taChai);
  });

  it('keeps one version when a unit established on a day is amended the same day', () => {
    const tree = laoCai();
    const unit: NewUnit = newUnit(100, { figures: { areaKm2: 10, population: 1000 } });
    apply(tree, ON, { type: 'establish', units: [unit] });
    apply(tree, ON, { type: 'amend', unit: 100, figures: { population: 1200 } });
    expect(tree.history(100).map((v) => [v.validFrom, v.validTo, v.population])).toEqual([[ON, null, 1200]]);
  });

  it('refuses an amendment that changes nothing', () => {
    expect(refusal(() => apply(laoCai(), ON, { type: 'amend', unit: ID.taChai, figures: { population: 3342 } }))).toMatchObject({ code: 'NO_EFFECT' });
    expect(refusal(() => apply(laoCai(), ON, { type: 'amend', unit: ID.taChai })).code).toBe('NO_EFFECT');
  });

  it('refuses the code of another living unit', () => {
    const err = refusal(() => apply(laoCai(), ON, { type: 'amend', unit: ID.taChai, code: CODE.naHoi }));
    expect(err).toMatchObject({ code: 'CODE_TAKEN', params: { code: CODE.naHoi, unit: ID.naHoi }, path: 'code' });
  });

  it('refuses to reuse the closed code of a dissolved unit', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.naHoi, childrenTo: null });
    const err = refusal(() => apply(tree, ON, { type: 'amend', unit: ID.taChai, code: CODE.naHoi }));
    expect(err).toMatchObject({ code: 'CODE_TAKEN', params: { unit: ID.naHoi } });
  });

  it('reissues a closed code when the change says so, and only a closed one (the statistics office did in 2025)', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.naHoi, childrenTo: null });
    apply(tree, ON, { type: 'amend', unit: ID.taChai, code: CODE.naHoi, reissue: [CODE.naHoi] });
    expect(tree.on(ID.taChai, ON)?.code).toBe(CODE.naHoi);
    const living = laoCai();
    const err = refusal(() => apply(living, ON, { type: 'amend', unit: ID.taChai, code: CODE.naHoi, reissue: [CODE.naHoi] }));
    expect(err).toMatchObject({ code: 'CODE_TAKEN', params: { unit: ID.naHoi } });
  });

  it('refuses to reuse a code another unit gave up', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'amend', unit: ID.naHoi, code: '02867' });
    expect(refusal(() => apply(tree, ON, { type: 'amend', unit: ID.taChai, code: CODE.naHoi })).code).toBe('CODE_TAKEN');
  });

  it('refuses to amend a unit that has ended', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.thonNaKim, childrenTo: null });
    expect(refusal(() => apply(tree, ON, { type: 'amend', unit: ID.thonNaKim, figures: { households: 1 } })).code).toBe('UNIT_NOT_ALIVE');
  });
});
