import ExcelJS from 'exceljs';
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { csrfOf, signedInApp } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { smallProvince } from '../support/factories.js';

let db: Db;
let admin: Express;
let editor: Express;
let u: Awaited<ReturnType<typeof smallProvince>>;

/** A signed-in browser: GETs the page holding the form, then POSTs it with that page's CSRF token. */
async function post(app: Express, formPage: string, path: string, fields: Record<string, string | string[]>) {
  const agent = request.agent(app);
  const page = await agent.get(formPage);
  return { agent, res: await agent.post(path).type('form').send({ _csrf: csrfOf(page.text), ...fields }) };
}

const count = async (table: 'changes' | 'plan_proposals' | 'plan_transitions') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('plan pages', () => {
  let planId: number;

  beforeAll(async () => {
    db = await newTestDb();
    u = await smallProvince(db);
    admin = await signedInApp(db);
    editor = await signedInApp(db, { username: 'bien-tap', role: 'editor', scope: '901' });
  });

  it('creates a plan from the form; a bad date is refused beside its field with the input kept', async () => {
    const bad = await post(admin, '/plans/new', '/plans', { name: 'Phương án sáp nhập xã', scope: '99', baseOn: '2019-02-30', author: 'Nguyễn Văn A' });
    expect(bad.res.status).toBe(422);
    expect(bad.res.text).toMatch(/id="f-baseOn-error"[^>]*>[^<]*Ngày không hợp lệ/);
    expect(bad.res.text).toContain('value="Phương án sáp nhập xã"');
    const ok = await post(admin, '/plans/new', '/plans', { name: 'Phương án sáp nhập xã', scope: '99', baseOn: '2019-06-01', author: 'Nguyễn Văn A', description: 'Minh hoạ' });
    expect(ok.res.status).toBe(303);
    planId = Number(/\/plans\/(\d+)/.exec(ok.res.headers.location)![1]);
    const page = await ok.agent.get(`/plans/${planId}`);
    expect(page.text).toContain('Dự thảo');
    expect(page.text).toContain('Tỉnh Thử');
    expect((await request(admin).get('/plans')).text).toContain('Phương án sáp nhập xã');
  });

  it('edits the plan’s details while it is a draft', async () => {
    const form = await request(admin).get(`/plans/${planId}/edit`);
    expect(form.text).toContain('value="Phương án sáp nhập xã"');
    const bad = await post(admin, `/plans/${planId}/edit`, `/plans/${planId}`, { name: '', scope: '99', baseOn: '2019-06-01' });
    expect(bad.res.status).toBe(422);
    expect(bad.res.text).toContain('id="f-name-error"');
    const ok = await post(admin, `/plans/${planId}/edit`, `/plans/${planId}`, { name: 'Phương án sáp nhập xã', scope: '99', baseOn: '2019-06-01', description: 'Minh hoạ, bản sửa' });
    expect(ok.res.status).toBe(303);
    expect((await db.selectFrom('plans').select('description').where('id', '=', planId).executeTakeFirstOrThrow()).description).toBe('Minh hoạ, bản sửa');
  });

  it('takes proposals in the change forms, keeps one the engine refuses with its reason, reorders and removes them', async () => {
    const form = `/plans/${planId}/proposals/new?type=merge`;
    const typesPage = await request(admin).get(`/plans/${planId}/proposals/new`);
    expect(typesPage.text).toContain('Nhập, sáp nhập');
    const formPage = await request(admin).get(form);
    expect(formPage.text).toContain('name="absorbed"');
    expect(formPage.text).not.toContain('name="decisionNumber"');
    const empty = await post(admin, form, `/plans/${planId}/proposals`, { type: 'merge', absorbed: '', into: '90002' });
    expect(empty.res.status).toBe(422);
    expect(empty.res.text).toContain('id="f-absorbed-error"');
    const merge = await post(admin, form, `/plans/${planId}/proposals`, { type: 'merge', absorbed: ['90001', ''], into: 'Xã Nàn Sán', note: 'dưới chuẩn' });
    expect(merge.res.status).toBe(303);
    // Renaming the commune the merge just ended: saved, and refused by the engine on the plan page.
    const rename = await post(admin, `/plans/${planId}/proposals/new?type=rename`, `/plans/${planId}/proposals`, { type: 'rename', unit: `id:${u.c1}`, name: 'Xã Bản Mế Mới' });
    expect(rename.res.status).toBe(303);
    const page = await rename.agent.get(`/plans/${planId}`);
    expect(page.text).toContain('Đã lưu đề xuất số 2, nhưng không áp dụng được');
    expect(page.text).toMatch(/class="proposal refused"/);
    expect(page.text).toContain('<li>Đơn vị: Xã Bản Mế</li>'); // what was typed, the unit by its name
    expect(page.text).toContain('Chấm dứt: Xã Bản Mế (90001)');
    expect(await count('changes')).toBe(8);
    // Submitting is refused in the verb of the button clicked (Trình), not Ban hành.
    const submit = await post(admin, `/plans/${planId}`, `/plans/${planId}/submission`, {});
    expect(submit.res.text).toContain('Không thể trình: 1 đề xuất không còn áp dụng được trên cây tổ chức tại ngày gốc.');
    expect(submit.res.text).not.toContain('Không thể ban hành');
    const submitEn = await post(admin, `/plans/${planId}?lang=en`, `/plans/${planId}/submission?lang=en`, {});
    expect(submitEn.res.text).toContain('Not submitted: 1 proposal(s) do not apply to the tree of the base date.');
    expect(submitEn.res.text).not.toContain('Not enacted');
    // Moved above the merge, the rename applies.
    const proposals = await db.selectFrom('plan_proposals').select(['id']).where('plan_id', '=', planId).orderBy('position').execute();
    await post(admin, `/plans/${planId}`, `/plans/${planId}/proposals/${proposals[1].id}/move`, { direction: 'up' });
    const reordered = await request(admin).get(`/plans/${planId}`);
    expect(reordered.text).not.toMatch(/class="proposal refused"/);
    expect(reordered.text.indexOf('Đổi tên')).toBeLessThan(reordered.text.indexOf('Nhập, sáp nhập'));
    // Edited in the same form, the stored values shown again.
    const edit = await request(admin).get(`/plans/${planId}/proposals/${proposals[1].id}/edit`);
    expect(edit.text).toContain('value="Xã Bản Mế Mới"');
    // Removing asks first (a page that works without JavaScript; app.js asks in a dialog instead).
    const plan = await request(admin).get(`/plans/${planId}`);
    expect(plan.text).toMatch(new RegExp(`action="/plans/${planId}/proposals/${proposals[1].id}/removal" data-confirm="Xoá đề xuất số \\d khỏi phương án\\? Không khôi phục được."`));
    const { res: asked } = await post(admin, `/plans/${planId}`, `/plans/${planId}/proposals/${proposals[1].id}/removal`, {});
    expect(asked.status).toBe(200);
    expect(asked.text).toMatch(/<h1>Xoá đề xuất số \d \(.+\) khỏi phương án «[^»]+»\?<\/h1>/);
    expect(await count('plan_proposals')).toBe(2);
    await post(admin, `/plans/${planId}`, `/plans/${planId}/proposals/${proposals[1].id}/removal`, { confirmed: 'yes' });
    expect(await count('plan_proposals')).toBe(1);
  });

  it('shows the to-be tree with the changed units marked, the plan against the as-is, and two plans side by side', async () => {
    const tree = await request(admin).get(`/plans/${planId}/tree`);
    expect(tree.status).toBe(200);
    expect(tree.text).toMatch(/Xã Nàn Sán<\/a><\/span><span class="badge">Xã<\/span><span class="node-meta">mã 90002<\/span><span class="mark changed">/);
    expect(tree.text).toContain('Đơn vị chấm dứt');
    const cmp = await request(admin).get(`/plans/${planId}/compare`);
    expect(cmp.status).toBe(200);
    expect(cmp.text).toMatch(/cmp-row cmp-ended[\s\S]*Xã Bản Mế[\s\S]*Xã Nàn Sán/);
    expect(cmp.text).toContain('Xã Bản Mế + Xã Nàn Sán → Xã Nàn Sán, đề xuất 1');
    expect(cmp.text).toMatch(/<td>xã<\/td><td class="num">3<\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">33,3 %<\/td>/);
    const other = await post(admin, '/plans/new', '/plans', { name: 'Phương án giữ nguyên', scope: '99', baseOn: '2019-06-01', author: 'B' });
    const otherId = Number(/\/plans\/(\d+)/.exec(other.res.headers.location)![1]);
    const two = await request(admin).get(`/plans/compare?a=${planId}&b=${otherId}`);
    expect(two.status).toBe(200);
    expect(two.text).toMatch(/xã: trước → sau \(giảm\)<\/th><td class="num">3 → 2 \(1\)<\/td><td class="num">3 → 3 \(0\)<\/td>/);
  });

  it('exports the plan as XLSX in the style of a phương án, read back by exceljs, and prints it', async () => {
    const res = await request(admin).get(`/plans/${planId}.xlsx`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain(`phuong-an-${planId}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phương án', 'Các đề xuất', 'Quá trình']);
    const sheet = wb.worksheets[0];
    expect(sheet.getCell('A1').value).toBe('UBND TỈNH THỬ');
    expect(String(sheet.getCell('A3').value)).toContain('PHƯƠNG ÁN: PHƯƠNG ÁN SÁP NHẬP XÃ');
    const rows = sheet.getSheetValues().slice(7).map((r) => (r as unknown[]).slice(1));
    const merged = rows.find((r) => r[2] === 'Xã Nàn Sán')!;
    expect(merged.slice(0, 6)).toEqual([1, 'Nhập, sáp nhập', 'Xã Nàn Sán', '90002', 'Xã', 'Xã Bản Mế (30 km², 3.000 người) + Xã Nàn Sán (20 km², 2.500 người)']);
    expect(merged.slice(6, 8)).toEqual([50, 5500]);
    expect(wb.worksheets[2].getSheetValues().slice(7).map((r) => (r as unknown[]).slice(1, 3))).toEqual([['Tạo phương án', 'admin-test']]);
    const print = await request(admin).get(`/plans/${planId}/print`);
    expect(print.text).toContain('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(print.text).toContain('Xã Bản Mế (30 km², 3.000 người) + Xã Nàn Sán (20 km², 2.500 người)');
  });

  it('lets an editor draft and submit plans within their scope, but only an administrator approve', async () => {
    expect((await post(editor, `/plans/${planId}`, `/plans/${planId}/submission`, {})).res.status).toBe(403); // a province plan
    const created = await post(editor, '/plans/new', '/plans', { name: 'PA huyện', scope: '901', baseOn: '2019-06-01' });
    expect(created.res.status).toBe(303);
    const own = Number(/\/plans\/(\d+)/.exec(created.res.headers.location)![1]);
    expect((await post(editor, `/plans/${own}`, `/plans/${own}/proposals`, { type: 'rename', unit: '90001', name: 'Xã Mới' })).res.status).toBe(303);
    expect((await post(editor, `/plans/${own}`, `/plans/${own}/proposals`, { type: 'rename', unit: '90003', name: 'X' })).res.status).toBe(403);
    expect((await post(editor, `/plans/${own}`, `/plans/${own}/submission`, { comment: 'Kính trình' })).res.status).toBe(303);
    expect((await post(editor, `/plans/${own}`, `/plans/${own}/approval`, {})).res.status).toBe(403);
    expect((await request(editor).get(`/plans/${own}`)).text).not.toContain(`formaction="/plans/${own}/approval"`);
    expect((await request(admin).get(`/plans/${own}`)).text).toContain(`formaction="/plans/${own}/approval"`);
    const viewer = await signedInApp(db, { username: 'xem', role: 'viewer' });
    const seen = await request(viewer).get(`/plans/${own}`);
    expect(seen.status).toBe(200);
    expect(seen.text).not.toContain('formaction=');
    expect((await request(viewer).get('/plans')).text).not.toContain('href="/plans/new');
    const page = await request(admin).get(`/plans/${own}`);
    expect(page.text).toContain('Đã trình');
    expect(page.text).toMatch(/Trình<\/strong> — bien-tap/);
    expect(page.text).toContain('Kính trình');
    expect((await post(admin, `/plans/${planId}`, `/plans/${planId}/submission`, {})).res.status).toBe(303);
  });

  it('edits only drafts: a proposal added to a submitted plan is refused and nothing is written', async () => {
    const before = await count('plan_proposals');
    const res = await post(admin, `/plans/${planId}`, `/plans/${planId}/proposals`, { type: 'rename', unit: '90003', name: 'Xã Khác' });
    expect(res.res.status).toBe(303);
    expect((await res.agent.get(`/plans/${planId}`)).text).toContain('Chỉ sửa được phương án ở trạng thái dự thảo');
    expect(await count('plan_proposals')).toBe(before);
    const details = await post(admin, `/plans/${planId}`, `/plans/${planId}`, { name: 'Đổi tên', scope: '99', baseOn: '2019-06-01' });
    expect(details.res.status).toBe(409);
    expect(details.res.text).toContain('Chỉ sửa được phương án ở trạng thái dự thảo');
    expect((await db.selectFrom('plans').select('name').where('id', '=', planId).executeTakeFirstOrThrow()).name).toBe('Phương án sáp nhập xã');
    expect((await request(admin).get(`/plans/${planId}/proposals/new?type=rename`)).status).toBe(200); // the form, but saving is refused
  });

  it('approves, then enacts with a decision: the proposals become changes in the register', async () => {
    expect((await post(admin, `/plans/${planId}`, `/plans/${planId}/approval`, { comment: 'Đồng ý' })).res.status).toBe(303);
    const bad = await post(admin, `/plans/${planId}/enactment`, `/plans/${planId}/enactment`, { effectiveOn: '2019-08-01', decisionNumber: '' });
    expect(bad.res.status).toBe(422);
    expect(bad.res.text).toContain('id="f-decisionNumber-error"');
    const ok = await post(admin, `/plans/${planId}/enactment`, `/plans/${planId}/enactment`, { effectiveOn: '2019-08-01', decisionNumber: '15/NQ-HĐND', decisionSignedOn: '2019-07-25', decisionIssuer: 'HĐND tỉnh Thử' });
    expect(ok.res.status).toBe(303);
    expect(await count('changes')).toBe(9);
    const register = await request(admin).get('/changes?from=2019-08-01&to=2019-08-01');
    expect(register.text).toContain('15/NQ-HĐND');
    const page = await request(admin).get(`/plans/${planId}?lang=en`);
    expect(page.text).toContain('Enacted');
    const audit = await db.selectFrom('audit_log').select(['action', 'username']).where('entity', '=', 'plan').where('entity_id', '=', String(planId)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['plan.create', 'plan.proposal.add', 'plan.proposal.move', 'plan.proposal.remove', 'plan.submit', 'plan.approve', 'plan.enact']));
    expect(new Set(audit.map((a) => a.username))).toEqual(new Set(['admin-test']));
  });

  it('lists the conflicts and how to resolve them when the real tree changed since the base date', async () => {
    const created = await post(admin, '/plans/new', '/plans', { name: 'PA 2', scope: '99', baseOn: '2019-06-01', author: 'A' });
    const id = Number(/\/plans\/(\d+)/.exec(created.res.headers.location)![1]);
    await post(admin, `/plans/${id}`, `/plans/${id}/proposals`, { type: 'rename', unit: `id:${u.c1}`, name: 'Xã Một' });
    await post(admin, `/plans/${id}`, `/plans/${id}/submission`, {});
    await post(admin, `/plans/${id}`, `/plans/${id}/approval`, {});
    const before = await count('changes');
    const res = await post(admin, `/plans/${id}/enactment`, `/plans/${id}/enactment`, { effectiveOn: '2019-09-01', decisionNumber: '16/NQ-HĐND' });
    expect(res.res.status).toBe(409);
    expect(res.res.text).toContain('Đề xuất số</a>'.replace('</a>', ''));
    expect(res.res.text).toContain('Xã Bản Mế');
    expect(res.res.text).toContain('đổi ngày gốc');
    expect(await count('changes')).toBe(before);
  });
});
