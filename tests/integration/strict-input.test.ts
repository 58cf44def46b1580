import ExcelJS from 'exceljs';
import type { Express } from 'express';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { importChanges, ImportError } from '../../src/services/import.service.js';
import { signedInApp } from '../support/auth.js';
import { newTestDb } from '../support/db.js';
import { smallProvince } from '../support/factories.js';

/** Issue 14, items 2 and 8: dates within 1900–2100, UTF-8 bodies, CSV by csv-parse, LIKE taken literally, XLSX text as text. */

let db: Db;
let app: Express;

const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
const movements = async () => (await db.selectFrom('staff_movements').selectAll().execute()).length;

async function formSession(path: string) {
  const agent = request.agent(app);
  const page = await agent.get(path);
  return { agent, token: csrf(page.text) };
}

function rename(code: string, name: string, decision: string) {
  return request(app).post('/api/changes').send({ type: 'rename', effectiveOn: '2020-01-01', decision: { number: decision }, unit: { code }, name });
}

beforeEach(async () => {
  db = await newTestDb();
  await smallProvince(db);
  app = await signedInApp(db);
});

describe('dates outside 1900–2100', () => {
  it('answers /?at=9999-12-31 with a quick 400 page in Vietnamese', async () => {
    const started = Date.now();
    const res = await request(app).get('/?at=9999-12-31');
    expect(res.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.text).toContain('Ngày 31/12/9999 (tham số at) nằm ngoài khoảng từ 01/01/1900 đến 31/12/2100.');
  });

  it('answers a date in view that is not a real date with a message, not today\'s tree', async () => {
    const res = await request(app).get('/tree?at=2024-02-30');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Ngày “30/02/2024” (tham số at) không phải là ngày có thật');
    expect((await request(app).get('/tree?at=hôm-nay')).status).toBe(400);
    expect((await request(app).get('/tree?at=')).status).toBe(200);
  });

  it('keeps reversed compare dates in the form, with a message that says what is wrong', async () => {
    const res = await request(app).get('/compare?from=2024-01-01&to=2020-01-01');
    expect(res.status).toBe(422);
    expect(res.text).toContain('“Đến ngày” phải bằng hoặc sau “Từ ngày”.');
    expect(res.text).toContain('value="2024-01-01"');
    expect(res.text).toContain('value="2020-01-01"');
  });

  it('refuses /tree?at=0001-01-01 and a far `to`, in English when asked', async () => {
    expect((await request(app).get('/tree?at=0001-01-01')).status).toBe(400);
    const en = await request(app).get('/staffing?lang=en&from=2019-01-01&to=2200-01-01');
    expect(en.status).toBe(400);
    expect(en.text).toContain('The date 01/01/2200 (parameter to) lies outside 01/01/1900 to 31/12/2100.');
  });

  it('answers the API with a 400 JSON, and refuses an out-of-range field of a body by its name', async () => {
    const summary = await request(app).get('/api/summary?from=0001-01-01&to=2020-01-01');
    expect(summary.status).toBe(400);
    expect(summary.body.errors[0].message).toContain('01/01/1900');
    const change = await request(app).post('/api/changes').send({ type: 'rename', effectiveOn: '2200-01-01', decision: { number: '1/QĐ' }, unit: { code: '90001' }, name: 'Xã Mới' });
    expect(change.status).toBe(422);
    expect(change.body.errors).toContainEqual({ path: 'effectiveOn', message: 'Ngày phải nằm trong khoảng từ 01/01/1900 đến 31/12/2100.' });
  });

  it('shows the message beside a form field and keeps the input', async () => {
    const { agent, token } = await formSession('/staffing/movements/new');
    const res = await agent.post('/staffing/movements').type('form').send({ _csrf: token, unit: '90001', category: 'cong_chuc', on: '1899-12-31', count: '5', reason: 'opening' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Ngày phải nằm trong khoảng từ 01/01/1900 đến 31/12/2100.');
    expect(res.text).toContain('value="1899-12-31"');
    expect(await movements()).toBe(0);
  });

  it('draws the dashboard at the far end of the range within 2 s', async () => {
    await request(app).post('/api/targets').send({ name: 'Giảm xã', metric: 'units', kind: 'commune', scope: '99', baselineOn: '2019-01-01', deadlineOn: '2025-12-31', goal: 'reduce_by', goalValue: 1, legalSource: '18-NQ/TW' }).expect(201);
    const started = Date.now();
    const res = await request(app).get('/?at=2100-12-31&from=1900-01-01');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    const charts = JSON.parse(/<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(res.text)![1]) as { labels: string[] }[];
    for (const c of charts) expect(c.labels.length).toBeLessThanOrEqual(125);
  });
});

describe('text that is not UTF-8', () => {
  it('refuses a JSON body with invalid UTF-8 (400) and stores nothing', async () => {
    const body = Buffer.concat([
      Buffer.from('{"type":"rename","effectiveOn":"2020-01-01","decision":{"number":"1/QĐ"},"unit":{"code":"90001"},"name":"Xã '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    // serialize: superagent would send a Buffer as JSON ({"type":"Buffer",…}), not as its bytes.
    const res = await request(app).post('/api/changes').set('content-type', 'application/json').serialize((b: unknown) => b as string).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe('Nội dung gửi lên không phải văn bản UTF-8 hợp lệ; không có gì được lưu.');
    expect(await db.selectFrom('changes').select('id').where('type', '=', 'rename').execute()).toEqual([]);
  });

  it('refuses a form whose %-escapes are not UTF-8', async () => {
    const { agent, token } = await formSession('/staffing/import');
    const res = await agent.post('/staffing/import?lang=en').type('form')
      .send(`_csrf=${encodeURIComponent(token)}&csv=unit%2Ccategory%2Con%2Ccount%2Creason%0A90001%2Ccong_chuc%2C2019-01-01%2C5%2Copening%C3%28`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('not valid UTF-8');
    expect(await movements()).toBe(0);
  });

  it('names each line of an imported file that is not UTF-8, and imports nothing', async () => {
    const header = 'change_ref,type,effective_date,decision,decision_date,from_code,from_name,to_code,to_name,note\n';
    const file = Buffer.concat([Buffer.from(`${header}X,rename,2020-03-01,1/NQ,,90001,,,Xã M`), Buffer.from([0xe1, 0x0a]), Buffer.from('Y,rename,2020-03-01,1/NQ,,90002,,,Xã N\n')]);
    const err = await importChanges(db, file, (e) => e.code, { username: 'test' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).errors).toEqual([{ row: 2, column: '*', message: 'not valid UTF-8' }]);
  });
});

describe('staffing CSV read by csv-parse', () => {
  const HEADER = 'unit,category,on,count,reason\n';

  async function importCsv(csv: string) {
    const { agent, token } = await formSession('/staffing/import');
    return agent.post('/staffing/import').type('form').send({ _csrf: token, csv });
  }

  it('refuses a row whose quote is never closed, naming its line', async () => {
    const res = await importCsv(`${HEADER}90001,cong_chuc,2019-01-01,5,opening\n90002,cong_chuc,2019-01-01,5,"opening\n`);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Dòng 3: dấu ngoặc kép mở ở đây không được đóng.');
    expect(await movements()).toBe(0);
  });

  it('reports every row with the wrong number of columns at once, and writes nothing', async () => {
    const res = await importCsv(`${HEADER}90001,cong_chuc,2019-01-01,5,opening,extra\n90002,cong_chuc,2019-01-01,5,opening\n90003,cong_chuc,2019-01-01\n`);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Dòng 2: có 6 cột, dòng tiêu đề có 5 cột.');
    expect(res.text).toContain('Dòng 4: có 3 cột, dòng tiêu đề có 5 cột.');
    expect(await movements()).toBe(0);
  });

  it('still imports quoted cells, CRLF lines and a BOM', async () => {
    const res = await importCsv(`\uFEFF${HEADER}"90001",cong_chuc,2019-01-01,5,opening\r\n90002,cong_chuc,2019-01-01,3,"opening"\r\n`);
    expect(res.status).toBe(303);
    expect(await movements()).toBe(2);
  });
});

describe('LIKE patterns taken literally', () => {
  beforeEach(async () => {
    await rename('90001', 'Xã Một', '50%/QĐ').expect(201);
    await rename('90002', 'Xã Hai', '501/QĐ').expect(201);
    await rename('90003', 'Xã Ba', 'A_B/QĐ').expect(201);
  });

  it('finds only the decisions holding a literal % or _', async () => {
    const percent = await request(app).get('/decisions?q=%25');
    expect(percent.text).toContain('50%/QĐ');
    expect(percent.text).not.toContain('501/QĐ');
    const underscore = await request(app).get('/decisions?q=_');
    expect(underscore.text).toContain('A_B/QĐ');
    expect(underscore.text).not.toContain('50%/QĐ');
  });

  it('filters the register by a decision number with %', async () => {
    const res = await request(app).get('/api/search?q=%25');
    expect(res.body.hits).toEqual([]);
    const changes = await request(app).get('/changes?decision=%25');
    expect(changes.text).toContain('50%/QĐ');
    expect(changes.text).not.toContain('501/QĐ');
  });
});

describe('XLSX exports', () => {
  it('keep text as text, without the apostrophe the CSV adds', async () => {
    await rename('90001', '=1+2', '-7/QĐ').expect(201);
    await rename('90002', '-Xã Hai', '8/QĐ').expect(201);
    const query = 'root=99&from=2019-06-01&to=2020-06-01';
    const xlsx = await request(app).get(`/compare/correspondence.xlsx?${query}`).buffer(true)
      .parse((res, done) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => done(null, Buffer.concat(chunks))); });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const cells: unknown[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c.value))));
    expect(cells).toContain('=1+2');
    expect(cells).toContain('-Xã Hai');
    expect(cells.filter((v) => typeof v === 'string' && v.startsWith("'"))).toEqual([]);
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    const csv = await request(app).get(`/compare/correspondence.csv?${query}`);
    expect(csv.text).toContain("'=1+2");
  });
});
