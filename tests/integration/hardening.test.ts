import ExcelJS from 'exceljs';
import type { Express } from 'express';
import fc from 'fast-check';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { WRITE_METHODS } from '../../src/web/auth/route-table.js';
import { csrfOf, signedInApp, testApp } from '../support/auth.js';
import { newTestDb, tableCounts } from '../support/db.js';
import { routesOf, type Route } from '../support/routes.js';
import { smallProvince } from '../support/factories.js';

/**
 * Hardening: CSRF on every form, user data escaped in pages and neutralised in exports, request
 * size limits, a strict CSP, and fuzzing of every endpoint (no 5xx, no write from a bad body).
 */

let db: Db;
let admin: Express;
let routes: Route[];

const SCRIPT = '<script>alert("xss")</script>';
const IMG = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil.example","bấm")';

/** Rows of every table a write could touch (sessions and failed logins excepted). */
async function snapshot(): Promise<string> {
  return Object.entries(await tableCounts(db, ['sessions', 'login_failures'])).sort().map(([name, n]) => `${name}=${n}`).join(' ');
}

async function formAgent(app: Express) {
  const agent = request.agent(app);
  const page = await agent.get('/');
  return { agent, token: csrfOf(page.text) };
}

let ids: { unit: number; change: number; decision: number };

beforeAll(async () => {
  db = await newTestDb();
  await smallProvince(db);
  admin = await signedInApp(db, { username: 'quan-tri' });
  routes = routesOf(testApp(db));
  const res = await request(admin).post('/api/changes').send({
    type: 'establish', effectiveOn: '2020-01-01', note: `Ghi chú ${SCRIPT} ${FORMULA}`,
    decision: { number: `${IMG}/QĐ`, title: `${SCRIPT} tiêu đề`, issuer: FORMULA },
    units: [
      { name: `Xã ${SCRIPT}`, code: '90077', kind: 'commune', subtype: 'xa', parent: { code: '901' }, figures: { areaKm2: 10, population: 1000 } },
      { name: FORMULA, code: '90078', kind: 'commune', subtype: 'xa', parent: { code: '901' }, figures: { areaKm2: 10, population: 1000 } },
    ],
  });
  expect(res.status).toBe(201);
  ids = { unit: res.body.effects.created[0].id, change: res.body.change.id, decision: res.body.decision.id };
  const renamed = await request(admin).post('/api/changes').send({ type: 'rename', effectiveOn: '2020-01-01', decision: { number: '@SUM(1+1)/QĐ' }, unit: { code: '90003' }, name: FORMULA });
  expect(renamed.status).toBe(201);
});

describe('CSRF', () => {
  it('refuses every form write without the session’s token, in the user’s language, writing nothing', async () => {
    const pageWrites = routes.filter((r) => WRITE_METHODS.has(r.method) && !r.path.startsWith('/api/'));
    expect(pageWrites.length).toBeGreaterThan(20);
    const other = await formAgent(admin);
    for (const r of pageWrites) {
      const path = r.path.replace(/:(\w+)/g, '1');
      const before = await snapshot();
      const { agent } = await formAgent(admin);
      const none = await agent.post(path).type('form').send({ reason: 'x', name: 'x' });
      expect(none.status, `${r.method} ${r.path}`).toBe(403);
      expect(none.text).toContain('Biểu mẫu đã hết hạn');
      const stolen = await agent.post(path).type('form').send({ _csrf: other.token, reason: 'x' });
      expect(stolen.status, `${r.method} ${r.path} with another session's token`).toBe(403);
      expect(await snapshot(), r.path).toBe(before);
    }
  });

  it('exempts the JSON API, which takes bearer tokens only for writes', async () => {
    const res = await request(admin).post('/api/changes').send({ type: 'rename', effectiveOn: '2020-02-01', decision: { number: '1/QĐ' }, unit: { code: '90001' }, name: 'Xã Bản Mế Một' });
    expect(res.status).toBe(201);
  });
});

describe('user data in pages and exports', () => {
  it('comes out escaped in every page that shows names, decisions and notes', async () => {
    const pages = [
      '/tree?root=901&at=2020-06-01', `/units/${ids.unit}`, '/changes?from=2019-12-01&to=2020-12-31', `/changes/${ids.change}`,
      '/decisions', `/decisions/${ids.decision}`, '/search?q=script&at=2020-06-01', '/audit', `/changes/${ids.change}/void`,
      '/?province=99&at=2020-06-01', '/compare?root=99&from=2019-06-01&to=2020-06-01', '/reports?root=99&from=2019-06-01&to=2020-06-01',
    ];
    for (const p of pages) {
      const res = await request(admin).get(p);
      expect(res.status, p).toBe(200);
      expect(res.text, p).not.toContain(SCRIPT);
      expect(res.text, p).not.toContain(IMG);
      expect(res.text, p).not.toMatch(/<script>alert|<img src=x/);
    }
    const unit = await request(admin).get(`/units/${ids.unit}`);
    expect(unit.text).toContain('&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;');
    const change = await request(admin).get(`/changes/${ids.change}`);
    expect(change.text).toContain('&lt;img src=x onerror=alert(1)&gt;/QĐ');
  });

  it('keeps chart labels inert inside the JSON island', async () => {
    const home = await request(admin).get('/?province=99&at=2020-06-01');
    const island = /<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(home.text);
    if (island) expect(island[1]).not.toContain('<');
  });

  it('neutralises formulas in CSV exports and writes them as text in XLSX', async () => {
    const csv = await request(admin).get('/compare/correspondence.csv?root=99&from=2019-06-01&to=2020-06-01');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm"")"`);
    expect(csv.text).toContain(`'@SUM(1+1)/QĐ`);
    expect(csv.text).not.toMatch(/(^|,)"?[=@]/m);
    const xlsx = await request(admin).get('/compare/correspondence.xlsx?root=99&from=2019-06-01&to=2020-06-01').buffer(true)
      .parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => done(null, Buffer.concat(chunks))); });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const cells: unknown[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c.value))));
    expect(cells).toContain(FORMULA); // a text cell, not a formula: no apostrophe (issue 14)
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    const audit = await request(admin).get('/audit.csv');
    expect(audit.text).not.toMatch(/(^|,)=/m);
  });
});

