import request from 'supertest';
import type { Express } from 'express';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { leaderRotationsUnder } from '../../src/services/indicator.service.js';
import { recordMovements } from '../../src/services/staffing.service.js';
import { signedInApp } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { smallProvince } from '../support/factories.js';

let db: Db;
let app: Express;
let p: Awaited<ReturnType<typeof smallProvince>>;
const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const errorOf = (html: string, field: string) => new RegExp(`id="f-${field}-error">([^<]*)<`).exec(html)?.[1];

async function formSession(path: string, on = app) {
  const agent = request.agent(on);
  const page = await agent.get(path);
  return { agent, page, token: csrf(page.text) };
}

const indicator = { nameVi: 'Văn bản quy phạm pháp luật ban hành', nameEn: 'Legal normative documents issued', unitVi: 'văn bản', unitEn: 'documents', scope: '99', source: 'Báo cáo của UBND tỉnh', byLevel: '1' };

beforeEach(async () => {
  db = await newTestDb();
  p = await smallProvince(db);
  app = await signedInApp(db);
});

describe('defining an indicator and recording its figures', () => {
  it('refuses a form with a field missing or a unit unknown, with the message beside the field and the input kept', async () => {
    const { agent, token } = await formSession('/indicators/new');
    const missing = await agent.post('/indicators').type('form').send({ _csrf: token, ...indicator, nameEn: '' });
    expect(missing.status).toBe(422);
    expect(errorOf(missing.text, 'nameEn')).toBeTruthy();
    expect(missing.text).toContain('value="Văn bản quy phạm pháp luật ban hành"');
    const unknown = await agent.post('/indicators').type('form').send({ _csrf: csrf(missing.text), ...indicator, scope: '77777' });
    expect(unknown.status).toBe(422);
    expect(errorOf(unknown.text, 'scope')).toBe('Không tìm thấy đơn vị.');
    const noToken = await agent.post('/indicators').type('form').send({ ...indicator });
    expect(noToken.status).toBe(403);
    expect(await db.selectFrom('indicators').select('id').execute()).toHaveLength(0);
  });

  it('records an indicator and its figures by level, audited, and shows them on the dashboard and in the report', async () => {
    const { agent, token } = await formSession('/indicators/new');
    const saved = await agent.post('/indicators').type('form').send({ _csrf: token, ...indicator });
    expect(saved.status).toBe(303);
    const { id } = await db.selectFrom('indicators').select('id').executeTakeFirstOrThrow();
    const form = await agent.get(`/indicators/${id}/values/new`);
    expect(form.text).toContain('name="province"');
    const value = { on: '2024-09-02', since: '2020-10-01', source: 'Báo cáo', note: 'Từ đầu nhiệm kỳ' };
    const noLevel = await agent.post(`/indicators/${id}/values`).type('form').send({ _csrf: csrf(form.text), ...value });
    expect(noLevel.status).toBe(422);
    expect(errorOf(noLevel.text, 'province')).toBe('Chỉ số này báo cáo theo cấp: hãy nhập số của ít nhất một cấp.');
    const reversed = await agent.post(`/indicators/${id}/values`).type('form').send({ _csrf: csrf(noLevel.text), ...value, since: '2024-09-03', province: '293' });
    expect(reversed.status).toBe(422);
    expect(errorOf(reversed.text, 'since')).toBe('“Tính từ ngày” phải bằng hoặc trước ngày số liệu.');
    expect(reversed.text).toContain('value="293"');
    const notANumber = await agent.post(`/indicators/${id}/values`).type('form').send({ _csrf: csrf(reversed.text), ...value, province: 'nhiều' });
    expect(notANumber.status).toBe(422);
    expect(errorOf(notANumber.text, 'province')).toBeTruthy();
    const done = await agent.post(`/indicators/${id}/values`).type('form').send({ _csrf: csrf(notANumber.text), ...value, province: '293', district: '114', commune: '30' });
    expect(done.status).toBe(303);
    const illustrative = await agent.post(`/indicators/${id}/values`).type('form').send({ _csrf: token, ...value, on: '2022-12-31', province: '1.234,5', illustrative: '1' });
    expect(illustrative.status).toBe(303);
    const stored = await db.selectFrom('indicator_values').select(['level', 'value', 'illustrative']).orderBy('id').execute();
    expect(stored.map((r) => [r.level, Number(r.value), r.illustrative])).toEqual([['province', 293, 0], ['district', 114, 0], ['commune', 30, 0], ['province', 1234.5, 1]]);
    const audit = await db.selectFrom('audit_log').select(['action', 'username']).where('entity', '=', 'indicator').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['indicator.create', 'indicator.value', 'indicator.value']);
    // A figure typed wrong (239) is corrected by recording the right one for the same date and level.
    for (const province of ['239', '293']) expect((await agent.post(`/indicators/${id}/values`).type('form').send({ _csrf: token, ...value, province })).status).toBe(303);

    const home = await request(app).get('/?at=2024-09-02');
    expect(home.text).toContain('<strong>437 văn bản</strong> ngày 02/09/2024');
    expect(home.text).toContain('31/12/2022 (minh hoạ)');
    expect(home.text).toContain('1.234,5');
    const report = await request(app).get('/reports/other-results.csv?root=99&from=2019-01-01&to=2024-09-02');
    expect(report.text).toContain('Văn bản quy phạm pháp luật ban hành,437,văn bản,02/09/2024,01/10/2020,Báo cáo,Từ đầu nhiệm kỳ');
  });

  it('lets only administrators define indicators; every signed-in user reads them', async () => {
    const editor = await signedInApp(db, { username: 'bientap', role: 'editor', scope: '99' });
    const { agent, token } = await formSession('/', editor);
    expect((await agent.get('/indicators/new')).status).toBe(403);
    expect((await agent.post('/indicators').type('form').send({ _csrf: token, ...indicator })).status).toBe(403);
    expect((await agent.get('/indicators')).status).toBe(200);
  });

  it('refuses a target on an indicator that names none, beside the field', async () => {
    const { agent, token } = await formSession('/targets/new');
    const res = await agent.post('/targets').type('form').send({ _csrf: token, name: 'Cắt giảm thời gian', metric: 'indicator', scope: '99', baselineOn: '2020-12-31', deadlineOn: '2025-12-31', goal: 'reach', goalValue: '30', legalSource: 'Minh hoạ' });
    expect(res.status).toBe(422);
    expect(errorOf(res.text, 'indicator')).toBe('Hãy chọn chỉ số cần đo.');
  });
});

