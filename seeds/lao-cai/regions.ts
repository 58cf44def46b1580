import type { Trx } from '../../src/db/connection.js';
import { findUnitIdByCode } from '../../src/db/unit.repository.js';
import { setUnitRegionsIn } from '../../src/services/region.service.js';

/**
 * Lào Cai is a mountainous province of the northern midlands and mountains (real): every commune
 * is measured against the mountainous standard and every village against the region's household
 * standard. Which communes are border communes is not in our data, so none is marked.
 */
export async function seedRegions(trx: Trx): Promise<void> {
  const province = (await findUnitIdByCode(trx, '10', '2015-12-31'))!;
  await setUnitRegionsIn(trx, province, ['mountainous', 'northern_midlands_mountains']);
}
