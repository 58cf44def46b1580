import type { Insertable, Selectable, } from 'kysely';
import type { Clause, MergerRule, Region, Standard, StandardKind, StandardRegion } from '../domain/standard.types.js';
import type { UnitId } from '../domain/tree.js';
import type { Executor } from './connection.js';
import type { MergerRulesTable, StandardsTable } from './schema.js';
import { chunks } from './unit.repository.js';

export type NewStandardRow = Insertable<StandardsTable>;

function toStandard(r: Selectable<StandardsTable>): Standard {
  return {
    id: r.id, kind: r.kind as StandardKind, subtype: r.subtype, region: r.region as StandardRegion,
    areaKm2: r.area_km2, population: r.population, households: r.households,
    source: r.source, validFrom: r.valid_from, validTo: r.valid_to, note: r.note,
  };
}

function toRule(r: Selectable<MergerRulesTable>): MergerRule {
  return {
    id: r.id, key: r.key, name: r.name, kind: r.kind as StandardKind, subtype: r.subtype, region: r.region as Region | null,
    clauses: JSON.parse(r.clauses) as Clause[], source: r.source, validFrom: r.valid_from, validTo: r.valid_to, note: r.note,
  };
}

export async function listStandards(db: Executor): Promise<Standard[]> {
  const rows = await db.selectFrom('standards').selectAll().orderBy('kind').orderBy('subtype').orderBy('region').orderBy('valid_from').orderBy('id').execute();
  return rows.map(toStandard);
}

export async function findStandard(db: Executor, id: number): Promise<Standard | undefined> {
  const r = await db.selectFrom('standards').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toStandard(r);
}

export async function insertStandard(trx: Executor, row: NewStandardRow): Promise<number> {
  return (await trx.insertInto('standards').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateStandard(trx: Executor, id: number, row: NewStandardRow): Promise<void> {
  await trx.updateTable('standards').set(row).where('id', '=', id).execute();
}

export async function listRules(db: Executor): Promise<MergerRule[]> {
  const rows = await db.selectFrom('merger_rules').selectAll().orderBy('kind').orderBy('valid_from').orderBy('id').execute();
  return rows.map(toRule);
}

/** Region settings of the given units (those with none are absent). */
export async function findRegionSettings(db: Executor, ids: UnitId[]): Promise<Map<UnitId, string[]>> {
  const out = new Map<UnitId, string[]>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('unit_regions').select(['unit_id', 'region']).where('unit_id', 'in', part).execute();
    for (const r of rows) out.set(r.unit_id, [...(out.get(r.unit_id) ?? []), r.region]);
  }
  return out;
}

export async function listRegionSettings(db: Executor): Promise<{ unitId: UnitId; region: string }[]> {
  const rows = await db.selectFrom('unit_regions').select(['unit_id', 'region']).orderBy('unit_id').orderBy('region').execute();
  return rows.map((r) => ({ unitId: r.unit_id, region: r.region }));
}

export async function replaceRegionSettings(trx: Executor, unitId: UnitId, regions: readonly string[]): Promise<void> {
  await trx.deleteFrom('unit_regions').where('unit_id', '=', unitId).execute();
  if (regions.length) await trx.insertInto('unit_regions').values(regions.map((region) => ({ unit_id: unitId, region }))).execute();
}

export type NewRuleRow = Insertable<MergerRulesTable>;

export async function findRule(db: Executor, id: number): Promise<MergerRule | undefined> {
  const r = await db.selectFrom('merger_rules').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toRule(r);
}

export async function findRuleIdByKey(db: Executor, key: string): Promise<number | undefined> {
  return (await db.selectFrom('merger_rules').select('id').where('key', '=', key).executeTakeFirst())?.id;
}

export async function insertRule(trx: Executor, row: NewRuleRow): Promise<number> {
  return (await trx.insertInto('merger_rules').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Everything but the key, which names the rule in links and in plans. */
export async function updateRule(trx: Executor, id: number, row: Omit<NewRuleRow, 'key'>): Promise<void> {
  await trx.updateTable('merger_rules').set(row).where('id', '=', id).execute();
}
