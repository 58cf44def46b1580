import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findUnitIdByCode, findVersionOn } from '../../src/db/unit.repository.js';
import { rebuildProjection } from '../../src/services/rebuild.service.js';
import { summary, treeOn, resolveUnitRef } from '../../src/services/query.service.js';
import { seedDemo } from '../../seeds/index.js';
import { newTestDb } from '../support/db.js';

let db: Db;

async function communesOn(date: string) {
  const [province] = await treeOn(db, date, await resolveUnitRef(db, '10', [date]), 2);
  return province.children.flatMap((d) => d.children.map((c) => ({ ...c, district: d.code })));
}

async function unitOn(code: string, date: string) {
  const id = await findUnitIdByCode(db, code, date);
  return id === undefined ? undefined : findVersionOn(db, id, date);
}

describe('Lào Cai, real commune-level changes 2019–2024', () => {
  beforeAll(async () => {
    db = await newTestDb();
    await seedDemo(db, (e) => e.code);
  });

  it('has the 162 units of the statistics office list on 01/12/2019', async () => {
    const communes = await communesOn('2019-12-01');
    expect(communes).toHaveLength(162);
    expect(communes.filter((c) => c.district === '088')).toHaveLength(16);
  });

  it('has 152 units on 01/03/2020 after Nghị quyết 896/NQ-UBTVQH14', async () => {
    expect(await communesOn('2020-03-01')).toHaveLength(152);
    expect(await communesOn('2020-02-29')).toHaveLength(162);
  });

  it('gives the name Phường Lào Cai to code 02641 and closes 02638', async () => {
    expect((await unitOn('02641', '2020-03-01'))?.name).toBe('Phường Lào Cai');
    expect((await unitOn('02641', '2020-02-29'))?.name).toBe('Phường Phố Mới');
    expect(await unitOn('02638', '2020-03-01')).toBeUndefined();
  });

  it('moves Xã Cốc San under Thành phố Lào Cai, keeping its code', async () => {
    const cocSan = await unitOn('02746', '2020-03-01');
    const city = await findUnitIdByCode(db, '080', '2020-03-01');
    expect(cocSan?.parentId).toBe(city);
    expect((await unitOn('02746', '2020-02-29'))?.parentId).toBe(await findUnitIdByCode(db, '082', '2020-02-29'));
  });

  it('makes Si Ma Cai a thị trấn', async () => {
    const siMaCai = await unitOn('02809', '2020-03-01');
    expect(siMaCai).toMatchObject({ name: 'Thị trấn Si Ma Cai', subtype: 'thi_tran', kind: 'commune' });
  });

  it('merges Xã Bản Già into Xã Tả Củ Tỷ and Xã Long Phúc into the renamed Xã Phúc Khánh', async () => {
    expect(await unitOn('02845', '2020-03-01')).toBeUndefined();
    expect((await unitOn('02854', '2020-03-01'))?.name).toBe('Xã Tả Củ Tỷ');
    expect((await unitOn('02998', '2020-03-01'))?.name).toBe('Xã Phúc Khánh');
  });

  it('has 151 units on 01/11/2024 after Xã Tà Chải joined Thị trấn Bắc Hà', async () => {
    expect(await communesOn('2024-11-01')).toHaveLength(151);
    expect(await communesOn('2024-10-31')).toHaveLength(152);
    expect(await unitOn('02872', '2024-11-01')).toBeUndefined();
  });

  it('summarises commune-level units 162 → 151, reduced by 11 (6.8 %)', async () => {
    const rows = await summary(db, await resolveUnitRef(db, '10', ['2024-11-01']), '2019-12-01', '2024-11-01');
    expect(rows.find((r) => r.kind === 'commune' && r.subtype === null)).toEqual({
      kind: 'commune', subtype: null, from: 162, to: 151, reduced: 11, reducedPct: 6.8,
    });
  });

  it('rebuilds exactly the stored versions from the events', async () => {
    const report = await rebuildProjection(db, { write: false });
    expect(report.failed).toBeNull();
    expect(report.differences).toEqual([]);
    expect(report.units).toBe(1 + 9 + 162);
  });
});
