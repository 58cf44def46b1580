import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { SelectQueryNode, TableNode, type KyselyPlugin } from 'kysely';
import type { Db } from '../../src/db/connection.js';
import { findUnitIdByCode } from '../../src/db/unit.repository.js';
import { findMergerCandidates, type CandidateReport } from '../../src/services/merger-candidates.service.js';
import { standardsAndRules } from '../../src/services/standard.service.js';
import { signedInApp } from '../support/auth.js';
import { newDemoDb, newTestDb } from '../support/db.js';

let db: Db;
let app: Express;

const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const standardCount = async () => Number((await db.selectFrom('standards').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function candidates(root: string, at: string, key: string): Promise<CandidateReport> {
  const rule = (await standardsAndRules(db)).rules.find((r) => r.key === key)!;
  return findMergerCandidates(db, (await findUnitIdByCode(db, root, at))!, at, rule);
}
const names = (r: CandidateReport) => r.groups.flatMap((g) => g.candidates.map((c) => c.unit.name));
const find = (r: CandidateReport, name: string) => r.groups.flatMap((g) => g.candidates).find((c) => c.unit.name === name);

async function formSession(path: string) {
  const agent = request.agent(app);
  const page = await agent.get(path);
  return { agent, page, token: csrf(page.text) };
}

/** A mountainous thị trấn standard an administrator types in (the test's own figures: half the seeded population). */
const THI_TRAN = { kind: 'commune', subtype: 'thi_tran', region: 'mountainous', areaKm2: '14', population: '4.000', source: 'Điều 9 Nghị quyết 1211/2016/UBTVQH13 (test)', validFrom: '2016-07-01' };

describe('standards and merger candidates on the Lào Cai demo', () => {
  beforeAll(async () => {
    db = await newDemoDb();
    app = await signedInApp(db);
  });

  it('seeds the standards of the law in every database, with source and validity', async () => {
    const fresh = await newTestDb();
    const { standards, rules } = await standardsAndRules(fresh);
    expect(standards.find((s) => s.subtype === 'xa' && s.region === 'mountainous' && s.validTo === '2025-12-01')).toMatchObject({ areaKm2: 50, population: 5000, validFrom: '2016-07-01' });
    expect(standards.find((s) => s.subtype === 'xa' && s.region === 'other')).toMatchObject({ areaKm2: 30, population: 8000 });
    expect(standards.filter((s) => s.kind === 'village').map((s) => `${s.subtype}/${s.region}=${s.households}`).sort()).toEqual([
      'ban/border=100', 'ban/northern_midlands_mountains=150', 'thon/border=100', 'thon/northern_midlands_mountains=150', 'to_dan_pho/northern_midlands_mountains=200',
    ]);
    expect(rules.map((r) => r.key)).toEqual(['nq-653-2019', 'nq-35-2023', 'nq-76-2025', 'tt-14-2018-50', 'tt-14-2018-100']);
  });

  it('finds Xã Tà Chải below 35/2023 in 2024 by both clauses: 5.02 / 50 km² = 10.04 %, 3,342 / 5,000 = 66.84 %', async () => {
    const r = await candidates('085', '2024-06-30', 'nq-35-2023');
    expect(names(r)).toEqual(['Xã Tà Chải', 'Thị trấn Bắc Hà']); // the furthest below first
    const ta = find(r, 'Xã Tà Chải')!;
    expect(ta.evaluation.ratios.area).toBeCloseTo((5.02 / 50) * 100, 10);
    expect(ta.evaluation.ratios.population).toBeCloseTo((3342 / 5000) * 100, 10);
    expect(ta.evaluation.reasons.map((x) => x.clause)).toEqual([0, 1]);
    const group = r.groups[0];
    expect(group.parent?.name).toBe('Huyện Bắc Hà');
    expect(group.siblings.map((s) => s.unit.name)).toContain('Xã Bản Liền');
    expect(group.siblings).toHaveLength(17); // the 19 commune-level units of Bắc Hà in 2024 but the two candidates
  });

  it('finds Thị trấn Bắc Hà below 35/2023 in 2024 by the seeded thị trấn standard: 1.47 / 14 = 10.5 %, 8,861 / 8,000 = 110.8 %', async () => {
    const r = await candidates('085', '2024-06-30', 'nq-35-2023');
    const bh = find(r, 'Thị trấn Bắc Hà')!;
    expect(bh.evaluation.ratios.area).toBeCloseTo((1.47 / 14) * 100, 10);
    expect(bh.evaluation.ratios.population).toBeCloseTo((8861 / 8000) * 100, 10);
    expect(bh.evaluation.reasons.map((x) => x.clause)).toEqual([1]); // not below 70 % of both, but below 20 % of area and 300 % of population
    expect(r.unassessed).toEqual([]);
  });

  it('is not below 653/2019 (50 % of both) in 2020: its population is 66.84 % of the standard', async () => {
    expect(names(await candidates('085', '2020-06-30', 'nq-653-2019'))).toEqual([]);
  });

  it('finds the villages of Xã Tà Chải below half of 150 households in mid-2019, the furthest below first', async () => {
    const r = await candidates('02872', '2019-06-30', 'tt-14-2018-50');
    // Its 15 thôn then: 120, 68, 36, 147, 52, 36, 175, 208, 160, 147, 170, 126, 188, 201, 112 households; below 75: four.
    expect(r.assessedCount).toBe(15);
    expect(names(r)).toEqual(['Thôn Hoà Thàng', 'Thôn Khe Mế', 'Thôn Pả Mế', 'Thôn Làng Thàng']);
    expect(find(r, 'Thôn Pả Mế')!.evaluation.ratios.households).toBeCloseTo((52 / 150) * 100, 10);
    expect(r.groups[0].siblings).toHaveLength(11);
  });

  it('and in 2024, after the village mergers, none below half but three below the full standard (112, 126, 147 < 150)', async () => {
    expect(names(await candidates('02872', '2024-06-30', 'tt-14-2018-50'))).toEqual([]);
    expect(names(await candidates('02872', '2024-06-30', 'tt-14-2018-100'))).toEqual(['Thôn Lùng Thàng', 'Thôn Sín Sán', 'Thôn Tả Pao']);
  });

  describe('over HTTP', () => {
    it('shows the standards with their source and validity', async () => {
      const res = await request(app).get('/standards?at=2024-06-30');
      expect(res.status).toBe(200);
      expect(res.text).toContain('Nghị quyết 1211/2016/UBTVQH13, sửa đổi bởi Nghị quyết 27/2022/UBTVQH15');
      expect(res.text).toContain('01/07/2016 – 01/12/2025');
      expect(res.text).toContain('Thông tư 14/2018/TT-BNV');
      expect(res.text).toContain('diện tích dưới 70 % và dân số dưới 70 %; hoặc diện tích dưới 20 % và dân số dưới 300 % tiêu chuẩn');
      expect(res.text).toContain('Tỉnh Lào Cai');
    });

    it('writes its notes for users, in the language in use, with no note left for the team', async () => {
      const vi = await request(app).get('/standards?at=2024-06-30');
      const en = await request(app).get('/standards?at=2024-06-30&lang=en');
      expect(vi.text).toContain('Thôn, bản thuộc xã biên giới.');
      expect(vi.text).not.toContain('Villages of border communes.');
      expect(en.text).toContain('Villages of border communes.');
      expect(en.text).toContain('The standard for townships (Article 9).');
      // The rules' short names are Vietnamese: in English their legal source and the rule in words say it.
      expect(vi.text).toContain('NQ 35/2023: dưới 70 % cả hai');
      expect(en.text).not.toContain('NQ 35/2023: dưới 70 % cả hai');
      for (const text of [vi.text, en.text]) for (const devNote of ['cần đối chiếu với văn bản / effective', 'project', 'dự án', ' / ']) expect(text).not.toContain(devNote);
    });

    it('offers the rules by their full names and judges a date by the rule in force then (NQ 653/2019 ended on 01/01/2022)', async () => {
      const selected = async (at: string) => /<input type="radio" name="rule" value="([^"]+)" checked> ([^<]*)</.exec((await request(app).get(`/standards/candidates?root=085&at=${at}`)).text)!.slice(1);
      expect(await selected('2020-06-30')).toEqual(['nq-653-2019', 'Nghị quyết 653/2019/UBTVQH14: diện tích dưới 50 % và dân số dưới 50 % tiêu chuẩn (01/01/2019 – 01/01/2022)']);
      expect((await selected('2024-06-30'))[0]).toBe('nq-35-2023');
      // After the last programme ended, its rule, not the first ever recorded.
      expect((await selected('2026-06-30'))[0]).not.toBe('nq-653-2019');
    });

    it('answers the standards and the candidates as JSON', async () => {
      const all = await request(app).get('/api/standards');
      expect(all.status).toBe(200);
      expect(all.body.standards.length).toBeGreaterThanOrEqual(8);
      expect(all.body.regions).toEqual([expect.objectContaining({ code: '10', regions: ['mountainous', 'northern_midlands_mountains'] })]);
      const res = await request(app).get('/api/standards/candidates?root=10&at=2024-06-30&rule=nq-35-2023');
      expect(res.status).toBe(200);
      expect(res.body.candidateCount).toBe(2);
      expect(res.body.candidates[0]).toMatchObject({ name: 'Xã Tà Chải', code: '02872', parent: { code: '085' }, reasons: [{ clause: 0 }, { clause: 1 }] });
      expect(res.body.candidates[0].ratios.area).toBeCloseTo(10.04, 10);
      expect(res.body.candidates[0].siblings.map((s: { name: string }) => s.name)).toContain('Xã Bản Liền');
      expect(res.body.candidates[1]).toMatchObject({ name: 'Thị trấn Bắc Hà', code: '02839', reasons: [{ clause: 1 }] });
    });

    it('refuses a candidates query without a scope or with an unknown rule (422)', async () => {
      expect((await request(app).get('/api/standards/candidates?at=2024-06-30')).status).toBe(422);
      const res = await request(app).get('/api/standards/candidates?root=10&at=2024-06-30&rule=nq-1-1999');
      expect(res.status).toBe(422);
      expect(res.body.errors[0]).toMatchObject({ path: 'rule' });
    });

    it('lists the candidates with their ratios, colour-coded, their parent and neighbours', async () => {
      const res = await request(app).get('/standards/candidates?root=085&at=2024-06-30&rule=nq-35-2023');
      expect(res.status).toBe(200);
      expect(res.text).toContain('Xã Tà Chải');
      expect(res.text).toContain('<span class="ratio-far">10,04 %</span>');
      expect(res.text).toContain('<span class="ratio-below">66,84 %</span>');
      expect(res.text).toContain('Huyện Bắc Hà');
      expect(res.text).toMatch(/Đơn vị cùng cấp[\s\S]*Xã Bản Liền/);
      expect(res.text).toContain('Thị trấn Bắc Hà');
      const en = await request(app).get('/standards/candidates?root=085&at=2024-06-30&rule=nq-35-2023&lang=en');
      expect(en.text).toContain('Units below standard');
      expect(en.text).toContain('area 10.04 % &lt; 70 % and population 66.84 % &lt; 70 %');
      expect(en.text).toContain('<abbr title="population">pop.</abbr> <span class="ratio-meets">186.46 %</span>');
    });

    it('starts a draft plan from the candidates: scope, date and the list, for the planner to complete', async () => {
      const { agent, page } = await formSession('/standards/candidates?root=085&at=2024-06-30&rule=nq-35-2023');
      const form = /<form method="post" action="\/plans"[\s\S]*?<\/form>/.exec(page.text)![0];
      const fields = Object.fromEntries([...form.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')]));
      expect(fields).toMatchObject({ scope: expect.stringMatching(/^id:\d+$/), baseOn: '2024-06-30' });
      const res = await agent.post('/plans').type('form').send(fields);
      expect(res.status).toBe(303);
      const plan = await db.selectFrom('plans').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(plan).toMatchObject({ status: 'draft', base_on: '2024-06-30', scope_unit_id: await findUnitIdByCode(db, '085', '2024-06-30') });
      expect(plan.name).toContain('Nghị quyết 35/2023/UBTVQH15');
      expect(plan.description).toContain('- Xã Tà Chải (02872), Huyện Bắc Hà: diện tích 10,04 % < 70 % và dân số 66,84 % < 70 %');
      expect(res.headers.location).toBe(`/plans/${plan.id}`);
    });

    it('reads the standards and the merger rules once per candidates request, page and API alike', async () => {
      const reads = new Map<string, number>();
      const counter: KyselyPlugin = {
        transformQuery({ node }) {
          if (SelectQueryNode.is(node)) for (const f of node.from?.froms ?? []) if (TableNode.is(f)) reads.set(f.table.identifier.name, (reads.get(f.table.identifier.name) ?? 0) + 1);
          return node;
        },
        transformResult: async ({ result }) => result,
      };
      const counted = await signedInApp(db.withPlugin(counter));
      const readsOf = async (path: string) => {
        reads.clear();
        expect((await request(counted).get(path)).status).toBe(200);
        return { standards: reads.get('standards'), rules: reads.get('merger_rules') };
      };
      expect(await readsOf('/standards/candidates?root=085&at=2024-06-30&rule=nq-35-2023')).toEqual({ standards: 1, rules: 1 });
      expect(await readsOf('/standards/candidates?root=085&at=2024-06-30')).toEqual({ standards: 1, rules: 1 });
      expect(await readsOf('/api/standards/candidates?root=085&at=2024-06-30&rule=nq-35-2023')).toEqual({ standards: 1, rules: 1 });
    });

    it('pages through the villages of the province, twenty parents a page', async () => {
      const first = await request(app).get('/standards/candidates?root=10&at=2024-06-30&rule=tt-14-2018-100');
      expect(first.text).toContain('Trang 1/8');
      const last = await request(app).get('/standards/candidates?root=10&at=2024-06-30&rule=tt-14-2018-100&page=8');
      expect(last.text).toContain('Trang 8/8');
      expect((last.text.match(/class="candidate-group"/g) ?? []).length).toBe(151 - 7 * 20);
    });

    it('refuses a bad standard beside its field, keeps the input, writes nothing', async () => {
      const before = await standardCount();
      const { agent, token } = await formSession('/standards/new');
      const res = await agent.post('/standards').type('form').send({ _csrf: token, ...THI_TRAN, areaKm2: 'abc' });
      expect(res.status).toBe(422);
      expect(res.text).toMatch(/id="f-areaKm2-error"/);
      expect(res.text).toContain('value="abc"');
      expect(res.text).toContain('value="Điều 9 Nghị quyết 1211/2016/UBTVQH13 (test)"');
      const dates = await agent.post('/standards').type('form').send({ _csrf: csrf(res.text), ...THI_TRAN, validTo: '2016-01-01' });
      expect(dates.status).toBe(422);
      expect(dates.text).toMatch(/id="f-validTo-error">Ngày hết hiệu lực phải sau ngày có hiệu lực\./);
      expect(dates.text).toContain('value="2016-01-01"');
      const village = await agent.post('/standards').type('form').send({ _csrf: csrf(dates.text), ...THI_TRAN, kind: 'village' });
      expect(village.status).toBe(422);
      expect(village.text).toMatch(/id="f-subtype-error">Loại đơn vị này không thuộc cấp đã chọn\./);
      expect(village.text).toMatch(/id="f-households-error"/);
      expect(await standardCount()).toBe(before);
    });

    it('refuses standards and regions to anyone but an administrator', async () => {
      const editor = await signedInApp(db, { username: 'editor-std', role: 'editor', scope: '15' });
      expect((await request(editor).get('/standards/new')).status).toBe(403);
      expect((await request(editor).get('/standards')).text).not.toContain('Thêm tiêu chuẩn');
      const agent = request.agent(editor);
      const token = csrf((await agent.get('/standards')).text);
      expect((await agent.post('/standards').type('form').send({ _csrf: token, ...THI_TRAN })).status).toBe(403);
      expect((await agent.post('/standards/regions').type('form').send({ _csrf: token, unit: '02872', regions: 'border' })).status).toBe(403);
      expect((await agent.post('/standards/rules').type('form').send({ _csrf: token, key: 'x-1' })).status).toBe(403);
    });

    it('after an administrator records the thị trấn standard, Thị trấn Bắc Hà is a candidate too: 1.47 / 14 = 10.5 %, 8,861 / 4,000 = 221.5 %', async () => {
      const { agent, token } = await formSession('/standards/new');
      const res = await agent.post('/standards').type('form').send({ _csrf: token, ...THI_TRAN });
      expect(res.status).toBe(303);
      const r = await candidates('10', '2024-06-30', 'nq-35-2023');
      expect(names(r)).toEqual(['Xã Tà Chải', 'Thị trấn Bắc Hà']); // one group; the furthest below (66.84 % < 221.5 %) first
      const bh = find(r, 'Thị trấn Bắc Hà')!;
      expect(bh.evaluation.ratios.area).toBeCloseTo((1.47 / 14) * 100, 10);
      expect(bh.evaluation.ratios.population).toBeCloseTo((8861 / 4000) * 100, 10);
      expect(bh.evaluation.reasons.map((x) => x.clause)).toEqual([1]); // 221.5 % is not below 70 %, but below 300 %
      // From 01/11/2024 Bắc Hà holds Tà Chải: 6.49 km² = 46.4 %, 12,203 people = 305 % — no longer below.
      expect(names(await candidates('10', '2024-11-01', 'nq-35-2023'))).toEqual([]);
    });

    it('edits a standard: the form shows its values and the change applies at once', async () => {
      const id = (await db.selectFrom('standards').select('id').where('subtype', '=', 'thi_tran').where('region', '=', 'mountainous').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
      const { agent, page, token } = await formSession(`/standards/${id}/edit`);
      expect(page.text).toContain('value="14"');
      const res = await agent.post(`/standards/${id}`).type('form').send({ _csrf: token, ...THI_TRAN, population: '2.900' });
      expect(res.status).toBe(303);
      expect(names(await candidates('085', '2024-06-30', 'nq-35-2023'))).toEqual(['Xã Tà Chải']); // 8,861 / 2,900 = 305.6 %
    });

    it('adds and edits a merger rule typed in words, refusing what does not read, with an audit entry', async () => {
      const { agent, token } = await formSession('/standards/rules/new');
      const rule = { key: 'thu-15-100', name: 'Thử', kind: 'commune', clauses: 'diện tích < 15 % và dân số < 100 %', source: 'Thử nghiệm', validFrom: '2024-01-01' };
      const bad = await agent.post('/standards/rules').type('form').send({ _csrf: token, ...rule, key: 'Bad Key', clauses: 'diện tích < abc\nsố hộ < 50 %' });
      expect(bad.status).toBe(422);
      expect(bad.text).toMatch(/id="f-key-error">Mã quy định gồm chữ thường/);
      expect(bad.text).toMatch(/id="f-clauses-error">Mỗi dòng một trường hợp/);
      expect(bad.text).toContain('diện tích &lt; abc\nsố hộ &lt; 50 %</textarea>');
      const taken = await agent.post('/standards/rules').type('form').send({ _csrf: csrf(bad.text), ...rule, key: 'nq-35-2023' });
      expect(taken.text).toMatch(/id="f-key-error">Đã có quy định mang mã nq-35-2023\./);
      const households = await agent.post('/standards/rules').type('form').send({ _csrf: csrf(taken.text), ...rule, clauses: 'số hộ < 50 %' });
      expect(households.text).toMatch(/id="f-clauses-error"/); // households are not a commune's measure
      const ok = await agent.post('/standards/rules').type('form').send({ _csrf: csrf(households.text), ...rule });
      expect(ok.status).toBe(303);
      expect(names(await candidates('085', '2024-06-30', 'thu-15-100'))).toEqual(['Xã Tà Chải']); // 10.04 % < 15 %, 66.84 % < 100 %
      const id = (await db.selectFrom('merger_rules').select('id').where('key', '=', 'thu-15-100').executeTakeFirstOrThrow()).id;
      const edit = await formSession(`/standards/rules/${id}/edit`);
      expect(edit.page.text).toContain('diện tích &lt; 15 % và dân số &lt; 100 %</textarea>');
      const done = await edit.agent.post(`/standards/rules/${id}`).type('form').send({ _csrf: edit.token, ...rule, key: 'ignored', clauses: 'area < 10 % and population < 100 %' });
      expect(done.status).toBe(303);
      expect(names(await candidates('085', '2024-06-30', 'thu-15-100'))).toEqual([]); // 10.04 % is not below 10 %
      const audit = await db.selectFrom('audit_log').select(['action', 'username']).where('entity', '=', 'merger_rule').execute();
      expect(audit).toEqual([{ action: 'rule.create', username: 'admin-test' }, { action: 'rule.edit', username: 'admin-test' }]);
    });

    it('sets a border region on a commune: its villages are measured against 100 households', async () => {
      const { agent, token } = await formSession('/standards');
      const bad = await agent.post('/standards/regions').type('form').send({ _csrf: token, unit: '99999', regions: 'border' });
      expect(bad.status).toBe(422);
      expect(bad.text).toMatch(/id="f-unit-error">Không tìm thấy đơn vị/);
      expect(bad.text).toContain('value="99999"');
      const ok = await agent.post('/standards/regions?at=2019-06-30').type('form').send({ _csrf: csrf(bad.text), unit: '02872', regions: 'border' });
      expect(ok.status).toBe(303);
      expect(names(await candidates('02872', '2019-06-30', 'tt-14-2018-50'))).toEqual(['Thôn Hoà Thàng', 'Thôn Khe Mế']); // 36 < 50
      const page = await request(app).get('/standards/candidates?root=02872&at=2019-06-30&rule=tt-14-2018-50');
      expect(page.text).toContain('<span class="ratio-far">36 %</span>');
      const cleared = await agent.post('/standards/regions?at=2019-06-30').type('form').send({ _csrf: csrf((await agent.get('/standards')).text), unit: '02872' });
      expect(cleared.status).toBe(303);
      expect(names(await candidates('02872', '2019-06-30', 'tt-14-2018-50'))).toHaveLength(4);
    });
  });
});
