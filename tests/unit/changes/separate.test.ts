import { describe, expect, it } from 'vitest';
import type { InputOf, NewUnit } from '../../../src/domain/changes/index.js';
import { apply, CODE, ID, laoCai, newUnit, ON, OPENED, refusal, spans } from '../support/tree-fixture.js';

const banPho = (over: Partial<NewUnit> = {}) =>
  newUnit(100, { name: 'Xã Bản Phố', code: '02875', figures: { areaKm2: 2.02, population: 1342 }, ...over });
const separate = (extra: Partial<InputOf<'separate'>> = {}): InputOf<'separate'> => ({ type: 'separate', unit: ID.taChai, parts: [banPho()], ...extra });

describe('separate', () => {
  it('creates a new commune from part of Tà Chải, which continues with what remains', () => {
    const tree = laoCai();
    const out = apply(tree, ON, separate({ childMoves: [{ unit: ID.thonNaKim, to: 0 }] }));

    expect(out).toMatchObject({ created: [100], ended: [], changed: [ID.taChai] });
    expect(out.lineage).toEqual([[ID.taChai, ID.taChai], [ID.taChai, 100, 'part']]);
    expect(out.moved).toEqual([{ unitId: ID.thonNaKim, from: ID.taChai, to: 100 }]);
    expect(tree.children(ID.taChai, ON)).toEqual([ID.thonTaChai]);
    expect(tree.children(100, ON)).toEqual([ID.thonNaKim]);
    expect(tree.on(100, ON)).toMatchObject({ name: 'Xã Bản Phố', parentId: ID.bacHa, areaKm2: 2.02, population: 1342 });
  });

  it("takes the parts' area and population off the original", () => {
    const tree = laoCai();
    apply(tree, ON, separate());
    expect(tree.history(ID.taChai).map((v) => [v.validFrom, v.validTo, v.areaKm2, v.population])).toEqual([
      [OPENED, ON, 5.02, 3342],
      [ON, null, 3, 2000],
    ]);
  });

  it('takes the figures of every part off the original', () => {
    const tree = laoCai();
    apply(tree, ON, separate({ parts: [banPho({ figures: { areaKm2: 1, population: 1000 } }), newUnit(101, { figures: { areaKm2: 2, population: 300 } })] }));
    expect(tree.on(ID.taChai, ON)).toMatchObject({ areaKm2: 2.02, population: 2042 });
  });

  it('keeps the figures the decision states as remaining', () => {
    const tree = laoCai();
    apply(tree, ON, separate({ remaining: { areaKm2: 3.1 } }));
    expect(tree.on(ID.taChai, ON)).toMatchObject({ areaKm2: 3.1, population: 3342 });
  });

  it('leaves a figure of the original alone when a part does not state it', () => {
    const tree = laoCai();
    apply(tree, ON, separate({ parts: [banPho({ figures: { areaKm2: 2 } })] }));
    expect(tree.on(ID.taChai, ON)).toMatchObject({ areaKm2: 3.02, population: 3342 });
    expect(spans(tree, ID.taChai)).toHaveLength(2);
  });

  it('leaves the villages not moved with the original', () => {
    const tree = laoCai();
    const out = apply(tree, ON, separate());
    expect(out.moved).toEqual([]);
    expect(tree.children(ID.taChai, ON)).toEqual([ID.thonNaKim, ID.thonTaChai]);
  });

  it('refuses parts with more people than the original has', () => {
    const err = refusal(() => apply(laoCai(), ON, separate({ parts: [banPho({ figures: { population: 3343 } })] })));
    expect(err).toMatchObject({ code: 'FIGURES_NEGATIVE', params: { field: 'population' }, path: 'parts' });
  });

  it('refuses to give a part the code of the original, which continues', () => {
    const err = refusal(() => apply(laoCai(), ON, separate({ parts: [banPho({ code: CODE.taChai })] })));
    expect(err).toMatchObject({ code: 'CODE_TAKEN', params: { unit: ID.taChai } });
  });

  it.each<[string, string, Partial<InputOf<'separate'>>]>([
    ['a separation with no parts', 'NOTHING_TO_SEPARATE', { parts: [] }],
    ['a village moved to a part that does not exist', 'NOT_AN_OUTPUT', { childMoves: [{ unit: ID.thonNaKim, to: 1 }] }],
    ['a move of a village of another commune', 'NOT_A_CHILD', { childMoves: [{ unit: ID.tdpNaCo, to: 0 }] }],
    ['a part with the id of an existing unit', 'UNIT_EXISTS', { parts: [banPho({ id: ID.naHoi })] }],
    ['a part placed under a commune', 'PARENT_KIND', { parts: [banPho({ parent: ID.taChai })] }],
  ])('refuses %s', (_what, code, extra) => {
    const tree = laoCai();
    expect(refusal(() => apply(tree, ON, separate(extra))).code).toBe(code);
  });

  it('refuses to separate from a commune that has already ended', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'merge', absorbed: [ID.taChai], into: ID.ttBacHa });
    expect(refusal(() => apply(tree, ON, separate())).code).toBe('UNIT_NOT_ALIVE');
  });
});
