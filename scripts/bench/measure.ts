/** Timing helpers: every figure is a list of run times in milliseconds, reported as median and p95. */

export interface Stats {
  runs: number;
  median: number;
  p95: number;
}

export interface Target {
  text: string;
  ms?: number;
  ratio?: number;
  mb?: number;
}

export interface Figure {
  id: string;
  operation: string;
  service: Stats;
  baseline: Stats & { what: string };
  ratio: number;
  target: Target;
  pass: boolean;
  note?: string;
}

export function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { runs: times.length, median: round(median), p95: round(at(0.95)) };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; `fn` gets the run's index. */
export async function timeRuns(runs: number, fn: (i: number) => unknown, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

export async function timeOnce<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}

/** A figure from service and baseline times, judged against the target (time and, when given, ratio). */
export function figure(id: string, operation: string, service: number[], baseline: number[], what: string, target: Target, note?: string): Figure {
  const s = stats(service);
  const b = stats(baseline);
  const ratio = b.median > 0 ? Math.round((s.median / b.median) * 10) / 10 : Infinity;
  const pass = (target.ms === undefined || s.median <= target.ms) && (target.ratio === undefined || ratio <= target.ratio);
  return { id, operation, service: s, baseline: { ...b, what }, ratio, target, pass, ...(note ? { note } : {}) };
}
