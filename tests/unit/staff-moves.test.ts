import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { staffDisposal, staffTransfers } from '../../src/domain/staff-moves.js';
import { checkNeverNegative, headcountOn, quotaOn, signedDelta } from '../../src/domain/staffing.js';

const on = '2020-03-01';

describe('staff moving with their units', () => {
  it('moves every category of an absorbed unit to the absorbing one as transfers, not reductions', () => {
    const moves = staffTransfers(7, { can_bo: 11, cong_chuc: 9 }, [3], on);
    expect(moves).toEqual([
      { unitId: 7, category: 'can_bo', on, delta: -11, reason: 'transfer_out' },
      { unitId: 3, category: 'can_bo', on, delta: 11, reason: 'transfer_in' },
      { unitId: 7, category: 'cong_chuc', on, delta: -9, reason: 'transfer_out' },
      { unitId: 3, category: 'cong_chuc', on, delta: 9, reason: 'transfer_in' },
    ]);
    expect(moves.reduce((a, m) => a + m.delta, 0)).toBe(0);
  });

  it('splits staff by the shares given and sends the rest to the first new unit', () => {
    const moves = staffTransfers(7, { vien_chuc: 20 }, [30, 31], on, [{ to: 1, category: 'vien_chuc', count: 8 }]);
    expect(moves.filter((m) => m.delta > 0).map((m) => [m.unitId, m.delta])).toEqual([[30, 12], [31, 8]]);
  });

  it('refuses shares larger than the staff there are', () => {
    expect(() => staffTransfers(7, { vien_chuc: 5 }, [30, 31], on, [{ to: 1, category: 'vien_chuc', count: 8 }])).toThrow(DomainError);
  });

  it('refuses to dissolve a unit with staff without saying where they go', () => {
    expect(() => staffDisposal(7, { cong_chuc: 4 }, on, undefined)).toThrowError(/STAFF_DISPOSAL_REQUIRED/);
    expect(staffDisposal(7, {}, on, undefined)).toEqual([]);
    expect(staffDisposal(7, { cong_chuc: 4 }, on, { reason: 'early_retirement' })).toEqual([{ unitId: 7, category: 'cong_chuc', on, delta: -4, reason: 'early_retirement' }]);
  });

  it('derives headcount from movements dated on or before the day, and quota from the latest decision', () => {
    const ms = [
      { unitId: 1, category: 'cong_chuc' as const, on: '2015-01-01', delta: 10, reason: 'opening' as const },
      { unitId: 1, category: 'cong_chuc' as const, on: '2016-06-30', delta: -2, reason: 'early_retirement' as const },
    ];
    expect(headcountOn(ms, '2016-06-29')).toEqual({ cong_chuc: 10 });
    expect(headcountOn(ms, '2016-06-30')).toEqual({ cong_chuc: 8 });
    const qs = [{ unitId: 1, category: 'cong_chuc' as const, on: '2015-01-01', quota: 12 }, { unitId: 1, category: 'cong_chuc' as const, on: '2017-01-01', quota: 9 }];
    expect(quotaOn(qs, '2016-12-31')).toEqual({ cong_chuc: 12 });
    expect(quotaOn(qs, '2017-01-01')).toEqual({ cong_chuc: 9 });
  });

  it('gives leaving reasons a minus sign whatever was typed, and refuses a headcount below zero', () => {
    expect(signedDelta('resignation', 3)).toBe(-3);
    expect(signedDelta('recruitment', -3)).toBe(3);
    expect(() => checkNeverNegative([{ unitId: 1, category: 'can_bo', on, delta: -1, reason: 'resignation' }])).toThrowError(/HEADCOUNT_NEGATIVE/);
  });
});
