import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findSubtreeOn } from '../../src/db/unit.repository.js';
import { DomainError } from '../../src/domain/errors.js';
import { recordChange } from '../../src/services/change.service.js';
import { evaluatePlan } from '../../src/services/plan-evaluation.js';
import { newTestDb } from '../support/db.js';
import { smallProvince } from '../support/factories.js';
import { opArb, proposalOf } from '../support/plan-ops.js';

const BASE = '2019-06-01';
const ON = '2019-06-02';
async function maxUnitId(db: Db): Promise<number> {
  const r = await db.selectFrom('units').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
  return Number(r.m);
}

const shape = (v: object) => JSON.stringify(v, Object.keys(v).sort());

describe('a plan’s to-be tree', () => {
  it('equals recording its proposals for real: the same proposals refused, the same versions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        const db = await newTestDb();
        const u = await smallProvince(db, '2019-01-01');
        const ids = { communes: [u.c1, u.c2, u.c3], villages: [u.v1, u.v2], districts: [u.d1, u.d2] };
        const proposals = ops.map((op) => proposalOf(op, ids));
        const toBe = await evaluatePlan(db, u.province, BASE, proposals, (await maxUnitId(db)) + 1);
        for (const [i, p] of proposals.entries()) {
          let refused: string | null = null;
          try {
            await recordChange(db, { ...p, effectiveOn: ON, decision: { number: `${i}/QĐ-UBND` } } as never);
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            refused = err.code;
          }
          expect(toBe.results[i].error?.code ?? null).toBe(refused);
        }
        const real = (await findSubtreeOn(db, ON, u.province, 99)).map(({ depth: _d, ...v }) => shape(v)).sort();
        expect(toBe.after.map(shape).sort()).toEqual(real);
        const before = (await findSubtreeOn(db, BASE, u.province, 99)).map(({ depth: _d, ...v }) => shape(v)).sort();
        expect(toBe.before.map(shape).sort()).toEqual(before);
        await db.destroy();
      }),
      { numRuns: 60 },
    );
  });
});
