import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { changesBetween, resolveUnitRef } from '../../src/services/query.service.js';
import { scopeTimeline } from '../../src/services/timeline.service.js';
import { signedInApp } from '../support/auth.js';
import { record } from '../support/factories.js';
import { newDemoDb } from '../support/db.js';

let db: Db;
let app: Express;
let laoCai: number;
let yenBai: number;
let newLaoCai: number;

const datesOf = async (rootId: number | null, at = '2024-09-02') => (await scopeTimeline(db, rootId, at, 1_000)).stops.filter((s) => s.change).map((s) => s.on);
const stopOn = async (rootId: number, on: string) => {
  const t = await scopeTimeline(db, rootId, on);
  const s = t.stops[t.index];
  return { on: s.on, changes: s.change?.changes, decisions: s.change?.decisions, decision: s.change && t.decisions.get(s.change.decisionId)?.number };
};
/** The JSON island of a page's timeline. */
const island = (html: string) => JSON.parse(/<script type="application\/json" id="timeline-data">([^<]*)<\/script>/.exec(html)![1]) as { url: string; index: number; stops: [string, string][] };

describe('the timeline of a scope: the dates on which it changed', () => {
  beforeAll(async () => {
    db = await newDemoDb();
    app = await signedInApp(db);
    laoCai = await resolveUnitRef(db, '10', ['2024-09-02']);
    yenBai = await resolveUnitRef(db, '15', ['2025-03-01']);
    newLaoCai = await resolveUnitRef(db, '15', ['2025-07-01']);
  });

  it("gives Yên Bái its two dates: the list of 01/03/2025 it is recorded from, and the reform", async () => {
    expect(await datesOf(yenBai)).toEqual(['2025-03-01', '2025-07-01']);
    // 01/03/2025: the province, its 9 districts under one list… and, the same day, its 14 departments as they stood.
    expect(await stopOn(yenBai, '2025-03-01')).toMatchObject({ decision: 'Danh mục ĐVHC 01/03/2025', decisions: 2 });
  });

  it("gives the old Lào Cai the dates of its register, the resolutions among them with their decisions", async () => {
    const register = [...new Set((await changesBetween(db, { rootId: laoCai })).map((c) => c.effectiveOn))];
    const dates = await datesOf(laoCai);
    expect(dates).toEqual(register);
    expect(dates).toHaveLength(37);
    expect(dates[0]).toBe('2015-01-01');
    expect(dates.slice(-2)).toEqual(['2025-03-01', '2025-07-01']);
    // The real resolutions (DEMO: 767 Sa Pa a town, 896 nine merges, 1197 Tà Chải into Bắc Hà).
    expect(await stopOn(laoCai, '2015-01-01')).toMatchObject({ decision: 'Số liệu đầu kỳ 01/01/2015', decisions: 1 });
    expect(await stopOn(laoCai, '2019-10-01')).toMatchObject({ decision: '767/NQ-UBTVQH14' });
    expect(await stopOn(laoCai, '2020-03-01')).toMatchObject({ decision: '896/NQ-UBTVQH14', decisions: 1, changes: 11 });
    expect(await stopOn(laoCai, '2024-11-01')).toMatchObject({ decision: '1197/NQ-UBTVQH15', decisions: 1, changes: 1 });
  });

  it('follows the lineage: the new Lào Cai has both provinces’ dates, and Thị trấn Bắc Hà its own', async () => {
    const both = [...new Set([...(await datesOf(laoCai)), ...(await datesOf(yenBai))])].sort();
    expect(await datesOf(newLaoCai)).toEqual(both);
    expect((await stopOn(newLaoCai, '2025-03-01')).changes).toBe(11);
    const bacHa = await resolveUnitRef(db, '02839', ['2024-09-02']);
    expect(await datesOf(bacHa)).toEqual(['2015-01-01', '2019-07-01', '2020-01-01', '2024-11-01', '2025-07-01']);
  });

  it('puts the date in view between the changes around it, and keeps only the stops near it beyond the cap', async () => {
    const t = await scopeTimeline(db, laoCai, '2024-09-02');
    expect(t.stops[t.index]).toEqual({ on: '2024-09-02', change: null });
    expect([t.previous?.on, t.next?.on]).toEqual(['2024-08-01', '2024-11-01']);
    const capped = await scopeTimeline(db, laoCai, '2019-10-01', 9);
    expect(capped.stops.map((s) => s.on)).toEqual(['2019-04-01', '2019-07-01', '2019-08-01', '2019-09-01', '2019-10-01', '2019-11-01', '2020-01-01', '2020-03-01', '2020-07-01']);
    expect(capped.stops[capped.index].on).toBe('2019-10-01');
    expect([capped.hiddenBefore, capped.hiddenAfter]).toEqual([13, 15]);
    expect(capped.hiddenBefore + capped.stops.length + capped.hiddenAfter).toBe(37);
    const country = await datesOf(null);
    const all = await db.selectFrom('changes').select('effective_on').distinct().where('voided_at', 'is', null).orderBy('effective_on').execute();
    expect(country).toEqual(all.map((r) => r.effective_on));
  });

  it('draws the tree page’s timeline as links that keep the root, and a slider’s data', async () => {
    const res = await request(app).get('/tree?root=10&at=2024-09-02');
    expect(res.status).toBe(200);
    expect(res.text).toContain('class="scope-timeline"');
    expect(res.text).toContain('37 ngày có thay đổi trong phạm vi');
    expect(res.text).toContain('ngày đang xem, không có thay đổi trong phạm vi');
    expect(res.text).toContain('<a href="/tree?at=2024-08-01&amp;root=10" rel="prev">‹ Thay đổi trước (01/08/2024)</a>');
    expect(res.text).toContain('<a href="/tree?at=2024-11-01&amp;root=10" rel="next">Thay đổi sau (01/11/2024) ›</a>');
    const data = island(res.text);
    expect(data.stops).toHaveLength(38);
    expect(data.stops[data.index]).toEqual(['2024-09-02', '02/09/2024 — ngày đang xem, không có thay đổi']);
    expect(data.url).toBe('/tree?at=AT&root=10');
    expect(res.text).toContain('src="/assets/timeline.js"');

    const step = await request(app).get('/tree?root=10&at=2024-11-01');
    expect(step.text).toMatch(/<strong>01\/11\/2024<\/strong>\s*— <a href="\/decisions\/\d+\?at=2024-11-01">1197\/NQ-UBTVQH15<\/a>/);
    expect(step.text).toContain(`href="/changes?at=2024-11-01&amp;root=id%3A${laoCai}&amp;from=2024-11-01&amp;to=2024-11-01"`);
    expect(island(step.text).stops).toHaveLength(37);
    const en = await request(app).get('/tree?root=10&at=2024-11-01&lang=en');
    expect(en.text).toContain('1 change');
    expect(en.text).toContain('Previous change (01/08/2024)');
  });

  it('draws the tree of a root on dates before it existed as the units that held its scope then', async () => {
    const before = await request(app).get(`/tree?root=id:${newLaoCai}&at=2025-03-01`);
    expect(before.status).toBe(200);
    expect(before.text).not.toContain('Đơn vị này không tồn tại vào ngày đang xem');
    expect(before.text).toMatch(/phạm vi này gồm các đơn vị tiền thân: (Tỉnh Lào Cai, Tỉnh Yên Bái|Tỉnh Yên Bái, Tỉnh Lào Cai)\./);
    expect(before.text).toContain(`id="u${laoCai}"`);
    expect(before.text).toContain(`id="u${yenBai}"`);
    const earlier = await request(app).get(`/tree?root=id:${newLaoCai}&at=2024-09-02`);
    expect(earlier.text).toContain(`id="u${laoCai}"`);
    expect(earlier.text).toContain('Tỉnh Yên Bái: số liệu chỉ được ghi nhận từ ngày 01/03/2025');
    // The timeline's links keep the root: every position is the same scope.
    expect(island(earlier.text).url).toBe(`/tree?at=AT&root=id%3A${newLaoCai}`);
    const gone = await request(app).get(`/tree?root=id:${newLaoCai}&at=2000-01-01`);
    expect(gone.text).toContain('Đơn vị này không tồn tại vào ngày đang xem');
  });

  it('shows the timeline on the org chart (its depth kept) and on the dashboard (its baseline kept)', async () => {
    const chart = await request(app).get(`/units/${laoCai}/chart?at=2024-09-02&depth=1&show=territorial`);
    expect(chart.status).toBe(200);
    expect(island(chart.text).url).toBe(`/units/${laoCai}/chart?at=AT&depth=1&show=territorial`);
    expect(chart.text).toContain(`href="/units/${laoCai}/chart?at=2024-11-01&amp;depth=1&amp;show=territorial" rel="next"`);
    const two = await request(app).get(`/units/${laoCai}/chart?from=2024-01-01&to=2024-09-02&depth=1`);
    expect(two.text).not.toContain('scope-timeline');
    const home = await request(app).get('/?province=10&at=2024-09-02&from=2020-01-01');
    expect(home.status).toBe(200);
    expect(island(home.text).url).toBe('/?at=AT&from=2020-01-01');
    expect(home.text).toContain('href="/?at=2024-11-01&amp;from=2020-01-01" rel="next"');
    expect(Buffer.byteLength(home.text)).toBeLessThan(1_000_000);
  });

  it('sees a change recorded after the dates were kept, in its scope only', async () => {
    expect(await datesOf(yenBai)).toEqual(['2025-03-01', '2025-07-01']);
    await record(db, { type: 'rename', effectiveOn: '2025-05-01', unit: { code: '04249' }, name: 'Phường Yên Thịnh Mới' });
    expect(await datesOf(yenBai)).toEqual(['2025-03-01', '2025-05-01', '2025-07-01']);
    expect(await datesOf(laoCai)).not.toContain('2025-05-01');
    expect(await datesOf(newLaoCai)).toContain('2025-05-01');
  });
});
