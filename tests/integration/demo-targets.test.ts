import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { targetsWithProgress } from '../../src/services/target.service.js';
import { countByKindOn, findEverDescendantIds, findHistories, findUnitIdByCode } from '../../src/db/unit.repository.js';
import { countUnderOn } from '../../src/domain/summary.js';
import { signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

let db: Db;

const byName = async (at: string) => Object.fromEntries((await targetsWithProgress(db, at)).map((t) => [t.target.name, t.progress]));

describe('the Lào Cai demo’s targets', () => {
  beforeAll(async () => {
    db = await newDemoDb();
  }, 60_000);

  it('counts units in memory from the province’s history exactly as the SQL count does, on any date', async () => {
    const root = (await findUnitIdByCode(db, '10', '2020-01-01'))!;
    const versions = await findHistories(db, await findEverDescendantIds(db, root));
    const key = (rows: { kind: string; subtype: string; count: number }[]) => rows.map((r) => `${r.kind}/${r.subtype}=${r.count}`).sort();
    for (const date of ['2015-01-01', '2015-12-31', '2019-09-30', '2019-10-01', '2020-03-01', '2021-12-31', '2024-09-02', '2024-11-01', '2030-01-01']) {
      expect(key(countUnderOn(versions, root, date)), date).toEqual(key(await countByKindOn(db, date, root)));
    }
  });

  it('reports 19-NQ/TW’s first −10 % of public service units met on 31/12/2021 (853 → 757, −11.3 %)', async () => {
    const p = (await byName('2021-12-31'))['Giảm 10 % đơn vị sự nghiệp công lập đến 2021'];
    expect(p).toMatchObject({ baseline: 853, current: 757, goalValue: 767, reduced: 96, reducedPct: 11.3, achievedPct: 111.6, status: 'met' });
  });

  it('reports 39-NQ/TW’s payroll −10 % met on 31/12/2021 and the budget-paid staff of 19-NQ/TW too', async () => {
    const t = await byName('2021-12-31');
    expect(t['Tinh giản 10 % biên chế giai đoạn 2015–2021']).toMatchObject({ baseline: 27816, current: 24547, reducedPct: 11.8, status: 'met' });
    expect(t['Giảm 10 % viên chức hưởng lương ngân sách đến 2021']).toMatchObject({ baseline: 21729, current: 19117, reducedPct: 12, status: 'met' });
  });

  it('reports on 02/09/2024 the second −10 % under way and behind its straight path (757 → 720, 48.7 % of the goal)', async () => {
    const t = await byName('2024-09-02');
    expect(t['Giảm thêm 10 % đơn vị sự nghiệp công lập đến 2025']).toMatchObject({ baseline: 757, current: 720, goalValue: 681, reducedPct: 4.9, achievedPct: 48.7, expected: 706, status: 'behind' });
    expect(t['Giảm thêm 10 % viên chức hưởng lương ngân sách đến 2025']).toMatchObject({ baseline: 19117, current: 17935, reducedPct: 6.2, achievedPct: 61.8, status: 'behind' });
    expect(t['Sắp xếp xã chưa đạt 50 % tiêu chuẩn (minh hoạ)']).toMatchObject({ baseline: 164, current: 152, status: 'met' });
    expect(t['Sáp nhập thôn, tổ dân phố chưa đạt 50 % tiêu chuẩn (minh hoạ)']).toMatchObject({ baseline: 2852, current: 2205, reduced: 647, status: 'met' });
  });

  it('keeps staff consistent with the tree: no unit that ended holds anyone, merges are not counted as reductions', async () => {
    const res = await request(await signedInApp(db)).get('/api/staffing?root=10&at=2024-09-02&from=2015-12-31&to=2024-09-02');
    expect(res.status).toBe(200);
    expect(res.body.total.actual).toBe(28314);
    expect(res.body.total.reductions).toBe(res.body.total.leaving.early_retirement + res.body.total.leaving.outside_budget + res.body.total.leaving.resignation);
    const versions = await db.selectFrom('versions').select(['unit_id', 'valid_from', 'valid_to']).execute();
    const alive = new Set(versions.filter((v) => v.valid_from <= '2024-09-02' && (v.valid_to === null || v.valid_to > '2024-09-02')).map((v) => v.unit_id));
    const ended = [...new Set(versions.filter((v) => v.valid_from <= '2024-09-02' && !alive.has(v.unit_id)).map((v) => v.unit_id))];
    expect(ended.length).toBeGreaterThan(100);
    const staffOfEnded = await db.selectFrom('staff_movements').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('delta'), eb.lit(0)).as('n'))
      .where('unit_id', 'in', ended).where('moved_on', '<=', '2024-09-02').executeTakeFirst();
    expect(Number(staffOfEnded!.n)).toBe(0);
  });
});

describe('the dashboard of the demo', () => {
  it('shows the interview’s four figures linked to the changes behind them, one chart per target with its table, and serves Chart.js itself', async () => {
    const app = await signedInApp(db);
    const res = await request(app).get('/?at=2024-09-02');
    expect(res.status).toBe(200);
    for (const figure of ['−46 (17,7 %)', '−133 (15,6 %)', '−12 (7,3 %)', '−647 (22,7 %)']) expect(res.text).toContain(figure);
    expect(res.text).toContain('href="/changes?at=2024-09-02&amp;root=10&amp;from=2015-12-31&amp;to=2024-09-02&amp;kind=public_service_unit"');
    const island = JSON.parse(/<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(res.text)![1]);
    expect(island.map((c: { id: string }) => c.id)).toContain('staff-reductions');
    expect(island.filter((c: { type: string }) => c.type === 'line')).toHaveLength(8); // seven targets on the tree and staffing, one on a reported indicator
    expect(res.text).toContain('Chậm so với tiến độ: 757 ngày 31/12/2021 → 720 ngày 02/09/2024');
    const lib = await request(app).get('/assets/chart.js/chart.umd.min.js');
    expect(lib.status).toBe(200);
    expect(lib.text.length).toBeGreaterThan(100_000);
  });
});
