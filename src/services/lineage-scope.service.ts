import { scopeHeadsOn } from '../domain/compare.js';
import { versionOn } from '../domain/country-versions.js';
import type { IsoDate } from '../domain/dates.js';
import type { UnitId } from '../domain/tree.js';
import type { Db } from '../db/connection.js';
import { keptLineageBetween } from './country-lineage.service.js';
import { countryVersions } from './country-versions.service.js';

export interface ScopeHeads {
  /** The units that held the root's scope on the date: the root itself, or its predecessors then. */
  heads: UnitId[];
  /** The heads' names on the date, when the scope was followed. */
  held: { id: UnitId; name: string }[];
  /** Predecessors whose record begins after the date ("Tỉnh Yên Bái: recorded from 01/03/2025"). */
  unrecorded: { id: UnitId; name: string; from: IsoDate }[];
  /** True when the scope was followed through the lineage (the root did not exist on the date). */
  followed: boolean;
}

/**
 * Scopes follow lineage: a root formed by consolidation is, on an earlier date, everything its
 * predecessors held (transitively: a province formed from two, whose communes were formed from many).
 * Every summary, comparison, report and dashboard asks this one rule.
 */
export async function scopeHeads(db: Db, rootId: UnitId, date: IsoDate): Promise<ScopeHeads> {
  const versions = await countryVersions(db);
  const alive = (id: UnitId) => versionOn(versions.get(id), date) !== undefined;
  if (alive(rootId)) return { heads: [rootId], held: [], unrecorded: [], followed: false };
  const beganAfter = (id: UnitId) => (versions.get(id)?.[0]?.validFrom ?? '') > date;
  const pairs = await keptLineageBetween(db, date, '9999-12-31');
  const { heads, unrecorded } = scopeHeadsOn(rootId, pairs, alive, beganAfter);
  return {
    heads, followed: true, held: heads.map((id) => ({ id, name: versionOn(versions.get(id), date)!.name })),
    unrecorded: unrecorded.filter((id) => id !== rootId).map((id) => {
      const first = versions.get(id)![0];
      return { id, name: first.name, from: first.validFrom };
    }),
  };
}
