import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { addProposal } from '../../src/services/plan-proposal.service.js';
import { createPlan } from '../../src/services/plan.service.js';
import { createTarget } from '../../src/services/target.service.js';
import { WRITE_METHODS } from '../../src/web/auth/route-table.js';
import { csrfOf, signedInApp, testApp } from '../support/auth.js';
import { newTestDb, tableCounts } from '../support/db.js';
import { routesOf, type Route } from '../support/routes.js';
import { record, smallProvince } from '../support/factories.js';
import { writer } from '../support/writers.js';

/**
 * Every write route of the real app, found by walking its router, tried as anonymous, viewer,
 * editor outside their scope and editor inside it. A new write route fails this test until its
 * route table declares its access and FIXTURES below gives a request inside and outside an editor's scope.
 */

interface Ctx {
  unitIn: number; unitOut: number;
  changeIn: number; changeOut: number; targetIn: number; targetOut: number;
  planIn: number; planOut: number; proposalIn: number; proposalOut: number;
}
/** A request: `form` for pages (sent with a CSRF token), `json` for the API. */
type Req = { path: string; form?: Record<string, string | string[]>; json?: unknown };
type Fixture = { inside: (c: Ctx) => Req; outside?: (c: Ctx) => Req };

const rename = (unit: string) => ({ type: 'rename', unit, name: 'Tên Mới', effectiveOn: '2020-01-01', decisionNumber: '1/QĐ-TEST' });
const apiRename = (code: string) => ({ type: 'rename', unit: { code }, name: 'Tên Mới', effectiveOn: '2020-01-01', decision: { number: '1/QĐ-TEST' } });
const movement = (unit: string) => ({ unit, category: 'cong_chuc', on: '2020-01-01', count: '3', reason: 'recruitment' });
const quota = (unit: string) => ({ unit, category: 'cong_chuc', on: '2020-01-01', quota: '10', decision: '2/QĐ-TEST' });
const target = (scope: string) => ({ name: 'Giảm xã', metric: 'units', kind: 'commune', scope, baselineOn: '2019-06-01', deadlineOn: '2021-12-31', goal: 'reduce_by', goalValue: '1', legalSource: 'NQ thử' });
const plan = (scope: string) => ({ name: 'Phương án thử', scope, baseOn: '2019-06-01', author: 'x', description: '' });
const mergeForm = (absorbed: string, into: string) => ({ type: 'merge', absorbed, into });
const layout = (scope: string) => ({ scope, from: '2019-06-01', to: '2020-01-01', office: 'Sở Nội vụ', place: 'Thử', docType: 'Báo cáo', subject: 'Kết quả', signerTitle: 'Giám đốc' });

