import type { IsoDate } from './dates.js';
import { percent1 } from './summary.js';

/** reduce_by: N fewer; reduce_pct: P % fewer; reach: the value to reach (from above or below). */
export type GoalType = 'reduce_by' | 'reduce_pct' | 'reach';
export const GOAL_TYPES: readonly GoalType[] = ['reduce_by', 'reduce_pct', 'reach'];

export interface Goal {
  type: GoalType;
  value: number;
}

export type Status = 'met' | 'on_track' | 'behind' | 'missed' | 'no_baseline';

export interface Progress {
  at: IsoDate;
  baseline: number;
  current: number;
  /** The value the goal asks for on the deadline. */
  goalValue: number;
  /** Baseline − current (negative when it grew). */
  reduced: number;
  reducedPct: number | null;
  /** Where the straight line from baseline to deadline stands on `at` (rounded to a whole unit). */
  expected: number;
  /** Share of the required change achieved, one decimal half up; null when nothing was required. */
  achievedPct: number | null;
  status: Status;
}

/** The value the goal asks for: 10 % off 853 is 767.7, so 767 at most (768 would be only 9.96 % off). */
export function goalValue(baseline: number, goal: Goal): number {
  if (goal.type === 'reduce_by') return baseline - goal.value;
  if (goal.type === 'reduce_pct') return Math.floor(baseline * (100 - goal.value) / 100 + 1e-9);
  return goal.value;
}

function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The straight path from the baseline on its date to the goal on the deadline, on `at` (clamped to both ends). */
export function pathValue(baseline: number, target: number, baselineOn: IsoDate, deadline: IsoDate, at: IsoDate): number {
  const span = daysBetween(baselineOn, deadline);
  const t = span <= 0 ? 1 : Math.min(1, Math.max(0, daysBetween(baselineOn, at) / span));
  return baseline + (target - baseline) * t;
}

/**
 * Progress on `at`. Met once the current value reaches the goal (early or late is the status's
 * business: after the deadline an unmet goal is missed); before it, on track when at or past the
 * straight path.
 */
export function progress(goal: Goal, baselineOn: IsoDate, deadline: IsoDate, baseline: number, current: number, at: IsoDate): Progress {
  const target = goalValue(baseline, goal);
  const down = target <= baseline;
  const onPath = pathValue(baseline, target, baselineOn, deadline, at);
  const expected = Math.round(onPath);
  const required = baseline - target;
  const reached = down ? current <= target : current >= target;
  // Judged against the exact path: 3 units when the path stands at 2.5 is behind.
  const ahead = down ? current <= onPath : current >= onPath;
  const status: Status = baseline === 0 && goal.type !== 'reach' ? 'no_baseline'
    : reached ? 'met' : at >= deadline ? 'missed' : ahead ? 'on_track' : 'behind';
  return {
    at, baseline, current, goalValue: target,
    reduced: baseline - current,
    reducedPct: percent1(baseline - current, baseline),
    expected,
    achievedPct: required === 0 ? null : percent1(baseline - current, required),
    status,
  };
}
