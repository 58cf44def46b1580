import { axisDates } from '../domain/chart-axis.js';
import { dayBefore, type IsoDate } from '../domain/dates.js';
import { DomainError, NotFoundError } from '../domain/errors.js';
import { CATEGORIES, quotaOn, sumOf, type Category } from '../domain/staffing.js';
import { pathValue, progress, goalValue, type GoalType, type Progress } from '../domain/targets.js';
import type { Db, Trx } from '../db/connection.js';
import { findIndicator, findIndicatorValues } from '../db/indicator.repository.js';
import { reportedPoints, valuesOn } from '../domain/indicators.js';
import { findQuotas, sumMovementsByDate } from '../db/staffing.repository.js';
import { findTarget, insertTarget, listTargets, updateTarget, type TargetRow } from '../db/target.repository.js';
import { countUnderOn, percent1 } from '../domain/summary.js';
import type { UnitId } from '../domain/tree.js';
import { findEverDescendantIds, findHistories, findLatestVersions } from '../db/unit.repository.js';
import { writeTransaction } from '../db/write-transaction.js';

/** `indicator`: a reported indicator's figure (its last report on or before each date). */
export type Metric = 'units' | 'headcount' | 'quota' | 'indicator';

export interface TargetInput {
  name: string;
  metric: Metric;
  kind?: string | null;
  subtype?: string | null;
  categories?: Category[] | null;
  scopeUnitId: number;
  baselineOn: IsoDate;
  deadlineOn: IsoDate;
  goal: GoalType;
  goalValue: number;
  legalSource: string;
  milestones?: { on: IsoDate; value: number }[];
  indicatorId?: number | null;
}

export interface Target extends Required<Omit<TargetInput, 'kind' | 'subtype' | 'categories' | 'indicatorId'>> {
  indicatorId: number | null;
  id: number;
  kind: string | null;
  subtype: string | null;
  categories: Category[] | null;
  scopeName: string;
  retiredAt: string | null;
}

function toRow(t: TargetInput) {
  if (t.deadlineOn <= t.baselineOn) throw new DomainError('TARGET_DATES', {}, 'deadlineOn');
  return {
    name: t.name, metric: t.metric, kind: t.kind ?? null, subtype: t.subtype ?? null,
    categories: t.categories?.length ? t.categories.join(',') : null, scope_unit_id: t.scopeUnitId,
    baseline_on: t.baselineOn, deadline_on: t.deadlineOn, goal: t.goal, goal_value: t.goalValue,
    legal_source: t.legalSource, milestones: JSON.stringify(t.milestones ?? []), indicator_id: t.metric === 'indicator' ? (t.indicatorId ?? null) : null,
  };
}

function toTarget(r: TargetRow, scopeName: string): Target {
  return {
    id: r.id, name: r.name, metric: r.metric as Metric, kind: r.kind, subtype: r.subtype,
    categories: r.categories ? (r.categories.split(',') as Category[]) : null, scopeUnitId: r.scope_unit_id, scopeName,
    baselineOn: r.baseline_on, deadlineOn: r.deadline_on, goal: r.goal as GoalType, goalValue: r.goal_value,
    legalSource: r.legal_source, milestones: JSON.parse(r.milestones), retiredAt: r.retired_at, indicatorId: r.indicator_id,
  };
}

export async function createTarget(db: Db, t: TargetInput): Promise<number> {
  return writeTransaction(db, (trx) => createTargetIn(trx, t));
}

/** A target on a reported indicator names one that exists. */
async function checkIndicator(trx: Trx, t: TargetInput): Promise<void> {
  if (t.metric === 'indicator' && !(t.indicatorId && (await findIndicator(trx, t.indicatorId)))) throw new DomainError('INDICATOR_REQUIRED', {}, 'indicator');
}

export async function createTargetIn(trx: Trx, t: TargetInput): Promise<number> {
  await checkIndicator(trx, t);
  return insertTarget(trx, toRow(t));
}

