import type { Snapshot } from '../domain/compare.js';
import type { IsoDate } from '../domain/dates.js';
import type { UnitId } from '../domain/tree.js';
import type { Executor } from './connection.js';
import { chunks } from './unit.repository.js';

export interface LineageRow {
  changeId: number;
  effectiveOn: IsoDate;
  type: string;
  decision: string;
  from: UnitId;
  to: UnitId;
}

/** The lineage pairs of live changes effective in (from, to], with their change type and decision, in event order. */
export async function findLineageBetween(db: Executor, from: IsoDate, to: IsoDate): Promise<LineageRow[]> {
  return db
    .selectFrom('changes')
    .innerJoin('lineage', 'lineage.change_id', 'changes.id')
    .innerJoin('decisions', 'decisions.id', 'changes.decision_id')
    .select([
      'changes.id as changeId', 'changes.effective_on as effectiveOn', 'changes.type', 'decisions.number as decision',
      'lineage.from_unit_id as from', 'lineage.to_unit_id as to',
    ])
    .where('changes.effective_on', '>', from)
    .where('changes.effective_on', '<=', to)
    .where('changes.voided_at', 'is', null)
    .orderBy('changes.effective_on')
    .orderBy('changes.id')
    .orderBy('lineage.from_unit_id')
    .orderBy('lineage.to_unit_id')
    .execute();
}

export interface LineageVersion { unitId: UnitId; validFrom: IsoDate; validTo: IsoDate | null; name: string; code: string | null; kind: string }

/** Name, code and kind of each of `ids` (the units the changes of a period involve), version by version, within [from, to]. */
export async function findLineageNames(db: Executor, from: IsoDate, to: IsoDate, ids: UnitId[]): Promise<LineageVersion[]> {
  const out: LineageVersion[] = [];
  for (const part of chunks(ids)) {
    out.push(...await db
      .selectFrom('versions')
      .select(['unit_id as unitId', 'valid_from as validFrom', 'valid_to as validTo', 'name', 'code', 'kind'])
      .where('unit_id', 'in', part)
      .where('valid_from', '<=', to)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', from)]))
      .execute());
  }
  return out;
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
