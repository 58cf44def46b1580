import { describe, expect, it } from 'vitest';
import { compareSnapshots, type Pair, type Snapshot } from '../../src/domain/compare.js';
import { byUnit, flowOf } from '../../src/domain/flow.js';

const s = (unitId: number, name: string, parentId = 1): Snapshot => ({ unitId, name, code: null, kind: 'commune', subtype: 'xa', parentId });
const pair = (changeId: number, from: number, to: number): Pair => ({ changeId, effectiveOn: '2025-07-01', from, to });
const none = { before: 'thành lập mới', after: 'giải thể' };

describe('before/after flow', () => {
  // A and B consolidate into C; D is divided between E and F; G ends without successor; H is founded; K goes on.
  const before = [s(10, 'A'), s(11, 'B'), s(13, 'D'), s(16, 'G'), s(18, 'K')];
  const after = [s(12, 'C'), s(14, 'E'), s(15, 'F'), s(17, 'H'), s(18, 'K')];
  const pairs = [pair(1, 10, 12), pair(1, 11, 12), pair(2, 13, 14), pair(2, 13, 15)];
  const flow = flowOf(compareSnapshots(before, after, pairs), byUnit, none);

  it('counts the units at each end', () => {
    expect(flow.totals).toEqual({ from: 5, to: 5 });
  });

  it('draws whole and part differently, a divided unit weighing one in all', () => {
    const of = (from: string) => flow.links.filter((l) => l.from === `from:${from}`).map((l) => [l.to, l.share, l.flow]);
    expect(of('10')).toEqual([['to:12', 'whole', 1]]);
    expect(of('13')).toEqual([['to:14', 'part', 0.5], ['to:15', 'part', 0.5]]);
    expect(of('16')).toEqual([['to:none', 'whole', 1]]);
    expect(of('18')).toEqual([['to:18', 'whole', 1]]);
    expect(of('none')).toEqual([['to:17', 'whole', 1]]);
    expect(flow.nodes.find((n) => n.key === 'to:none')!.label).toBe('giải thể');
  });

  it('groups units, adding up links between the same groups', () => {
    const grouped = flowOf(compareSnapshots(before, after, pairs), (x, side) => ({ key: side, label: side, unitId: null, code: null }), none);
    const whole = grouped.links.find((l) => l.from === 'from:from' && l.to === 'to:to' && l.share === 'whole')!;
    expect(whole.units).toBe(3);
    expect(grouped.nodes.find((n) => n.key === 'from:from')!.count).toBe(5);
  });
});
