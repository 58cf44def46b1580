import type { IsoDate } from './dates.js';
import { DomainError } from './errors.js';
import { CATEGORIES, type ByCategory, type Category, type Movement, type Reason } from './staffing.js';

/** How many of a category go to which successor (index into the change's outputs). */
export interface StaffShare {
  to: number;
  category: Category;
  count: number;
}

/**
 * The staff of a unit that ends, moved to its successors as transfers: a merger is not a
 * headcount cut. `shares` say how many go where; whatever they leave goes to the first successor.
 */
export function staffTransfers(from: number, headcount: ByCategory, successors: number[], on: IsoDate, shares: StaffShare[] = []): Movement[] {
  const out: Movement[] = [];
  for (const category of CATEGORIES) {
    const total = headcount[category] ?? 0;
    if (total <= 0) continue;
    const given = new Map<number, number>();
    for (const s of shares.filter((x) => x.category === category)) {
      if (s.to < 0 || s.to >= successors.length) throw new DomainError('STAFF_SHARE_TARGET', { index: s.to }, 'staff');
      given.set(s.to, (given.get(s.to) ?? 0) + s.count);
    }
    const shared = [...given.values()].reduce((a, n) => a + n, 0);
    if (shared > total) throw new DomainError('STAFF_SHARE_TOO_MANY', { category, count: shared, total }, 'staff');
    given.set(0, (given.get(0) ?? 0) + total - shared);
    out.push({ unitId: from, category, on, delta: -total, reason: 'transfer_out' });
    for (const [i, n] of [...given].sort((a, b) => a[0] - b[0])) {
      if (n > 0) out.push({ unitId: successors[i], category, on, delta: n, reason: 'transfer_in' });
    }
  }
  return out;
}

/** Where the staff of a dissolved unit go: to another unit, or out with a reason. */
export type Disposal = { to: number } | { reason: Reason };

/** Dissolving a unit with staff must say where they go or how they leave. */
export function staffDisposal(from: number, headcount: ByCategory, on: IsoDate, disposal: Disposal | undefined): Movement[] {
  const staffed = CATEGORIES.filter((c) => (headcount[c] ?? 0) > 0);
  if (staffed.length === 0) return [];
  if (!disposal) throw new DomainError('STAFF_DISPOSAL_REQUIRED', { unit: from, count: staffed.reduce((a, c) => a + headcount[c]!, 0) }, 'staff');
  return staffed.flatMap((category) => {
    const n = headcount[category]!;
    if ('to' in disposal) {
      return [
        { unitId: from, category, on, delta: -n, reason: 'transfer_out' as const },
        { unitId: disposal.to, category, on, delta: n, reason: 'transfer_in' as const },
      ];
    }
    return [{ unitId: from, category, on, delta: -n, reason: disposal.reason }];
  });
}
