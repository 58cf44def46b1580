import type { IsoDate } from './dates.js';
import { DomainError } from './errors.js';

export const CATEGORIES = ['can_bo', 'cong_chuc', 'vien_chuc', 'hop_dong', 'khong_chuyen_trach'] as const;
export type Category = (typeof CATEGORIES)[number];

export const REASONS = [
  'opening', 'recruitment', 'transfer_in', 'transfer_out', 'retirement', 'early_retirement',
  'outside_budget', 'resignation', 'dismissal', 'other',
] as const;
export type Reason = (typeof REASONS)[number];

/** Tinh giản biên chế: only these count as reductions (Nghị định 108/2014 → 29/2023 → 154/2025). */
export const REDUCTION_REASONS: readonly Reason[] = ['early_retirement', 'outside_budget', 'resignation'];
/** Reasons a person can leave with when their unit is dissolved. */
export const LEAVING_REASONS: readonly Reason[] = ['transfer_out', 'retirement', 'early_retirement', 'outside_budget', 'resignation', 'dismissal', 'other'];

/** Paid from the state budget: the payroll (biên chế) of 39-NQ/TW. */
export const PAYROLL: readonly Category[] = ['can_bo', 'cong_chuc', 'vien_chuc'];

const INBOUND = new Set<Reason>(['opening', 'recruitment', 'transfer_in']);

export interface Movement {
  unitId: number;
  category: Category;
  on: IsoDate;
  delta: number;
  reason: Reason;
}

export interface Quota {
  unitId: number;
  category: Category;
  on: IsoDate;
  quota: number;
}

export type ByCategory = Partial<Record<Category, number>>;

/** Inflows are positive and outflows negative whatever sign the user typed. */
export function signedDelta(reason: Reason, count: number): number {
  if (reason === 'other') return count;
  return INBOUND.has(reason) ? Math.abs(count) : -Math.abs(count);
}

/** Headcount on `on`: movements dated on or before it (a movement counts from its own day). */
export function headcountOn(movements: Movement[], on: IsoDate): ByCategory {
  const out: ByCategory = {};
  for (const m of movements) if (m.on <= on) out[m.category] = (out[m.category] ?? 0) + m.delta;
  return out;
}

/** Quota on `on`: per unit and category, the latest decision dated on or before it. */
export function quotaOn(quotas: Quota[], on: IsoDate): ByCategory {
  const latest = new Map<string, Quota>();
  for (const q of quotas) {
    if (q.on > on) continue;
    const key = `${q.unitId}/${q.category}`;
    const prev = latest.get(key);
    if (!prev || prev.on <= q.on) latest.set(key, q);
  }
  const out: ByCategory = {};
  for (const q of latest.values()) out[q.category] = (out[q.category] ?? 0) + q.quota;
  return out;
}

/** A unit's headcount in one category must never fall below zero, at any date. */
export function checkNeverNegative(movements: Movement[]): void {
  const sorted = [...movements].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : b.delta - a.delta));
  const running = new Map<string, number>();
  for (const m of sorted) {
    const key = `${m.unitId}/${m.category}`;
    const n = (running.get(key) ?? 0) + m.delta;
    if (n < 0) throw new DomainError('HEADCOUNT_NEGATIVE', { unit: m.unitId, category: m.category, date: m.on }, 'delta');
    running.set(key, n);
  }
}

export function sumOf(by: ByCategory, categories: readonly Category[] = CATEGORIES): number {
  return categories.reduce((a, c) => a + (by[c] ?? 0), 0);
}
