import { describe, expect, it } from 'vitest';
import { pointOn, reportedPoints, valuesOn, type IndicatorValue } from '../../src/domain/indicators.js';
import { countLeaderRotations, type LeaderMovement } from '../../src/domain/leader-rotations.js';

const v = (on: string, value: number, extra: Partial<IndicatorValue> = {}): IndicatorValue => ({ on, value, level: null, since: null, source: 'Báo cáo', note: null, illustrative: false, ...extra });

describe('reported points', () => {
  it('sums the levels reported on one date into the figure (30 + 114 + 293 = 437), in date order', () => {
    const points = reportedPoints([
      v('2024-09-02', 293, { level: 'province', since: '2020-10-01' }), v('2024-09-02', 114, { level: 'district', since: '2020-10-01' }),
      v('2021-12-31', 105, { level: 'province', illustrative: true }), v('2024-09-02', 30, { level: 'commune', since: '2020-10-01' }),
    ]);
    expect(points.map((p) => [p.on, p.total])).toEqual([['2021-12-31', 105], ['2024-09-02', 437]]);
    expect(points[1].byLevel).toEqual({ province: 293, district: 114, commune: 30 });
    expect(points[1].since).toBe('2020-10-01');
  });

  it('marks a date illustrative when any of its values is, and keeps each source and note once', () => {
    const [p] = reportedPoints([v('2023-12-31', 1, { level: 'province', illustrative: true, note: 'ước tính' }), v('2023-12-31', 2, { level: 'district', source: 'Sở Tư pháp', note: 'ước tính' })]);
    expect(p).toMatchObject({ illustrative: true, sources: ['Báo cáo', 'Sở Tư pháp'], notes: ['ước tính'] });
  });

  it('takes a later value of the same date and level as the correction of the earlier one', () => {
    const [p] = reportedPoints([v('2024-09-02', 239, { level: 'province' }), v('2024-09-02', 114, { level: 'district' }), v('2024-09-02', 293, { level: 'province', source: 'Đính chính' })]);
    expect(p).toMatchObject({ total: 407, byLevel: { province: 293, district: 114 }, sources: ['Đính chính', 'Báo cáo'] });
    expect(reportedPoints([v('2024-09-02', 16), v('2024-09-02', 15)])[0].total).toBe(15);
  });

  it('adds decimals without binary noise (0,1 + 0,2 = 0,3)', () => {
    expect(reportedPoints([v('2024-01-01', 0.1, { level: 'province' }), v('2024-01-01', 0.2, { level: 'district' })])[0].total).toBe(0.3);
  });

  it('reads the figure on a date from the last report on or before it, 0 before the first', () => {
    const points = reportedPoints([v('2022-12-31', 20), v('2024-09-02', 30)]);
    expect(pointOn(points, '2022-12-30')).toBeNull();
    expect(pointOn(points, '2024-01-01')?.total).toBe(20);
    expect(valuesOn(points, ['2020-12-31', '2022-12-31', '2024-09-01', '2024-09-02', '2030-01-01'])).toEqual([0, 20, 20, 30, 30]);
  });
});

describe('leaders rotated, from the staff movements', () => {
  const m = (on: string, delta: number, reason: LeaderMovement['reason'], leader = true, transferKind: LeaderMovement['transferKind'] = 'luan_chuyen'): LeaderMovement => ({ on, delta, reason, leader, transferKind });

  it.each([
    ['a leader rotated out', [m('2022-05-15', -1, 'transfer_out')], 1],
    ['two leaders transferred by order', [m('2022-05-15', -2, 'transfer_out', true, 'dieu_dong')], 2],
    ['the arriving side of a move (counted where they left)', [m('2022-05-15', 1, 'transfer_in')], 0],
    ['a move that is not a leader’s', [m('2022-05-15', -1, 'transfer_out', false)], 0],
    ['a leader leaving with no rotation or transfer', [m('2022-05-15', -1, 'transfer_out', true, null)], 0],
    ['a rotation on the first day of the period', [m('2020-10-01', -1, 'transfer_out')], 1],
    ['a rotation the day before the period', [m('2020-09-30', -1, 'transfer_out')], 0],
    ['a rotation on the last day', [m('2024-09-02', -1, 'transfer_out')], 1],
    ['a rotation the day after', [m('2024-09-03', -1, 'transfer_out')], 0],
  ])('counts %s', (_name, moves, expected) => {
    expect(countLeaderRotations(moves, '2020-10-01', '2024-09-02')).toBe(expected);
  });

  it('counts from the first record when the period has no start', () => {
    expect(countLeaderRotations([m('2001-01-01', -1, 'transfer_out'), m('2024-01-01', -1, 'transfer_out')], null, '2024-09-02')).toBe(2);
  });
});