/** Edits inside the caller's transaction; returns the row as it was (for the audit trail). */
export async function editTargetIn(trx: Trx, id: number, t: TargetInput) {
  const before = await findTarget(trx, id);
  if (!before) throw new NotFoundError('target', String(id));
  await checkIndicator(trx, t);
  await updateTarget(trx, id, toRow(t));
  return before;
}

/** Retired targets stay (their history is part of the record), they just leave the dashboard. */
export async function retireTargetIn(trx: Trx, id: number, now = new Date().toISOString()): Promise<void> {
  if (!(await findTarget(trx, id))) throw new NotFoundError('target', String(id));
  await updateTarget(trx, id, { retired_at: now });
}

export async function getTarget(db: Db, id: number): Promise<Target> {
  const r = await findTarget(db, id);
  if (!r) throw new NotFoundError('target', String(id));
  return toTarget(r, (await findLatestVersions(db, [r.scope_unit_id])).get(r.scope_unit_id)?.name ?? '');
}

/**
 * What the targets of one request read, by scope: the history of every unit ever under it, its
 * staff movements and quotas. Loaded once; the targets of a province share them.
 */
export type CountCache = Map<string, Promise<unknown>>;

function once<T>(cache: CountCache, key: string, load: () => Promise<T>): Promise<T> {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as Promise<T>;
}

/** The metric on each date: units counted in the subtree (counted in memory per date), staff summed over units ever in it. */
export async function metricValues(db: Db, t: Target, dates: IsoDate[], cache: CountCache = new Map()): Promise<number[]> {
  if (t.metric === 'indicator') {
    const values = await once(cache, `indicator:${t.indicatorId}`, () => findIndicatorValues(db, [t.indicatorId ?? 0]));
    return valuesOn(reportedPoints(values), dates);
  }
  const scope = t.scopeUnitId;
  const ids = () => once(cache, `ids:${scope}`, () => findEverDescendantIds(db, scope));
  if (t.metric === 'units') {
    const versions = await once(cache, `history:${scope}`, async () => findHistories(db, await ids()));
    const counts = await Promise.all(dates.map((d) => once(cache, `counts:${scope}:${d}`, async () => countUnderOn(versions, scope, d))));
    return counts.map((rows) => rows.filter((r) => r.kind === t.kind && (!t.subtype || r.subtype === t.subtype)).reduce((a, r) => a + r.count, 0));
  }
  const cats = t.categories ?? CATEGORIES;
  if (t.metric === 'quota') {
    const qs = await once(cache, `quotas:${scope}`, async () => findQuotas(db, await ids()));
    return dates.map((d) => sumOf(quotaOn(qs, d), cats));
  }
  const ms = await once(cache, `moves:${scope}`, async () => sumMovementsByDate(db, await ids()));
  return headcountSeries(ms, dates, cats);
}