describe('leaders rotated, counted from the staff movements', () => {
  it('counts each leader leaving a post by luân chuyển or điều động in the period once, and nothing else', async () => {
    const m = (unitId: number, on: string, count: number, reason: 'transfer_in' | 'transfer_out' | 'opening', extra: object = {}) => ({ unitId, category: 'cong_chuc' as const, on, count, reason, ...extra });
    const rotated = { leader: true, transferKind: 'luan_chuyen' as const };
    const ordered = { leader: true, transferKind: 'dieu_dong' as const };
    await recordMovements(db, [
      m(p.c1, '2019-01-01', 10, 'opening'), m(p.c2, '2019-01-01', 10, 'opening'),
      m(p.c1, '2019-06-01', 1, 'transfer_out', rotated), m(p.c2, '2019-06-01', 1, 'transfer_in', rotated), // before the period
      m(p.c1, '2020-03-01', 2, 'transfer_out', rotated), m(p.c2, '2020-03-01', 2, 'transfer_in', rotated), // 2, counted once
      m(p.c2, '2020-07-01', 3, 'transfer_out', ordered), // 3, to a unit outside the province
      m(p.c1, '2020-08-01', 1, 'transfer_in', ordered), // arrives from outside: not moved by the province
      m(p.c1, '2020-09-01', 1, 'transfer_out', { leader: false, transferKind: 'dieu_dong' }), // not a leader
      m(p.c1, '2020-10-01', 1, 'transfer_out', { leader: true }), // a leader leaving, but neither rotated nor transferred by order
      m(p.c2, '2021-06-01', 1, 'transfer_out', ordered), // after the period
    ]);
    // By hand: 2 on 01/03/2020 + 3 on 01/07/2020.
    expect(await leaderRotationsUnder(db, p.province, '2020-01-01', '2020-12-31')).toBe(5);
    expect(await leaderRotationsUnder(db, p.province, null, '2021-12-31')).toBe(7);
    expect(await leaderRotationsUnder(db, p.d2, null, '2021-12-31')).toBe(0);
  });

  it('records a leader’s rotation from the movement form, and refuses a rotation with a reason that is not a transfer', async () => {
    const { agent, token } = await formSession('/staffing/movements/new');
    expect((await agent.post('/staffing/movements').type('form').send({ _csrf: token, unit: '90001', category: 'cong_chuc', on: '2019-01-01', count: '5', reason: 'opening' })).status).toBe(303);
    const wrong = await agent.post('/staffing/movements').type('form').send({ _csrf: token, unit: '90001', category: 'cong_chuc', on: '2020-01-01', count: '1', reason: 'retirement', leader: '1', transferKind: 'luan_chuyen' });
    expect(wrong.status).toBe(422);
    expect(errorOf(wrong.text, 'transferKind')).toBe('Luân chuyển, điều động chỉ đi với lý do chuyển đến hoặc chuyển đi.');
    const done = await agent.post('/staffing/movements').type('form').send({ _csrf: csrf(wrong.text), unit: '90001', category: 'cong_chuc', on: '2020-01-01', count: '1', reason: 'transfer_out', leader: '1', transferKind: 'luan_chuyen' });
    expect(done.status).toBe(303);
    expect(await leaderRotationsUnder(db, p.province, null, '2020-12-31')).toBe(1);
    expect((await agent.get(`/staffing/units/${p.c1}?at=2020-12-31`)).text).toContain(' — luân chuyển lãnh đạo');
    const csv = 'unit,category,on,count,reason,decision,note,leader,transferKind\n90001,cong_chuc,2020-02-01,2,transfer_out,,,1,dieu_dong\n90002,cong_chuc,2020-02-01,2,transfer_in,,,1,dieu_dong\n90001,cong_chuc,2020-02-02,1,recruitment,,,,\n';
    expect((await agent.post('/staffing/import').type('form').send({ _csrf: token, csv })).status).toBe(303);
    expect(await leaderRotationsUnder(db, p.province, null, '2020-12-31')).toBe(3);
  });
});
