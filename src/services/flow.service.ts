import { compareSnapshots, snapshotOf, type Snapshot } from '../domain/compare.js';
import type { DateView } from '../domain/country-versions.js';
import type { IsoDate } from '../domain/dates.js';
import { byUnit, flowOf, type Flow, type FlowGroup } from '../domain/flow.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { compareStructures, type UnitRef } from './compare.service.js';
import { keptLineageBetween } from './country-lineage.service.js';
import { countryView } from './country-versions.service.js';
import type { ScopeHeads } from './lineage-scope.service.js';

export interface FlowQuery {
  from: IsoDate;
  to: IsoDate;
  /** null: the whole country, grouped by province. */
  rootId: UnitId | null;
  kind: string;
  /** Under a root: each unit its own node, or units grouped under their parent on each date. */
  group: 'unit' | 'parent';
}

export interface FlowResult { flow: Flow; root: UnitRef | null; scope?: ScopeHeads; grouped: 'unit' | 'parent' | 'province' }

/**
 * Which units of a kind became which between two dates. Under a root, from the compare service
 * (the same scope and classification as the compare page, so the totals agree); for the country,
 * every unit of the kind classified from the two dates' views and grouped by province.
 */
export async function flowBetween(db: Db, q: FlowQuery, none: { before: string; after: string }): Promise<FlowResult> {
  if (q.rootId === null) return countryFlow(db, q, none);
  const c = await compareStructures(db, { from: q.from, to: q.to, rootId: q.rootId, kind: q.kind });
  const parentOf = (s: Snapshot, side: 'from' | 'to'): FlowGroup => {
    const name = (side === 'from' ? c.names.before : c.names.after).get(s.parentId ?? -1);
    return { key: String(s.parentId), label: name ?? '—', unitId: s.parentId, code: null };
  };
  return { flow: flowOf(c.units, q.group === 'unit' ? byUnit : parentOf, none), root: c.root, scope: c.scope, grouped: q.group };
}

async function countryFlow(db: Db, q: FlowQuery, none: { before: string; after: string }): Promise<FlowResult> {
  const [a, b] = await Promise.all([countryView(db, q.from), countryView(db, q.to)]);
  const pairs = await keptLineageBetween(db, q.from, q.to);
  const units = compareSnapshots(ofKind(a, q.kind), ofKind(b, q.kind), pairs);
  if (q.kind === 'province') return { flow: flowOf(units, byUnit, none), root: null, grouped: 'unit' };
  const province = (s: Snapshot, side: 'from' | 'to'): FlowGroup => {
    const view = side === 'from' ? a : b;
    const p = view.on[view.rootOf[s.unitId]];
    return p ? { key: String(p.unitId), label: p.name, unitId: p.unitId, code: p.code } : { key: '?', label: '—', unitId: null, code: null };
  };
  return { flow: flowOf(units, province, none), root: null, grouped: 'province' };
}

function ofKind(view: DateView, kind: string): Snapshot[] {
  const out: Snapshot[] = [];
  for (const v of view.on) if (v && v.kind === kind) out.push(snapshotOf(v));
  return out;
}
