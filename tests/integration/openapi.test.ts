import request from 'supertest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { z } from 'zod';
import type { Db } from '../../src/db/connection.js';
import { apiPaths, buildApiDocument } from '../../src/web/api/openapi.js';
import { errorResponse } from '../../src/web/api/response.schemas.js';
import { signedInApp, testApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';
import { routesOf } from '../support/routes.js';

/** Issue 18, point 5: /api/openapi.json validates, lists every /api route, and the answers match it. */

type Method = 'get' | 'post';
type Operation = { responses: Record<string, { content?: Record<string, { schema: z.ZodType }>; headers?: z.ZodObject }>; 'x-access': string; security?: object[] };
const operation = (method: Method, path: string) => (apiPaths as unknown as Record<string, Partial<Record<Method, Operation>>>)[path]?.[method];
/** Express's `/units/:id` as OpenAPI writes it. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const documented = (doc: { paths?: Record<string, object> }) =>
  Object.entries(doc.paths ?? {}).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();

let db: Db;
let app: Express;

beforeAll(async () => {
  db = await newDemoDb();
  app = await signedInApp(db);
});

/** The answer's status is documented for its operation, and its body parses with the schema documented for that status. */
async function expectDocumented(method: Method, path: string, res: request.Response) {
  const op = operation(method, path);
  expect(op, `${method} ${path} documented`).toBeDefined();
  const documentedAnswer = op!.responses[String(res.status)];
  expect(documentedAnswer, `${method.toUpperCase()} ${path} answered ${res.status}: ${res.text.slice(0, 300)}`).toBeDefined();
  const [type, media] = Object.entries(documentedAnswer.content ?? {})[0];
  expect(res.type).toBe(type);
  const body = res.body && Object.keys(res.body).length ? res.body : JSON.parse(res.text);
  const headers = Object.fromEntries(Object.keys(documentedAnswer.headers?.shape ?? {}).map((h) => [h, res.headers[h.toLowerCase()]]));
  expect(documentedAnswer.headers?.safeParse(headers).success ?? true, `${method.toUpperCase()} ${path} ${res.status} headers ${JSON.stringify(headers)}`).toBe(true);
  const parsed = media.schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 5), `${method.toUpperCase()} ${path} ${res.status}`).toEqual([]);
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, served to signed-in users (401 without)', async () => {
    const doc = buildApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const served = await request(app).get('/api/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(doc)));
    expect((await request(testApp(db)).get('/api/openapi.json')).status).toBe(401);
  });

  it('describes every /api route of the app\'s router, with the access its route declares, and no route that does not exist', () => {
    const routes = routesOf(testApp(db)).filter((r) => r.path.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(20);
    const doc = buildApiDocument();
    expect(documented(doc)).toEqual(routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
    for (const r of routes) {
      const op = operation(r.method.toLowerCase() as Method, openApiPath(r.path))!;
      expect(op['x-access'], `${r.method} ${r.path}`).toBe(r.access?.level);
      // Writes need a token; reads take a token or the browser's session.
      expect(op.security, `${r.method} ${r.path}`).toEqual(r.method === 'GET' ? [{ bearerToken: [] }, { sessionCookie: [] }] : [{ bearerToken: [] }]);
    }
  });

  it('names the security schemes the API uses: a bearer token and the session cookie', () => {
    const schemes = buildApiDocument().components?.securitySchemes;
    expect(schemes).toMatchObject({ bearerToken: { type: 'http', scheme: 'bearer' }, sessionCookie: { type: 'apiKey', in: 'cookie', name: 'sid' } });
  });
});

describe('the reference page', () => {
  it('is a page of the app for signed-in users, with Swagger UI from node_modules and no inline script', async () => {
    const page = await request(app).get('/reference/api?lang=en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>API reference');
    expect(page.text).toContain('<script src="/assets/swagger-ui/swagger-ui-bundle.js" defer></script>');
    expect(page.text).toContain('<script src="/assets/api-reference.js" defer></script>');
    const inline = [...page.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\ssrc=|type="application\/json"/.test(tag));
    expect(inline, 'helmet\'s CSP runs no inline script').toEqual([]);
    expect((await request(app).get('/assets/swagger-ui/swagger-ui-bundle.js')).status).toBe(200);
    // Its own index.html and initializer point at the petstore; the folder has no index.
    expect((await request(app).get('/assets/swagger-ui/')).status).toBe(404);
    const anonymous = await request(testApp(db)).get('/reference/api');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Freference%2Fapi');
  });
});

