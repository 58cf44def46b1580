import type { IsoDate } from '../domain/dates.js';
import { timelineAt, type Timeline } from '../domain/timeline.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { findDecisionsByIds, type Decision } from '../db/decision.repository.js';
import { findChangeDatesInScope } from '../db/timeline.repository.js';

/** Positions a timeline shows at most: a country's thousands of change dates would weigh down every page. */
export const TIMELINE_MAX = 200;

export interface ScopeTimeline extends Timeline {
  rootId: UnitId | null;
  /** The first decision of each change date shown. */
  decisions: Map<number, Decision>;
}

/** The dates on which the scope of `rootId` (the country when null) changed, around the date in view, with their decisions. */
export async function scopeTimeline(db: Db, rootId: UnitId | null, at: IsoDate, max = TIMELINE_MAX): Promise<ScopeTimeline> {
  const t = timelineAt(await findChangeDatesInScope(db, rootId), at, max);
  const ids = t.stops.flatMap((s) => (s.change ? [s.change.decisionId] : []));
  const decisions = new Map((await findDecisionsByIds(db, ids)).map((d) => [d.id, d]));
  return { ...t, rootId, decisions };
}
