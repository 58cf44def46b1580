import type { IsoDate } from '../domain/dates.js';
import { DomainError, NotFoundError } from '../domain/errors.js';
import { pointOn, reportedPoints, type IndicatorValue, type ReportedPoint } from '../domain/indicators.js';
import { countLeaderRotations } from '../domain/leader-rotations.js';
import type { Db, Executor, Trx } from '../db/connection.js';
import {
  findIndicator, findIndicatorValues, insertIndicator, insertIndicatorValues, listIndicators, updateIndicator, type IndicatorRecord,
} from '../db/indicator.repository.js';
import { findLeaderMovements } from '../db/staffing.repository.js';
import { findEverDescendantIds, findLatestVersions } from '../db/unit.repository.js';

/** An indicator as an administrator defines it: its record without the id and the retirement. */
export type IndicatorInput = Omit<IndicatorRecord, 'id' | 'retiredAt'>;

/** A dated figure as recorded: the domain's value (src/domain/indicators.ts). */
export type IndicatorValueInput = IndicatorValue;

export type Indicator = IndicatorRecord & { scopeName: string };

const toRow = (i: IndicatorInput) => ({
  name_vi: i.nameVi, name_en: i.nameEn, unit_vi: i.unitVi, unit_en: i.unitEn, scope_unit_id: i.scopeUnitId,
  source: i.source, by_level: i.byLevel ? 1 : 0, counted_from: i.countedFrom,
});

export async function createIndicatorIn(trx: Trx, i: IndicatorInput, now = new Date().toISOString()): Promise<number> {
  return insertIndicator(trx, { ...toRow(i), created_at: now });
}

/** Edits inside the caller's transaction; returns the indicator as it was (for the audit trail). */
export async function editIndicatorIn(trx: Trx, id: number, i: IndicatorInput): Promise<IndicatorRecord> {
  const before = await findIndicator(trx, id);
  if (!before) throw new NotFoundError('indicator', String(id));
  await updateIndicator(trx, id, toRow(i));
  return before;
}

/** Retired indicators keep their values; they leave the dashboard and the report. */
export async function retireIndicatorIn(trx: Trx, id: number, now = new Date().toISOString()): Promise<void> {
  if (!(await findIndicator(trx, id))) throw new NotFoundError('indicator', String(id));
  await updateIndicator(trx, id, { retired_at: now });
}

/**
 * Records values of one indicator: a figure reported by level needs its level, one reported as a
 * whole takes none; the period a figure covers starts on or before its date.
 */
export async function recordIndicatorValuesIn(trx: Trx, indicatorId: number, values: IndicatorValueInput[], who: string, now = new Date().toISOString()): Promise<number> {
  const ind = await findIndicator(trx, indicatorId);
  if (!ind) throw new NotFoundError('indicator', String(indicatorId));
  for (const v of values) {
    if (ind.byLevel !== (v.level !== null)) throw new DomainError(ind.byLevel ? 'INDICATOR_LEVEL_REQUIRED' : 'INDICATOR_NO_LEVEL', {}, 'level');
    if (v.since !== null && v.since > v.on) throw new DomainError('INDICATOR_SINCE', {}, 'since');
  }
  await insertIndicatorValues(trx, values.map((v) => ({
    indicator_id: indicatorId, value_on: v.on, level: v.level, value: v.value, since_on: v.since, source: v.source, note: v.note,
    illustrative: v.illustrative ? 1 : 0, recorded_at: now, recorded_by: who,
  })));
  return values.length;
}

export async function getIndicator(db: Executor, id: number): Promise<Indicator> {
  const r = await findIndicator(db, id);
  if (!r) throw new NotFoundError('indicator', String(id));
  return { ...r, scopeName: (await findLatestVersions(db, [r.scopeUnitId])).get(r.scopeUnitId)?.name ?? '' };
}

export async function allIndicators(db: Executor, includeRetired = false): Promise<Indicator[]> {
  const list = await listIndicators(db, includeRetired);
  const names = await findLatestVersions(db, list.map((i) => i.scopeUnitId));
  return list.map((i) => ({ ...i, scopeName: names.get(i.scopeUnitId)?.name ?? '' }));
}

/** The figure counted besides the report on one date: leaders rotated in [since, on] by the staff movements. */
export interface CountedPoint {
  on: IsoDate;
  since: IsoDate | null;
  value: number;
}

export interface IndicatorReport {
  indicator: Indicator;
  /** Reported points up to the date in view. */
  points: ReportedPoint[];
  latest: ReportedPoint | null;
  /** For an indicator also counted from staffing: the count on each reported date, over the period the report covers. */
  counted: CountedPoint[] | null;
}

/**
 * The indicators of these scopes (every one when null) as of `at`: their reported points and,
 * where staffing also counts them, the count on the same dates over the same periods.
 */
export async function indicatorReports(db: Db, scopeIds: number[] | null, at: IsoDate): Promise<IndicatorReport[]> {
  const list = (await allIndicators(db)).filter((i) => scopeIds === null || scopeIds.includes(i.scopeUnitId));
  const values = await findIndicatorValues(db, list.map((i) => i.id));
  return Promise.all(list.map(async (indicator) => {
    const points = reportedPoints(values.filter((v) => v.indicatorId === indicator.id && v.on <= at));
    const counted = indicator.countedFrom === 'leader_rotations' ? await rotationsCounted(db, indicator.scopeUnitId, points, at) : null;
    return { indicator, points, latest: pointOn(points, at), counted };
  }));
}

/** The leaders' movements under a scope (every unit ever under it) up to `until`. */
async function leaderMovesUnder(db: Db, scope: number, until: IsoDate) {
  return findLeaderMovements(db, await findEverDescendantIds(db, scope), until);
}

async function rotationsCounted(db: Db, scope: number, points: ReportedPoint[], at: IsoDate): Promise<CountedPoint[]> {
  const moves = await leaderMovesUnder(db, scope, at);
  return points.map((p) => ({ on: p.on, since: p.since, value: countLeaderRotations(moves, p.since, p.on) }));
}

/** Leaders rotated or transferred under a scope in [since, until], from the staff movements. */
export async function leaderRotationsUnder(db: Db, scope: number, since: IsoDate | null, until: IsoDate): Promise<number> {
  return countLeaderRotations(await leaderMovesUnder(db, scope, until), since, until);
}