describe('answers match the document', () => {
  const reads: [string, string][] = [
    ['/api/tree', '/api/tree?at=2020-03-01&root=10&depth=2'],
    ['/api/tree', '/api/tree?at=2020-03-01'],
    ['/api/units', '/api/units?code=02854&at=2020-03-01'],
    ['/api/units', '/api/units?code=02854'],
    ['/api/changes', '/api/changes?from=2020-01-01&to=2020-12-31&root=10&includeVoided=true'],
    ['/api/search', '/api/search?q=ban+gia&at=2024-01-01&limit=50'],
    ['/api/search', '/api/search?under=10&at=2024-01-01'],
    ['/api/summary', '/api/summary?root=15&from=2025-03-01&to=2025-07-01'],
    ['/api/summary', '/api/summary?from=2019-12-01&to=2024-11-01'],
    ['/api/staffing', '/api/staffing?root=10&at=2024-09-02'],
    ['/api/targets', '/api/targets?at=2024-09-02&includeRetired=true'],
    ['/api/compare', '/api/compare?from=2019-12-01&to=2020-03-01&root=10&kind=commune'],
    ['/api/compare', '/api/compare?from=2019-12-01&to=2025-07-01&part=10'],
    ['/api/compare/correspondence', '/api/compare/correspondence?from=2019-12-01&to=2020-03-01&root=10'],
    ['/api/compare/correspondence', '/api/compare/correspondence?from=2024-12-01&to=2025-07-01'],
    ['/api/export.jsonld', '/api/export.jsonld?at=2020-03-01&root=10'],
    ['/api/standards', '/api/standards'],
    ['/api/standards/candidates', '/api/standards/candidates?root=085&at=2024-06-30'],
    ['/api/plans', '/api/plans'],
  ];

  it('reads: units, changes, summaries, staffing, comparisons, standards and plans', async () => {
    for (const [path, url] of reads) {
      const res = await request(app).get(url);
      expect(res.status, url).toBe(200);
      await expectDocumented('get', path, res);
    }
    const [unit] = (await request(app).get('/api/units?code=02854&at=2020-03-01')).body.units;
    await expectDocumented('get', '/api/units/{id}', await request(app).get(`/api/units/${unit.id}`));
    for (const plan of (await request(app).get('/api/plans')).body.plans) {
      await expectDocumented('get', '/api/plans/{id}', await request(app).get(`/api/plans/${plan.id}?lang=en`));
    }
  });

  it('writes: a change recorded and voided, staff movements, a quota and a target', async () => {
    const decision = { number: '77/NQ-HĐND', issuer: 'HĐND tỉnh Lào Cai', signedOn: '2024-12-10' };
    const recorded = await request(app).post('/api/changes').send({ type: 'rename', effectiveOn: '2025-03-01', decision, unit: { code: '02854' }, name: 'Xã Tả Củ Tỷ Mới' });
    expect(recorded.status).toBe(201);
    await expectDocumented('post', '/api/changes', recorded);
    const voided = await request(app).post(`/api/changes/${recorded.body.change.id}/void`).send({ reason: 'nhập nhầm' });
    await expectDocumented('post', '/api/changes/{id}/void', voided);
    const movement = { unit: '02854', category: 'cong_chuc', on: '2024-10-01', count: 2, reason: 'recruitment' };
    await expectDocumented('post', '/api/staffing/movements', await request(app).post('/api/staffing/movements').send(movement));
    await expectDocumented('post', '/api/staffing/movements', await request(app).post('/api/staffing/movements').send({ movements: [movement, movement] }));
    const quota = await request(app).post('/api/staffing/quotas').send({ unit: '02854', category: 'cong_chuc', on: '2024-10-01', quota: 20, decision: '5/QĐ-UBND' });
    expect(quota.status).toBe(201);
    await expectDocumented('post', '/api/staffing/quotas', quota);
    const target = await request(app).post('/api/targets').send({
      name: 'Giảm 10% xã', metric: 'units', kind: 'commune', scope: '10', baselineOn: '2024-01-01', deadlineOn: '2026-01-01', goal: 'reduce_pct', goalValue: 10, legalSource: 'NQ 35/2023',
    });
    expect(target.status).toBe(201);
    await expectDocumented('post', '/api/targets', target);
  });

  it('refusals: every one in the documented error shape, with a documented status', async () => {
    const anonymous = testApp(db);
    const viewer = await signedInApp(db, { username: 'nguoi-xem', role: 'viewer' });
    const refusals: [Method, string, request.Response][] = [
      ['get', '/api/tree', await request(anonymous).get('/api/tree')],
      ['get', '/api/tree', await request(app).get('/api/tree').set('Authorization', 'Bearer not-a-token-at-all')],
      ['get', '/api/tree', await request(app).get('/api/tree?at=2023-02-29')],
      ['get', '/api/tree', await request(app).get('/api/tree?at=1800-01-01')],
      ['get', '/api/tree', await request(app).get('/api/tree?root=99999')],
      ['get', '/api/units/{id}', await request(app).get('/api/units/999999')],
      ['get', '/api/units/{id}', await request(app).get('/api/units/abc')],
      ['get', '/api/compare', await request(app).get('/api/compare?from=2020-01-01&to=2019-01-01')],
      ['get', '/api/standards/candidates', await request(app).get('/api/standards/candidates?at=2024-06-30')],
      ['get', '/api/plans/{id}', await request(app).get('/api/plans/999999')],
      ['post', '/api/changes', await request(viewer).post('/api/changes').send({})],
      ['post', '/api/changes', await request(app).post('/api/changes').type('json').send('{"type":')],
      ['post', '/api/changes', await request(app).post('/api/changes').send({ type: 'rename' })],
      ['post', '/api/changes', await request(app).post('/api/changes').send({ type: 'rename', effectiveOn: '2025-03-01', decision: { number: '1/QĐ' }, unit: { code: '02854' }, name: 'Xã Tả Củ Tỷ' })],
      ['post', '/api/changes/{id}/void', await request(app).post('/api/changes/999999/void').send({ reason: 'x' })],
      ['post', '/api/staffing/movements', await request(app).post('/api/staffing/movements').send({ unit: '99999', category: 'cong_chuc', on: '2024-10-01', count: 1, reason: 'recruitment' })],
    ];
    const statuses = new Set<number>();
    for (const [method, path, res] of refusals) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      statuses.add(res.status);
      await expectDocumented(method, path, res);
      expect(errorResponse.safeParse(res.body).success).toBe(true);
    }
    expect([...statuses].sort()).toEqual([400, 401, 403, 404, 409, 422]);
  });
});
