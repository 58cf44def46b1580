import { describe, expect, it } from 'vitest';
import { timelineAt, type ChangeDate } from '../../src/domain/timeline.js';

const dates = (...on: string[]): ChangeDate[] => on.map((d, i) => ({ on: d, changes: 1, decisions: 1, decisionId: i + 1 }));
const shown = (t: ReturnType<typeof timelineAt>) => t.stops.map((s) => (s.change ? s.on : `[${s.on}]`));
const four = dates('2019-01-01', '2020-01-01', '2021-01-01', '2022-01-01');

describe('timelineAt', () => {
  it.each([
    ['on a change date: that step, the changes either side', '2020-01-01', ['2019-01-01', '2020-01-01', '2021-01-01', '2022-01-01'], 1, '2019-01-01', '2021-01-01'],
    ['between two changes: the date in view as its own stop', '2020-06-30', ['2019-01-01', '2020-01-01', '[2020-06-30]', '2021-01-01', '2022-01-01'], 2, '2020-01-01', '2021-01-01'],
    ['before the first change', '2000-01-01', ['[2000-01-01]', '2019-01-01', '2020-01-01', '2021-01-01', '2022-01-01'], 0, undefined, '2019-01-01'],
    ['after the last change', '2030-01-01', ['2019-01-01', '2020-01-01', '2021-01-01', '2022-01-01', '[2030-01-01]'], 4, '2022-01-01', undefined],
    ['on the last change', '2022-01-01', ['2019-01-01', '2020-01-01', '2021-01-01', '2022-01-01'], 3, '2021-01-01', undefined],
  ])('%s', (_, at, stops, index, previous, next) => {
    const t = timelineAt(four, at, 100);
    expect(shown(t)).toEqual(stops);
    expect(t.index).toBe(index);
    expect([t.previous?.on, t.next?.on]).toEqual([previous, next]);
    expect([t.total, t.hiddenBefore, t.hiddenAfter]).toEqual([4, 0, 0]);
  });

  it('keeps at most `max` stops around the date in view, always including it, and counts the dates left out', () => {
    const many = dates(...Array.from({ length: 1000 }, (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`));
    const middle = timelineAt(many, '2040-06-15', 10);
    expect(middle.stops).toHaveLength(10);
    expect(middle.stops[middle.index]).toEqual({ on: '2040-06-15', change: null });
    expect(middle.hiddenBefore + middle.hiddenAfter + middle.stops.length - 1).toBe(1000);
    expect([middle.previous?.on, middle.next?.on]).toEqual(['2040-06-01', '2040-07-01']);
    const start = timelineAt(many, '2000-01-01', 10);
    expect([start.index, start.hiddenBefore, start.hiddenAfter]).toEqual([0, 0, 990]);
    const end = timelineAt(many, '2090-01-01', 10);
    expect([end.index, end.hiddenBefore, end.hiddenAfter, end.next]).toEqual([9, 991, 0, null]);
  });

  it('has the date in view alone when the scope never changed', () => {
    const t = timelineAt([], '2024-09-02', 200);
    expect(shown(t)).toEqual(['[2024-09-02]']);
    expect([t.previous, t.next, t.total]).toEqual([null, null, 0]);
  });
});
