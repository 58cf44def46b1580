import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { DomainError } from '../../src/domain/errors.js';
import type { ChangeRequest } from '../../src/services/change-request.js';
import { recordChange, voidChange } from '../../src/services/change.service.js';
import { rebuildProjection } from '../../src/services/rebuild.service.js';
import { countryVersions } from '../../src/services/country-versions.service.js';
import { storedVersions, keptVersions } from '../support/country-versions.js';
import { newTestDb } from '../support/db.js';
import { smallProvince } from '../support/factories.js';

const DATES = ['2019-06-01', '2020-01-01', '2020-03-01', '2020-03-01', '2021-01-01', '2022-07-01', '2023-01-01', '2024-11-01'];
const OPS = ['rename', 'merge', 'moveCommune', 'moveVillage', 'dissolveVillage', 'newVillage', 'split', 'separate', 'consolidate', 'amend', 'void'] as const;

const opArb = fc.record({ op: fc.constantFrom(...OPS), a: fc.nat(50), b: fc.nat(50), date: fc.constantFrom(...DATES) });

async function snapshot(db: Db) {
  return JSON.stringify([
    await db.selectFrom('versions').selectAll().orderBy('id').execute(),
    await db.selectFrom('changes').select(['id', 'voided_at']).orderBy('id').execute(),
    await db.selectFrom('change_units').selectAll().orderBy('change_id').orderBy('unit_id').orderBy('role').execute(),
  ]);
}

function request(op: { op: string; a: number; b: number; date: string }, ids: { communes: number[]; villages: number[]; districts: number[] }): ChangeRequest | null {
  const pick = (list: number[], i: number) => ({ id: list[i % list.length] });
  const base = { effectiveOn: op.date, decision: { number: `${op.a}/QĐ-UBND` } };
  const { communes: c, villages: v, districts: d } = ids;
  switch (op.op) {
    case 'rename': return { ...base, type: 'rename', unit: pick(c, op.a), name: `Xã Tên ${op.b}` };
    case 'merge': return { ...base, type: 'merge', absorbed: [pick(c, op.a)], into: pick(c, op.b) };
    case 'moveCommune': return { ...base, type: 'transfer', unit: pick(c, op.a), toParent: pick(d, op.b) };
    case 'moveVillage': return { ...base, type: 'transfer', unit: pick(v, op.a), toParent: pick(c, op.b) };
    case 'dissolveVillage': return { ...base, type: 'dissolve', unit: pick(v, op.a), childrenTo: null };
    case 'newVillage': return { ...base, type: 'establish', units: [{ name: `Thôn ${op.b}`, kind: 'village', subtype: 'thon', parent: pick(c, op.a), figures: { households: 50 + op.b } }] };
    case 'split': return { ...base, type: 'split', unit: pick(c, op.a), into: [{ name: `Xã Bắc ${op.b}` }, { name: `Xã Nam ${op.b}` }], childrenTo: op.b % 2 };
    case 'separate': return { ...base, type: 'separate', unit: pick(c, op.a), parts: [{ name: `Xã Mới ${op.b}`, figures: { areaKm2: 1, population: 100 } }] };
    case 'consolidate': return { ...base, type: 'consolidate', units: [pick(c, op.a), pick(c, op.a + 1 + (op.b % (c.length - 1 || 1)))], result: { name: `Xã Hợp ${op.b}` } };
    case 'amend': return { ...base, type: 'amend', unit: pick(c, op.a), figures: { population: 1000 + op.b } };
    default: return null;
  }
}

describe('recording in any order', () => {
  it('keeps the projection equal to a rebuild from the events (and the versions kept in memory equal to the stored ones), and leaves refused writes without a trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 18 }), async (ops) => {
        const db = await newTestDb();
        const u = await smallProvince(db, '2019-01-01');
        const ids = { communes: [u.c1, u.c2, u.c3], villages: [u.v1, u.v2], districts: [u.d1, u.d2] };
        const recorded: number[] = [];
        await countryVersions(db);
        for (const op of ops) {
          const before = await snapshot(db);
          try {
            if (op.op === 'void') {
              if (recorded.length === 0) continue;
              await voidChange(db, recorded.splice(op.a % recorded.length, 1)[0], 'test', 'property');
            } else {
              const r = await recordChange(db, request(op, ids)!);
              recorded.push(r.change.id);
              for (const id of r.outcome.created) (r.outcome.footprint.versions.has(id) && op.op === 'newVillage' ? ids.villages : ids.communes).push(id);
            }
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            expect(await snapshot(db)).toBe(before);
            continue;
          } finally {
            // the versions kept in memory, brought up to date from the journal, are the stored ones
            expect(keptVersions(await countryVersions(db))).toEqual(await storedVersions(db));
          }
          const report = await rebuildProjection(db, { write: false });
          expect(report.failed).toBeNull();
          expect(report.differences).toEqual([]);
        }
        await db.destroy();
      }),
      { numRuns: 80 },
    );
  });
});
