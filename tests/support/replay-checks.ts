import { expect } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findLiveChangesInOrder } from '../../src/db/change.repository.js';
import { applyChange } from '../../src/domain/changes/index.js';
import type { IsoDate } from '../../src/domain/dates.js';
import type { Kind } from '../../src/domain/kinds.js';
import { Tree } from '../../src/domain/tree.js';
import { rebuildProjection } from '../../src/services/rebuild.service.js';

/** Units of a kind alive on a date, read straight from the versions. */
export async function live(db: Db, kind: Kind, date: IsoDate): Promise<number[]> {
  const rows = await db.selectFrom('versions').select('unit_id').where('kind', '=', kind).where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)])).orderBy('unit_id').execute();
  return rows.map((r) => r.unit_id);
}

/** The code the unit holds on a date, if it is alive then. */
export async function codeOn(db: Db, id: number, date: IsoDate): Promise<string | null> {
  const row = await db.selectFrom('versions').select('code').where('unit_id', '=', id).where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)])).executeTakeFirst();
  return row?.code ?? null;
}

/** Everything a refused write must leave as it was. */
export async function snapshot(db: Db): Promise<string> {
  return JSON.stringify([
    await db.selectFrom('units').select('id').orderBy('id').execute(),
    await db.selectFrom('versions').selectAll().orderBy('id').execute(),
    await db.selectFrom('changes').select(['id', 'voided_at']).orderBy('id').execute(),
    await db.selectFrom('change_units').selectAll().orderBy('change_id').orderBy('unit_id').orderBy('role').execute(),
    await db.selectFrom('lineage').selectAll().orderBy('change_id').orderBy('from_unit_id').orderBy('to_unit_id').execute(),
  ]);
}

/** The lineage of live changes as stored (a voided change keeps its rows; readers skip them), and as a replay of them from nothing gives it. */
async function lineageStoredAndReplayed(db: Db): Promise<[string[], string[]]> {
  const rows = await db.selectFrom('lineage').innerJoin('changes', 'changes.id', 'lineage.change_id').where('changes.voided_at', 'is', null)
    .select(['lineage.change_id', 'lineage.from_unit_id', 'lineage.to_unit_id', 'lineage.share']).execute();
  const stored = rows.map((l) => `${l.change_id}:${l.from_unit_id}>${l.to_unit_id}:${l.share}`);
  const tree = new Tree();
  const replayed = new Set<string>();
  for (const c of await findLiveChangesInOrder(db)) {
    for (const [f, t, share] of applyChange(tree, c.effectiveOn, c.input).lineage) replayed.add(`${c.id}:${f}>${t}:${share ?? 'whole'}`);
  }
  return [stored.sort(), [...replayed].sort()];
}

/** A rebuild from the events finds no failure and no difference, and the stored lineage of live changes is the replayed one. */
export async function expectProjectionRebuilt(db: Db): Promise<void> {
  const report = await rebuildProjection(db, { write: false });
  expect(report.failed).toBeNull();
  expect(report.differences).toEqual([]);
  const [stored, replayed] = await lineageStoredAndReplayed(db);
  expect(stored).toEqual(replayed);
}
