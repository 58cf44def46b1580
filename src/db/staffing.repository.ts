import { sql, } from 'kysely';
import type { IsoDate } from '../domain/dates.js';
import type { LeaderMovement, TransferKind } from '../domain/leader-rotations.js';
import type { Category, Movement, Quota, Reason } from '../domain/staffing.js';
import type { Executor } from './connection.js';
import { chunks } from './unit.repository.js';

export interface MovementRecord extends Movement {
  decision?: string | null;
  note?: string | null;
  changeId?: number | null;
  /** The movement moved a leader (chức vụ lãnh đạo, quản lý)… */
  leader?: boolean;
  /** …by rotation or transfer (luân chuyển, điều động). */
  transferKind?: TransferKind | null;
}

export interface QuotaRecord extends Quota {
  decision: string;
  changeId?: number | null;
}

export interface StoredMovement extends MovementRecord {
  id: number;
}

export async function insertMovements(trx: Executor, rows: MovementRecord[], now: string): Promise<void> {
  for (const part of chunks(rows, 100)) {
    await trx.insertInto('staff_movements').values(part.map((m) => ({
      unit_id: m.unitId, category: m.category, moved_on: m.on, delta: m.delta, reason: m.reason,
      decision: m.decision ?? null, note: m.note ?? null, change_id: m.changeId ?? null, recorded_at: now,
      leader: m.leader ? 1 : 0, transfer_kind: m.transferKind ?? null,
    }))).execute();
  }
}

export async function insertQuotas(trx: Executor, rows: QuotaRecord[], now: string): Promise<void> {
  for (const part of chunks(rows, 100)) {
    await trx.insertInto('staff_quotas').values(part.map((q) => ({
      unit_id: q.unitId, category: q.category, effective_on: q.on, quota: q.quota, decision: q.decision, change_id: q.changeId ?? null, recorded_at: now,
    }))).execute();
  }
}

/** Movements of the units (every unit when null), dated on or before `until` when given. */
export async function findMovements(db: Executor, unitIds: number[] | null, until?: IsoDate): Promise<StoredMovement[]> {
  const parts = unitIds === null ? [null] : chunks(unitIds);
  const out: StoredMovement[] = [];
  for (const ids of parts) {
    if (ids !== null && ids.length === 0) continue;
    let q = db.selectFrom('staff_movements').selectAll();
    if (ids !== null) q = q.where('unit_id', 'in', ids);
    if (until) q = q.where('moved_on', '<=', until);
    const rows = await q.orderBy('moved_on').orderBy('id').execute();
    out.push(...rows.map((r) => ({
      id: r.id, unitId: r.unit_id, category: r.category as Category, on: r.moved_on, delta: r.delta, reason: r.reason as Reason,
      decision: r.decision, note: r.note, changeId: r.change_id, leader: r.leader === 1, transferKind: r.transfer_kind as TransferKind | null,
    })));
  }
  return out;
}

export async function findQuotas(db: Executor, unitIds: number[] | null): Promise<QuotaRecord[]> {
  const parts = unitIds === null ? [null] : chunks(unitIds);
  const out: QuotaRecord[] = [];
  for (const ids of parts) {
    if (ids !== null && ids.length === 0) continue;
    let q = db.selectFrom('staff_quotas').selectAll();
    if (ids !== null) q = q.where('unit_id', 'in', ids);
    const rows = await q.orderBy('effective_on').orderBy('id').execute();
    out.push(...rows.map((r) => ({ unitId: r.unit_id, category: r.category as Category, on: r.effective_on, quota: r.quota, decision: r.decision, changeId: r.change_id })));
  }
  return out;
}

/** The rows a change generated (its staff transfers), removed when the change is voided. */
export async function deleteStaffOfChange(trx: Executor, changeId: number): Promise<void> {
  await trx.deleteFrom('staff_movements').where('change_id', '=', changeId).execute();
  await trx.deleteFrom('staff_quotas').where('change_id', '=', changeId).execute();
}

/** Movements of these units summed by date and category, in date order: what a headcount series needs. */
export async function sumMovementsByDate(db: Executor, unitIds: number[]): Promise<{ on: string; category: Category; delta: number }[]> {
  const sums = new Map<string, number>();
  for (const ids of chunks(unitIds)) {
    const rows = await db
      .selectFrom('staff_movements')
      .select(['moved_on', 'category', (eb) => eb.fn.sum<number | string>('delta').as('delta')])
      .where('unit_id', 'in', ids)
      .groupBy(['moved_on', 'category'])
      .execute();
    for (const r of rows) sums.set(`${r.moved_on}|${r.category}`, (sums.get(`${r.moved_on}|${r.category}`) ?? 0) + Number(r.delta));
  }
  return [...sums].map(([k, delta]) => ({ on: k.split('|')[0], category: k.split('|')[1] as Category, delta })).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/** Movements for these reasons in (from, to], summed by year and reason; all units when `unitIds` is null. */
export async function sumMovementsByYear(db: Executor, unitIds: number[] | null, reasons: readonly string[], from: string, to: string) {
  const out: { year: string; reason: Reason; delta: number }[] = [];
  for (const ids of unitIds === null ? [null] : chunks(unitIds)) {
    if (ids !== null && ids.length === 0) continue;
    let q = db
      .selectFrom('staff_movements')
      .select([sql<string>`substr(moved_on, 1, 4)`.as('year'), 'reason', (eb) => eb.fn.sum<number | string>('delta').as('delta')])
      .where('reason', 'in', [...reasons])
      .where('moved_on', '>', from)
      .where('moved_on', '<=', to);
    if (ids !== null) q = q.where('unit_id', 'in', ids);
    for (const r of await q.groupBy([sql`substr(moved_on, 1, 4)`, 'reason']).execute()) out.push({ year: r.year, reason: r.reason as Reason, delta: Number(r.delta) });
  }
  return out;
}

/** The leaders moved by rotation or transfer (luân chuyển, điều động) in these units, up to `until`. */
export async function findLeaderMovements(db: Executor, unitIds: number[], until: IsoDate): Promise<LeaderMovement[]> {
  const out: LeaderMovement[] = [];
  for (const ids of chunks(unitIds)) {
    const rows = await db.selectFrom('staff_movements').select(['moved_on', 'delta', 'reason', 'transfer_kind'])
      .where('unit_id', 'in', ids).where('leader', '=', 1).where('transfer_kind', 'is not', null).where('moved_on', '<=', until)
      .orderBy('moved_on').orderBy('id').execute();
    out.push(...rows.map((r) => ({ on: r.moved_on, delta: r.delta, reason: r.reason as Reason, leader: true, transferKind: r.transfer_kind as TransferKind })));
  }
  return out;
}
