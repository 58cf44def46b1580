import { describe, expect, it } from 'vitest';
import { findUnitHistory, findVersionOn } from '../../src/db/unit.repository.js';
import { voidChange } from '../../src/services/change.service.js';
import { newTestDb } from '../support/db.js';
import { record, smallProvince } from '../support/factories.js';

describe('recording and replaying', () => {
  it('merges, then replays a back-dated rename, then voids the merge', async () => {
    const db = await newTestDb();
    const u = await smallProvince(db);
    const merged = await record(db, { type: 'merge', effectiveOn: '2020-03-01', absorbed: [{ code: '90002' }], into: { code: '90001' } });
    expect(merged.outcome.ended).toEqual([u.c2]);
    expect((await findVersionOn(db, u.v1, '2020-03-01'))?.parentId).toBe(u.c1);
    expect((await findVersionOn(db, u.c1, '2020-03-01'))?.areaKm2).toBe(50);

    await record(db, { type: 'rename', effectiveOn: '2019-06-01', unit: { code: '90002' }, name: 'Xã Nàn Sán Mới' });
    const h = await findUnitHistory(db, u.c2);
    expect(h.map((v) => [v.name, v.validFrom, v.validTo])).toEqual([
      ['Xã Nàn Sán', '2019-01-01', '2019-06-01'],
      ['Xã Nàn Sán Mới', '2019-06-01', '2020-03-01'],
    ]);

    await voidChange(db, merged.change.id, 'tester', 'entered by mistake');
    expect((await findVersionOn(db, u.c2, '2021-01-01'))?.name).toBe('Xã Nàn Sán Mới');
    expect((await findVersionOn(db, u.v1, '2021-01-01'))?.parentId).toBe(u.c2);
    expect((await findVersionOn(db, u.c1, '2021-01-01'))?.areaKm2).toBe(30);
  });

  it('refuses a back-dated dissolution that a later change depends on, naming it', async () => {
    const db = await newTestDb();
    await smallProvince(db);
    const later = await record(db, { type: 'rename', effectiveOn: '2021-01-01', unit: { code: '90003' }, name: 'Xã Cán Cấu Mới' });
    await expect(
      record(db, { type: 'dissolve', effectiveOn: '2020-01-01', unit: { code: '90003' }, childrenTo: null }),
    ).rejects.toMatchObject({ code: 'REPLAY_CONFLICT', params: { changeId: later.change.id, reason: 'UNIT_NOT_ALIVE' } });
  });
});
