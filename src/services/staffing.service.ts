import { MAX_CHART_POINTS } from '../domain/chart-axis.js';
import type { IsoDate } from '../domain/dates.js';
import { DomainError } from '../domain/errors.js';
import {
  CATEGORIES, REASONS, REDUCTION_REASONS, checkNeverNegative, headcountOn, quotaOn, signedDelta, type Movement,
  type ByCategory, type Category, type Reason,
} from '../domain/staffing.js';
import type { TransferKind } from '../domain/leader-rotations.js';
import type { Db } from '../db/connection.js';
import { findMovements, findQuotas, insertMovements, insertQuotas, sumMovementsByYear, type StoredMovement } from '../db/staffing.repository.js';
import { findEverDescendantIds, findHistories, findSubtreeOn } from '../db/unit.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import type { Trx } from '../db/connection.js';

export interface MovementInput {
  unitId: number;
  category: Category;
  on: IsoDate;
  /** A count; the reason gives its sign (only `other` keeps the sign typed). */
  count: number;
  reason: Reason;
  decision?: string | null;
  note?: string | null;
  /** A leader moved by rotation or transfer (luân chuyển, điều động): counted among the leaders rotated. */
  leader?: boolean;
  transferKind?: TransferKind | null;
}

export interface QuotaInput {
  unitId: number;
  category: Category;
  on: IsoDate;
  quota: number;
  decision: string;
}

/** Staff belong to a unit only while it exists: each row's unit must be alive on its date. */
async function checkAlive(trx: Trx, rows: { unitId: number; on: IsoDate }[]): Promise<void> {
  const byUnit = new Map<number, { validFrom: IsoDate; validTo: IsoDate | null }[]>();
  for (const v of await findHistories(trx, rows.map((r) => r.unitId))) byUnit.set(v.unitId, [...(byUnit.get(v.unitId) ?? []), v]);
  for (const r of rows) {
    const alive = (byUnit.get(r.unitId) ?? []).some((v) => v.validFrom <= r.on && (v.validTo === null || r.on < v.validTo));
    if (!alive) throw new DomainError('UNIT_NOT_ALIVE_STAFF', { unit: r.unitId, date: r.on }, 'unit');
  }
}

/** Records movements all-or-nothing: each unit alive on its date, no headcount ever below zero. */
export async function recordMovements(db: Db, rows: MovementInput[], now = new Date().toISOString()): Promise<number> {
  return writeTransaction(db, (trx) => recordMovementsIn(trx, rows, now));
}

export async function recordMovementsIn(trx: Trx, rows: MovementInput[], now = new Date().toISOString()): Promise<number> {
  await checkAlive(trx, rows);
  const fresh = rows.map((r) => ({ unitId: r.unitId, category: r.category, on: r.on, delta: signedDelta(r.reason, r.count), reason: r.reason, decision: r.decision ?? null, note: r.note ?? null, leader: r.leader ?? false, transferKind: r.transferKind ?? null }));
  const units = [...new Set(rows.map((r) => r.unitId))];
  const all = [...(await findMovements(trx, units)), ...fresh];
  checkNeverNegative(all);
  await checkNoneLeftBehind(trx, units, all);
  await insertMovements(trx, fresh, now);
  return fresh.length;
}

/**
 * After a change is recorded or voided, the staff of the units it touched must still add up: no
 * headcount below zero, nobody left in a unit that ended (voiding an earlier merge, say, would
 * strand the people a later merge already moved on). Otherwise the whole write is refused.
 */
export async function checkStaffOf(trx: Trx, units: number[]): Promise<void> {
  const movements = await findMovements(trx, units);
  if (movements.length === 0) return;
  checkNeverNegative(movements);
  await checkNoneLeftBehind(trx, [...new Set(movements.map((m) => m.unitId))], movements);
}

/**
 * A unit that ended handed its staff on when it ended; a movement dated before that (a late
 * recruitment, say) would leave people in a unit that no longer exists. Such a movement belongs
 * to the successor, or the change that ended the unit must be voided and recorded again.
 */
async function checkNoneLeftBehind(trx: Trx, units: number[], movements: Movement[]): Promise<void> {
  const last = new Map<number, { validFrom: IsoDate; validTo: IsoDate | null }>();
  for (const v of await findHistories(trx, units)) if ((last.get(v.unitId)?.validFrom ?? '') < v.validFrom) last.set(v.unitId, v);
  for (const [unitId, { validTo: end }] of last) {
    if (end === null) continue;
    const left = headcountOn(movements.filter((m) => m.unitId === unitId), end);
    const category = Object.entries(left).find(([, n]) => n !== 0)?.[0];
    if (category) throw new DomainError('STAFF_LEFT_IN_ENDED_UNIT', { unit: unitId, date: end, category }, 'unit');
  }
}

/** A quota decision (biên chế được giao): holds from its date until the unit's next one. */
export async function recordQuotas(db: Db, rows: QuotaInput[], now = new Date().toISOString()): Promise<number> {
  return writeTransaction(db, (trx) => recordQuotasIn(trx, rows, now));
}

export async function recordQuotasIn(trx: Trx, rows: QuotaInput[], now = new Date().toISOString()): Promise<number> {
  await checkAlive(trx, rows);
  await insertQuotas(trx, rows, now);
  return rows.length;
}

export interface StaffLine {
  quota: number;
  actual: number;
  vacancies: number;
  /** Outflows in the period by reason (positive numbers). */
  leaving: Partial<Record<Reason, number>>;
  reductions: number;
}

