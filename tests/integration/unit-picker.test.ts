import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

let db: Db;
let app: Express;

interface Hit { id: number; ref: string; name: string; alive: boolean; state: string; pathText: string; details: string; note: string | null; endedOn: string | null; successors: { name: string }[] }
const search = async (q: string, at: string, more = '') => (await request(app).get(`/api/search?q=${encodeURIComponent(q)}&at=${at}${more}`).expect(200)).body as { total: number; summary: string; hits: Hit[]; words: { more: string } };
const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
/** The label a form shows beside a unit field. */
const picked = (html: string, id: string) => new RegExp(`<span class="picked[^"]*" id="${id}-picked">([\\s\\S]*?)</span>\\s*</div>`).exec(html)?.[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('the unit picker', () => {
  beforeAll(async () => {
    db = await newDemoDb();
    app = await signedInApp(db);
  });

  it('opens the tree one level at a time for picking: the top, then a ward\'s 12 tổ dân phố in numeric order, each with how many units it holds', async () => {
    const level = async (under: string, more = '') => (await request(app).get(`/api/search?under=${under}&at=2024-01-01${more}`).expect(200)).body as { total: number; summary: string; hits: (Hit & { children: number })[] };
    const top = await level('top');
    expect(top.hits.map((h) => h.name)).toEqual(['Tỉnh Lào Cai']);
    expect(top.summary).toBe('1 đơn vị ở cấp này');
    expect(top.hits[0].children).toBeGreaterThan(0);
    const kimTan = (await search('Phường Kim Tân', '2024-01-01')).hits[0];
    const wards = await level(`id:${kimTan.id}`);
    expect(wards.total).toBe(12);
    expect(wards.hits.map((h) => h.name)).toEqual(Array.from({ length: 12 }, (_, i) => `Tổ dân phố số ${i + 1}`));
    expect(wards.hits.every((h) => h.alive && h.children === 0 && h.pathText.startsWith('Phường Kim Tân › '))).toBe(true);
    const page = await level(`id:${kimTan.id}`, '&limit=5&offset=10');
    expect(page.hits.map((h) => h.name)).toEqual(['Tổ dân phố số 11', 'Tổ dân phố số 12']);
    expect(page.summary).toBe('12 đơn vị ở cấp này');
    const neither = await request(app).get('/api/search?at=2024-01-01');
    expect(neither.status).toBe(422);
    expect(JSON.stringify(neither.body)).toContain('Hãy gõ tên, mã hoặc chọn một cấp trên cây.');
  });

  it('narrows by the names of the ancestors: "số 5 kim tân" is Tổ dân phố số 5 of Phường Kim Tân', async () => {
    const found = await search('số 5 kim tân', '2024-01-01');
    expect(found.total).toBe(1);
    expect(found.hits[0]).toMatchObject({ name: 'Tổ dân phố số 5', alive: true, pathText: 'Phường Kim Tân › Thành phố Lào Cai › Tỉnh Lào Cai', details: `Tổ dân phố · không có mã · id:${found.hits[0].id}` });
    expect((await search('so 5 kim tan', '2024-01-01')).hits.map((h) => h.id)).toEqual([found.hits[0].id]);
    expect((await search('kim tân số 5', '2024-01-01')).hits[0].id).toBe(found.hits[0].id);
  });

  it('reaches all 20 Tổ dân phố số 5 a page at a time, says how many matched, and no two read the same', async () => {
    const first = await search('Tổ dân phố số 5', '2024-01-01', '&limit=10');
    expect(first.total).toBe(20);
    expect(first.hits).toHaveLength(10);
    expect(first.summary).toBe('20 đơn vị khớp, đang hiện 10. Gõ thêm tên xã, huyện để thu hẹp.');
    expect(first.words.more).toBe('Xem thêm 10 đơn vị');
    const second = await search('Tổ dân phố số 5', '2024-01-01', '&limit=10&offset=10');
    const all = [...first.hits, ...second.hits];
    expect(new Set(all.map((h) => h.id)).size).toBe(20);
    expect(all.every((h) => h.name === 'Tổ dân phố số 5' && h.alive)).toBe(true);
    expect(new Set(all.map((h) => `${h.pathText} ${h.details}`)).size).toBe(20);
    expect((await search('Tổ dân phố số 5', '2024-01-01')).summary).toBe('20 đơn vị khớp');
  });

  it('shows an ended unit greyed with its end and successor, in both languages', async () => {
    const [ended] = (await search('to dan pho so 15 kim tan', '2024-01-01')).hits;
    expect(ended).toMatchObject({ name: 'Tổ dân phố số 15', alive: false, state: 'ended', endedOn: '2019-04-01', successors: [{ name: 'Tổ dân phố số 2' }] });
    expect(ended.note).toBe('Đã chấm dứt từ ngày 01/04/2019; đơn vị kế thừa: Tổ dân phố số 2');
    const english = (await request(app).get('/api/search?q=to+dan+pho+so+15+kim+tan&at=2024-01-01&lang=en')).body;
    expect(english.hits[0].note).toBe('Ended on 01/04/2019; succeeded by Tổ dân phố số 2');
    expect(english.words.refused).toBe('cannot be picked: it does not exist on the effective date');
    const before = (await search('to dan pho so 15 kim tan', '2019-03-31')).hits[0];
    expect(before).toMatchObject({ alive: true, note: null });
  });

  it('puts exact and whole-word names and higher levels first: Xã Tà Chải before the Thôn Tả Chải', async () => {
    const hits = (await search('ta chai', '2024-06-01')).hits;
    expect(hits[0]).toMatchObject({ name: 'Xã Tà Chải', alive: true });
    expect(hits.slice(1, 5).every((h) => h.name === 'Thôn Tả Chải')).toBe(true);
  });

  it('finds a unit by its code or id:N, and a unit by a name it carried at another time', async () => {
    expect((await search('02647', '2024-01-01')).hits[0]).toMatchObject({ name: 'Phường Kim Tân', details: 'Phường · 02647 · id:15' });
    const byId = await search('id:15', '2024-01-01');
    expect(byId.hits.map((h) => h.name)).toEqual(['Phường Kim Tân']);
    const renamed = (await search('phuong pho moi', '2024-01-01')).hits.find((h) => h.name === 'Phường Lào Cai');
    expect(renamed).toMatchObject({ otherName: 'vào thời điểm khác mang tên Phường Phố Mới' });
  });

  it('answers nothing, with the reason, for a query that matches no unit', async () => {
    const none = await search('xyzzy quux', '2024-01-01');
    expect(none).toMatchObject({ total: 0, hits: [] });
    expect(none.summary).toContain('Không có đơn vị nào khớp “xyzzy quux”');
  });
});

describe('a change form sent back', () => {
  const tdp5 = async () => (await search('số 5 kim tân', '2024-01-01')).hits[0];
  const tdp6 = async () => (await search('số 6 kim tân', '2024-01-01')).hits[0];

  it('after a refusal, shows the units picked by name, type and path, not as bare ids', async () => {
    const [a, b] = [await tdp5(), await tdp6()];
    const agent = request.agent(app);
    const token = csrf((await agent.get('/changes/new?type=merge')).text);
    const res = await agent.post('/changes/preview').type('form')
      .send({ _csrf: token, type: 'merge', effectiveOn: '2024-01-01', decisionNumber: '', absorbed: a.ref, into: b.ref });
    expect(res.status).toBe(422);
    expect(picked(res.text, 'f-absorbed')).toBe(`Tổ dân phố số 5 Tổ dân phố · không có mã · ${a.ref} Phường Kim Tân › Thành phố Lào Cai › Tỉnh Lào Cai`);
    expect(picked(res.text, 'f-into')).toContain('Tổ dân phố số 6');
    expect(res.text).toMatch(new RegExp(`id="f-absorbed" name="absorbed" value="${a.ref}"[^>]*data-picked=`));
    expect(res.text).toMatch(/aria-describedby="f-absorbed-picked"/);
  });

  it('back from the preview ("Sửa lại") and opened from a unit page, shows the unit by name and path', async () => {
    const a = await tdp5();
    const agent = request.agent(app);
    const opened = await agent.get(`/changes/new?type=rename&unit=${a.ref}&at=2024-01-01`);
    expect(picked(opened.text, 'f-unit')).toContain('Tổ dân phố số 5 Tổ dân phố');
    expect(picked(opened.text, 'f-unit')).toContain('Phường Kim Tân › Thành phố Lào Cai');
    const back = await agent.post('/changes/form').type('form')
      .send({ _csrf: csrf(opened.text), type: 'rename', effectiveOn: '2024-01-01', decisionNumber: '1/QĐ', unit: a.ref, name: 'Tổ dân phố số 5A' });
    expect(back.status).toBe(200);
    expect(picked(back.text, 'f-unit')).toContain('Phường Kim Tân › Thành phố Lào Cai');
  });

  it('labels a unit typed by its code, and greys one that does not exist on the form’s date', async () => {
    const agent = request.agent(app);
    const token = csrf((await agent.get('/changes/new?type=rename')).text);
    const ended = (await search('to dan pho so 15 kim tan', '2024-01-01')).hits[0];
    const res = await agent.post('/changes/preview').type('form')
      .send({ _csrf: token, type: 'merge', effectiveOn: '2024-01-01', decisionNumber: '2/QĐ', absorbed: ended.ref, into: '02647' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(picked(res.text, 'f-into')).toContain('Phường Kim Tân Phường · 02647');
    expect(res.text).toContain(`<span class="picked ended" id="f-absorbed-picked">`);
    expect(picked(res.text, 'f-absorbed')).toContain('Đã chấm dứt từ ngày 01/04/2019; đơn vị kế thừa: Tổ dân phố số 2');
  });

  it('without the script, finds a unit typed by hand with its ward’s name, and says how many match a name alone', async () => {
    const agent = request.agent(app);
    const token = csrf((await agent.get('/changes/new?type=rename')).text);
    const form = { _csrf: token, type: 'rename', effectiveOn: '2024-01-01', decisionNumber: '4/QĐ', name: 'Tổ dân phố Kim Tân 5' };
    const found = await agent.post('/changes/preview').type('form').send({ ...form, unit: 'Tổ dân phố số 5 Kim Tân' });
    expect(found.status).toBe(200);
    expect(found.text).toContain('Tổ dân phố Kim Tân 5');
    const many = await agent.post('/changes/preview').type('form').send({ ...form, _csrf: csrf(found.text), unit: 'Tổ dân phố số 5' });
    expect(many.status).toBe(422);
    expect(many.text).toContain('Có 20 đơn vị khớp “Tổ dân phố số 5”');
  });
});
