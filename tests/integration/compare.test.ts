import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

let app: Express;
const PERIOD = 'from=2019-12-01&to=2020-03-01&root=10';

interface Line { type: string; decision: string; effectiveOn: string; text: string; from: { name: string }[]; to: { name: string } }
interface Unit { statuses: string[]; before: { name: string; code: string } | null; after: { name: string; code: string } | null }

describe('compare on the Lào Cai demo', () => {
  beforeAll(async () => {
    const db = await newDemoDb();
    app = await signedInApp(db);
  });

  it('lists at commune level exactly the nine merges, the Cốc San transfer and the Si Ma Cai reclassification of 896/NQ-UBTVQH14', async () => {
    const res = await request(app).get(`/api/compare?${PERIOD}&kind=commune`);
    expect(res.status).toBe(200);
    const lines: Line[] = res.body.lineage;
    expect(lines.filter((l) => l.type === 'merge')).toHaveLength(9);
    expect(lines.filter((l) => l.type !== 'merge').map((l) => l.text)).toEqual([
      'Xã Cốc San, 896/NQ-UBTVQH14, 01/03/2020',
      'Xã Si Ma Cai → Thị trấn Si Ma Cai, 896/NQ-UBTVQH14, 01/03/2020',
    ]);
    expect(new Set(lines.map((l) => `${l.decision} ${l.effectiveOn}`))).toEqual(new Set(['896/NQ-UBTVQH14 2020-03-01']));
    expect(lines.map((l) => l.text)).toContain('Xã Long Phúc + Xã Long Khánh → Xã Phúc Khánh, 896/NQ-UBTVQH14, 01/03/2020');
    expect(lines.filter((l) => l.type === 'merge').reduce((n, l) => n + l.from.length - 1, 0)).toBe(10);
  });

  it('classifies the ten absorbed communes as ended, Cốc San as moved and Si Ma Cai as reclassified', async () => {
    const units: Unit[] = (await request(app).get(`/api/compare?${PERIOD}&kind=commune&only=changes`)).body.units;
    expect(units.filter((u) => u.statuses.includes('ended'))).toHaveLength(10);
    expect(units.find((u) => u.before?.name === 'Xã Cốc San')!.statuses).toEqual(['moved']);
    expect(units.find((u) => u.before?.name === 'Xã Si Ma Cai')!.statuses).toEqual(['renamed', 'reclassified']);
    expect(units.find((u) => u.before?.name === 'Xã Long Khánh')!.statuses).toEqual(['renamed', 'absorbed']);
    expect(units.some((u) => u.statuses.includes('unchanged'))).toBe(false);
  });

  it('counts the same numbers as /api/summary', async () => {
    const [cmp, sum] = await Promise.all([request(app).get(`/api/compare?${PERIOD}`), request(app).get(`/api/summary?${PERIOD}`)]);
    expect(cmp.body.counts).toEqual(sum.body.rows);
    expect(cmp.body.counts.find((r: { kind: string; subtype: null }) => r.kind === 'commune' && r.subtype === null)).toMatchObject({ from: 162, to: 152, reduced: 10, reducedPct: 6.2 });
  });

  it('counts per district: Huyện Bảo Thắng goes from 15 to 14 communes', async () => {
    const res = await request(app).get(`/api/compare?${PERIOD}&kind=commune`);
    const baoThang = res.body.byChild.find((c: { name: string }) => c.name === 'Huyện Bảo Thắng');
    expect(baoThang.rows[0]).toMatchObject({ kind: 'commune', subtype: null, from: 15, to: 14 });
  });

  it('maps Xã Long Phúc (02995) wholly to Xã Phúc Khánh (02998) in the correspondence', async () => {
    const res = await request(app).get(`/api/compare/correspondence?${PERIOD}&kind=commune`);
    const row = res.body.rows.find((r: { fromCode: string }) => r.fromCode === '02995');
    expect(row).toMatchObject({ fromName: 'Xã Long Phúc', toCode: '02998', toName: 'Xã Phúc Khánh', share: 'whole', decisions: ['896/NQ-UBTVQH14'] });
    expect(res.body.rows).toHaveLength(162);
  });

  it('refuses an impossible date or dates in the wrong order with 422', async () => {
    expect((await request(app).get('/api/compare?from=2019-02-30&to=2020-03-01')).status).toBe(422);
    const reversed = await request(app).get('/api/compare?from=2021-01-01&to=2020-03-01');
    expect(reversed.status).toBe(422);
    expect(reversed.body.errors[0].path).toBe('to');
  });

  it('answers 404 for a scope that names no unit', async () => {
    expect((await request(app).get('/api/compare?from=2019-12-01&to=2020-03-01&root=99999')).status).toBe(404);
  });
});

