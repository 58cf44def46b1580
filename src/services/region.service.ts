import type { IsoDate } from '../domain/dates.js';
import { NotFoundError } from '../domain/errors.js';
import { regionsOf } from '../domain/standard.lookups.js';
import type { Region } from '../domain/standard.types.js';
import type { UnitId, Version } from '../domain/tree.js';
import type { Db, Trx } from '../db/connection.js';
import { findRegionSettings, listRegionSettings, replaceRegionSettings } from '../db/standard.repository.js';
import { findLatestVersions, findSubtreeOn, unitExists } from '../db/unit.repository.js';
import { writeTransaction } from '../db/write-transaction.js';
import { appendAudit, type Who } from './audit.service.js';
import { ancestorsOn } from './query.service.js';

/** Sets the regions of a unit (none = clear); units below it inherit them. */
export async function setUnitRegions(db: Db, unitId: UnitId, regions: readonly Region[], who: Who): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const before = (await findRegionSettings(trx, [unitId])).get(unitId) ?? [];
    await setUnitRegionsIn(trx, unitId, regions);
    await appendAudit(trx, who, { action: 'unit.regions', entity: 'unit', entityId: unitId, before, after: [...new Set(regions)] });
  });
}

export async function setUnitRegionsIn(trx: Trx, unitId: UnitId, regions: readonly Region[]): Promise<void> {
  if (!(await unitExists(trx, unitId))) throw new NotFoundError('unit', `id:${unitId}`);
  await replaceRegionSettings(trx, unitId, [...new Set(regions)]);
}

/** Every unit with regions set, by its latest name. */
export async function regionSettings(db: Db): Promise<{ unitId: UnitId; name: string; code: string | null; regions: string[] }[]> {
  const rows = await listRegionSettings(db);
  const ids = [...new Set(rows.map((r) => r.unitId))];
  const names = await findLatestVersions(db, ids);
  return ids.map((id) => ({ unitId: id, name: names.get(id)?.name ?? `#${id}`, code: names.get(id)?.code ?? null, regions: rows.filter((r) => r.unitId === id).map((r) => r.region) }));
}

/**
 * Regions of each of `versions` on `at`, inherited through the parents among them and, above
 * those, through the stored tree. The plans can pass a to-be tree here.
 */
export async function regionsFor(db: Db, versions: readonly Version[], at: IsoDate): Promise<Map<UnitId, string[]>> {
  const byId = new Map(versions.map((v) => [v.unitId, v]));
  const outside = [...new Set(versions.map((v) => v.parentId).filter((p): p is UnitId => p !== null && !byId.has(p)))];
  for (const top of outside) {
    for (const a of [...(await ancestorsOn(db, top, at)), ...(await findSubtreeOn(db, at, top, 0))]) if (!byId.has(a.unitId)) byId.set(a.unitId, a);
  }
  const settings = await findRegionSettings(db, [...byId.keys()]);
  const parentOf = (id: UnitId) => byId.get(id)?.parentId;
  return new Map(versions.map((v) => [v.unitId, regionsOf(v.unitId, parentOf, settings)]));
}