const FIXTURES: Record<string, Fixture> = {
  'POST /logout': { inside: () => ({ path: '/logout', form: {} }) },
  'POST /account/password': { inside: () => ({ path: '/account/password', form: { current: 'sai', next: 'mat-khau-moi-dai', again: 'mat-khau-moi-dai' } }) },
  'POST /changes/preview': { inside: () => ({ path: '/changes/preview', form: rename('90001') }), outside: () => ({ path: '/changes/preview', form: rename('90003') }) },
  'POST /changes/form': { inside: () => ({ path: '/changes/form', form: rename('90001') }) },
  'POST /changes': { inside: () => ({ path: '/changes', form: rename('90001') }), outside: () => ({ path: '/changes', form: rename('90003') }) },
  'POST /changes/:id/void': { inside: (c) => ({ path: `/changes/${c.changeIn}/void`, form: { reason: 'nhầm' } }), outside: (c) => ({ path: `/changes/${c.changeOut}/void`, form: { reason: 'nhầm' } }) },
  'POST /changes/:id/reinstate': { inside: (c) => ({ path: `/changes/${c.changeIn}/reinstate`, form: { reason: 'huỷ nhầm' } }), outside: (c) => ({ path: `/changes/${c.changeOut}/reinstate`, form: { reason: 'huỷ nhầm' } }) },
  'POST /units/:id/correction': {
    inside: (c) => ({ path: `/units/${c.unitIn}/correction`, form: { on: '2019-01-01', name: 'Xã Bản Mế (sửa)' } }),
    outside: (c) => ({ path: `/units/${c.unitOut}/correction`, form: { on: '2019-01-01', name: 'Xã Cán Cấu (sửa)' } }),
  },
  'POST /api/changes': { inside: () => ({ path: '/api/changes', json: apiRename('90002') }), outside: () => ({ path: '/api/changes', json: apiRename('90003') }) },
  'POST /api/changes/:id/reinstate': { inside: (c) => ({ path: `/api/changes/${c.changeIn}/reinstate`, json: { reason: 'huỷ nhầm' } }), outside: (c) => ({ path: `/api/changes/${c.changeOut}/reinstate`, json: { reason: 'huỷ nhầm' } }) },
  'POST /api/changes/:id/void': { inside: (c) => ({ path: `/api/changes/${c.changeIn}/void`, json: { reason: 'nhầm' } }), outside: (c) => ({ path: `/api/changes/${c.changeOut}/void`, json: { reason: 'nhầm' } }) },
  'POST /staffing/movements': { inside: () => ({ path: '/staffing/movements', form: movement('90001') }), outside: () => ({ path: '/staffing/movements', form: movement('90003') }) },
  'POST /staffing/quotas': { inside: () => ({ path: '/staffing/quotas', form: quota('90001') }), outside: () => ({ path: '/staffing/quotas', form: quota('90003') }) },
  'POST /staffing/import': {
    inside: () => ({ path: '/staffing/import', form: { csv: 'unit,category,on,count,reason\n90001,cong_chuc,2020-01-01,2,recruitment\n' } }),
    outside: () => ({ path: '/staffing/import', form: { csv: 'unit,category,on,count,reason\n90003,cong_chuc,2020-01-01,2,recruitment\n' } }),
  },
  'POST /api/staffing/movements': { inside: () => ({ path: '/api/staffing/movements', json: { movements: [{ ...movement('90001'), count: 2 }] } }), outside: () => ({ path: '/api/staffing/movements', json: { movements: [{ ...movement('90003'), count: 2 }] } }) },
  'POST /api/staffing/quotas': { inside: () => ({ path: '/api/staffing/quotas', json: { ...quota('90001'), quota: 9 } }), outside: () => ({ path: '/api/staffing/quotas', json: { ...quota('90003'), quota: 9 } }) },
  'POST /reports/layout': { inside: () => ({ path: '/reports/layout', form: layout('901') }), outside: () => ({ path: '/reports/layout', form: layout('902') }) },
  'POST /targets': { inside: () => ({ path: '/targets', form: target('901') }), outside: () => ({ path: '/targets', form: target('902') }) },
  'POST /targets/:id': { inside: (c) => ({ path: `/targets/${c.targetIn}`, form: target('901') }), outside: (c) => ({ path: `/targets/${c.targetOut}`, form: target('901') }) },
  'POST /targets/:id/retirement': { inside: (c) => ({ path: `/targets/${c.targetIn}/retirement`, form: {} }), outside: (c) => ({ path: `/targets/${c.targetOut}/retirement`, form: {} }) },
  'POST /api/targets': { inside: () => ({ path: '/api/targets', json: { ...target('901'), goalValue: 1 } }), outside: () => ({ path: '/api/targets', json: { ...target('902'), goalValue: 1 } }) },
  'POST /plans': { inside: () => ({ path: '/plans', form: plan('901') }), outside: () => ({ path: '/plans', form: plan('902') }) },
  'POST /plans/:id': { inside: (c) => ({ path: `/plans/${c.planIn}`, form: plan('901') }), outside: (c) => ({ path: `/plans/${c.planOut}`, form: plan('901') }) },
  'POST /plans/:id/submission': { inside: (c) => ({ path: `/plans/${c.planIn}/submission`, form: {} }), outside: (c) => ({ path: `/plans/${c.planOut}/submission`, form: {} }) },
  'POST /plans/:id/withdrawal': { inside: (c) => ({ path: `/plans/${c.planIn}/withdrawal`, form: {} }), outside: (c) => ({ path: `/plans/${c.planOut}/withdrawal`, form: {} }) },
  'POST /plans/:id/approval': { inside: (c) => ({ path: `/plans/${c.planIn}/approval`, form: {} }) },
  'POST /plans/:id/rejection': { inside: (c) => ({ path: `/plans/${c.planIn}/rejection`, form: {} }) },
  'POST /plans/:id/rebase': { inside: (c) => ({ path: `/plans/${c.planIn}/rebase`, form: { baseOn: '2019-07-01' } }), outside: (c) => ({ path: `/plans/${c.planOut}/rebase`, form: { baseOn: '2019-07-01' } }) },
  'POST /plans/:id/enactment': {
    inside: (c) => ({ path: `/plans/${c.planIn}/enactment`, form: { effectiveOn: '2020-01-01', decisionNumber: '3/QĐ-TEST' } }),
    outside: (c) => ({ path: `/plans/${c.planOut}/enactment`, form: { effectiveOn: '2020-01-01', decisionNumber: '3/QĐ-TEST' } }),
  },
  'POST /plans/:id/proposals': { inside: (c) => ({ path: `/plans/${c.planIn}/proposals`, form: mergeForm('90001', '90002') }), outside: (c) => ({ path: `/plans/${c.planIn}/proposals`, form: mergeForm('90003', '90002') }) },
  'POST /plans/:id/proposals/:pid': {
    inside: (c) => ({ path: `/plans/${c.planIn}/proposals/${c.proposalIn}`, form: mergeForm('90001', '90002') }),
    outside: (c) => ({ path: `/plans/${c.planOut}/proposals/${c.proposalOut}`, form: mergeForm('90003', '90003') }),
  },
  'POST /plans/:id/proposals/:pid/removal': { inside: (c) => ({ path: `/plans/${c.planIn}/proposals/${c.proposalIn}/removal`, form: {} }), outside: (c) => ({ path: `/plans/${c.planOut}/proposals/${c.proposalOut}/removal`, form: {} }) },
  'POST /plans/:id/proposals/:pid/move': { inside: (c) => ({ path: `/plans/${c.planIn}/proposals/${c.proposalIn}/move`, form: { direction: 'up' } }), outside: (c) => ({ path: `/plans/${c.planOut}/proposals/${c.proposalOut}/move`, form: { direction: 'up' } }) },
  'POST /indicators': { inside: () => ({ path: '/indicators', form: {} }) },
  'POST /indicators/:id': { inside: () => ({ path: '/indicators/1', form: {} }) },
  'POST /indicators/:id/retirement': { inside: () => ({ path: '/indicators/1/retirement', form: {} }) },
  'POST /indicators/:id/values': { inside: () => ({ path: '/indicators/1/values', form: {} }) },
  'POST /standards': { inside: () => ({ path: '/standards', form: {} }) },
  'POST /standards/regions': { inside: () => ({ path: '/standards/regions', form: {} }) },
  'POST /standards/:id': { inside: () => ({ path: '/standards/1', form: {} }) },
  'POST /standards/rules': { inside: () => ({ path: '/standards/rules', form: {} }) },
  'POST /standards/rules/:id': { inside: () => ({ path: '/standards/rules/1', form: {} }) },
  'POST /admin/users': { inside: () => ({ path: '/admin/users', form: { username: 'moi', password: 'mat-khau-dai-du', role: 'viewer' } }) },
  'POST /admin/users/:id': { inside: () => ({ path: '/admin/users/1', form: { role: 'viewer' } }) },
  'POST /admin/users/:id/password': { inside: () => ({ path: '/admin/users/1/password', form: { password: 'ngan' } }) },
  'POST /admin/tokens/:id/revocation': { inside: () => ({ path: '/admin/tokens/1/revocation', form: {} }) },
};

