import type { Insertable, Selectable } from 'kysely';
import type { CountedFrom, IndicatorValue, Level } from '../domain/indicators.js';
import type { Executor } from './connection.js';
import type { IndicatorsTable, IndicatorValuesTable } from './schema.js';
import { chunks } from './unit.repository.js';

export type IndicatorRow = Selectable<IndicatorsTable>;
export type NewIndicatorRow = Insertable<IndicatorsTable>;
export type NewIndicatorValueRow = Insertable<IndicatorValuesTable>;

export interface IndicatorRecord {
  id: number;
  nameVi: string;
  nameEn: string;
  unitVi: string;
  unitEn: string;
  scopeUnitId: number;
  source: string;
  byLevel: boolean;
  countedFrom: CountedFrom | null;
  retiredAt: string | null;
}

export interface StoredIndicatorValue extends IndicatorValue {
  id: number;
  indicatorId: number;
  recordedBy: string;
}

const toRecord = (r: IndicatorRow): IndicatorRecord => ({
  id: r.id, nameVi: r.name_vi, nameEn: r.name_en, unitVi: r.unit_vi, unitEn: r.unit_en, scopeUnitId: r.scope_unit_id,
  source: r.source, byLevel: r.by_level === 1, countedFrom: r.counted_from as CountedFrom | null, retiredAt: r.retired_at,
});

export async function insertIndicator(trx: Executor, row: NewIndicatorRow): Promise<number> {
  return (await trx.insertInto('indicators').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateIndicator(trx: Executor, id: number, row: Partial<NewIndicatorRow>): Promise<void> {
  await trx.updateTable('indicators').set(row).where('id', '=', id).execute();
}

export async function findIndicator(db: Executor, id: number): Promise<IndicatorRecord | undefined> {
  const r = await db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toRecord(r);
}

/** Indicators in the order they were defined; retired ones only when asked. */
export async function listIndicators(db: Executor, includeRetired = false): Promise<IndicatorRecord[]> {
  let q = db.selectFrom('indicators').selectAll();
  if (!includeRetired) q = q.where('retired_at', 'is', null);
  return (await q.orderBy('id').execute()).map(toRecord);
}

export async function insertIndicatorValues(trx: Executor, rows: NewIndicatorValueRow[]): Promise<void> {
  for (const part of chunks(rows, 100)) await trx.insertInto('indicator_values').values(part).execute();
}

/** The values of these indicators, by date. */
export async function findIndicatorValues(db: Executor, indicatorIds: number[]): Promise<StoredIndicatorValue[]> {
  const out: StoredIndicatorValue[] = [];
  for (const ids of chunks(indicatorIds)) {
    const rows = await db.selectFrom('indicator_values').selectAll().where('indicator_id', 'in', ids).orderBy('value_on').orderBy('id').execute();
    out.push(...rows.map((r) => ({
      id: r.id, indicatorId: r.indicator_id, on: r.value_on, level: r.level as Level | null, value: Number(r.value), since: r.since_on,
      source: r.source, note: r.note, illustrative: r.illustrative === 1, recordedBy: r.recorded_by,
    })));
  }
  return out;
}
