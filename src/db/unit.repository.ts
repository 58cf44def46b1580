import { sql, type ExpressionBuilder } from 'kysely';
import type { IsoDate } from '../domain/dates.js';
import type { Kind } from '../domain/kinds.js';
import { foldName } from '../domain/search.js';
import type { UnitId, Version } from '../domain/tree.js';
import type { Executor } from './connection.js';
import type { Database, NewVersionRow, VersionRow } from './schema.js';
import { contains } from './like.js';

const CHUNK = 500;

export function toVersion(r: VersionRow): Version {
  return {
    unitId: r.unit_id, validFrom: r.valid_from, validTo: r.valid_to, name: r.name, code: r.code,
    kind: r.kind as Kind, subtype: r.subtype, parentId: r.parent_id,
    areaKm2: r.area_km2, population: r.population, households: r.households, sector: r.sector,
  };
}

function toRow(v: Version): NewVersionRow {
  return {
    unit_id: v.unitId, valid_from: v.validFrom, valid_to: v.validTo, name: v.name, search_name: foldName(v.name), code: v.code,
    kind: v.kind, subtype: v.subtype, parent_id: v.parentId,
    area_km2: v.areaKm2, population: v.population, households: v.households, sector: v.sector,
  };
}

/** Versions valid on `date`: valid_from <= date < valid_to (the interval is half-open). */
export function validOn(date: IsoDate) {
  return (eb: ExpressionBuilder<Database, 'versions'>) =>
    eb.and([eb('versions.valid_from', '<=', date), eb.or([eb('versions.valid_to', 'is', null), eb('versions.valid_to', '>', date)])]);
}

/** Long lists in parts, so that one statement stays under SQLite's limit on parameters. */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * `count` new units with the ids after the highest, inside the caller's write transaction: the
 * writers' lock (write-transaction.ts) makes that safe on both databases, and ids stay gap-free
 * and the same on both for the same writes (a refused change leaves no hole, as a PostgreSQL
 * sequence would). Nothing else takes unit ids from the table's sequence.
 */
export async function insertUnits(db: Executor, count: number, now: string): Promise<UnitId[]> {
  if (count === 0) return [];
  const { max } = await db.selectFrom('units').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
  const ids = Array.from({ length: count }, (_, i) => Number(max ?? 0) + 1 + i);
  for (const part of chunks(ids)) await db.insertInto('units').values(part.map((id) => ({ id, created_at: now }))).execute();
  return ids;
}

