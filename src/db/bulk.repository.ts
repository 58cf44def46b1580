import type { Transaction } from 'kysely';
import type { ChangeInput, Footprint } from '../domain/changes/index.js';
import type { IsoDate } from '../domain/dates.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from './connection.js';
import type { Decision } from './decision.repository.js';
import type { Database } from './schema.js';

/**
 * Multi-row writes for loading many events at once (the national generator). SQLite allows 32,766
 * bound parameters per statement; the batch sizes keep well under it.
 */
type Executor = Db | Transaction<Database>;

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

export interface ChangeRowInput {
  id: number;
  effectiveOn: IsoDate;
  decisionId: number;
  input: ChangeInput;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
}

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

/** What each change touched and its lineage pairs, as saveEffects stores them, for changes stored for the first time. */
export async function insertEffects(trx: Executor, effects: { changeId: number; footprint: Footprint; lineage: [UnitId, UnitId][] }[]): Promise<void> {
  const touched = effects.flatMap(({ changeId: change_id, footprint: f }) => [
    ...[...f.versions].map((unit_id) => ({ change_id, unit_id, role: 'v' as const })),
    ...[...f.children].map((unit_id) => ({ change_id, unit_id, role: 'c' as const })),
    ...[...f.readVersions].map((unit_id) => ({ change_id, unit_id, role: 'p' as const })),
    ...[...f.readChildren].map((unit_id) => ({ change_id, unit_id, role: 'k' as const })),
  ]);
  for (const part of batches(touched, 10_000)) await trx.insertInto('change_units').values(part).execute();
  const pairs = effects.flatMap(({ changeId, lineage }) => [
    ...new Map(lineage.map(([f, t]) => [`${f}>${t}`, { change_id: changeId, from_unit_id: f, to_unit_id: t }])).values(),
  ]);
  for (const part of batches(pairs, 10_000)) await trx.insertInto('lineage').values(part).execute();
}