let db: Db;
let anonymous: Express;
let viewer: Express;
let editor: Express;
let ctx: Ctx;
let writeRoutes: Route[];

/** Row counts of every table but sessions (a refused request may open one) and failed logins. */
async function snapshot(): Promise<Record<string, number>> {
  return tableCounts(db, ['sessions', 'login_failures']);
}

/** Sends a fixture as a browser (CSRF token from a page) or a script (JSON). */
async function send(app: Express, r: Req) {
  if (r.json !== undefined) return request(app).post(r.path).send(r.json as object);
  const agent = request.agent(app);
  const page = await agent.get('/');
  return agent.post(r.path).type('form').send({ _csrf: csrfOf(page.text), ...r.form });
}

const key = (r: Route) => `${r.method} ${r.path}`;
/** The routes with a declaration and a fixture (the declarations test names any without). */
const tried = () => writeRoutes.filter((r) => r.access && FIXTURES[key(r)]);
const isApi = (path: string) => path.startsWith('/api/');

beforeAll(async () => {
  db = await newTestDb();
  const u = await smallProvince(db);
  const changeIn = (await record(db, { type: 'rename', effectiveOn: '2019-03-01', decision: { number: '9/QĐ' }, unit: { id: u.c2 }, name: 'Xã Nàn Sán Mới' })).change.id;
  const changeOut = (await record(db, { type: 'rename', effectiveOn: '2019-03-01', decision: { number: '9/QĐ' }, unit: { id: u.c3 }, name: 'Xã Cán Cấu Mới' })).change.id;
  const t = { name: 'x', metric: 'units' as const, kind: 'commune', baselineOn: '2019-06-01', deadlineOn: '2021-12-31', goal: 'reduce_by' as const, goalValue: 1, legalSource: 'x' };
  const planIn = await createPlan(db, { name: 'Trong', scopeUnitId: u.d1, baseOn: '2019-06-01', author: 'x', description: null }, writer('x'));
  const planOut = await createPlan(db, { name: 'Ngoài', scopeUnitId: u.d2, baseOn: '2019-06-01', author: 'x', description: null }, writer('x'));
  ctx = {
    unitIn: u.c1, unitOut: u.c3, changeIn, changeOut, planIn, planOut,
    targetIn: await createTarget(db, { ...t, scopeUnitId: u.d1 }), targetOut: await createTarget(db, { ...t, scopeUnitId: u.d2 }),
    proposalIn: await addProposal(db, planIn, { type: 'rename', unit: { code: '90001' }, name: 'A' }, {}, writer()),
    proposalOut: await addProposal(db, planOut, { type: 'rename', unit: { code: '90003' }, name: 'B' }, {}, writer()),
  };
  anonymous = testApp(db);
  viewer = await signedInApp(db, { username: 'nguoi-xem', role: 'viewer' });
  editor = await signedInApp(db, { username: 'bien-tap', role: 'editor', scope: '901' });
  writeRoutes = routesOf(anonymous).filter((r) => WRITE_METHODS.has(r.method));
});

