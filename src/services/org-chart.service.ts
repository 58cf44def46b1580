import { compareSnapshots, snapshotOf, traceOrigins, type Pair, type Status } from '../domain/compare.js';
import type { IsoDate } from '../domain/dates.js';
import { subtreeOn, type DateView } from '../domain/country-versions.js';
import { TERRITORIAL } from '../domain/kinds.js';
import { depthWithin, groupServiceUnits, pruneRows, type ChartRow } from '../domain/org-chart-rows.js';
import { headcountOn, quotaOn, sumOf } from '../domain/staffing.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { findMovements, findQuotas } from '../db/staffing.repository.js';
import { compareStructures } from './compare.service.js';
import { countryView } from './country-versions.service.js';
import { scopeHeads } from './lineage-scope.service.js';
import { planDetail } from './plan.service.js';
import { keptLineageBetween } from './country-lineage.service.js';
import { bySiblingOrder } from './query.service.js';

/** Beyond this many boxes a chart is drawn less deep: 1,500 boxes is already a wall, and keeps the page under 1 MB (about 550 bytes of SVG a box). */
export const MAX_BOXES = 1500;

export interface ChartData {
  at: IsoDate;
  rootId: UnitId;
  /** The subtree on the date, siblings in reading order; empty when the unit did not exist then. Groups of service units carry `members`. */
  rows: (ChartRow & { members?: number })[];
  depth: number;
  /** The depth asked for, when more than MAX_BOXES boxes made it shallower. */
  asked: number;
  /** Headcount and quota (all categories) of the units drawn that have either. */
  staff: Map<UnitId, { actual: number; quota: number }>;
}

/** Which units a chart draws: all (service units grouped by kind), the territorial units, the agencies, or each service unit. */
export type ChartShow = 'all' | 'territorial' | 'agency' | 'public_service_unit';

const SHOWN: Record<Exclude<ChartShow, 'all'>, (kind: string) => boolean> = {
  territorial: (k) => (TERRITORIAL as readonly string[]).includes(k),
  agency: (k) => k === 'agency',
  public_service_unit: (k) => k === 'public_service_unit',
};

/** A unit's subtree on a date, `depth` levels deep (fewer when too many boxes), with staffing where known. */
export async function chartData(db: Db, rootId: UnitId, at: IsoDate, depth: number, show: ChartShow = 'all'): Promise<ChartData> {
  const view = await countryView(db, at);
  const { all, top, extra } = view.on[rootId] ? { all: subtreeOn(view, rootId), top: rootId, extra: 0 } : await heldBy(db, view, rootId, at);
  return shaped(db, all, top, at, depth + extra, show);
}

/** The rows as drawn: sorted, filtered or grouped, cut to a depth that stays readable, with staffing of the recorded units. */
async function shaped(db: Db, all: ChartRow[], top: UnitId, at: IsoDate, depth: number, show: ChartShow): Promise<ChartData> {
  const sorted = all.sort(bySiblingOrder);
  const rows = show === 'all' ? groupServiceUnits(sorted, top) : pruneRows(sorted, top, (r) => r.unitId === HELD || SHOWN[show](r.kind));
  const used = rows.length ? depthWithin(rows, top, depth, MAX_BOXES) : depth;
  const drawn = drawnIds(rows, top, used).filter((id) => id > 0);
  return { at, rootId: top, rows, depth: used, asked: depth, staff: await staffOn(db, drawn, at) };
}

export interface PlanChart { plan: { id: number; name: string }; base: ChartData; toBe: ChartData; statuses: Map<UnitId, Status[]> }

/**
 * A plan's scope on its base date and its to-be tree (the proposals applied by the engine, nothing
 * written), each unit classified as the compare page does: what the proposals create, end or change
 * stands out. Headcounts are the base date's (a proposal's new units have none yet).
 */
