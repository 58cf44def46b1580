import type { Executor } from '../db/connection.js';
import { DomainError } from '../domain/errors.js';
import type { IsoDate } from '../domain/dates.js';
import { findVersionOn } from '../db/unit.repository.js';
import { ancestorsOn } from './query.service.js';

/** Who is writing: an administrator (scope null = everything) or an editor limited to a subtree. */
export interface Writer {
  username: string;
  address?: string | null;
  scopeUnitId: number | null;
}

/**
 * Whether `unitId` is `scopeId` or lies under it, on the first of `dates` on which the unit
 * exists (a change is judged on the tree it applies to: the day before it, or its own day for a
 * unit an earlier change of that day created). A unit alive on none of the dates is outside.
 */
export async function isWithin(db: Executor, scopeId: number, unitId: number, dates: IsoDate[]): Promise<boolean> {
  for (const date of dates) {
    if (!(await findVersionOn(db, unitId, date))) continue;
    return unitId === scopeId || (await ancestorsOn(db, unitId, date)).some((a) => a.unitId === scopeId);
  }
  return false;
}

/** Refuses (OUT_OF_SCOPE, answered 403) when a unit lies outside the writer's scope; administrators pass. */
export async function assertWithinScope(db: Executor, who: Writer, unitIds: number[], dates: IsoDate[]): Promise<void> {
  if (who.scopeUnitId === null) return;
  for (const id of new Set(unitIds)) {
    if (!(await isWithin(db, who.scopeUnitId, id, dates))) throw new DomainError('OUT_OF_SCOPE', { unit: id });
  }
}

/** The same check for rows each dated on their own (staffing imports): each unit and date is looked up once, however many rows repeat it. */
export async function assertRowsWithinScope(db: Executor, who: Writer, rows: { unitId: number; on: IsoDate }[]): Promise<void> {
  if (who.scopeUnitId === null) return;
  const pairs = new Map(rows.map((r) => [`${r.unitId}|${r.on}`, r]));
  for (const r of pairs.values()) await assertWithinScope(db, who, [r.unitId], [r.on]);
}