describe('the declarations', () => {
  it('finds the write routes of the real app by walking its router', () => {
    expect(writeRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /api/changes', 'POST /changes', 'POST /login', 'POST /admin/users/:id']));
  });

  it('has a declaration and a fixture for every write route', () => {
    const missingRule = writeRoutes.filter((r) => !r.access).map(key);
    expect(missingRule, 'write routes declaring no access in their route table').toEqual([]);
    const missingFixture = writeRoutes.filter((r) => r.access!.level !== 'public' && !FIXTURES[key(r)]).map(key);
    expect(missingFixture, 'write routes without a fixture in this test').toEqual([]);
  });

  it('has no fixture for a write route that does not exist (a stale fixture hides a typo)', () => {
    const routes = new Set(writeRoutes.map(key));
    expect(Object.keys(FIXTURES).filter((k) => !routes.has(k))).toEqual([]);
  });
});

describe('every write route', () => {
  it('refuses anonymous requests (401 on /api, the login page otherwise) and writes nothing', async () => {
    for (const r of tried()) {
      const rule = r.access!;
      if (rule.level === 'public') continue;
      const req = FIXTURES[key(r)].inside(ctx);
      const before = await snapshot();
      const res = await send(anonymous, req);
      if (isApi(req.path)) expect(res.status, key(r)).toBe(401);
      else expect([res.status, res.headers.location], key(r)).toEqual([303, '/login']);
      expect(await snapshot(), key(r)).toEqual(before);
    }
  });

  it('refuses a viewer (403) and writes nothing', async () => {
    for (const r of tried()) {
      const rule = r.access!;
      if (rule.level === 'public' || rule.level === 'signed-in') continue;
      const before = await snapshot();
      const res = await send(viewer, FIXTURES[key(r)].inside(ctx));
      expect(res.status, key(r)).toBe(403);
      expect(await snapshot(), key(r)).toEqual(before);
    }
  });

  it('refuses an editor outside their scope (403) and writes nothing', async () => {
    for (const r of tried()) {
      const rule = r.access!;
      const fixture = FIXTURES[key(r)];
      if (rule.level !== 'administrator' && !rule.scope && r.path !== '/staffing/import') continue;
      const req = (fixture.outside ?? fixture.inside)(ctx);
      const before = await snapshot();
      const res = await send(editor, req);
      expect(res.status, `${key(r)} ${req.path}`).toBe(403);
      expect(await snapshot(), key(r)).toEqual(before);
    }
  });

  it('lets an editor through inside their scope (the handler answers; administrators’ routes stay 403)', async () => {
    const written: string[] = [];
    for (const r of tried()) {
      const rule = r.access!;
      if (rule.level === 'public') continue;
      const res = await send(editor, FIXTURES[key(r)].inside(ctx));
      if (rule.level === 'administrator') expect(res.status, key(r)).toBe(403);
      else {
        expect(res.status, `${key(r)}: ${res.text.slice(0, 300)}`).not.toBe(403);
        expect(res.status, key(r)).toBeLessThan(500);
        if (r.path !== '/logout') expect(res.headers.location ?? '', key(r)).not.toMatch(/^\/login/);
        if (res.status < 400) written.push(key(r));
      }
    }
    // The fixtures are real requests: the main writes succeed, not merely pass the door.
    expect(written).toEqual(expect.arrayContaining(['POST /changes', 'POST /api/changes', 'POST /staffing/movements', 'POST /api/staffing/quotas', 'POST /targets', 'POST /api/targets', 'POST /plans', 'POST /staffing/import']));
  });
});

describe('reading', () => {
  it('sends anonymous readers of pages to the login page and of /api to a 401; /login, /healthz and /assets stay open', async () => {
    expect((await request(anonymous).get('/tree')).headers.location).toBe('/login?next=%2Ftree');
    expect((await request(anonymous).get('/api/tree')).status).toBe(401);
    expect((await request(anonymous).get('/login')).status).toBe(200);
    expect((await request(anonymous).get('/healthz')).status).toBe(200);
    expect((await request(anonymous).get('/assets/app.css')).status).toBe(200);
  });

  it('keeps the users page and the audit trail for administrators', async () => {
    for (const path of ['/admin/users', '/audit', '/audit.csv']) {
      expect((await request(viewer).get(path)).status, path).toBe(403);
      expect((await request(editor).get(path)).status, path).toBe(403);
    }
    const refused = await request(viewer).get('/admin/users');
    expect(refused.text).toContain('không có quyền');
  });

  it('shows viewers no links to forms they would be refused', async () => {
    for (const [path, link] of [['/targets', '/targets/new'], ['/staffing', '/staffing/movements/new'], [`/changes/${ctx.changeOut}`, `/changes/${ctx.changeOut}/void`]]) {
      expect((await request(viewer).get(path)).text, path).not.toContain(`href="${link}`);
      expect((await request(editor).get(path)).text, path).toContain(`href="${link}`);
    }
  });

  it('lets a browser session read /api (the unit picker) but not write there without a token', async () => {
    const agent = request.agent(testApp(db));
    const { newUser, TEST_PASSWORD } = await import('../support/auth.js');
    await newUser(db, 'xem-api', 'editor', '901');
    const page = await agent.get('/login');
    await agent.post('/login').type('form').send({ _csrf: csrfOf(page.text), username: 'xem-api', password: TEST_PASSWORD });
    expect((await agent.get('/api/search?q=ban')).status).toBe(200);
    const before = await snapshot();
    expect((await agent.post('/api/changes').send(apiRename('90001'))).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});