export async function unitExists(db: Executor, id: UnitId): Promise<boolean> {
  return (await db.selectFrom('units').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Every version of the given units. */
export async function findHistories(db: Executor, ids: UnitId[]): Promise<Version[]> {
  const out: Version[] = [];
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db.selectFrom('versions').selectAll().where('unit_id', 'in', part).execute();
    for (const r of rows) out.push(toVersion(r));
  }
  return out;
}

/**
 * Every version of every unit that was ever a child of one of `parentIds` or, with `since`, a child
 * on that day or later (what a change or replay from that day can see under them).
 */
export async function findChildHistories(db: Executor, parentIds: UnitId[], since?: IsoDate): Promise<Version[]> {
  const out: Version[] = [];
  for (const part of chunks([...new Set(parentIds)])) {
    const rows = await db
      .selectFrom('versions')
      .selectAll()
      .where('unit_id', 'in', (eb) => {
        const children = eb.selectFrom('versions as c').select('c.unit_id').where('c.parent_id', 'in', part);
        return since === undefined ? children : children.where((w) => w.or([w('c.valid_to', 'is', null), w('c.valid_to', '>', since)]));
      })
      .execute();
    for (const r of rows) out.push(toVersion(r));
  }
  return out;
}

/** Every version of every unit that ever carried one of `codes`. */
export async function findCodeHolderHistories(db: Executor, codes: string[]): Promise<Version[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('versions')
    .selectAll()
    .where('unit_id', 'in', (eb) => eb.selectFrom('versions as c').select('c.unit_id').where('c.code', 'in', [...new Set(codes)]))
    .execute();
  return rows.map(toVersion);
}

/** Replaces the versions of `ids` that end on or after `date` (or never) with `versions`. */
export async function replaceTails(trx: Executor, ids: UnitId[], date: IsoDate, versions: Version[]): Promise<void> {
  for (const part of chunks(ids)) {
    await trx
      .deleteFrom('versions')
      .where('unit_id', 'in', part)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
      .execute();
  }
  for (const part of chunks(versions)) await trx.insertInto('versions').values(part.map(toRow)).execute();
}

export async function findUnitIdByCode(db: Executor, code: string, date: IsoDate): Promise<UnitId | undefined> {
  const row = await db.selectFrom('versions').select('unit_id').where('code', '=', code).where(validOn(date)).executeTakeFirst();
  return row?.unit_id;
}

/** Which of `codes` some unit holds on `date`: one query per chunk, not one per code. */
export async function findCodesHeldOn(db: Executor, codes: string[], date: IsoDate): Promise<Set<string>> {
  const held = new Set<string>();
  for (const part of chunks([...new Set(codes)])) {
    for (const r of await db.selectFrom('versions').select('code').where('code', 'in', part).where(validOn(date)).execute()) held.add(r.code!);
  }
  return held;
}

export async function findVersionOn(db: Executor, id: UnitId, date: IsoDate): Promise<Version | undefined> {
  const row = await db.selectFrom('versions').selectAll().where('unit_id', '=', id).where(validOn(date)).executeTakeFirst();
  return row && toVersion(row);
}

export async function findUnitHistory(db: Executor, id: UnitId): Promise<Version[]> {
  const rows = await db.selectFrom('versions').selectAll().where('unit_id', '=', id).orderBy('valid_from').execute();
  return rows.map(toVersion);
}

/**
 * The versions valid on `date` under `rootId` (the root included), `depth` levels down; every root
 * when null. The recursion carries whole rows: joining back to `versions` afterwards makes
 * SQLite scan the whole table.
 */
export async function findSubtreeOn(db: Executor, date: IsoDate, rootId: UnitId | null, depth: number): Promise<(Version & { depth: number })[]> {
  const rows = await db
    .withRecursive('sub', (qb) =>
      qb
        .selectFrom('versions')
        .selectAll('versions')
        .select(sql<number>`0`.as('depth'))
        .where(validOn(date))
        .where((eb) => (rootId === null ? eb('parent_id', 'is', null) : eb('unit_id', '=', rootId)))
        .unionAll((qb2) =>
          qb2
            .selectFrom('versions')
            .innerJoin('sub', 'sub.unit_id', 'versions.parent_id')
            .selectAll('versions')
            .select(sql<number>`sub.depth + 1`.as('depth'))
            .where(validOn(date))
            .where('sub.depth', '<', depth),
        ),
    )
    .selectFrom('sub')
    .selectAll()
    .execute();
  return rows.map((r) => ({ ...toVersion(r as VersionRow), depth: r.depth }));
}

/** Units on `date` under `rootId` (excluded) by kind and subtype; the whole tree when null. */
export async function countByKindOn(db: Executor, date: IsoDate, rootId: UnitId | null): Promise<{ kind: string; subtype: string; count: number }[]> {
  if (rootId === null) {
    const rows = await db
      .selectFrom('versions')
      .select(['kind', 'subtype', (eb) => eb.fn.countAll<number | string>().as('count')])
      .where(validOn(date))
      .groupBy(['kind', 'subtype'])
      .execute();
    return rows.map((r) => ({ kind: r.kind, subtype: r.subtype, count: Number(r.count) }));
  }
  const rows = await db
    .withRecursive('sub(unit_id, kind, subtype)', (qb) =>
      qb
        .selectFrom('versions')
        .select(['unit_id', 'kind', 'subtype'])
        .where('parent_id', '=', rootId)
        .where(validOn(date))
        .unionAll((qb2) =>
          qb2
            .selectFrom('versions')
            .innerJoin('sub', 'sub.unit_id', 'versions.parent_id')
            .select(['versions.unit_id', 'versions.kind', 'versions.subtype'])
            .where(validOn(date)),
        ),
    )
    .selectFrom('sub')
    .select(['kind', 'subtype', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy(['kind', 'subtype'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, subtype: r.subtype, count: Number(r.count) }));
}

export async function findAllVersions(db: Executor): Promise<Version[]> {
  const rows = await db.selectFrom('versions').selectAll().orderBy('unit_id').orderBy('valid_from').execute();
  return rows.map(toVersion);
}

export async function deleteAllVersions(trx: Executor): Promise<void> {
  await trx.deleteFrom('versions').execute();
}

/** Ids of every unit that was ever, on any date, below `rootId`, and the root itself. */
export async function findEverDescendantIds(db: Executor, rootId: UnitId): Promise<UnitId[]> {
  const rows = await db
    .withRecursive('sub(unit_id)', (qb) =>
      qb
        .selectFrom('units')
        .select('id as unit_id')
        .where('id', '=', rootId)
        .union((qb2) => qb2.selectFrom('versions').innerJoin('sub', 'sub.unit_id', 'versions.parent_id').select('versions.unit_id')),
    )
    .selectFrom('sub')
    .select('unit_id')
    .execute();
  return rows.map((r) => r.unit_id);
}

export async function findUnitsByCode(db: Executor, code: string, date: IsoDate | null): Promise<Version[]> {
  let q = db.selectFrom('versions').selectAll().where('code', '=', code);
  if (date) q = q.where(validOn(date));
  const rows = await q.orderBy('valid_from').execute();
  return rows.map(toVersion);
}

/** The latest version of each unit: its name when it is mentioned after it ended. */
export async function findLatestVersions(db: Executor, ids: UnitId[]): Promise<Map<UnitId, Version>> {
  const out = new Map<UnitId, Version>();
  for (const v of (await findHistories(db, ids)).sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))) out.set(v.unitId, v);
  return out;
}

/** The roots of the tree (provinces) on `date`: id, name and code. */
export async function findRootsOn(db: Executor, date: IsoDate): Promise<{ id: UnitId; name: string; code: string | null }[]> {
  return db.selectFrom('versions').select(['unit_id as id', 'name', 'code']).where('parent_id', 'is', null).where(validOn(date)).execute();
}

/** How many children of each kind every one of `parentIds` has on `date`. */
export async function countChildrenByKind(db: Executor, parentIds: UnitId[], date: IsoDate): Promise<{ parentId: UnitId; kind: string; count: number }[]> {
  const out = [];
  for (const part of chunks([...new Set(parentIds)])) {
    const rows = await db
      .selectFrom('versions')
      .select(['parent_id', 'kind', (eb) => eb.fn.countAll<number | string>().as('count')])
      .where('parent_id', 'in', part)
      .where(validOn(date))
      .groupBy(['parent_id', 'kind'])
      .execute();
    for (const r of rows) out.push({ parentId: r.parent_id!, kind: r.kind, count: Number(r.count) });
  }
  return out;
}

/** Units whose code was ever `code`, or else whose name ever contained `folded` (no diacritics, lower case). */
export async function searchUnitIds(db: Executor, folded: string, code: string | null, limit: number): Promise<UnitId[]> {
  const rows = await db
    .selectFrom('versions')
    .select('unit_id')
    .distinct()
    .where((eb) => (code ? eb('code', '=', code) : contains('search_name', folded)))
    .limit(limit)
    .execute();
  return rows.map((r) => r.unit_id);
}