describe('limits and headers', () => {
  it('refuses an oversized form (413, a page in the user’s language) and oversized JSON (413 JSON)', async () => {
    const { agent, token } = await formAgent(admin);
    const big = await agent.post('/changes/preview?lang=en').type('form').send({ _csrf: token, note: 'x'.repeat(1_100_000) });
    expect(big.status).toBe(413);
    expect(big.text).toContain('too large');
    const json = await request(admin).post('/api/changes').set('content-type', 'application/json').send(`{"note":"${'x'.repeat(21 * 1024 * 1024)}"}`);
    expect(json.status).toBe(413);
    expect(json.body.errors[0].message).toContain('quá lớn');
  });

  it('sends a CSP that allows no inline script, and no stack trace in errors', async () => {
    const res = await request(admin).get('/tree');
    const csp = String(res.headers['content-security-policy']);
    const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)![1];
    expect(script).toContain("'self'");
    expect(script).not.toContain('unsafe-inline');
    expect(csp).toContain("script-src-attr 'none'");
    const missing = await request(admin).get('/units/999999999?lang=en');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<html lang="en">');
    expect(missing.text).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('fuzzing', () => {
  const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', '0', '-1', 'id:1', '90001', '2020-02-30', '9'.repeat(30), SCRIPT, '%', '../', 'null', '[]'));
  const field = fc.constantFrom('type', 'unit', 'units', 'absorbed', 'into', 'name', 'code', 'parent', 'effectiveOn', 'decisionNumber', 'reason', 'scope',
    'category', 'on', 'count', 'quota', 'metric', 'goal', 'goalValue', 'baselineOn', 'deadlineOn', 'csv', 'username', 'password', 'role', 'baseOn', 'mode', 'subtype', 'kind', 'disabled');
  const formBody = fc.dictionary(fc.oneof(field, fc.string({ maxLength: 10 })), fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 8 });
  const jsonBody = fc.oneof(fc.anything({ maxDepth: 3 }), fc.dictionary(fc.oneof(field, fc.string({ maxLength: 10 })), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }));
  const param = fc.oneof(fc.constantFrom('1', '2', '0', '-5', 'abc', '1e3', '99999999999999999999', '%E0%A4%A', 'NaN'), fc.nat({ max: 50 }).map(String));
  /** Routes whose request carries nothing but the decision to act: any body is a valid one. */
  const bodiless = /\/(retirement|submission|withdrawal|approval|rejection|removal|move|logout|form|preview)$|^\/login$/;

  it('answers random and malformed bodies on every write route without a 5xx and without writing', async () => {
    const writes = routes.filter((r) => WRITE_METHODS.has(r.method) && r.access?.level !== 'public');
    for (const r of writes) {
      const api = r.path.startsWith('/api/');
      await fc.assert(fc.asyncProperty(fc.array(param, { minLength: 3, maxLength: 3 }), api ? jsonBody : formBody, async (params, body) => {
        let i = 0;
        const path = r.path.replace(/:(\w+)/g, () => params[i++]);
        const before = await snapshot();
        let res;
        if (api) res = await request(admin).post(path).set('content-type', 'application/json').send(JSON.stringify(body) ?? 'null');
        else {
          const { agent, token } = await formAgent(admin);
          res = await agent.post(path).type('form').send({ ...(body as object), _csrf: token });
        }
        expect(res.status, `${r.method} ${path} ${JSON.stringify(body)}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
        if (!bodiless.test(r.path)) expect(await snapshot(), `${r.method} ${path} ${JSON.stringify(body)}`).toBe(before);
      }), { numRuns: 12, seed: 8 });
    }
  }, 300_000);

  it('answers broken JSON with 400 and never a 5xx', async () => {
    for (const raw of ['{', '{"type":', '[1,2', 'undefined', '\u0000', '{"a":1}}']) {
      const res = await request(admin).post('/api/changes').set('content-type', 'application/json').send(raw);
      expect([400, 422]).toContain(res.status);
    }
  });

  it('answers random route parameters and query strings on every page and endpoint without a 5xx', async () => {
    const reads = routes.filter((r) => r.method === 'GET');
    const query = fc.dictionary(fc.constantFrom('at', 'from', 'to', 'root', 'q', 'type', 'page', 'province', 'kind', 'lang', 'code', 'depth', 'unit', 'part', 'only', 'username', 'entity', 'next', 'includeVoided', 'scope'), text, { maxKeys: 5 });
    for (const r of reads) {
      await fc.assert(fc.asyncProperty(fc.array(param, { minLength: 3, maxLength: 3 }), query, async (params, q) => {
        let i = 0;
        const path = r.path.replace(/:(\w+)/g, () => params[i++]);
        const res = await request(admin).get(path).query(q);
        expect(res.status, `GET ${path}?${new URLSearchParams(q)}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
      }), { numRuns: 8, seed: 8 });
    }
  }, 300_000);
});
