import type { ChangeDate } from '../domain/timeline.js';
import type { UnitId } from '../domain/tree.js';
import type { Executor } from './connection.js';

/**
 * The dates on which live changes touched a scope, in one query: each date with how many changes
 * and decisions, and its first decision. The scope of a root is every unit ever under it or under
 * a unit it came from through the lineage (scopes follow lineage), as the register's `root=`
 * filter reads "touched": a change that wrote the unit's versions or its children. Every live
 * change when `rootId` is null (the whole country).
 */
export async function findChangeDatesInScope(db: Executor, rootId: UnitId | null): Promise<ChangeDate[]> {
  const base = db
    .withRecursive('came_from(unit_id)', (qb) =>
      qb.selectFrom('units').select('id as unit_id').where('id', '=', rootId ?? -1).union((qb2) =>
        qb2.selectFrom('lineage')
          .innerJoin('came_from', 'came_from.unit_id', 'lineage.to_unit_id')
          .innerJoin('changes', 'changes.id', 'lineage.change_id')
          .select('lineage.from_unit_id as unit_id')
          .where('changes.voided_at', 'is', null)))
    .withRecursive('scope(unit_id)', (qb) =>
      qb.selectFrom('came_from').select('unit_id').union((qb2) =>
        qb2.selectFrom('versions').innerJoin('scope', 'scope.unit_id', 'versions.parent_id').select('versions.unit_id')));
  let q = base
    .selectFrom('changes')
    .select((eb) => [
      'changes.effective_on',
      eb.fn.countAll<number | string>().as('changes'),
      eb.fn.count<number | string>('changes.decision_id').distinct().as('decisions'),
      eb.fn.min<number>('changes.decision_id').as('first_decision'),
    ])
    .where('changes.voided_at', 'is', null);
  if (rootId !== null) {
    q = q.where('changes.id', 'in', (eb) =>
      eb.selectFrom('change_units').select('change_units.change_id')
        .where('change_units.role', 'in', ['v', 'c'])
        .where('change_units.unit_id', 'in', (eb2) => eb2.selectFrom('scope').select('scope.unit_id')));
  }
  const rows = await q.groupBy('changes.effective_on').orderBy('changes.effective_on').execute();
  return rows.map((r) => ({ on: r.effective_on, changes: Number(r.changes), decisions: Number(r.decisions), decisionId: Number(r.first_decision) }));
}