describe('compare pages', () => {
  it('shows before and after side by side, colour-coded, with a legend', async () => {
    const res = await request(app).get(`/compare?${PERIOD}&kind=commune`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('class="cmp-legend"');
    expect(res.text).toMatch(/<tr class="cmp-row cmp-ended">[\s\S]*?Xã Long Phúc/);
    expect(res.text).toMatch(/<tr class="cmp-row cmp-moved">[\s\S]*?Xã Cốc San/);
    expect(res.text).toContain('cmp-row cmp-same');
    expect(res.text).toContain('01/03/2020');
  });

  it('hides unchanged units with ?only=changes, a plain link', async () => {
    const all = await request(app).get(`/compare?${PERIOD}&kind=commune`);
    expect(all.text).toContain(`href="/compare?at=`);
    const res = await request(app).get(`/compare?${PERIOD}&kind=commune&only=changes`);
    expect(res.text).not.toContain('cmp-row cmp-same');
    expect((res.text.match(/class="cmp-row /g) ?? []).length).toBe(21);
  });

  it('cuts a large comparison into pages at group ends', async () => {
    const res = await request(app).get(`/compare?${PERIOD}`);
    expect(res.text).toMatch(/Trang 1\/\d+/);
    const rows = (res.text.match(/class="cmp-row /g) ?? []).length;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(400);
    const next = await request(app).get(`/compare?${PERIOD}&page=2`);
    expect(next.text).toMatch(/Trang 2\/\d+/);
  });

  it('opens with a short table of contents whose links lead to the page\'s sections', async () => {
    const res = await request(app).get(`/compare?${PERIOD}`);
    const toc = /<nav class="page-toc"[\s\S]*?<\/nav>/.exec(res.text)![0];
    const targets = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.slice(0, 3)).toEqual(['counts', 'by-child', 'units']);
    expect(targets.at(-1)).toBe('lineage');
    for (const id of targets) expect(res.text).toContain(`id="${id}"`);
    expect(res.text.indexOf('class="page-toc"')).toBeLessThan(res.text.indexOf('id="counts"'));
  });

  it('shows the whole country one province at a time, with the counts of every unit and the same numbers as the province', async () => {
    const country = await request(app).get('/compare?from=2019-12-01&to=2020-03-01&root=&kind=commune');
    expect(country.status).toBe(200);
    expect(country.text).toMatch(/<select name="part"><option value="10" selected>Tỉnh Lào Cai<\/option><\/select>/);
    expect(country.text).toMatch(/<tr class="cmp-row cmp-ended">[\s\S]*?Xã Long Phúc/);
    const api = (await request(app).get('/api/compare?from=2019-12-01&to=2020-03-01&kind=commune')).body;
    const province = (await request(app).get(`/api/compare?${PERIOD}&kind=commune`)).body;
    expect(api.part).toMatchObject({ code: '10', name: 'Tỉnh Lào Cai' });
    expect(api.statusCounts).toMatchObject({ ended: 10, moved: 1, reclassified: 1 });
    const communes = (body: { counts: { kind: string; subtype: string | null }[] }) => body.counts.filter((r) => r.kind === 'commune');
    expect(communes(api)).toEqual(communes(province));
    expect(api.units.map((u: { id: number }) => u.id).sort()).toEqual(province.units.map((u: { id: number }) => u.id).sort());
  });

  it('exports the whole country\'s correspondence streamed, and shows it one province at a time', async () => {
    const csv = await request(app).get('/compare/correspondence.csv?from=2019-12-01&to=2020-03-01&root=&kind=commune');
    expect(csv.status).toBe(200);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).toContain('02995,Xã Long Phúc,Xã,02998,Xã Phúc Khánh');
    expect(csv.text.trim().split('\r\n')).toHaveLength(163); // the header and the 162 communes of 01/12/2019
    const json = await request(app).get('/api/compare/correspondence?from=2019-12-01&to=2020-03-01&kind=commune');
    expect(json.status).toBe(200);
    expect(json.body.root).toBeNull();
    expect(json.body.rows).toHaveLength(162);
    expect(json.body.rows.find((r: { fromCode: string }) => r.fromCode === '02995')).toMatchObject({ toCode: '02998', share: 'whole' });
    const page = await request(app).get('/compare/correspondence?from=2019-12-01&to=2020-03-01&root=&kind=commune');
    expect(page.text).toMatch(/<select name="part"><option value="10" selected>Tỉnh Lào Cai<\/option><\/select>/);
    expect(page.text).toContain('Xã Phúc Khánh');
  });

  it('says clearly what is wrong with a bad date', async () => {
    const res = await request(app).get('/compare?from=2019-13-01&to=2020-03-01');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Ngày không hợp lệ');
    expect(res.text).toContain('id="f-from"');
  });

  it('shows the correspondence table with links to its CSV and XLSX', async () => {
    const res = await request(app).get(`/compare/correspondence?${PERIOD}&kind=commune`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/02995<\/td><td>Xã Long Phúc<\/td><td>Xã<\/td><td>02998<\/td><td>Xã Phúc Khánh/);
    expect(res.text).toContain('/compare/correspondence.xlsx?');
  });

  it('shows the report with its title block, tables, and the print view', async () => {
    const res = await request(app).get(`/reports?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('UBND TỈNH LÀO CAI');
    expect(res.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'); // spelt as in Nghị định 30/2020/NĐ-CP
    expect(res.text).toContain('Từ ngày 01/12/2019 đến ngày 01/03/2020');
    expect(res.text).toMatch(/<td class=" col-kind">Xã<\/td><td class="num col-from">162<\/td><td class="num col-to">152<\/td><td class="num col-reduced">10<\/td><td class="num col-pct">6,2<\/td><td class="num col-target">7,3<\/td><td class=" col-basis">Nghị quyết 18-NQ\/TW[^<]*896\/NQ-UBTVQH14/);
    const print = await request(app).get(`/reports/print?${PERIOD}`);
    expect(print.text).toContain('class="print-view"');
    expect(print.text).not.toContain('class="site"');
  });

  it('lists Compare and Reports in the navigation', async () => {
    const res = await request(app).get('/');
    expect(res.text).toContain('>So sánh</a>');
    expect(res.text).toContain('>Báo cáo</a>');
  });
});
