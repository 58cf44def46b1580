import type { IsoDate } from './dates.js';

/**
 * The most points on a chart's date axis: 30 years of quarter ends. Each point costs a count over
 * the scope's history, and the page carries every point twice (chart and table), so a longer span
 * steps by year ends instead (every k-th year), whatever dates come in.
 */
export const MAX_CHART_POINTS = 120;

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

/**
 * `from`, the quarter ends strictly between, `until`, and the dates of `keep` that fall between
 * (a deadline, the date in view), sorted, each once. Never more than MAX_CHART_POINTS + 2 + keep.
 */
export function axisDates(from: IsoDate, until: IsoDate, keep: IsoDate[] = [], max = MAX_CHART_POINTS): IsoDate[] {
  const first = Number(from.slice(0, 4));
  const years = Number(until.slice(0, 4)) - first + 1;
  const ends = years * QUARTER_ENDS.length <= max ? QUARTER_ENDS : ['12-31'];
  const step = Math.max(1, Math.ceil(years / max));
  const out: IsoDate[] = [from, until, ...keep.filter((d) => d > from && d < until)];
  for (let y = first; y < first + years; y += step) {
    for (const e of ends) {
      const d = `${String(y).padStart(4, '0')}-${e}`;
      if (d > from && d < until) out.push(d);
    }
  }
  return [...new Set(out)].sort();
}