export async function planChart(db: Db, planId: number, depth: number, show: ChartShow): Promise<PlanChart> {
  const { plan, toBe } = await planDetail(db, planId);
  const statuses = new Map(compareSnapshots(toBe.before.map(snapshotOf), toBe.after.map(snapshotOf), toBe.pairs).map((u) => [u.unitId, u.statuses]));
  return {
    plan: { id: plan.id, name: plan.name }, statuses,
    base: await shaped(db, [...toBe.before], toBe.scopeId, toBe.base, depth, show),
    toBe: await shaped(db, [...toBe.after], toBe.scopeId, toBe.date, depth, show),
  };
}

/** The box standing for a scope's predecessors on a date before the unit existed. */
export const HELD = 0;

/**
 * Scopes follow lineage: before a unit existed (the new Lào Cai on 30/06/2025), its chart is that
 * of the units that held its scope then (Lào Cai and Yên Bái); after it ended (the old Lào Cai on
 * 01/07/2025), that of what it became. Several are drawn under one box naming them.
 */
async function heldBy(db: Db, view: DateView, rootId: UnitId, at: IsoDate): Promise<{ all: ChartRow[]; top: UnitId; extra: number }> {
  const { heads } = await scopeHeads(db, rootId, at);
  const holders = heads.length ? heads : successorsOn(view, rootId, await keptLineageBetween(db, '1900-01-01', at));
  if (holders.length === 0) return { all: [], top: rootId, extra: 0 };
  if (holders.length === 1) return { all: subtreeOn(view, holders[0]), top: holders[0], extra: 0 };
  const names = holders.map((h) => view.on[h]!.name).join(' + ');
  const held: ChartRow = { unitId: HELD, parentId: null, name: names, code: null, kind: 'scope', subtype: 'scope' };
  const all = holders.flatMap((h) => subtreeOn(view, h).map((v) => (v.unitId === h ? { ...v, parentId: HELD } : v)));
  return { all: [held, ...all], top: HELD, extra: 1 };
}

/** The units on the view's date that hold some of what `rootId` was, through the lineage. */
function successorsOn(view: DateView, rootId: UnitId, pairs: Pair[]): UnitId[] {
  const out: UnitId[] = [];
  for (const [holder, origins] of traceOrigins(pairs)) if (origins.has(rootId) && holder !== rootId && view.on[holder]) out.push(holder);
  return out;
}

function drawnIds(rows: ChartRow[], rootId: UnitId, depth: number): UnitId[] {
  const out = [rootId];
  let level = new Set([rootId]);
  for (let d = 1; d <= depth; d++) {
    const next = new Set<UnitId>();
    for (const r of rows) if (r.parentId !== null && level.has(r.parentId)) next.add(r.unitId);
    out.push(...next);
    level = next;
  }
  return out;
}

async function staffOn(db: Db, ids: UnitId[], at: IsoDate): Promise<Map<UnitId, { actual: number; quota: number }>> {
  const [moves, quotas] = await Promise.all([findMovements(db, ids, at), findQuotas(db, ids)]);
  const byUnit = new Map<UnitId, { moves: typeof moves; quotas: typeof quotas }>();
  const entry = (id: UnitId) => byUnit.get(id) ?? byUnit.set(id, { moves: [], quotas: [] }).get(id)!;
  for (const m of moves) entry(m.unitId).moves.push(m);
  for (const q of quotas) entry(q.unitId).quotas.push(q);
  const out = new Map<UnitId, { actual: number; quota: number }>();
  for (const [id, e] of byUnit) {
    const [actual, quota] = [sumOf(headcountOn(e.moves, at)), sumOf(quotaOn(e.quotas, at))];
    if (actual || quota) out.set(id, { actual, quota });
  }
  return out;
}

/**
 * The same unit on two dates, each box classified as the compare page does (ended, created,
 * renamed…): the statuses of every unit of the scope, by unit id.
 */
export async function chartStatuses(db: Db, rootId: UnitId, from: IsoDate, to: IsoDate): Promise<Map<UnitId, Status[]>> {
  const c = await compareStructures(db, { from, to, rootId });
  return new Map(c.units.map((u) => [u.unitId, u.statuses]));
}
