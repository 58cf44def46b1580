import { sql, type Transaction } from 'kysely';
import { snapshotOf, type Snapshot, type Status } from '../domain/compare.js';
import type { IsoDate } from '../domain/dates.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from './connection.js';
import type { Database } from './schema.js';
import { chunks, findSubtreeOn, validOn } from './unit.repository.js';

type Executor = Db | Transaction<Database>;

/** Every unit on `date` under `rootId` (the root included), or every unit of the country when null. */
export async function findSnapshotsOn(db: Executor, date: IsoDate, rootId: UnitId | null): Promise<Snapshot[]> {
  if (rootId !== null) {
    return (await findSubtreeOn(db, date, rootId, 99)).map(snapshotOf);
  }
  const rows = await db
    .selectFrom('versions')
    .select(['unit_id as unitId', 'name', 'code', 'kind', 'subtype', 'parent_id as parentId'])
    .where(validOn(date))
    .execute();
  return rows;
}

/** The units among `ids` that exist on `date`, as they stood then. */
export async function findSnapshotsByIds(db: Executor, date: IsoDate, ids: UnitId[]): Promise<Snapshot[]> {
  const out: Snapshot[] = [];
  for (const part of chunks(ids)) {
    out.push(...await db
      .selectFrom('versions')
      .select(['unit_id as unitId', 'name', 'code', 'kind', 'subtype', 'parent_id as parentId'])
      .where('unit_id', 'in', part)
      .where(validOn(date))
      .execute());
  }
  return out;
}

export interface LineageRow {
  changeId: number;
  effectiveOn: IsoDate;
  type: string;
  decision: string;
  decisionSignedOn: IsoDate | null;
  from: UnitId;
  to: UnitId;
}

/** The lineage pairs of live changes effective in (from, to], with their change type and decision. */
export async function findLineageBetween(db: Executor, from: IsoDate, to: IsoDate): Promise<LineageRow[]> {
  return db
    .selectFrom('changes')
    .innerJoin('lineage', 'lineage.change_id', 'changes.id')
    .innerJoin('decisions', 'decisions.id', 'changes.decision_id')
    .select([
      'changes.id as changeId', 'changes.effective_on as effectiveOn', 'changes.type', 'decisions.number as decision',
      'decisions.signed_on as decisionSignedOn', 'lineage.from_unit_id as from', 'lineage.to_unit_id as to',
    ])
    .where('changes.effective_on', '>', from)
    .where('changes.effective_on', '<=', to)
    .where('changes.voided_at', 'is', null)
    .orderBy('changes.effective_on')
    .orderBy('changes.id')
    .execute();
}

export interface LineageVersion { unitId: UnitId; validFrom: IsoDate; validTo: IsoDate | null; name: string; code: string | null; kind: string }

/** Name, code and kind of each unit that is a source or result of a change in (from, to], version by version, within [from, to]. */
export async function findLineageNames(db: Executor, from: IsoDate, to: IsoDate): Promise<LineageVersion[]> {
  const involved = db
    .selectFrom('lineage')
    .innerJoin('changes', 'changes.id', 'lineage.change_id')
    .select('lineage.from_unit_id as u')
    .where('changes.effective_on', '>', from)
    .where('changes.effective_on', '<=', to)
    .union((eb) =>
      eb.selectFrom('lineage').innerJoin('changes', 'changes.id', 'lineage.change_id').select('lineage.to_unit_id as u')
        .where('changes.effective_on', '>', from).where('changes.effective_on', '<=', to),
    );
  return db
    .selectFrom('versions')
    .select(['unit_id as unitId', 'valid_from as validFrom', 'valid_to as validTo', 'name', 'code', 'kind'])
    .where('unit_id', 'in', involved)
    .where('valid_from', '<=', to)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', from)]))
    .execute();
}

/**
 * Every unit of the country on `a` and on `b` in one pass over the versions: a version valid on
 * both dates (most of them) is read once.
 */
