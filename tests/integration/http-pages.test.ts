import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import type { Db } from '../../src/db/connection.js';
import { signedInApp } from '../support/auth.js';
import { unitStaffing } from '../../src/services/staffing.service.js';
import { newDemoDb } from '../support/db.js';

let db: Db;
let app: Express;

const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const idOf = async (code: string, at?: string) => (await request(app).get(`/api/units?code=${code}${at ? `&at=${at}` : ''}`)).body.units[0].id as number;
const versions = async () => Number((await db.selectFrom('versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** A browser-like session: cookies kept, the form's CSRF token read from the page. */
async function formSession(path: string) {
  const agent = request.agent(app);
  const page = await agent.get(path);
  return { agent, page, token: csrf(page.text) };
}

describe('pages', () => {
  beforeAll(async () => {
    db = await newDemoDb();
    app = await signedInApp(db);
  });

  it('shows the overview of the province in view, in Vietnamese by default', async () => {
    const res = await request(app).get('/?at=2024-09-02').set('Accept-Language', 'en-US');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Tỉnh Lào Cai');
    expect(res.text).toContain('Cây tổ chức');
    expect(res.text).toMatch(/2\.205/);
  });

  it('keeps English once chosen', async () => {
    const agent = request.agent(app);
    expect((await agent.get('/?lang=en')).text).toContain('Overview');
    const next = await agent.get('/tree');
    expect(next.text).toContain('Organisation tree');
    expect(next.text).toContain('<html lang="en">');
  });

  it('shows the tree on the date in the URL', async () => {
    const before = await request(app).get('/tree?root=085&at=2020-02-29');
    const after = await request(app).get('/tree?root=085&at=2020-03-01');
    expect(before.status).toBe(200);
    expect(before.text).toContain('Xã Bản Già');
    expect(after.text).not.toContain('Xã Bản Già');
    expect(after.text).toContain('Xã Tả Củ Tỷ');
    expect(after.text).toContain('value="2020-03-01"');
  });

  it('groups a long list of siblings by type, and a district\'s schools by level; a unit\'s link is never inside the disclosure', async () => {
    const district = await idOf('085', '2024-09-02');
    const res = await request(app).get(`/tree?root=id:${district}&at=2024-09-02`);
    expect(res.text).not.toMatch(/<summary>(?:(?!<\/summary>)[\s\S])*<a /);
    expect(res.text).toMatch(/<summary><span class="node-name">Xã<\/span><span class="node-meta">— 18<\/span><\/summary>/);
    const titles = [...res.text.matchAll(/<li class="type-group"><details ?><summary><span class="node-name">([^<]+)<\/span><span class="node-meta">— (\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(titles).toEqual(expect.arrayContaining([expect.stringMatching(/^Giáo dục · Mầm non \d+$/), expect.stringMatching(/^Giáo dục · Tiểu học \d+$/)]));
    expect(res.text).toContain('<li class="type-group"><details open><summary><span class="node-name">Xã</span>');
    const en = await request(app).get(`/tree?root=id:${district}&at=2024-09-02&lang=en`);
    expect(en.text).toContain('<span class="visually-hidden">Below Huyện Bắc Hà: </span>');
  });

  it('loads a branch on demand as a fragment', async () => {
    const res = await request(app).get(`/tree/children/${await idOf('02854')}?at=2020-03-01`);
    expect(res.status).toBe(200);
    expect(res.text.trim()).toMatch(/^<ul>/);
    expect(res.text).toMatch(/Thôn|Bản /);
  });

  it('finds a unit without diacritics, with its path and a link into the tree', async () => {
    const res = await request(app).get('/search?q=ta+cu+ty&at=2020-03-01');
    expect(res.text).toContain('Xã Tả Củ Tỷ');
    expect(res.text).toContain('Huyện Bắc Hà ›');
    expect(res.text).toMatch(/href="\/tree\?at=2020-03-01&amp;root=id%3A\d+&amp;focus=\d+#u\d+"/);
    const byCode = await request(app).get('/search?q=02854');
    expect(byCode.text).toContain('Xã Tả Củ Tỷ');
  });

  it('ranks search results by exactness and level: "ta chai" lists Xã Tà Chải ahead of the Thôn Tả Chải, alive or not', async () => {
    for (const at of ['2024-09-02', '2026-01-01']) {
      const res = await request(app).get(`/search?q=ta+chai&at=${at}`);
      const names = [...res.text.matchAll(/<a href="\/units\/\d+[^"]*"><strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
      expect(names[0], at).toBe('Xã Tà Chải');
      expect(names.filter((n) => n === 'Thôn Tả Chải').length, at).toBeGreaterThan(0);
    }
  });

  it('shows a unit with its timeline, decision and predecessor', async () => {
    const res = await request(app).get(`/units/${await idOf('02854')}?at=2020-03-01`);
    expect(res.text).toContain('896/NQ-UBTVQH14');
    expect(res.text).toContain('Xã Bản Già');
    expect(res.text).toContain('01/03/2020');
    expect((await request(app).get('/units/999999')).status).toBe(404);
    expect((await request(app).get('/units/abc')).status).toBe(404);
  });

  it('lists decisions and the changes each ordered', async () => {
    const list = await request(app).get('/decisions?q=896');
    expect(list.text).toContain('896/NQ-UBTVQH14');
    const id = /href="\/decisions\/(\d+)[^"]*">896\/NQ-UBTVQH14/.exec(list.text)![1];
    const one = await request(app).get(`/decisions/${id}`);
    expect(one.text).toContain('Xã Long Phúc');
    expect(one.text).toContain('Xã Phúc Khánh');
    expect((one.text.match(/<tr class="">/g) ?? []).length).toBe(11);
  });

  it('filters the register by the kind of unit a change wrote', async () => {
    const villages = await request(app).get('/changes?root=10&from=2015-12-31&to=2024-09-02&kind=village');
    const agencies = await request(app).get('/changes?root=10&from=2015-12-31&to=2024-09-02&kind=agency');
    const total = (html: string) => Number(/>([\d.]+) thay đổi/.exec(html)![1].replace(/\./g, ''));
    expect(total(agencies.text)).toBeGreaterThanOrEqual(44);
    expect(total(agencies.text)).toBeLessThan(total(villages.text));
    expect(agencies.text).toContain('Sở Giao thông vận tải – Xây dựng');
    expect(agencies.text).not.toContain('Thôn ');
  });

  it('filters the register by period, type and decision', async () => {
    const res = await request(app).get('/changes?from=2020-03-01&to=2020-03-01&type=reclassify&decision=896');
    expect(res.text).toContain('Thị trấn Si Ma Cai');
    expect(res.text).toMatch(/>1 thay đổi/);
  });

  it('previews a change, records it on confirmation and redirects to it with a message', async () => {
    const { agent, page: formPage, token } = await formSession('/changes/new?type=rename');
    expect(formPage.text.match(/<datalist id="recent-decisions">[\s\S]*?<\/datalist>/)![0].match(/<option value="[^"]+\/QĐ-UBND">/g)!.length).toBeGreaterThan(10);
    const form = { _csrf: token, type: 'rename', effectiveOn: '2025-01-01', decisionNumber: '77/QĐ-UBND', unit: '02854', name: 'Xã Tả Củ Tỷ Mới' };
    const before = await versions();
    const preview = await agent.post('/changes/preview').type('form').send(form);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Xem trước');
    expect(preview.text).toContain('Xã Tả Củ Tỷ Mới');
    expect(await versions()).toBe(before);
    const done = await agent.post('/changes').type('form').send({ ...form, _csrf: csrf(preview.text) });
    expect(done.status).toBe(303);
    const page = await agent.get(done.headers.location);
    expect(page.text).toContain('Đã ghi nhận thay đổi');
    expect(await versions()).toBe(before + 1);
  });

  it('previews a merge with the communes it removes as −1, the minus sign the dashboard uses', async () => {
    const { agent, token } = await formSession('/changes/new?type=merge');
    const res = await agent.post('/changes/preview').type('form')
      .send({ _csrf: token, type: 'merge', effectiveOn: '2026-01-01', decisionNumber: '80/QĐ-UBND', absorbed: '02680', into: '02683' });
    expect(res.status).toBe(200);
    const deltas = [...res.text.matchAll(/<td class="num delta down">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(deltas).toContain('\u22121');
    expect(deltas.filter((d) => d.includes('-'))).toEqual([]);
  });

  it('re-renders a refused change with the message beside the field and the input kept', async () => {
    const { agent, token } = await formSession('/changes/new?type=merge');
    const res = await agent.post('/changes/preview').type('form')
      .send({ _csrf: token, type: 'merge', effectiveOn: '2021-01-01', decisionNumber: '78/QĐ-UBND', absorbed: '02845', into: '02854', name: 'Tên giữ lại' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('class="field invalid"');
    expect(res.text).toContain('02845');
    expect(res.text).toContain('value="Tên giữ lại"');
    const refused = await agent.post('/changes/preview').type('form')
      .send({ _csrf: csrf(res.text), type: 'merge', effectiveOn: '2021-01-01', decisionNumber: '78/QĐ-UBND', absorbed: 'id:1', into: '02854' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Tỉnh Lào Cai');
    expect(refused.text).toContain('value="id:1"');
  });

  it('explains a change that a later one would contradict, in one sentence with one full stop', async () => {
    const { agent, token } = await formSession('/changes/new?type=merge');
    const res = await agent.post('/changes/preview').type('form')
      .send({ _csrf: token, type: 'merge', effectiveOn: '2019-06-30', decisionNumber: '79/QĐ-UBND', absorbed: '02872', into: '02839' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('không còn áp dụng được (Xã Tà Chải (02872) không tồn tại vào ngày 01/11/2024).');
  });

  it('asks where a dissolved unit’s staff go, beside the field, and records the dissolution once told', async () => {
    const hits = (await request(app).get('/api/search?q=phong+tu+phap&at=2024-12-31')).body.hits as { id: number; alive: boolean; path: string[] }[];
    const office = hits.find((h) => h.alive && h.path.includes('Huyện Si Ma Cai'))!;
    const { agent, token } = await formSession('/changes/new?type=dissolve');
    const form = { _csrf: token, type: 'dissolve', effectiveOn: '2025-01-01', decisionNumber: '90/QĐ-UBND', unit: `id:${office.id}` };
    const refused = await agent.post('/changes/preview').type('form').send(form);
    expect(refused.status).toBe(409);
    expect(refused.text).toMatch(/<div class="field invalid">\s*<label for="f-staffTo">/);
    expect(refused.text).toContain('cần nêu đơn vị tiếp nhận hoặc lý do nghỉ');
    const told = await agent.post('/changes/preview').type('form').send({ ...form, _csrf: csrf(refused.text), staffReason: 'transfer_out' });
    expect(told.status).toBe(200);
    expect(told.text).toContain('Chấm dứt');
  });

  it('splits a unit through the form, sending the staff the form names to the second new unit', async () => {
    const hits = (await request(app).get('/api/search?q=truong+chinh+tri&at=2024-12-31')).body.hits as { id: number; alive: boolean }[];
    const school = hits.find((h) => h.alive)!;
    const staffOf = async (id: number) => (await unitStaffing(db, id, '2025-02-01')).series.at(-1)!.actual;
    const before = await staffOf(school.id);
    expect(before.vien_chuc).toBeGreaterThan(3);
    const { agent, token } = await formSession('/changes/new?type=split');
    const form = {
      _csrf: token, type: 'split', effectiveOn: '2025-02-01', decisionNumber: '91/QĐ-UBND', unit: `id:${school.id}`,
      name1: 'Trường Chính trị tỉnh (cơ sở 1)', name2: 'Trường Chính trị tỉnh (cơ sở 2)', staff2_vien_chuc: '3',
    };
    const preview = await agent.post('/changes/preview').type('form').send(form);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('name="staff2_vien_chuc" value="3"');
    const done = await agent.post('/changes').type('form').send({ ...form, _csrf: csrf(preview.text) });
    expect(done.status).toBe(303);
    const split = (await request(app).get('/api/changes?from=2025-02-01&to=2025-02-01&root=10')).body.changes.find((c: { type: string }) => c.type === 'split');
    const [first, second] = split.input.into.map((u: { id: number }) => u.id);
    expect((await staffOf(second)).vien_chuc).toBe(3);
    expect((await staffOf(first)).vien_chuc).toBe(before.vien_chuc! - 3);
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await request(app).post('/changes').type('form').send({ type: 'rename', unit: '02854', name: 'X' });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('at ');
  });

  it('voids a change after a confirmation and shows it struck through', async () => {
    const changes = await request(app).get('/changes?type=rename');
    const id = /href="\/changes\/(\d+)[^"]*">#/.exec(changes.text)![1];
    const { agent, page, token } = await formSession(`/changes/${id}/void`);
    expect(page.text).toContain('Xác nhận huỷ');
    const missing = await agent.post(`/changes/${id}/void`).type('form').send({ _csrf: token });
    expect(missing.status).toBe(422);
    const done = await agent.post(`/changes/${id}/void`).type('form').send({ _csrf: csrf(missing.text), reason: 'Ghi nhầm', by: 'Lê Thị B' });
    expect(done.status).toBe(303);
    const after = await agent.get(done.headers.location);
    expect(after.text).toContain('đã huỷ');
    expect(after.text).toContain('Ghi nhầm');
    const register = await request(app).get('/changes?type=rename');
    expect(register.text).toContain('class="voided"');
  });

  it('groups a branch of more than 300 units by kind, each group loaded on demand', async () => {
    const schools = Array.from({ length: 301 }, (_, i) => ({ name: `Trường Mầm non Thử ${i + 1}`, kind: 'public_service_unit', subtype: 'giao_duc', parent: { code: '15' } }));
    expect((await request(app).post('/api/changes').send({ type: 'establish', effectiveOn: '2030-01-01', decision: { number: '1/QĐ-THỬ' }, units: schools })).status).toBe(201);
    const tree = await request(app).get('/tree?root=15&at=2030-01-01');
    expect(tree.text).toMatch(/data-src="\/tree\/children\/\d+\?at=2030-01-01&amp;kind=public_service_unit"/);
    expect(tree.text).not.toContain('Trường Mầm non Thử 1<');
    const unit = await request(app).get(`/units/${await idOf('15', '2030-01-01')}?at=2030-01-01`);
    expect(unit.text).toContain('kind=public_service_unit');
    const group = await request(app).get(`/tree/children/${await idOf('15', '2030-01-01')}?at=2030-01-01&kind=public_service_unit`);
    expect((group.text.match(/Trường Mầm non Thử/g) ?? []).length).toBe(301);
    expect(group.text).not.toContain('Xã ');
  });

  it('answers an unknown page with a 404 page', async () => {
    const res = await request(app).get('/khong-co');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Không tìm thấy trang này');
    // inside the site's layout: the header, the sections, the sign-out form (it was a bare page)
    expect(res.text).toMatch(/<nav class="main"[\s\S]*Cây tổ chức[\s\S]*Tiêu chuẩn/);
    expect(res.text).toContain('action="/logout"');
    expect(res.text).toContain('<title>404 · Không tìm thấy · ');
  });

  it('names what was not found in the user\'s language, inside the layout', async () => {
    const vi = await request(app).get('/units/999999');
    expect(vi.status).toBe(404);
    expect(vi.text).toContain('Không tìm thấy đơn vị id:999999.');
    expect(vi.text).toContain('<nav class="main"');
    const en = await request(app).get('/changes/999999?lang=en');
    expect(en.status).toBe(404);
    expect(en.text).toContain('Not found: change 999999.');
    expect(en.text).toContain('>Record a change</a>');
    await request(app).get('/?lang=vi');
  });

  it('marks the section a page belongs to: a change under the register, its form under recording', async () => {
    const current = (html: string) => [...html.matchAll(/<a href="[^"]*" aria-current=page>([^<]+)<\/a>/g)].map((m) => m[1]);
    const change = await db.selectFrom('changes').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(current((await request(app).get(`/changes/${change.id}`)).text)).toEqual(['Sổ thay đổi']);
    expect(current((await request(app).get('/changes')).text)).toEqual(['Sổ thay đổi']);
    expect(current((await request(app).get('/changes/new?type=merge')).text)).toEqual(['Ghi nhận thay đổi']);
    expect(current((await request(app).get('/decisions')).text)).toEqual(['Văn bản']);
  });

  it('shows a plan\'s history in Vietnam\'s time, not UTC', async () => {
    const plan = await db.selectFrom('plans').select('id').orderBy('id').executeTakeFirstOrThrow();
    const res = await request(app).get(`/plans/${plan.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('03/03/2025 09:00'); // the demo plan was created 2025-03-03T02:00Z
    expect(res.text).not.toContain(' UTC');
    const en = await request(app).get(`/plans/${plan.id}?lang=en`);
    expect(en.text).toMatch(/<strong>Submitted<\/strong> — .*10\/03\/2025 10:00/); // what was done, not the button's "Submit"
    await request(app).get('/?lang=vi'); // the signed-in session is shared by the tests
  });

  it('draws a refusal before the page locals with the site bar, not a bare page', async () => {
    const viewer = await signedInApp(db, { username: 'viewer-403', role: 'viewer' });
    const res = await request(viewer).get('/admin/users');
    expect(res.status).toBe(403);
    expect(res.text).toContain('<header class="site">');
    expect(res.text).toContain('Không được phép');
  });
});