/** Headcount on each date in one pass over the movements (sorted by date). */
function headcountSeries(ms: { on: IsoDate; category: Category; delta: number }[], dates: IsoDate[], cats: readonly Category[]): number[] {
  const wanted = new Set(cats);
  const order = dates.map((d, i) => [d, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: number[] = new Array(dates.length);
  let sum = 0;
  let j = 0;
  for (const [d, i] of order) {
    for (; j < ms.length && ms[j].on <= d; j++) if (wanted.has(ms[j].category)) sum += ms[j].delta;
    out[i] = sum;
  }
  return out;
}

export interface TargetProgress {
  target: Target;
  progress: Progress;
  /** The day the target's scope ended (a province consolidated in 2025), if it has by then: progress is measured on the day before. */
  scopeEndedOn: IsoDate | null;
}

export async function targetsWithProgress(db: Db, at: IsoDate, includeRetired = false, cache: CountCache = new Map()): Promise<TargetProgress[]> {
  const rows = await listTargets(db, includeRetired);
  const names = await findLatestVersions(db, rows.map((r) => r.scope_unit_id));
  return Promise.all(rows.map(async (r) => {
    const target = toTarget(r, names.get(r.scope_unit_id)?.name ?? '');
    // A scope that has ended counts nothing after: its units went on under other scopes, not reduced.
    const ended = names.get(r.scope_unit_id)?.validTo ?? null;
    const scopeEndedOn = ended !== null && ended <= at ? ended : null;
    const on = scopeEndedOn ? dayBefore(scopeEndedOn) : at;
    const [baseline, current] = await metricValues(db, target, [target.baselineOn, on], cache);
    return { target, scopeEndedOn, progress: progress({ type: target.goal, value: target.goalValue }, target.baselineOn, target.deadlineOn, baseline, current, on) };
  }));
}

/** A target's chart: the actual value on each quarter end up to `at`, and the straight path to the goal. */
export async function targetSeries(db: Db, tp: TargetProgress, at: IsoDate, cache: CountCache = new Map()) {
  const t = tp.target;
  const end = at > t.deadlineOn ? at : t.deadlineOn;
  // Quarter ends from the baseline to the deadline (or to `at` if later), at most MAX_CHART_POINTS of
  // them; the date in view is a point of its own, so the line ends on the figure the words state.
  const measured = tp.progress.at;
  const dates = axisDates(t.baselineOn, end, [t.deadlineOn, at, measured]);
  const actualDates = dates.filter((d) => d <= measured);
  const actual = await metricValues(db, t, actualDates, cache);
  const goal = goalValue(tp.progress.baseline, { type: t.goal, value: t.goalValue });
  const path = dates.map((d) => (d <= t.deadlineOn ? Math.round(pathValue(tp.progress.baseline, goal, t.baselineOn, t.deadlineOn, d) * 10) / 10 : null));
  return { dates, actual: dates.map((_, i) => actual[i] ?? null), path, deadline: t.deadlineOn, goal };
}

/** Days two periods share (0 when they do not meet). */
function overlapDays(a: [IsoDate, IsoDate], b: [IsoDate, IsoDate]): number {
  const start = a[0] > b[0] ? a[0] : b[0];
  const end = a[1] < b[1] ? a[1] : b[1];
  return end <= start ? 0 : (Date.parse(end) - Date.parse(start)) / 86_400_000;
}

/**
 * For the report of a scope over [from, to]: per kind of unit, the reduction (in %) the unit-count
 * target of that scope asks for — of several, the one whose period best matches the report's —
 * with its legal source.
 */
export async function targetPctByKind(db: Db, scope: UnitId, from: IsoDate, to: IsoDate): Promise<Map<string, { pct: number | null; source: string }>> {
  const candidates = (await listTargets(db)).map((r) => toTarget(r, '')).filter((t) => t.metric === 'units' && t.scopeUnitId === scope && t.kind && !t.subtype);
  const best = new Map<string, { target: Target; overlap: number }>();
  for (const t of candidates) {
    const overlap = overlapDays([t.baselineOn, t.deadlineOn], [from, to]);
    if (overlap > (best.get(t.kind!)?.overlap ?? 0)) best.set(t.kind!, { target: t, overlap });
  }
  const cache: CountCache = new Map();
  const out = new Map<string, { pct: number | null; source: string }>();
  for (const [kind, { target }] of best) {
    if (target.goal === 'reduce_pct') {
      out.set(kind, { pct: target.goalValue, source: target.legalSource });
      continue;
    }
    const [baseline] = await metricValues(db, target, [target.baselineOn], cache);
    const goal = goalValue(baseline, { type: target.goal, value: target.goalValue });
    out.set(kind, { pct: percent1(baseline - goal, baseline), source: target.legalSource });
  }
  return out;
}

/** A target as stored (the pages' access checks read its scope). */
export { findTarget } from '../db/target.repository.js';
