import type { IsoDate } from './dates.js';

/** A date on which a scope changed: how many changes and decisions, and the first decision recorded. */
export interface ChangeDate {
  on: IsoDate;
  changes: number;
  decisions: number;
  decisionId: number;
}

/** One position of the timeline: a change date, or the date in view when nothing changed on it. */
export interface Stop {
  on: IsoDate;
  change: ChangeDate | null;
}

export interface Timeline {
  /** The positions shown, in date order: at most `max`, around the date in view. */
  stops: Stop[];
  /** The date in view's position among `stops`. */
  index: number;
  previous: Stop | null;
  next: Stop | null;
  /** How many change dates the scope has in all, and how many lie before and after the stops shown. */
  total: number;
  hiddenBefore: number;
  hiddenAfter: number;
}

/**
 * The timeline of a scope seen on `at`: its change dates, with `at` itself as a position when no
 * change fell on it (so previous and next are the changes on either side of the date in view). A
 * country has thousands of change dates: beyond `max` positions only those around `at` are kept.
 */
export function timelineAt(dates: ChangeDate[], at: IsoDate, max: number): Timeline {
  const after = firstAfter(dates, at);
  const onAt = after > 0 && dates[after - 1].on === at;
  const all: Stop[] = dates.map((d) => ({ on: d.on, change: d }));
  if (!onAt) all.splice(after, 0, { on: at, change: null });
  const here = onAt ? after - 1 : after;
  const size = Math.max(1, max);
  const start = Math.min(Math.max(0, here - Math.floor(size / 2)), Math.max(0, all.length - size));
  const stops = all.slice(start, start + size);
  // The date in view is always among the stops, so what is hidden is change dates only.
  return {
    stops, index: here - start, previous: all[here - 1] ?? null, next: all[here + 1] ?? null,
    total: dates.length, hiddenBefore: start, hiddenAfter: all.length - start - stops.length,
  };
}

/** The index of the first date after `at` (the dates are in order). */
function firstAfter(dates: ChangeDate[], at: IsoDate): number {
  let [lo, hi] = [0, dates.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid].on <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
