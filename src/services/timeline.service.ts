import type { IsoDate } from '../domain/dates.js';
import { timelineAt, type ChangeDate, type Timeline } from '../domain/timeline.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { registerRevision } from '../db/change.repository.js';
import { findDecisionsByIds, type Decision } from '../db/decision.repository.js';
import { findChangeDatesInScope } from '../db/timeline.repository.js';

/** Positions a timeline shows at most: a country's thousands of change dates would weigh down every page. */
export const TIMELINE_MAX = 200;
/** Scopes whose dates a process keeps; beyond, it starts again (a province's dates are a few hundred rows). */
const KEPT_SCOPES = 1_000;

export interface ScopeTimeline extends Timeline {
  rootId: UnitId | null;
  /** The first decision of each change date shown. */
  decisions: Map<number, Decision>;
}

/** The dates on which the scope of `rootId` (the country when null) changed, around the date in view, with their decisions. */
export async function scopeTimeline(db: Db, rootId: UnitId | null, at: IsoDate, max = TIMELINE_MAX): Promise<ScopeTimeline> {
  const t = timelineAt(await keptChangeDates(db, rootId), at, max);
  const ids = t.stops.flatMap((s) => (s.change ? [s.change.decisionId] : []));
  const decisions = new Map((await findDecisionsByIds(db, ids)).map((d) => [d.id, d]));
  return { ...t, rootId, decisions };
}

const kept = new WeakMap<Db, { revision: string; scopes: Map<UnitId | null, ChangeDate[]> }>();

/**
 * A scope's change dates, kept per process while the register's revision holds: the tree page is
 * opened far more often than a change is recorded, and the scope's query costs more than the page.
 */
async function keptChangeDates(db: Db, rootId: UnitId | null): Promise<ChangeDate[]> {
  const revision = await registerRevision(db);
  let k = kept.get(db);
  if (k?.revision !== revision) kept.set(db, (k = { revision, scopes: new Map() }));
  let dates = k.scopes.get(rootId);
  if (!dates) {
    dates = await findChangeDatesInScope(db, rootId);
    if (k.scopes.size >= KEPT_SCOPES) k.scopes.clear();
    k.scopes.set(rootId, dates);
  }
  return dates;
}
