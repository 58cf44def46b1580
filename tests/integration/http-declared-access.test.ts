import express, { type Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { routeTable } from '../../src/web/auth/route-table.js';
import { signedInApp, testApp } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { routesOf, type Route } from '../support/routes.js';
import { smallProvince } from '../support/factories.js';

/**
 * Issue 14, finding 1: every route declares its access beside it, and Express's matcher is the only
 * one, so a path in other letters (`/AUDIT`, `/Admin/Users`), with a trailing slash or with a
 * %-encoded letter (`/%61udit`) reaches the same declaration as the route itself.
 */

let db: Db;
let anonymous: Express;
let viewer: Express;
let routes: Route[];

beforeAll(async () => {
  db = await newTestDb();
  await smallProvince(db);
  anonymous = testApp(db);
  viewer = await signedInApp(db, { username: 'chi-xem', role: 'viewer' });
  routes = routesOf(anonymous);
});

const concrete = (path: string) => path.replace(/:\w+/g, '1');
/** The spellings a route must answer as itself: upper case, capitalised segments, a trailing slash, its first letter %-encoded. */
function variants(path: string): string[] {
  const capitalised = path.replace(/\/([a-z])/g, (_m, c: string) => `/${c.toUpperCase()}`);
  const first = path.search(/[a-z]/);
  return [...new Set([path.toUpperCase(), capitalised, `${path}/`, `${path.slice(0, first)}%${path.charCodeAt(first).toString(16)}${path.slice(first + 1)}`])];
}
const protectedRoutes = () => routes.filter((r) => r.access?.level === 'editor' || r.access?.level === 'administrator');
const isApi = (path: string) => path.startsWith('/api/');
const send = (app: Express, method: string, path: string) => (method === 'GET' ? request(app).get(path) : request(app).post(path).type('form').send({}));

describe('access declared beside each route', () => {
  it('declares the access of every route of the real app, and only sign-in, /healthz and /favicon.ico are public', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`), 'routes whose first handler declares no access').toEqual([]);
    expect(routes.filter((r) => r.access?.level === 'public').map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /favicon.ico', 'GET /healthz', 'GET /login', 'POST /login']);
  });

  it('refuses everyone a route added to a route table without a declaration', async () => {
    const { router } = routeTable({ db, surface: 'api', body: express.json() });
    router.get('/leak', (_req, res) => void res.send('secret'));
    for (const user of [null, { username: 'quan-tri', role: 'administrator', scopeUnitId: null }]) {
      const app = express().use((_req, res, next) => { res.locals.locale = 'vi'; res.locals.user = user; next(); }, router);
      const res = await request(app).get('/leak');
      expect(res.status).toBe(user ? 403 : 401);
      expect(res.text).not.toContain('secret');
    }
  });

  it('refuses the case variants of the issue’s paths to a viewer', async () => {
    for (const path of ['/AUDIT', '/Audit.csv', '/Admin/users', '/Admin/Users', '/Standards/new', '/Changes/new', '/Changes/New', '/Plans/new', '/Targets/New', '/Staffing/Import', '/audit/', '/%61udit', '/%61dmin/users']) {
      const res = await request(viewer).get(path);
      expect(res.status, path).toBe(403);
    }
  });

  it('refuses a case variant, a trailing slash and a %-encoded letter of every protected route to a viewer (403)', async () => {
    const tried: string[] = [];
    for (const r of protectedRoutes()) {
      for (const path of variants(concrete(r.path))) {
        const res = await send(viewer, r.method, path);
        expect(res.status, `${r.method} ${path}`).toBe(403);
        tried.push(`${r.method} ${path}`);
      }
    }
    expect(tried).toEqual(expect.arrayContaining(['GET /AUDIT', 'GET /Admin/Users', 'GET /%61udit', 'GET /audit/', 'POST /API/CHANGES', 'GET /Staffing/Import']));
  });

  it('sends anonymous visitors of every variant of a protected route to sign in (401 on /api)', async () => {
    for (const r of protectedRoutes()) {
      for (const path of variants(concrete(r.path))) {
        const res = await send(anonymous, r.method, path);
        if (isApi(r.path)) expect(res.status, `${r.method} ${path}`).toBe(401);
        else expect([res.status, res.headers.location?.split('?')[0]], `${r.method} ${path}`).toEqual([303, '/login']);
      }
    }
  });

  it('asks anonymous visitors of an unknown path to sign in (no hint that it does not exist) and shows signed-in users the 404 page', async () => {
    for (const path of ['/no-such-page', '/ADMIN', '/admin/users/1/extra']) {
      const res = await request(anonymous).get(path);
      expect([res.status, res.headers.location], path).toEqual([303, `/login?next=${encodeURIComponent(path)}`]);
      expect((await request(viewer).get(path)).status, path).toBe(404);
    }
    expect((await request(anonymous).get('/api/no-such-thing')).status).toBe(401);
    expect((await request(anonymous).post('/no-such-form').type('form').send({})).headers.location).toBe('/login');
  });

  it('asks anonymous visitors to sign in before it judges a route parameter', async () => {
    expect((await request(anonymous).get('/changes/abc')).headers.location).toBe('/login?next=%2Fchanges%2Fabc');
    expect((await request(viewer).get('/changes/abc')).status).toBe(404);
  });
});
