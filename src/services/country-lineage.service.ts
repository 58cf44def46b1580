import type { IsoDate } from '../domain/dates.js';
import type { Db } from '../db/connection.js';
import { findLineageBetween, type LineageRow } from '../db/compare.repository.js';
import { registerRevision } from '../db/change.repository.js';

const kept = new WeakMap<Db, { revision: string; rows: LineageRow[] }>();

/**
 * The lineage pairs of live changes effective in (from, to], from every live pair of the register
 * kept per process while its revision (`registerRevision`, read unless the caller has it) holds: 22,000 pairs for the national
 * dataset, read again after any change is recorded or voided (a replay may rewrite later ones).
 */
export async function keptLineageBetween(db: Db, from: IsoDate, to: IsoDate, revision?: string): Promise<LineageRow[]> {
  revision ??= await registerRevision(db);
  let k = kept.get(db);
  if (k?.revision !== revision) kept.set(db, (k = { revision, rows: await findLineageBetween(db, '0000-01-01', '9999-12-31') }));
  return k.rows.slice(firstAfter(k.rows, from), firstAfter(k.rows, to));
}

/** The first row effective after `date`: the rows are in event order. */
function firstAfter(rows: LineageRow[], date: IsoDate): number {
  let [lo, hi] = [0, rows.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].effectiveOn <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
