import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { voidChange } from '../../src/services/change.service.js';
import { recordMovements, recordQuotas, staffingReport } from '../../src/services/staffing.service.js';
import { newTestDb } from '../support/db.js';
import { record, smallProvince } from '../support/factories.js';

let db: Db;
let p: Awaited<ReturnType<typeof smallProvince>>;

beforeEach(async () => {
  db = await newTestDb();
  p = await smallProvince(db);
  await recordMovements(db, [
    { unitId: p.c1, category: 'cong_chuc', on: '2019-01-01', count: 10, reason: 'opening' },
    { unitId: p.c2, category: 'cong_chuc', on: '2019-01-01', count: 8, reason: 'opening' },
    { unitId: p.c2, category: 'can_bo', on: '2019-01-01', count: 5, reason: 'opening' },
  ]);
  await recordQuotas(db, [
    { unitId: p.c1, category: 'cong_chuc', on: '2019-01-01', quota: 11, decision: '1/QĐ' },
    { unitId: p.c2, category: 'cong_chuc', on: '2019-01-01', quota: 9, decision: '1/QĐ' },
  ]);
});

const line = async (at: string) => (await staffingReport(db, p.province, at, '2019-01-01', at));

describe('staff follow their units through merges', () => {
  it('moves the absorbed commune’s staff and quota to the absorbing one in the same change, with no reduction', async () => {
    const r = await record(db, { type: 'merge', effectiveOn: '2020-03-01', absorbed: [{ id: p.c2 }], into: { id: p.c1 } });
    const report = await line('2020-03-01');
    expect(report.total).toMatchObject({ actual: 23, quota: 20, reductions: 0 });
    const rows = await db.selectFrom('staff_movements').selectAll().where('change_id', '=', r.change.id).execute();
    expect(rows.filter((m) => m.unit_id === p.c1).map((m) => [m.category, m.delta]).sort()).toEqual([['can_bo', 5], ['cong_chuc', 8]]);
    expect(rows.filter((m) => m.unit_id === p.c2).every((m) => m.reason === 'transfer_out')).toBe(true);
  });

  it('refuses a movement dated before a merge that would leave staff in the absorbed commune after it ended', async () => {
    await record(db, { type: 'merge', effectiveOn: '2020-03-01', absorbed: [{ id: p.c2 }], into: { id: p.c1 } });
    const late = recordMovements(db, [{ unitId: p.c2, category: 'cong_chuc', on: '2019-06-01', count: 2, reason: 'recruitment' }]);
    await expect(late).rejects.toMatchObject({ code: 'STAFF_LEFT_IN_ENDED_UNIT', params: { unit: p.c2, date: '2020-03-01', category: 'cong_chuc' } });
    await recordMovements(db, [{ unitId: p.c1, category: 'cong_chuc', on: '2019-06-01', count: 2, reason: 'recruitment' }]);
    expect((await line('2020-03-01')).total).toMatchObject({ actual: 25 });
  });

  it('refuses to void a merge whose people a later merge has already moved on', async () => {
    const first = await record(db, { type: 'merge', effectiveOn: '2020-03-01', absorbed: [{ id: p.c2 }], into: { id: p.c1 } });
    await record(db, { type: 'merge', effectiveOn: '2021-01-01', absorbed: [{ id: p.c1 }], into: { id: p.c3 } });
    await expect(voidChange(db, first.change.id, 'test', 'mistake')).rejects.toMatchObject({ code: 'HEADCOUNT_NEGATIVE' });
    expect((await line('2021-01-01')).total).toMatchObject({ actual: 23 });
  });

  it('hands a split unit’s staff to the new units as the request says, the rest to the first', async () => {
    const r = await record(db, {
      type: 'split', effectiveOn: '2020-03-01', unit: { id: p.c1 }, into: [{ name: 'Xã A', code: '90011' }, { name: 'Xã B', code: '90012' }],
      staff: [{ to: 1, category: 'cong_chuc', count: 4 }],
    } as never);
    const [a, b] = r.outcome.created;
    const rows = await db.selectFrom('staff_movements').select(['unit_id', 'delta']).where('change_id', '=', r.change.id).where('delta', '>', 0).execute();
    expect(Object.fromEntries(rows.map((x) => [x.unit_id, x.delta]))).toEqual({ [a]: 6, [b]: 4 });
  });

  it('refuses to dissolve a commune with staff unless the change says where they go', async () => {
    await expect(record(db, { type: 'dissolve', effectiveOn: '2020-03-01', unit: { id: p.c2 }, childrenTo: { id: p.c1 } })).rejects.toThrow(/STAFF_DISPOSAL_REQUIRED/);
    expect((await line('2020-03-01')).total.actual).toBe(23);
    await record(db, { type: 'dissolve', effectiveOn: '2020-03-01', unit: { id: p.c2 }, childrenTo: { id: p.c1 }, staff: { reason: 'early_retirement' } } as never);
    expect((await line('2020-03-01')).total).toMatchObject({ actual: 10, reductions: 13 });
  });

  it('sends a dissolved commune’s staff to the unit the change names, by code', async () => {
    await record(db, { type: 'dissolve', effectiveOn: '2020-03-01', unit: { id: p.c2 }, childrenTo: { id: p.c1 }, staff: { to: { code: '90003' } } } as never);
    const report = await line('2020-03-01');
    expect(report.total).toMatchObject({ actual: 23, reductions: 0 });
    expect(Object.fromEntries(report.rows.map((r) => [r.name, r.line.actual]))).toEqual({ 'Huyện Một': 10, 'Huyện Hai': 13 });
  });

  it('takes the transfers back when the merge is voided', async () => {
    const r = await record(db, { type: 'merge', effectiveOn: '2020-03-01', absorbed: [{ id: p.c2 }], into: { id: p.c1 } });
    await voidChange(db, r.change.id, 'test', 'nhầm');
    expect(await db.selectFrom('staff_movements').select('id').where('change_id', '=', r.change.id).execute()).toEqual([]);
    expect((await line('2020-03-01')).byCategory.can_bo.actual).toBe(5);
  });

  it('refuses a movement for a unit that does not exist on its date, and a headcount below zero', async () => {
    await expect(recordMovements(db, [{ unitId: p.c1, category: 'cong_chuc', on: '2018-06-01', count: 1, reason: 'recruitment' }])).rejects.toThrow(/UNIT_NOT_ALIVE_STAFF/);
    await expect(recordMovements(db, [{ unitId: p.c1, category: 'cong_chuc', on: '2019-06-01', count: 11, reason: 'resignation' }])).rejects.toThrow(/HEADCOUNT_NEGATIVE/);
  });
});
