import { describe, expect, it } from 'vitest';
import type { ChildMove, InputOf, NewUnit } from '../../../src/domain/changes/index.js';
import { apply, CODE, ID, laoCai, namesUnder, newUnit, ON, OPENED, refusal, spans } from '../support/tree-fixture.js';

const taChaiA = (over: Partial<NewUnit> = {}) => newUnit(100, { name: 'Xã Tà Chải A', figures: { areaKm2: 3, population: 2000 }, ...over });
const taChaiB = (over: Partial<NewUnit> = {}) => newUnit(101, { name: 'Xã Tà Chải B', figures: { areaKm2: 2.02, population: 1342 }, ...over });
const split = (extra: Partial<InputOf<'split'>> = {}): InputOf<'split'> => ({ type: 'split', unit: ID.taChai, into: [taChaiA(), taChaiB()], ...extra });
const eachVillageApart: ChildMove[] = [{ unit: ID.thonNaKim, to: 0 }, { unit: ID.thonTaChai, to: 1 }];

describe('split', () => {
  it('ends the commune and puts two new communes in its place, each with the villages given to it', () => {
    const tree = laoCai();
    const out = apply(tree, ON, split({ childMoves: eachVillageApart }));

    expect(out).toMatchObject({ created: [100, 101], ended: [ID.taChai], changed: [] });
    expect(out.lineage).toEqual([[ID.taChai, 100, 'part'], [ID.taChai, 101, 'part']]);
    expect(out.moved).toEqual([
      { unitId: ID.thonNaKim, from: ID.taChai, to: 100 },
      { unitId: ID.thonTaChai, from: ID.taChai, to: 101 },
    ]);
    expect(spans(tree, ID.taChai)).toEqual([['Xã Tà Chải', OPENED, ON]]);
    expect(namesUnder(tree, 100, ON)).toEqual(['Thôn Na Kim']);
    expect(namesUnder(tree, 101, ON)).toEqual(['Thôn Tà Chải']);
    expect(tree.on(101, ON)).toMatchObject({ areaKm2: 2.02, population: 1342, parentId: ID.bacHa });
    expect(tree.children(ID.bacHa, ON)).toEqual([ID.ttBacHa, ID.naHoi, ID.thpt1BacHa, ID.thpt2BacHa, 100, 101]);
  });

  it('gives every child to the output named by childrenTo', () => {
    const tree = laoCai();
    apply(tree, ON, split({ childrenTo: 1 }));
    expect(tree.children(101, ON)).toEqual([ID.thonNaKim, ID.thonTaChai]);
    expect(tree.children(100, ON)).toEqual([]);
  });

  it('lets a child move override childrenTo', () => {
    const tree = laoCai();
    apply(tree, ON, split({ childrenTo: 1, childMoves: [{ unit: ID.thonNaKim, to: 0 }] }));
    expect(tree.children(100, ON)).toEqual([ID.thonNaKim]);
    expect(tree.children(101, ON)).toEqual([ID.thonTaChai]);
  });

  it('splits a commune without villages with no child to assign', () => {
    const tree = laoCai();
    const out = apply(tree, ON, split({ unit: ID.naHoi }));
    expect(out.ended).toEqual([ID.naHoi]);
  });

  it('lets one of the new communes keep the code of the commune that ends', () => {
    const tree = laoCai();
    apply(tree, ON, split({ childrenTo: 0, into: [taChaiA({ code: CODE.taChai }), taChaiB({ code: '02999' })] }));
    expect(tree.on(100, ON)!.code).toBe(CODE.taChai);
  });

  it('refuses to give the same code to two new communes', () => {
    const err = refusal(() => apply(laoCai(), ON, split({ childrenTo: 0, into: [taChaiA({ code: CODE.taChai }), taChaiB({ code: CODE.taChai })] })));
    expect(err.code).toBe('CODE_TAKEN');
  });

  it('refuses a split that leaves villages without a commune', () => {
    const err = refusal(() => apply(laoCai(), ON, split({ childMoves: [{ unit: ID.thonNaKim, to: 0 }] })));
    expect(err).toMatchObject({ code: 'CHILDREN_LEFT', params: { unit: ID.taChai, child: ID.thonTaChai, count: 1 } });
  });

  it.each<[string, string, Partial<InputOf<'split'>>]>([
    ['a split into a single unit', 'SPLIT_NEEDS_TWO', { into: [taChaiA()], childrenTo: 0 }],
    ['a child moved to an output that does not exist', 'NOT_AN_OUTPUT', { childMoves: [{ unit: ID.thonNaKim, to: 2 }] }],
    ['children given to a negative output', 'NOT_AN_OUTPUT', { childrenTo: -1 }],
    ['a move of a village of another commune', 'NOT_A_CHILD', { childrenTo: 0, childMoves: [{ unit: ID.tdpNaCo, to: 1 }] }],
    ['an output with the id of the commune that ends', 'UNIT_EXISTS', { childrenTo: 0, into: [taChaiA({ id: ID.taChai }), taChaiB()] }],
    ['an output of a kind that may not sit under a district', 'PARENT_KIND', { childrenTo: 0, into: [taChaiA(), taChaiB({ kind: 'village', subtype: 'thon' })] }],
    ['an output with a subtype of another kind', 'INVALID_SUBTYPE', { childrenTo: 0, into: [taChaiA({ subtype: 'quan' }), taChaiB()] }],
  ])('refuses %s', (_what, code, extra) => {
    const tree = laoCai();
    expect(refusal(() => apply(tree, ON, split(extra))).code).toBe(code);
  });

  it('refuses to split a commune that has already ended', () => {
    const tree = laoCai();
    apply(tree, '2023-01-01', { type: 'dissolve', unit: ID.naHoi, childrenTo: null });
    expect(refusal(() => apply(tree, ON, split({ unit: ID.naHoi }))).code).toBe('UNIT_NOT_ALIVE');
  });

  it('refuses to split a commune before it exists', () => {
    expect(refusal(() => apply(laoCai(), '2019-01-01', split({ unit: ID.naHoi }))).code).toBe('UNIT_NOT_ALIVE');
  });
});
