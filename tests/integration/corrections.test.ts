import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findChangesOfUnit } from '../../src/db/change.repository.js';
import { findMovements } from '../../src/db/staffing.repository.js';
import { findHistories } from '../../src/db/unit.repository.js';
import { correctNameIn, reinstateChangeIn, voidChange } from '../../src/services/change.service.js';
import { rebuildProjection } from '../../src/services/rebuild.service.js';
import { recordMovements } from '../../src/services/staffing.service.js';
import { writeTransaction } from '../../src/db/write-transaction.js';
import { csrfOf, signedInApp } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { establish, record, smallProvince } from '../support/factories.js';

/**
 * Issue 16, point 3: a mistyped name is put right without a decision, from the day the name began,
 * with no new version and nothing counted as a rename; a voided change can be reinstated.
 */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const names = async (db: Db, unit: number) => (await findHistories(db, [unit])).sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1)).map((v) => [v.validFrom, v.validTo, v.name]);

describe('a mistyped name', () => {
  let db: Db;
  let app: Express;
  let unit: number;
  beforeAll(async () => {
    db = await newTestDb();
    const p = await smallProvince(db, '2005-01-01');
    unit = await establish(db, '2010-01-01', { name: 'Xã Tả Chảii', code: '90077', kind: 'commune', subtype: 'xa', parent: { id: p.d1 } });
    await record(db, { type: 'reclassify', effectiveOn: '2015-01-01', unit: { id: unit }, subtype: 'thi_tran' });
    app = await signedInApp(db);
  });

  it('offers the name as borne on the date asked, since the day it began, and the decision that gave it', async () => {
    const page = await request(app).get(`/units/${unit}/correction?at=2016-06-01`);
    expect(page.status).toBe(200);
    const t = text(page.text);
    expect(t).toContain('Tên đang ghi Xã Tả Chảii');
    expect(t).toContain('Tên này có từ ngày 01/01/2010');
    expect(t).toMatch(/Theo văn bản Thành lập #\d+ — \d+\/QĐ-UBND/);
  });

  it('keeps the input and says what is wrong next to the field, in both languages', async () => {
    const agent = request.agent(app);
    const token = csrfOf((await agent.get(`/units/${unit}/correction?at=2016-06-01`)).text);
    const empty = await agent.post(`/units/${unit}/correction`).type('form').send({ _csrf: token, on: '2016-06-01', name: ' ', note: 'theo Quyết định' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('id="f-name-error"');
    expect(empty.text).toContain('value="theo Quyết định"');
    const same = await agent.post(`/units/${unit}/correction`).type('form').send({ _csrf: token, on: '2016-06-01', name: 'Xã Tả Chảii' });
    expect(same.status).toBe(409);
    expect(text(same.text)).toContain('Thay đổi này không làm thay đổi gì.');
    const en = await agent.post(`/units/${unit}/correction?lang=en`).type('form').send({ _csrf: token, on: '2016-06-01', name: 'Xã Tả Chảii' });
    expect(text(en.text)).toContain('This change would change nothing.');
  });

  it('corrects every version that carried the name, without a new version, a new decision or a rename', async () => {
    const decisionsBefore = await db.selectFrom('decisions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const agent = request.agent(app);
    const token = csrfOf((await agent.get(`/units/${unit}/correction?at=2016-06-01`)).text);
    const res = await agent.post(`/units/${unit}/correction`).type('form').send({ _csrf: token, on: '2016-06-01', name: 'Xã Tả Chải', note: 'Nghị quyết ghi “Tả Chải”' });
    expect(res.status).toBe(303);
    expect(await names(db, unit)).toEqual([['2010-01-01', '2015-01-01', 'Xã Tả Chải'], ['2015-01-01', null, 'Xã Tả Chải']]);
    const decisionsAfter = await db.selectFrom('decisions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(decisionsAfter.n)).toBe(Number(decisionsBefore.n));
    const changes = await findChangesOfUnit(db, unit);
    const correction = changes.find((c) => c.type === 'correct')!;
    expect(correction.effectiveOn).toBe('2010-01-01');
    expect(correction.decisionId).toBe(changes.find((c) => c.type === 'establish')!.decisionId);
    expect(changes.filter((c) => c.type === 'rename')).toHaveLength(0);
    const unitPage = text((await agent.get(res.headers.location)).text);
    expect(unitPage).toContain('Đã sửa tên “Xã Tả Chảii” thành “Xã Tả Chải”');
    const register = text((await request(app).get('/changes?type=correct')).text);
    expect(register).toContain('Sửa lỗi nhập liệu');
    expect(register).toContain('tên nhập sai “Xã Tả Chảii” → “Xã Tả Chải”');
    expect((await rebuildProjection(db, { write: false })).differences).toEqual([]);
  });

  it('refuses a correction that changes nothing, and starts a later name\'s correction on the day of its rename', async () => {
    await expect(writeTransaction(db, (trx) => correctNameIn(trx, unit, '2016-06-01', 'Xã Tả Chải', null, 'test'))).rejects.toMatchObject({ code: 'NO_EFFECT' });
    await record(db, { type: 'rename', effectiveOn: '2020-01-01', unit: { id: unit }, name: 'Thị trấn Tả Chảii' });
    const page = text((await request(app).get(`/units/${unit}/correction?at=2021-01-01`)).text);
    expect(page).toContain('Tên này có từ ngày 01/01/2020');
    expect(page).toMatch(/Theo văn bản Đổi tên #\d+/);
    await writeTransaction(db, (trx) => correctNameIn(trx, unit, '2021-01-01', 'Thị trấn Tả Chải', null, 'test'));
    expect((await names(db, unit)).map((n) => n[2])).toEqual(['Xã Tả Chải', 'Xã Tả Chải', 'Thị trấn Tả Chải']);
  });

  it('is refused on replay when the name it corrects is no longer the one borne', async () => {
    const { correct } = await import('../../src/domain/changes/correct.js');
    const { Tree } = await import('../../src/domain/tree.js');
    const tree = new Tree();
    tree.write(1, '2010-01-01', { name: 'Xã A', code: null, kind: 'commune', subtype: 'xa', parentId: null, areaKm2: null, population: null, households: null, sector: null });
    expect(() => correct.plan(tree, '2010-01-01', { type: 'correct', unit: 1, from: 'Xã B', name: 'Xã C' })).toThrow(expect.objectContaining({ code: 'CORRECTION_STALE' }));
    expect(() => correct.plan(tree, '2012-01-01', { type: 'correct', unit: 1, from: 'Xã A', name: 'Xã C' })).toThrow(expect.objectContaining({ code: 'CORRECTION_NOT_AT_START' }));
  });

  it('is not offered to a viewer', async () => {
    const viewer = await signedInApp(db, { username: 'viewer-correct', role: 'viewer' });
    expect((await request(viewer).get(`/units/${unit}/correction`)).status).toBe(403);
  });
});

describe('reinstating a voided change', () => {
  let db: Db;
  let app: Express;
  let p: Awaited<ReturnType<typeof smallProvince>>;
  beforeAll(async () => {
    db = await newTestDb();
    p = await smallProvince(db);
    app = await signedInApp(db);
  });

  it('puts it back in its place, through the confirmation page, and the page tells both stories', async () => {
    const renamed = await record(db, { type: 'rename', effectiveOn: '2020-01-01', unit: { id: p.c1 }, name: 'Xã Bản Mế Mới' });
    const id = renamed.change.id;
    await voidChange(db, id, 'test', 'ghi nhầm ngày');
    expect((await names(db, p.c1)).at(-1)![2]).toBe('Xã Bản Mế');
    const agent = request.agent(app);
    const confirm = await agent.get(`/changes/${id}/reinstate`);
    expect(text(confirm.text)).toContain('Khôi phục thay đổi này');
    const token = csrfOf(confirm.text);
    const noReason = await agent.post(`/changes/${id}/reinstate`).type('form').send({ _csrf: token, reason: '' });
    expect(noReason.status).toBe(422);
    expect(text(noReason.text)).toContain('Hãy ghi lý do khôi phục.');
    const ok = await agent.post(`/changes/${id}/reinstate`).type('form').send({ _csrf: token, reason: 'huỷ nhầm' });
    expect(ok.status).toBe(303);
    expect(await names(db, p.c1)).toEqual([['2019-01-01', '2020-01-01', 'Xã Bản Mế'], ['2020-01-01', null, 'Xã Bản Mế Mới']]);
    const page = text((await agent.get(`/changes/${id}`)).text);
    expect(page).toContain('Đã khôi phục thay đổi #' + id);
    expect(page).toContain('Huỷ: test');
    expect(page).toContain('ghi nhầm ngày');
    expect(page).toContain('Khôi phục: admin-test');
    expect(page).toContain('huỷ nhầm');
    const again = await agent.post(`/changes/${id}/reinstate`).type('form').send({ _csrf: token, reason: 'lần hai' });
    expect(again.status).toBe(409);
    expect(text(again.text)).toContain(`Không thể khôi phục: Thay đổi số ${id} đang có hiệu lực, không cần khôi phục.`);
    expect(text((await agent.post(`/changes/${id}/reinstate?lang=en`).type('form').send({ _csrf: token, reason: 'again' })).text))
      .toContain(`Not reinstated: Change #${id} is in force; there is nothing to reinstate.`);
    expect((await rebuildProjection(db, { write: false })).differences).toEqual([]);
  });

  it('works the same through the API: GET a change, void it, reinstate it, and a second reinstatement is refused with its rule', async () => {
    const renamed = await record(db, { type: 'rename', effectiveOn: '2020-06-01', unit: { id: p.c3 }, name: 'Xã Cán Cấu Mới' });
    const id = renamed.change.id;
    const got = await request(app).get(`/api/changes/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.change).toMatchObject({ id, type: 'rename', voided: null });
    expect((await request(app).post(`/api/changes/${id}/void`).send({ reason: 'nhầm' })).body.change.voided).toMatchObject({ reason: 'nhầm' });
    const back = await request(app).post(`/api/changes/${id}/reinstate`).send({ reason: 'huỷ nhầm' });
    expect(back.status).toBe(200);
    expect(back.body.change).toMatchObject({ id, voided: null });
    expect((await names(db, p.c3)).at(-1)![2]).toBe('Xã Cán Cấu Mới');
    const again = await request(app).post(`/api/changes/${id}/reinstate`).send({ reason: 'lần hai' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ rule: 'NOT_VOIDED', errors: [{ message: `Thay đổi số ${id} đang có hiệu lực, không cần khôi phục.` }] });
    expect((await request(app).get('/api/changes/999999')).status).toBe(404);
  });

  it('is refused whole when a later change no longer applies', async () => {
    const merged = await record(db, { type: 'merge', effectiveOn: '2021-01-01', absorbed: [{ id: p.c2 }], into: { id: p.c3 } });
    await voidChange(db, merged.change.id, 'test', 'sai');
    await record(db, { type: 'rename', effectiveOn: '2022-01-01', unit: { id: p.c2 }, name: 'Xã Nàn Sán Mới' });
    const before = await names(db, p.c2);
    await expect(writeTransaction(db, (trx) => reinstateChangeIn(trx, merged.change.id))).rejects.toMatchObject({ code: 'REPLAY_CONFLICT' });
    expect(await names(db, p.c2)).toEqual(before);
    const agent = request.agent(app);
    const token = csrfOf((await agent.get(`/changes/${merged.change.id}/reinstate`)).text);
    const res = await agent.post(`/changes/${merged.change.id}/reinstate`).type('form').send({ _csrf: token, reason: 'thử' });
    expect(res.status).toBe(409);
    expect(text(res.text)).toContain('Không thể khôi phục');
    expect(res.text).toContain('>thử</textarea>');
  });

  it('moves the staff of the units it ends again, as the change said', async () => {
    const db2 = await newTestDb();
    const q = await smallProvince(db2);
    await recordMovements(db2, [{ unitId: q.c1, category: 'cong_chuc', on: '2019-06-01', count: 12, reason: 'opening' }]);
    const dissolved = await record(db2, { type: 'dissolve', effectiveOn: '2020-01-01', unit: { id: q.c1 }, childrenTo: null, staff: { to: { id: q.c3 } } } as never);
    const moved = async () => (await findMovements(db2, [q.c1, q.c3])).filter((m) => m.changeId === dissolved.change.id).map((m) => [m.unitId, m.delta]).sort();
    const expected = [[q.c1, -12], [q.c3, 12]].sort();
    expect(await moved()).toEqual(expected);
    await voidChange(db2, dissolved.change.id, 'test', 'sai');
    expect(await moved()).toEqual([]);
    await writeTransaction(db2, (trx) => reinstateChangeIn(trx, dissolved.change.id));
    expect(await moved()).toEqual(expected);
  });
});