export interface StaffingReport {
  at: IsoDate;
  from: IsoDate;
  to: IsoDate;
  byCategory: Record<Category, StaffLine>;
  total: StaffLine;
  rows: { unitId: number; name: string; line: StaffLine }[];
}

function line(quota: ByCategory, actual: ByCategory, moves: StoredMovement[], from: IsoDate, to: IsoDate, cats: readonly Category[]): StaffLine {
  const q = cats.reduce((a, c) => a + (quota[c] ?? 0), 0);
  const n = cats.reduce((a, c) => a + (actual[c] ?? 0), 0);
  const leaving: Partial<Record<Reason, number>> = {};
  for (const m of moves) {
    if (m.on <= from || m.on > to || m.delta >= 0 || !cats.includes(m.category)) continue;
    leaving[m.reason] = (leaving[m.reason] ?? 0) - m.delta;
  }
  const reductions = REDUCTION_REASONS.reduce((a, r) => a + (leaving[r] ?? 0), 0);
  return { quota: q, actual: n, vacancies: q - n, leaving, reductions };
}

/**
 * Quota and headcount on `at` under the root (units ever under it: staff of ended units were
 * transferred, so they count zero), and what left between `from` (excluded) and `to` (included),
 * per category, in total and per unit directly under the root.
 */
export async function staffingReport(db: Db, rootId: number | null, at: IsoDate, from: IsoDate, to: IsoDate): Promise<StaffingReport> {
  const ids = rootId === null ? null : await findEverDescendantIds(db, rootId);
  const [moves, quotas] = await Promise.all([findMovements(db, ids), findQuotas(db, ids)]);
  const whole = (ms: StoredMovement[], qs: typeof quotas, cats: readonly Category[]) => line(quotaOn(qs, at), headcountOn(ms, at), ms, from, to, cats);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, whole(moves, quotas, [c])])) as Record<Category, StaffLine>;
  const rows = rootId === null ? [] : await perChild(db, rootId, at, moves, quotas, (ms, qs) => whole(ms, qs, CATEGORIES));
  return { at, from, to, byCategory, total: whole(moves, quotas, CATEGORIES), rows };
}

async function perChild(db: Db, rootId: number, at: IsoDate, moves: StoredMovement[], quotas: Awaited<ReturnType<typeof findQuotas>>, fn: (m: StoredMovement[], q: typeof quotas) => StaffLine) {
  const tree = await findSubtreeOn(db, at, rootId, 6);
  const top = new Map<number, number>();
  const parent = new Map(tree.map((v) => [v.unitId, v.parentId]));
  for (const v of tree) {
    let id = v.unitId;
    while (parent.get(id) !== rootId && parent.get(id) != null) id = parent.get(id)!;
    if (parent.get(id) === rootId) top.set(v.unitId, id);
  }
  const children = tree.filter((v) => v.parentId === rootId);
  return children
    .map((c) => ({ unitId: c.unitId, name: c.name, line: fn(moves.filter((m) => top.get(m.unitId) === c.unitId), quotas.filter((q) => top.get(q.unitId) === c.unitId)) }))
    .filter((r) => r.line.quota > 0 || r.line.actual > 0 || r.line.reductions > 0);
}

/** Staff leaving for a reduction reason, per year and reason (for the dashboard's stacked bars). */
export async function reductionsByYear(db: Db, roots: number | number[] | null, from: IsoDate, to: IsoDate): Promise<{ year: string; byReason: Partial<Record<Reason, number>> }[]> {
  // Several roots: a scope followed through the lineage (the new Lào Cai and its predecessors).
  const ids = roots === null ? null : [...new Set((await Promise.all([roots].flat().map((r) => findEverDescendantIds(db, r)))).flat())];
  const years = new Map<string, Partial<Record<Reason, number>>>();
  // A period starting on 31 December starts with the next year: that year has nothing to show.
  const first = Number(from.slice(0, 4)) + (from.endsWith('-12-31') ? 1 : 0);
  for (let y = first; y <= Number(to.slice(0, 4)); y++) years.set(String(y), {});
  for (const m of await sumMovementsByYear(db, ids, REDUCTION_REASONS, from, to)) {
    const y = years.get(m.year)!;
    y[m.reason] = (y[m.reason] ?? 0) - m.delta;
  }
  const all = [...years].map(([year, byReason]) => ({ year, byReason }));
  return all.length > MAX_CHART_POINTS ? trimEmptyYears(all) : all;
}

/** A period of two centuries is a chart of empty bars: only the years from the first to the last with a reduction. */
function trimEmptyYears<T extends { byReason: object }>(years: T[]): T[] {
  const full = years.map((y) => Object.keys(y.byReason).length > 0);
  return years.slice(Math.max(0, full.indexOf(true)), full.lastIndexOf(true) + 1);
}

/** One unit's quota and headcount per category on the last day of each year, and its movements. */
export async function unitStaffing(db: Db, unitId: number, at: IsoDate) {
  const [moves, quotas] = await Promise.all([findMovements(db, [unitId]), findQuotas(db, [unitId])]);
  const first = [...moves.map((m) => m.on), ...quotas.map((q) => q.on)].sort()[0];
  const points: IsoDate[] = [];
  if (first) for (let y = Number(first.slice(0, 4)); `${y}-12-31` < at; y++) points.push(`${y}-12-31`);
  points.push(at);
  const series = points.map((on) => ({ on, quota: quotaOn(quotas, on), actual: headcountOn(moves, on) }));
  return { unitId, at, series, movements: moves.filter((m) => m.on <= at).reverse(), quotas: [...quotas].reverse() };
}

export { REASONS };
