import type { Executor } from './connection.js';
import type { TargetsTable } from './schema.js';
import type { Insertable, Selectable } from 'kysely';

export type TargetRow = Selectable<TargetsTable>;
export type NewTargetRow = Insertable<TargetsTable>;

export async function insertTarget(trx: Executor, row: NewTargetRow): Promise<number> {
  const r = await trx.insertInto('targets').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateTarget(trx: Executor, id: number, row: Partial<NewTargetRow>): Promise<void> {
  await trx.updateTable('targets').set(row).where('id', '=', id).execute();
}

export async function findTarget(db: Executor, id: number): Promise<TargetRow | undefined> {
  return db.selectFrom('targets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Targets in the order they were set; retired ones only when asked. */
export async function listTargets(db: Executor, includeRetired = false): Promise<TargetRow[]> {
  let q = db.selectFrom('targets').selectAll();
  if (!includeRetired) q = q.where('retired_at', 'is', null);
  return q.orderBy('baseline_on').orderBy('id').execute();
}
