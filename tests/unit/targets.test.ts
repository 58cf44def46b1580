import { describe, expect, it } from 'vitest';
import { goalValue, progress, type Goal } from '../../src/domain/targets.js';

const pct10: Goal = { type: 'reduce_pct', value: 10 };

describe('target arithmetic', () => {
  it.each([
    ['10 % off 853 asks for 767 at most (767.7 rounded down)', 853, pct10, 767],
    ['reduce by 12 from 164', 164, { type: 'reduce_by', value: 12 } as Goal, 152],
    ['reach a value whatever the baseline', 500, { type: 'reach', value: 420 } as Goal, 420],
    ['10 % off 0 is 0', 0, pct10, 0],
  ])('%s', (_name, baseline, goal, expected) => {
    expect(goalValue(baseline, goal)).toBe(expected);
  });

  it.each([
    // name, baseline, current, at, status, reducedPct, achievedPct, expected
    ['met early, with the share of the goal over 100 %', 853, 757, '2021-12-31', 'met', 11.3, 111.6, 767],
    ['keeps reporting after the deadline (133 of 853 = 15.59 % → 15.6 %)', 853, 720, '2024-09-02', 'met', 15.6, 154.7, 767],
    ['rounds a half tenth up (1 of 2,000 = 0.05 % → 0.1 %)', 2000, 1999, '2016-01-01', 'on_track', 0.1, 0.5, 2000],
    ['on track when at or past the straight path', 1000, 950, '2019-01-01', 'on_track', 5, 50, 950],
    ['behind when above the straight path', 1000, 980, '2019-01-01', 'behind', 2, 20, 950],
    ['missed once the deadline passed unmet', 1000, 950, '2022-01-01', 'missed', 5, 50, 900],
    ['nothing to measure in an empty scope', 0, 0, '2019-01-01', 'no_baseline', null, null, 0],
  ] as const)('%s', (_name, baseline, current, at, status, reducedPct, achievedPct, expected) => {
    const p = progress(pct10, '2016-01-01', '2022-01-01', baseline, current, at);
    expect(p).toMatchObject({ status, reducedPct, achievedPct, expected, reduced: baseline - current });
  });

  it('counts a goal reached on the deadline day as met, not missed', () => {
    expect(progress({ type: 'reduce_by', value: 12 }, '2018-12-31', '2021-12-31', 164, 152, '2021-12-31').status).toBe('met');
  });

  it('measures a "reach" goal upwards too', () => {
    const p = progress({ type: 'reach', value: 120 }, '2020-01-01', '2021-01-01', 100, 110, '2020-07-01');
    expect(p).toMatchObject({ goalValue: 120, status: 'on_track', achievedPct: 50 });
  });
});
