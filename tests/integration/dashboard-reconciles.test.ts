import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findSubtreeOn, findUnitIdByCode } from '../../src/db/unit.repository.js';
import { summary } from '../../src/services/query.service.js';
import { signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

const KINDS = ['agency', 'public_service_unit', 'commune', 'village'];
type Chart = { id: string; labels: string[]; datasets: { data: number[] }[]; xTitle?: string; yTitle?: string };

let db: Db;
beforeAll(async () => {
  db = await newDemoDb();
}, 120_000);

async function districtChart(path: string): Promise<{ chart: Chart; html: string }> {
  const res = await request(await signedInApp(db)).get(path);
  expect(res.status).toBe(200);
  const island: Chart[] = JSON.parse(/<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(res.text)![1]);
  return { chart: island.find((c) => c.id === 'district-reductions')!, html: res.text };
}

/** Units of each headline kind on `date` under the root that have no district above them. */
async function provinceLevel(root: number, date: string): Promise<number[]> {
  const all = await findSubtreeOn(db, date, root, 20);
  const byId = new Map(all.map((v) => [v.unitId, v]));
  const underDistrict = (id: number | null): boolean => {
    for (let v = id === null ? undefined : byId.get(id); v; v = v.parentId === null ? undefined : byId.get(v.parentId)) if (v.kind === 'district') return true;
    return false;
  };
  return KINDS.map((k) => all.filter((v) => v.kind === k && !underDistrict(v.parentId)).length);
}

describe('the dashboard’s per-district chart adds up to its cards', () => {
  it('on 31/12/2015 → 02/09/2024: the province level has its own bar, and the rows total −46 bodies and −133 public service units', async () => {
    const { chart, html } = await districtChart('/?at=2024-09-02');
    const root = (await findUnitIdByCode(db, '10', '2020-01-01'))!;
    const cards = (await summary(db, root, '2015-12-31', '2024-09-02')).rows.filter((r) => r.subtype === null);
    const totals = chart.datasets.map((d) => d.data.reduce((a, b) => a + b, 0));
    expect(totals).toEqual(KINDS.map((k) => cards.find((r) => r.kind === k)!.reduced));
    expect(totals.slice(0, 2)).toEqual([46, 133]);
    expect(chart.labels[0]).toBe('Cấp tỉnh');
    const [before, after] = await Promise.all([provinceLevel(root, '2015-12-31'), provinceLevel(root, '2024-09-02')]);
    expect(chart.datasets.map((d) => d.data[0])).toEqual(before.map((n, i) => n - after[i]));
    expect(chart.labels).toContain('Thị xã Sa Pa');
    expect(html).toContain('Thị xã Sa Pa</a> <span class="muted">(Huyện Sa Pa)</span>');
    expect(html).toMatch(/Tổng \(bằng các ô đầu trang\)<\/th><td class="num"><strong>46<\/strong><\/td><td class="num"><strong>133<\/strong>/);
    expect(chart.yTitle).toBe('Số đơn vị giảm (đơn vị)');
  });

  it('on 01/03/2025 → 01/07/2025, when every district ended, for the new Lào Cai', async () => {
    const { chart, html } = await districtChart('/?province=15&from=2025-03-01&at=2025-07-01');
    const root = (await findUnitIdByCode(db, '15', '2025-07-01'))!;
    const cards = (await summary(db, root, '2025-03-01', '2025-07-01')).rows.filter((r) => r.subtype === null);
    const totals = chart.datasets.map((d) => d.data.reduce((a, b) => a + b, 0));
    expect(totals).toEqual(KINDS.map((k) => cards.find((r) => r.kind === k)!.reduced));
    expect(totals[2]).toBe(220);
    expect(html).toContain('đơn vị do các huyện kết thúc hoạt động trong kỳ chuyển lại');
  });

  it('gives every axis a title with its unit, in English too', async () => {
    const app = await signedInApp(db);
    const res = await request(app).get('/?at=2024-09-02&lang=en');
    const island: Chart[] = JSON.parse(/<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(res.text)![1]);
    for (const c of island) expect([c.xTitle, c.yTitle].every(Boolean), c.id).toBe(true);
    expect(island.find((c) => c.id === 'staff-reductions')!.yTitle).toBe('Staff reduced (persons)');
    expect(island.find((c) => c.id === 'district-reductions')!.labels[0]).toBe('Province level');
  });
});
