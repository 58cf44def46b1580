import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { bulkLoad } from '../../src/services/bulk-load.js';
import { findRootsOn } from '../../src/db/unit.repository.js';
import { basisByKind, compareStructures, countStatuses, type Comparison } from '../../src/services/compare.service.js';
import { compareCountry, countryCorrespondence } from '../../src/services/country-compare.service.js';
import { correspondence, type CorrespondenceRow } from '../../src/services/correspondence.js';
import { generateCountry } from '../../src/services/generate/index.js';
import { voidChange } from '../../src/services/change.service.js';
import { newTestDb } from '../support/db.js';
import { record } from '../support/factories.js';

/** Three generated provinces (two of them consolidated in the 2025 reform), compared across it and before it. */
const PERIODS = [['2024-01-01', '2025-07-01'], ['2018-01-01', '2021-01-01'], ['2010-01-01', '2026-01-01']] as const;

function withoutEmpty(m: Map<string, string[]>): Map<string, string[]> {
  return new Map([...m].filter(([, v]) => v.length > 0));
}

describe('the whole-country overview (from the versions kept in memory) agrees with classifying every unit from SQL', () => {
  let db: Db;
  beforeAll(async () => {
    db = await newTestDb();
    await bulkLoad(db, generateCountry({ provinces: 3, seed: 7 }).events, { now: '2026-01-01T00:00:00.000Z' });
  });
  afterAll(async () => db.destroy());

  for (const [from, to] of PERIODS) {
    for (const kind of [undefined, 'commune', 'village', 'public_service_unit'] as const) {
      it(`${from} → ${to}${kind ? `, ${kind}` : ''}`, async () => {
        const full: Comparison = await compareStructures(db, { from, to, rootId: null, kind });
        const overview = await compareCountry(db, { from, to, kind });
        expect(overview.counts).toEqual(full.counts);
        expect(overview.byChild).toEqual(full.byChild);
        expect(overview.statusCounts).toEqual(countStatuses(full.units));
        expect(overview.lineage).toEqual(full.lineage);
        expect(withoutEmpty(basisByKind(overview))).toEqual(withoutEmpty(basisByKind(full)));
        expect([...overview.changes.keys()].sort()).toEqual([...full.changes.keys()].sort());
        // the province listed is classified exactly as in the whole country's classification
        const byId = new Map(full.units.map((u) => [u.unitId, u]));
        for (const u of overview.units) expect([u.statuses, u.successors]).toEqual([byId.get(u.unitId)!.statuses, byId.get(u.unitId)!.successors]);
      });
    }
  }

  it('keeps the country\'s numbers only while the register is unchanged: a change recorded or voided shows at once', async () => {
    const period = { from: '2018-01-01', to: '2021-01-01' };
    const before = await compareCountry(db, period);
    const unit = before.units.find((u) => u.statuses.includes('unchanged') && u.before!.kind === 'village')!;
    const r = await record(db, { type: 'rename', effectiveOn: '2020-06-01', decision: { number: '1/QĐ-THU' }, unit: { id: unit.unitId }, name: `${unit.before!.name} Mới` });
    const after = await compareCountry(db, period);
    expect(after.statusCounts.renamed).toBe(before.statusCounts.renamed + 1);
    expect(after.statusCounts.unchanged).toBe(before.statusCounts.unchanged - 1);
    await voidChange(db, r.change.id, 'test', 'thử');
    expect((await compareCountry(db, period)).statusCounts).toEqual(before.statusCounts);
  });

  it('lists the units of the province asked for, and the first one otherwise', async () => {
    const first = await compareCountry(db, { from: '2024-01-01', to: '2025-07-01' });
    const other = first.byChild[1];
    const second = await compareCountry(db, { from: '2024-01-01', to: '2025-07-01' }, { partId: other.unitId });
    expect(first.part?.id).toBe(first.byChild[0].unitId);
    expect(second.part).toEqual({ id: other.unitId, name: other.name, code: other.code });
    expect(second.units.length).toBeGreaterThan(0);
    expect(second.units.map((u) => u.unitId)).not.toEqual(first.units.map((u) => u.unitId));
    expect(first.statusCounts.moved).toBeGreaterThan(0);
  });
});

describe('the whole country\'s correspondence, streamed one province at a time', () => {
  it('holds exactly the rows of classifying every unit at once', async () => {
    const db = await newTestDb();
    await bulkLoad(db, generateCountry({ provinces: 3, seed: 7 }).events, { now: '2026-01-01T00:00:00.000Z' });
    for (const [from, to] of PERIODS) {
      const whole = correspondence(await compareStructures(db, { from, to, rootId: null }));
      const streamed: CorrespondenceRow[] = [];
      let batches = 0;
      for await (const batch of countryCorrespondence(db, { from, to })) (streamed.push(...batch), batches++);
      const key = (r: CorrespondenceRow) => JSON.stringify(r);
      expect(streamed.map(key).sort()).toEqual(whole.map(key).sort());
      expect(batches).toBe((await findRootsOn(db, from)).length);
    }
    await db.destroy();
  });
});
