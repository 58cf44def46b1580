import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { Db } from '../../src/db/connection.js';
import { signedInApp } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { smallProvince } from '../support/factories.js';

let db: Db;
let app: Express;
let p: Awaited<ReturnType<typeof smallProvince>>;
const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

async function formSession(path: string) {
  const agent = request.agent(app);
  const page = await agent.get(path);
  return { agent, page, token: csrf(page.text) };
}

beforeEach(async () => {
  db = await newTestDb();
  p = await smallProvince(db);
  app = await signedInApp(db);
});

describe('staffing over HTTP', () => {
  it('records movements and a quota through the API and reports quota, actual, vacancies and reductions', async () => {
    const moved = await request(app).post('/api/staffing/movements').send({ movements: [
      { unit: '90001', category: 'cong_chuc', on: '2019-01-01', count: 10, reason: 'opening' },
      { unit: p.c1, category: 'cong_chuc', on: '2020-06-30', count: 2, reason: 'early_retirement' },
      { unit: p.c1, category: 'cong_chuc', on: '2020-07-30', count: 1, reason: 'retirement' },
    ] });
    expect(moved.status).toBe(201);
    expect((await request(app).post('/api/staffing/quotas').send({ unit: '90001', category: 'cong_chuc', on: '2019-01-01', quota: 12, decision: '5/QĐ-UBND' })).status).toBe(201);
    const res = await request(app).get('/api/staffing?root=99&at=2020-12-31&from=2019-12-31&to=2020-12-31');
    expect(res.body.total).toMatchObject({ quota: 12, actual: 7, vacancies: 5, reductions: 2, leaving: { early_retirement: 2, retirement: 1 } });
    expect(res.body.rows.map((r: { name: string }) => r.name)).toEqual(['Huyện Một']);
  });

  it('answers 422 with the field for an unknown reason, 409 for a headcount below zero', async () => {
    const bad = await request(app).post('/api/staffing/movements').send({ unit: '90001', category: 'cong_chuc', on: '2019-01-01', count: 1, reason: 'holiday' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('reason');
    const below = await request(app).post('/api/staffing/movements').send({ unit: '90001', category: 'cong_chuc', on: '2019-01-01', count: 1, reason: 'resignation' });
    expect(below.status).toBe(409);
    expect(below.body.rule).toBe('HEADCOUNT_NEGATIVE');
  });

  it('records a movement from the form, redirects to the unit’s staffing and keeps the input beside an error', async () => {
    const { agent, token } = await formSession('/staffing/movements/new');
    const wrong = await agent.post('/staffing/movements').type('form').send({ _csrf: token, unit: '90001', category: 'cong_chuc', on: '2019-01-01', count: 'abc', reason: 'opening' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('value="90001"');
    expect(wrong.text).toMatch(/class="field invalid"[\s\S]*f-count/);
    const done = await agent.post('/staffing/movements').type('form').send({ _csrf: csrf(wrong.text), unit: '90001', category: 'cong_chuc', on: '2019-01-01', count: '9', reason: 'opening' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/staffing/units/${p.c1}?at=2019-01-01`);
    const page = await agent.get(done.headers.location);
    expect(page.text).toContain('Đã ghi nhận biến động.');
    expect(page.text).toContain('0 / 9');
  });

  it('imports movements from CSV all or nothing, naming the bad line', async () => {
    const { agent, token } = await formSession('/staffing/import');
    const csv = 'unit,category,on,count,reason\n90001,cong_chuc,2019-01-01,5,opening\n90002,vien_chucx,2019-01-01,5,opening\n';
    const bad = await agent.post('/staffing/import').type('form').send({ _csrf: token, csv });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Dòng 3, category');
    expect(await db.selectFrom('staff_movements').selectAll().execute()).toEqual([]);
    const ok = await agent.post('/staffing/import').type('form').send({ _csrf: csrf(bad.text), csv: csv.replace('vien_chucx', 'vien_chuc') });
    expect(ok.status).toBe(303);
    expect((await agent.get('/staffing?at=2019-06-01')).text).toMatch(/Tổng<\/th><td class="num">0<\/td><td class="num">10<\/td>/);
  });
});

describe('targets over HTTP', () => {
  it('creates a target from the form, lists it with its progress, edits and retires it, and the API reports it', async () => {
    const { agent, page, token } = await formSession('/targets/new');
    expect(page.text).toMatch(/name="scope"[^>]*value="99"|value="99"[^>]*name="scope"/); // the province in view, by its code
    const form = { _csrf: token, name: 'Giảm xã', metric: 'units', kind: 'commune', scope: '99', baselineOn: '2019-01-01', deadlineOn: '2021-01-01', goal: 'reduce_by', goalValue: '1', legalSource: '18-NQ/TW' };
    const wrong = await agent.post('/targets').type('form').send({ ...form, deadlineOn: '2018-01-01' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Hạn phải sau ngày gốc.');
    expect(wrong.text).toContain('value="Giảm xã"');
    const done = await agent.post('/targets').type('form').send({ ...form, _csrf: csrf(wrong.text) });
    expect(done.status).toBe(303);
    const api = await request(app).get('/api/targets?at=2020-01-01');
    expect(api.body.targets[0].progress).toMatchObject({ baseline: 3, current: 3, goalValue: 2, status: 'behind' });
    const id = api.body.targets[0].target.id;
    const edit = await agent.get(`/targets/${id}/edit`);
    expect(edit.text).toContain('value="Giảm xã"');
    expect((await agent.post(`/targets/${id}`).type('form').send({ ...form, _csrf: csrf(edit.text), goalValue: '0' })).status).toBe(303);
    expect((await request(app).get('/api/targets?at=2020-01-01')).body.targets[0].progress.status).toBe('met');
    const list = await agent.get('/targets');
    expect(list.text).toContain('Giảm xã');
    const asked = await agent.post(`/targets/${id}/retirement`).type('form').send({ _csrf: csrf(list.text) });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Thôi theo dõi mục tiêu «Giảm xã»?');
    expect(asked.text).toContain('name="confirmed" value="yes"');
    expect((await request(app).get('/api/targets')).body.targets).toHaveLength(1);
    expect((await agent.post(`/targets/${id}/retirement`).type('form').send({ _csrf: csrf(asked.text), confirmed: 'yes' })).status).toBe(303);
    expect((await request(app).get('/api/targets')).body.targets).toEqual([]);
  });

  it('takes milestones from the form, one a line, shows them back for editing and on the dashboard', async () => {
    const { agent, token } = await formSession('/targets/new');
    const form = { _csrf: token, name: 'Giảm xã theo mốc', metric: 'units', kind: 'commune', scope: '99', baselineOn: '2019-01-01', deadlineOn: '2021-01-01', goal: 'reduce_by', goalValue: '1', legalSource: '18-NQ/TW' };
    const wrong = await agent.post('/targets').type('form').send({ ...form, milestones: '2020-01-01 = 2\nsang năm' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toMatch(/<div class="field invalid">\s*<label for="f-milestones">/);
    expect(wrong.text).toContain('sang năm');
    expect((await agent.post('/targets').type('form').send({ ...form, _csrf: csrf(wrong.text), milestones: '2020-01-01 = 2\r\n2020-07-01: 2' })).status).toBe(303);
    const saved = (await request(app).get('/api/targets')).body.targets.find((t: { target: { name: string } }) => t.target.name === 'Giảm xã theo mốc');
    expect(saved.target.milestones).toEqual([{ on: '2020-01-01', value: 2 }, { on: '2020-07-01', value: 2 }]);
    const edit = await agent.get(`/targets/${saved.target.id}/edit`);
    expect(edit.text).toContain('2020-01-01 = 2\n2020-07-01 = 2');
    const dashboard = await agent.get('/?province=99&at=2020-12-31');
    expect(dashboard.text).toContain('"kind":"milestone"');
    expect(dashboard.text).toContain('01/01/2020 — 2');
  });

  it('refuses a units target without a kind through the API', async () => {
    const res = await request(app).post('/api/targets').send({ name: 'x', metric: 'units', scope: '99', baselineOn: '2019-01-01', deadlineOn: '2021-01-01', goal: 'reduce_pct', goalValue: 10, legalSource: 'y' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('kind');
  });
});
