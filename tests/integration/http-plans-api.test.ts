import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { planSummary } from '../../src/services/plan-compare.service.js';
import { addProposal } from '../../src/services/plan-proposal.service.js';
import { createPlan, transitionPlan } from '../../src/services/plan.service.js';
import { loginAgent, newUser, signedInApp, testApp } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { smallProvince } from '../support/factories.js';
import { writer } from '../support/writers.js';

let db: Db;
let admin: Express;
let u: Awaited<ReturnType<typeof smallProvince>>;
let draftId: number;
let submittedId: number;

beforeAll(async () => {
  db = await newTestDb();
  u = await smallProvince(db);
  admin = await signedInApp(db);
  // A draft whose second proposal renames the commune the first one merged away: kept, refused by the engine.
  draftId = await createPlan(db, { name: 'Sáp nhập xã Bản Mế', scopeUnitId: u.province, baseOn: '2019-06-01', author: 'Nguyễn Văn A', description: 'Minh hoạ' }, writer('Nguyễn Văn A'), '2019-06-02T08:00:00.000Z');
  await addProposal(db, draftId, { type: 'merge', absorbed: [{ code: '90001' }], into: { code: '90002' } }, {}, writer());
  await addProposal(db, draftId, { type: 'rename', unit: { id: u.c1 }, name: 'Xã Bản Mế Mới' }, {}, writer());
  submittedId = await createPlan(db, { name: 'Đổi tên Huyện Hai', scopeUnitId: u.d2, baseOn: '2019-06-01', author: 'Trần Thị B', description: null }, writer('Trần Thị B'), '2019-06-03T08:00:00.000Z');
  await addProposal(db, submittedId, { type: 'rename', unit: { code: '90003' }, name: 'Xã Cán Cấu Mới' }, {}, writer());
  await transitionPlan(db, submittedId, 'submit', writer('Trần Thị B'), 'Trình UBND tỉnh', '2019-06-04T08:00:00.000Z');
});

describe('GET /api/plans', () => {
  it('lists every plan, newest first, with its scope unit, base date, status, author and number of proposals', async () => {
    const res = await request(admin).get('/api/plans');
    expect(res.status).toBe(200);
    expect(res.body.plans.map((p: { id: number }) => p.id)).toEqual([submittedId, draftId]);
    expect(res.body.plans[1]).toMatchObject({
      id: draftId, name: 'Sáp nhập xã Bản Mế', scope: { id: u.province, code: '99', name: 'Tỉnh Thử' }, baseOn: '2019-06-01',
      status: 'draft', author: 'Nguyễn Văn A', createdAt: '2019-06-02T08:00:00.000Z', updatedAt: '2019-06-02T08:00:00.000Z', proposalCount: 2,
    });
    expect(res.body.plans[0]).toMatchObject({ scope: { id: u.d2, code: '902', name: 'Huyện Hai' }, status: 'submitted', proposalCount: 1, updatedAt: '2019-06-04T08:00:00.000Z' });
  });

  it('filters by status, and answers 422 with the field’s message for a status that does not exist', async () => {
    const submitted = await request(admin).get('/api/plans?status=submitted');
    expect(submitted.body.plans.map((p: { id: number }) => p.id)).toEqual([submittedId]);
    expect((await request(admin).get('/api/plans?status=approved')).body.plans).toEqual([]);
    const bad = await request(admin).get('/api/plans?status=archived');
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: 'status', message: expect.any(String) }]);
  });
});

