import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { Db } from '../../src/db/connection.js';
import { layOutChart } from '../../src/domain/org-chart.js';
import { chartTree } from '../../src/domain/org-chart-rows.js';
import { chartData } from '../../src/services/org-chart.service.js';
import { flowBetween } from '../../src/services/flow.service.js';
import { resolveUnitRef } from '../../src/services/query.service.js';
import { signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

let db: Db;
let app: Express;
let newLaoCai: number;
const none = { before: 'none', after: 'none' };

/** An SVG download's body as text (supertest buffers only text/* and JSON as text). */
function asText(res: NodeJS.ReadableStream & { setEncoding(e: string): void }, done: (err: Error | null, body: string) => void): void {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (c: string) => (body += c));
  res.on('end', () => done(null, body));
}

describe('the org chart and the before/after flow of the demo', () => {
  beforeAll(async () => {
    db = await newDemoDb();
    app = await signedInApp(db);
    newLaoCai = await resolveUnitRef(db, '15', ['2025-07-01']);
  });

  it('draws the new Lào Cai on 01/07/2025 with its 99 communes in one grid of leaves', async () => {
    const d = await chartData(db, newLaoCai, '2025-07-01', 1);
    const root = chartTree(d.rows, newLaoCai, 1, (r) => ({ id: r.unitId, name: r.name, type: r.subtype, code: r.code, staff: null, status: null }))!;
    const layout = layOutChart(root);
    const communes = layout.boxes.filter((b) => d.rows.find((r) => r.unitId === b.unit.id)?.kind === 'commune');
    expect(communes).toHaveLength(99);
    expect(layout.grids).toHaveLength(1);
    expect(layout.grids[0].columns).toBeGreaterThan(1);
  });

  it('flows from 319 communes of Lào Cai and Yên Bái on 30/06/2025 to the 99 of the new Lào Cai', async () => {
    const r = await flowBetween(db, { from: '2025-06-30', to: '2025-07-01', rootId: newLaoCai, kind: 'commune', group: 'unit' }, none);
    expect(r.flow.totals).toEqual({ from: 319, to: 99 });
    expect(r.flow.nodes.filter((n) => n.side === 'from' && n.unitId !== null)).toHaveLength(319);
    expect(r.flow.nodes.filter((n) => n.side === 'to' && n.unitId !== null)).toHaveLength(99);
    // Every old commune went somewhere: no link to "no successor"; the weights add up to one per old commune.
    expect(r.flow.links.some((l) => l.to === 'to:none')).toBe(false);
    expect(Math.round(r.flow.links.reduce((a, l) => a + l.flow, 0))).toBe(319);
    // In the demo every commune of the two provinces went whole into one new commune (the lineage has no part there).
    expect(r.flow.links.every((l) => l.share === 'whole')).toBe(true);
  });

  it('groups the country by province: Lào Cai and Yên Bái into the new Lào Cai', async () => {
    const r = await flowBetween(db, { from: '2025-06-30', to: '2025-07-01', rootId: null, kind: 'commune', group: 'unit' }, none);
    expect(r.grouped).toBe('province');
    const into = r.flow.links.filter((l) => l.to === `to:${newLaoCai}`);
    expect(into.length).toBeGreaterThanOrEqual(2);
    expect(r.flow.nodes.find((n) => n.key === `to:${newLaoCai}`)!.count).toBe(99);
  });

  it('serves the chart page, the SVG file and the two dates side by side', async () => {
    const page = await request(app).get(`/units/${newLaoCai}/chart?at=2025-07-01&depth=1&show=territorial`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="oc-svg"');
    expect(page.text.match(/class="oc-box[ "]/g)).toHaveLength(100);
    // Everything under it: 619 schools make one box, the agencies one box each.
    const all = await request(app).get(`/units/${newLaoCai}/chart?at=2025-07-01&depth=1`);
    expect(all.text).toContain('619 đơn vị sự nghiệp');
    expect(page.text).toContain('/assets/org-chart.js');
    const svg = await request(app).get(`/units/${newLaoCai}/chart.svg?at=2025-07-01&depth=1`).buffer(true).parse(asText as never);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['content-disposition']).toMatch(/attachment/);
    expect(svg.body.startsWith('<?xml')).toBe(true);
    const laoCaiOld = await resolveUnitRef(db, '10', ['2025-06-30']);
    const two = await request(app).get(`/units/${laoCaiOld}/chart?from=2025-06-30&to=2025-07-01&depth=1`);
    expect(two.status).toBe(200);
    // After 01/07/2025 the old province goes on as what it became (the new Lào Cai), its units coloured as on the compare page.
    expect(two.text.match(/<svg xmlns/g)).toHaveLength(2);
    expect(two.text).toContain('oc-box oc-ended');
    expect(two.text).toContain('oc-box oc-moved');
    const before = await request(app).get(`/units/${laoCaiOld}/chart?at=2000-01-01`);
    expect(before.text).toContain('Đơn vị không tồn tại vào ngày này.');
    // Scopes follow lineage: before it existed, the new Lào Cai is drawn as the two provinces that held its scope.
    const both = await request(app).get(`/units/${newLaoCai}/chart?from=2025-06-30&to=2025-07-01&depth=1&show=territorial`);
    expect(both.text.match(/<svg xmlns/g)).toHaveLength(2);
    expect(both.text).toContain('Tỉnh Lào Cai + Tỉnh Yên Bái');
    expect(both.text).toContain('oc-box oc-created');
    // Asked six levels deep, the chart is drawn as deep as 1,500 boxes allow, says so, and the page stays under 1 MB.
    const deep = await request(app).get(`/units/${newLaoCai}/chart?at=2025-07-01&depth=6&show=territorial`);
    expect(deep.text).toContain('sơ đồ chỉ vẽ 1 cấp');
    expect(Buffer.byteLength(deep.text)).toBeLessThan(1_000_000);
    const en = await request(app).get(`/units/${newLaoCai}/chart?at=2025-07-01&depth=1&lang=en`);
    expect(en.text).toContain('Organisation chart');
    expect(en.text).toContain('619 public service units');
    expect(en.text).toContain('Ward · ');
    const bad = await request(app).get(`/units/${newLaoCai}/chart?from=2025-07-01&to=2025-06-30`);
    expect(bad.status).toBe(422);
  });

  it("draws a plan's scope beside its to-be tree, what the proposals do coloured", async () => {
    const plan = await db.selectFrom('plans').select(['id', 'name']).orderBy('id').executeTakeFirstOrThrow();
    const res = await request(app).get(`/plans/${plan.id}/chart?depth=2`);
    expect(res.status).toBe(200);
    expect(res.text.match(/<svg xmlns/g)).toHaveLength(2);
    expect(res.text).toContain('Sau phương án (dự kiến)');
    expect(res.text).toMatch(/oc-box oc-(created|ended|changed)/);
  });

  it('serves the flow page with its totals, its table and the Sankey data', async () => {
    const res = await request(app).get('/compare/flow?from=2025-06-30&to=2025-07-01&root=15&kind=commune');
    expect(res.status).toBe(200);
    expect(res.text).toContain('data-total="from">319<');
    expect(res.text).toContain('data-total="to">99<');
    expect(res.text).toContain('id="flow-data"');
    expect(res.text).toContain('/assets/chartjs-chart-sankey/chartjs-chart-sankey.min.js');
    expect(res.text).toContain('một phần');
    const js = await request(app).get('/assets/chartjs-chart-sankey/chartjs-chart-sankey.min.js');
    expect(js.status).toBe(200);
    const country = await request(app).get('/compare/flow?from=2025-06-30&to=2025-07-01&root=&kind=commune&lang=en');
    expect(country.status).toBe(200);
    expect(country.text).toContain('whole country, by province');
  });
});