export async function findCountryOnBoth(db: Executor, a: IsoDate, b: IsoDate): Promise<[Snapshot[], Snapshot[]]> {
  const rows = await db
    .selectFrom('versions')
    .select(['unit_id as unitId', 'name', 'code', 'kind', 'subtype', 'parent_id as parentId', 'valid_from as f', 'valid_to as t'])
    .where('valid_from', '<=', b)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', a)]))
    .execute();
  const before: Snapshot[] = [];
  const after: Snapshot[] = [];
  for (const r of rows) {
    // a literal, not a rest spread: the comparison reads these 170,000 times and spread objects are slow to read
    const s: Snapshot = { unitId: r.unitId, name: r.name, code: r.code, kind: r.kind, subtype: r.subtype, parentId: r.parentId };
    if (r.f <= a && (r.t === null || r.t > a)) before.push(s);
    if (r.f <= b && (r.t === null || r.t > b)) after.push(s);
  }
  return [before, after];
}

export interface RootCount { rootId: UnitId; kind: string; subtype: string; count: number }

/** Units of each kind and subtype below each unit without a parent (each province), on `date`. */
export async function countUnderRootsOn(db: Executor, date: IsoDate): Promise<RootCount[]> {
  const { rows } = await sql<RootCount>`
    with recursive sub(unit_id, root_id, kind, subtype) as (
      select c.unit_id, c.parent_id, c.kind, c.subtype from versions r
        join versions c on c.parent_id = r.unit_id and c.valid_from <= ${date} and (c.valid_to is null or c.valid_to > ${date})
        where r.parent_id is null and r.valid_from <= ${date} and (r.valid_to is null or r.valid_to > ${date})
      union all
      select v.unit_id, sub.root_id, v.kind, v.subtype from sub
        join versions v on v.parent_id = sub.unit_id and v.valid_from <= ${date} and (v.valid_to is null or v.valid_to > ${date}))
    select root_id as rootId, kind, subtype, count(*) as count from sub group by root_id, kind, subtype`.execute(db);
  return rows;
}

/**
 * How many units carry each status between `a` and `b`, by the rules of compareSnapshots, counted
 * in SQL: each unit's version on `b` joined to its version on `a`, so a country's 170,000 units
 * are classified without reading them. `kind` limits both sides to one kind; `absorbed` are the
 * units that took in others (known from the lineage).
 */
export async function countStatusesBetween(db: Executor, a: IsoDate, b: IsoDate, kind: string | null, absorbed: UnitId[]): Promise<Record<Status, number>> {
  const { rows } = await sql<Record<'onA' | 'onB' | 'created' | 'renamed' | 'moved' | 'reclassified' | 'recoded' | 'absorbed' | 'unchanged', number | null>>`
    with pairs as (
      select a.id is null as created, a.id is not null and a.id <> b.id as changed, a.id is not null and b.unit_id in (select value from json_each(${JSON.stringify(absorbed)})) as absorbed,
        a.name is not b.name as renamed, a.parent_id is not b.parent_id as moved, a.kind is not b.kind or a.subtype is not b.subtype as reclassified, a.code is not b.code as recoded
      from versions b
      left join versions a on a.unit_id = b.unit_id and a.valid_from <= ${a} and (a.valid_to is null or a.valid_to > ${a}) and (${kind} is null or a.kind = ${kind})
      where b.valid_from <= ${b} and (b.valid_to is null or b.valid_to > ${b}) and (${kind} is null or b.kind = ${kind}))
    select
      (select count(*) from versions where valid_from <= ${a} and (valid_to is null or valid_to > ${a}) and (${kind} is null or kind = ${kind})) onA,
      count(*) onB, sum(created) created, sum(changed and renamed) renamed, sum(changed and moved) moved, sum(changed and reclassified) reclassified,
      sum(changed and recoded) recoded, sum(absorbed) absorbed,
      sum(not created and not absorbed and not (changed and (renamed or moved or reclassified or recoded))) unchanged
    from pairs`.execute(db);
  const r = rows[0];
  const n = (x: number | null) => x ?? 0;
  return {
    ended: n(r.onA) - (n(r.onB) - n(r.created)), created: n(r.created), renamed: n(r.renamed), moved: n(r.moved),
    reclassified: n(r.reclassified), recoded: n(r.recoded), absorbed: n(r.absorbed), unchanged: n(r.unchanged),
  };
}
