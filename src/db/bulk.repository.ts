import type { UnitId } from '../domain/tree.js';
import type { Executor } from './connection.js';
import type { StoredChange } from './change.repository.js';
import type { Decision } from './decision.repository.js';

/**
 * Multi-row writes for loading many events at once (the national generator). SQLite allows 32,766
 * bound parameters per statement; the batch sizes keep well under it.
 */

function batches<T>(items: T[], size: number): T[][] {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function countUnitsAndChanges(db: Executor): Promise<{ units: number; changes: number }> {
  const units = await db.selectFrom('units').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const changes = await db.selectFrom('changes').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return { units: Number(units.n), changes: Number(changes.n) };
}

/** Units rows with the ids the events already carry. */
export async function insertUnitRows(trx: Executor, ids: UnitId[], createdAt: string): Promise<void> {
  for (const part of batches(ids, 10_000)) await trx.insertInto('units').values(part.map((id) => ({ id, created_at: createdAt }))).execute();
}

/** The id of each decision by number, creating those not yet in the register (the first citation's details win). */
export async function findOrCreateDecisions(trx: Executor, decisions: Omit<Decision, 'id'>[]): Promise<Map<string, number>> {
  const wanted = new Map(decisions.map((d) => [d.number, d]));
  const ids = new Map<string, number>();
  for (const part of batches([...wanted.keys()], 1_000)) {
    for (const r of await trx.selectFrom('decisions').select(['id', 'number']).where('number', 'in', part).execute()) ids.set(r.number, r.id);
  }
  const missing = [...wanted.values()].filter((d) => !ids.has(d.number));
  for (const part of batches(missing, 2_000)) {
    const rows = await trx
      .insertInto('decisions')
      .values(part.map((d) => ({ number: d.number, issuer: d.issuer, signed_on: d.signedOn, title: d.title })))
      .returning(['id', 'number'])
      .execute();
    for (const r of rows) ids.set(r.number, r.id);
  }
  return ids;
}

/** A change stored for the first time, with the id the loader gave it. */
export type ChangeRowInput = Pick<StoredChange, 'id' | 'effectiveOn' | 'decisionId' | 'input' | 'note' | 'recordedAt' | 'recordedBy'>;

/** Change rows with explicit ids; the payload is the resolved input as JSON, as insertChange stores it. */
export async function insertChangeRows(trx: Executor, rows: ChangeRowInput[]): Promise<void> {
  for (const part of batches(rows, 1_000)) {
    await trx
      .insertInto('changes')
      .values(part.map((c) => ({
        id: c.id, type: c.input.type, effective_on: c.effectiveOn, decision_id: c.decisionId, payload: JSON.stringify(c.input),
        note: c.note, recorded_at: c.recordedAt, recorded_by: c.recordedBy,
      })))
      .execute();
  }
}