describe('GET /api/plans/:id', () => {
  it('gives the proposals in order, a refused one with the engine’s reason in the caller’s language', async () => {
    const res = await request(admin).get(`/api/plans/${draftId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: draftId, status: 'draft', scope: { code: '99' }, proposalCount: 2 });
    const [merge, rename] = res.body.proposals;
    expect(merge).toMatchObject({ position: 1, type: 'merge', request: { type: 'merge', absorbed: [{ code: '90001' }], into: { code: '90002' } }, applies: true, reason: null, rule: null });
    expect(rename).toMatchObject({ position: 2, type: 'rename', request: { unit: { id: u.c1 }, name: 'Xã Bản Mế Mới' }, applies: false, rule: 'UNIT_NOT_ALIVE' });
    expect(rename.reason).toBe('Xã Bản Mế (90001) không tồn tại vào ngày 02/06/2019.');
    expect((await request(admin).get(`/plans/${draftId}`)).text).toContain(rename.reason); // as the plan page words it
    const en = await request(admin).get(`/api/plans/${draftId}?lang=en`);
    expect(en.body.proposals[1].reason).toMatch(/^Xã Bản Mế \(90001\) does not exist on /);
  });

  it('gives the counts per kind before → after as the plan compare page counts them (the refused proposal left out)', async () => {
    const { counts } = (await request(admin).get(`/api/plans/${draftId}`)).body;
    expect(counts).toContainEqual({ kind: 'commune', subtype: null, from: 3, to: 2, reduced: 1, reducedPct: 33.3 });
    expect(counts).toContainEqual({ kind: 'district', subtype: null, from: 2, to: 2, reduced: 0, reducedPct: 0 });
    expect(counts).toEqual((await planSummary(db, draftId)).counts);
  });

  it('gives the workflow history: step, who, when, comment', async () => {
    const res = await request(admin).get(`/api/plans/${submittedId}`);
    expect(res.body.history).toEqual([
      { step: 'create', fromStatus: null, toStatus: 'draft', by: 'Trần Thị B', at: '2019-06-03T08:00:00.000Z', comment: null },
      { step: 'submit', fromStatus: 'draft', toStatus: 'submitted', by: 'Trần Thị B', at: '2019-06-04T08:00:00.000Z', comment: 'Trình UBND tỉnh' },
    ]);
    expect(res.body.proposals).toEqual([expect.objectContaining({ applies: true, reason: null })]);
  });

  it('answers a localised JSON 404 for an unknown plan and 422 for an id that is not a number', async () => {
    const missing = await request(admin).get('/api/plans/999999');
    expect([missing.status, missing.body.errors]).toEqual([404, [{ path: '', message: 'Không tìm thấy phương án 999999.' }]]);
    expect((await request(admin).get('/api/plans/999999?lang=en')).body.errors[0].message).toBe('Not found: plan 999999.');
    const bad = await request(admin).get('/api/plans/abc');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('id');
  });
});

describe('who reads plans through the API', () => {
  it('gives a viewer and an editor of another district every plan, as the /plans page does', async () => {
    const viewer = await signedInApp(db, { username: 'nguoi-xem', role: 'viewer' });
    const editor = await signedInApp(db, { username: 'bien-tap-901', role: 'editor', scope: '901' });
    for (const app of [viewer, editor]) {
      const list = await request(app).get('/api/plans');
      expect(list.body.plans.map((p: { id: number }) => p.id)).toEqual([submittedId, draftId]);
      expect((await request(app).get('/plans')).text).toContain('Đổi tên Huyện Hai');
      expect((await request(app).get(`/api/plans/${submittedId}`)).status).toBe(200);
    }
  });

  it('lets a browser session read them as it reads /api/changes', async () => {
    await newUser(db, 'xem-phuong-an', 'viewer');
    const { agent } = await loginAgent(testApp(db), 'xem-phuong-an');
    expect((await agent.get('/api/changes')).status).toBe(200);
    expect((await agent.get('/api/plans')).status).toBe(200);
    expect((await agent.get(`/api/plans/${draftId}`)).status).toBe(200);
  });

  it('refuses an anonymous caller with the 401 every other /api GET gives', async () => {
    const anonymous = testApp(db);
    const changes = await request(anonymous).get('/api/changes');
    expect(changes.status).toBe(401);
    for (const path of ['/api/plans', `/api/plans/${draftId}`, '/api/plans/999999']) {
      const res = await request(anonymous).get(path);
      expect([res.status, res.body], path).toEqual([401, changes.body]);
    }
  });
});
