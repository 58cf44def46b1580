import { describe, expect, it } from 'vitest';
import { compareSnapshots, pairsInScope, type Pair, type Snapshot } from '../../src/domain/compare.js';

const unit = (unitId: number, name: string, extra: Partial<Snapshot> = {}): Snapshot => ({
  unitId, name, code: String(unitId).padStart(5, '0'), kind: 'commune', subtype: 'xa', parentId: 1, ...extra,
});
const pair = (changeId: number, effectiveOn: string, from: number, to: number): Pair => ({ changeId, effectiveOn, from, to });
const find = (list: ReturnType<typeof compareSnapshots>, id: number) => list.find((u) => u.unitId === id)!;

describe('compareSnapshots classifies each unit', () => {
  const cases: { name: string; before: Snapshot[]; after: Snapshot[]; pairs: Pair[]; id: number; statuses: string[] }[] = [
    { name: 'a unit alike on both dates is unchanged', before: [unit(2, 'Xã A')], after: [unit(2, 'Xã A')], pairs: [], id: 2, statuses: ['unchanged'] },
    { name: 'a unit missing on B ended', before: [unit(2, 'Xã A')], after: [], pairs: [], id: 2, statuses: ['ended'] },
    { name: 'a unit missing on A was created', before: [], after: [unit(3, 'Xã B')], pairs: [], id: 3, statuses: ['created'] },
    { name: 'a new name is a rename', before: [unit(2, 'Xã A')], after: [unit(2, 'Xã A Mới')], pairs: [pair(1, '2020-01-01', 2, 2)], id: 2, statuses: ['renamed'] },
    { name: 'a new parent is a move', before: [unit(2, 'Xã A')], after: [unit(2, 'Xã A', { parentId: 9 })], pairs: [], id: 2, statuses: ['moved'] },
    { name: 'a new subtype is a reclassification', before: [unit(2, 'Xã A')], after: [unit(2, 'Thị trấn A', { subtype: 'thi_tran', parentId: 9 })], pairs: [], id: 2, statuses: ['renamed', 'moved', 'reclassified'] },
    { name: 'a unit that took in another absorbed it', before: [unit(2, 'Xã A'), unit(3, 'Xã B')], after: [unit(2, 'Xã A')], pairs: [pair(1, '2020-01-01', 3, 2), pair(1, '2020-01-01', 2, 2)], id: 2, statuses: ['absorbed'] },
  ];
  it.each(cases)('$name', ({ before, after, pairs, id, statuses }) => {
    expect(find(compareSnapshots(before, after, pairs), id).statuses).toEqual(statuses);
  });
});

describe('compareSnapshots finds what each unit became', () => {
  it('maps a merged unit wholly to the unit that absorbed it', () => {
    const out = compareSnapshots([unit(2, 'Xã Long Phúc'), unit(3, 'Xã Long Khánh')], [unit(3, 'Xã Phúc Khánh')], [pair(7, '2020-03-01', 2, 3), pair(7, '2020-03-01', 3, 3)]);
    expect(find(out, 2).successors).toEqual([{ unitId: 3, share: 'whole', steps: [7] }]);
    expect(find(out, 3).successors).toEqual([{ unitId: 3, share: 'whole', steps: [7] }]);
  });

  it('maps a split unit in part to each new unit', () => {
    const out = compareSnapshots([unit(2, 'Xã A')], [unit(4, 'Xã A Bắc'), unit(5, 'Xã A Nam')], [pair(7, '2020-03-01', 2, 4), pair(7, '2020-03-01', 2, 5)]);
    expect(find(out, 2).successors.map((s) => [s.unitId, s.share])).toEqual([[4, 'part'], [5, 'part']]);
  });

  it('maps a separated unit in part to itself and to the new unit', () => {
    const out = compareSnapshots([unit(2, 'Xã A')], [unit(2, 'Xã A'), unit(4, 'Xã B')], [pair(7, '2020-03-01', 2, 2), pair(7, '2020-03-01', 2, 4)]);
    expect(find(out, 2).successors.map((s) => [s.unitId, s.share])).toEqual([[2, 'part'], [4, 'part']]);
    expect(find(out, 4).statuses).toEqual(['created']);
  });

  it('follows a chain across changes, X → Y then Y → Z, with both steps', () => {
    const out = compareSnapshots([unit(2, 'Xã X')], [unit(9, 'Xã Z')], [pair(8, '2021-01-01', 5, 9), pair(7, '2020-01-01', 2, 5)]);
    expect(find(out, 2).successors).toEqual([{ unitId: 9, share: 'whole', steps: [7, 8] }]);
  });

  it('does not follow a chain backwards in time', () => {
    const out = compareSnapshots([unit(2, 'Xã X')], [unit(9, 'Xã Z'), unit(5, 'Xã Y')], [pair(7, '2020-01-01', 5, 9), pair(8, '2021-01-01', 2, 5)]);
    expect(find(out, 2).successors.map((s) => s.unitId)).toEqual([5]);
  });

  it('leaves a dissolved unit without successor', () => {
    expect(find(compareSnapshots([unit(2, 'Xã X')], [], []), 2).successors).toEqual([]);
  });

  it('keeps an untouched unit as its own whole successor', () => {
    expect(find(compareSnapshots([unit(2, 'Xã X')], [unit(2, 'Xã X')], []), 2).successors).toEqual([{ unitId: 2, share: 'whole', steps: [] }]);
  });
});

describe('pairsInScope', () => {
  it('keeps the pairs of a chain through a unit that lived only between the dates', () => {
    const pairs = [pair(1, '2020-01-01', 2, 5), pair(2, '2021-01-01', 5, 6), pair(3, '2021-01-01', 40, 41)];
    expect(pairsInScope(pairs, new Set([2])).map((p) => p.changeId)).toEqual([1, 2]);
  });
});
