import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import jsonld from 'jsonld';
import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCsv } from '../../src/services/export.service.js';
import { signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

let app: Express;
const PERIOD = 'from=2019-12-01&to=2020-03-01&root=10';
const ORG = 'http://www.w3.org/ns/org#';

function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void) {
  const parts: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => parts.push(c));
  stream.on('end', () => done(null, Buffer.concat(parts)));
}

async function download(path: string): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await request(app).get(path).buffer(true).parse(binary);
  return { status: res.status, type: res.headers['content-type'], body: res.body as Buffer };
}

async function workbook(path: string): Promise<ExcelJS.Workbook> {
  const { status, body } = await download(path);
  expect(status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  const db = await newDemoDb();
  app = await signedInApp(db);
});

describe('CSV exports', () => {
  it('write UTF-8 with a BOM, a header and the correspondence rows', async () => {
    const { status, type, body } = await download(`/compare/correspondence.csv?${PERIOD}&kind=commune`);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/csv/);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Mã (trước),Tên đơn vị (trước),Loại (trước),Mã (sau),Tên đơn vị (sau),Loại (sau),Toàn bộ / một phần,Tình trạng,Căn cứ pháp lý,Ngày hiệu lực');
    expect(lines).toContain('02995,Xã Long Phúc,Xã,02998,Xã Phúc Khánh,Xã,Toàn bộ,Chấm dứt,896/NQ-UBTVQH14,01/03/2020');
  });

  it('neutralise cells a spreadsheet would run as formulas, and leave numbers alone', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const rows = [{ a: '=HYPERLINK("http://x")', b: -5 }, { a: '+1', b: 2 }, { a: '-2', b: 0 }, { a: '@SUM(A1)', b: 1 }, { a: 'Xã A', b: 3 }];
    await writeCsv(out, { sheet: 's', title: 't', columns: [{ header: 'a', key: 'a', width: 5 }, { header: 'b', key: 'b', width: 5, type: 'int' }], rows });
    const lines = Buffer.concat(chunks).toString('utf8').slice(1).split('\r\n');
    expect(lines.slice(1, 6)).toEqual([`"'=HYPERLINK(""http://x"")",-5`, "'+1,2", "'-2,0", "'@SUM(A1),1", 'Xã A,3']);
  });

  it('export each table of the report, and 404 for a table that does not exist', async () => {
    const summary = (await download(`/reports/summary.csv?${PERIOD}`)).body.toString('utf8');
    // The demo's 18-NQ/TW target asks 12 of the 164 communes of 31/12/2018: 7,3 %. In Vietnamese the
    // decimals are written as on screen, with a comma (quoted, as the comma also separates the fields).
    expect(summary).toContain('\r\nXã,162,152,10,"6,2","7,3","Nghị quyết 18-NQ/TW (2017), Nghị quyết 653/2019/UBTVQH14; 896/NQ-UBTVQH14');
    const psu = (await download('/reports/summary.csv?from=2015-12-31&to=2021-12-31&root=10')).body.toString('utf8');
    expect(psu).toContain('\r\nĐơn vị sự nghiệp,853,757,96,"11,3",10,"Nghị quyết 19-NQ/TW (2017); ');
    expect(summary).toContain('\r\n— Phường,17,16,1,"5,9",,\r\n');
    const english = (await download(`/reports/summary.csv?${PERIOD}&lang=en`)).body.toString('utf8');
    expect(english).toMatch(/\r\n[^,\r\n]+,162,152,10,6\.2,7\.3,/);
    const changes = (await download(`/reports/changes.csv?${PERIOD}`)).body.toString('utf8');
    expect(changes).toContain('01/03/2020,"Nhập, sáp nhập",Xã Long Phúc + Xã Long Khánh → Xã Phúc Khánh,896/NQ-UBTVQH14');
    expect((await download(`/reports/nothing.csv?${PERIOD}`)).status).toBe(404);
  });

  it('answer 422 rather than a file for a bad query', async () => {
    expect((await download('/compare/correspondence.csv?from=2020-02-30&to=2020-03-01')).status).toBe(422);
  });
});

describe('XLSX exports', () => {
  it('hold the correspondence under a title block, with a bold frozen header and real dates', async () => {
    const wb = await workbook(`/compare/correspondence.xlsx?${PERIOD}&kind=commune`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bảng tương ứng']);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('UBND TỈNH LÀO CAI');
    expect(String(ws.getCell('A4').value)).toContain('Từ ngày 01/12/2019 đến ngày 01/03/2020');
    expect(ws.getCell('A6').value).toBe('Mã (trước)');
    expect(ws.getCell('A6').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(ws.getColumn(2).width).toBe(34);
    const row = ws.getRows(7, ws.rowCount - 6)!.find((r) => r.getCell(1).value === '02995')!;
    expect(row.getCell(5).value).toBe('Xã Phúc Khánh');
    expect(row.getCell(10).value).toEqual(new Date('2020-03-01T00:00:00Z'));
    expect(row.getCell(10).numFmt).toBe('dd/mm/yyyy');
  });

  it('put each table of the report on its own sheet with number formats', async () => {
    const wb = await workbook(`/reports.xlsx?${PERIOD}`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo đơn vị', 'Sổ thay đổi', 'Văn bản', 'Kết quả khác']);
    const ws = wb.getWorksheet('Tổng hợp')!;
    const commune = ws.getRows(9, ws.rowCount - 8)!.find((r) => r.getCell(1).value === 'Xã')!;
    expect([2, 3, 4, 5].map((c) => commune.getCell(c).value)).toEqual([162, 152, 10, 6.2]);
    expect(commune.getCell(2).numFmt).toBe('#,##0');
    expect(commune.getCell(5).numFmt).toBe('0.0');
    expect(commune.getCell(6).value).toBe(7.3);
    expect(String(commune.getCell(7).value)).toContain('896/NQ-UBTVQH14');
  });
});

describe('JSON-LD export', () => {
  it('expands with a real JSON-LD processor into organisations and change events of the Organization Ontology', async () => {
    const res = await request(app).get('/api/export.jsonld?at=2020-03-01&root=10');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const expanded = (await jsonld.expand(JSON.parse(res.text))) as Record<string, any>[];
    const orgs = expanded.filter((n) => n['@type']?.includes(`${ORG}Organization`));
    const events = expanded.filter((n) => n['@type']?.includes(`${ORG}ChangeEvent`));
    const iri = (name: string) => orgs.find((o) => o['http://www.w3.org/2004/02/skos/core#prefLabel'][0]['@value'] === name)!['@id'];
    const phucKhanh = iri('Xã Phúc Khánh');
    expect(orgs.find((o) => o['@id'] === phucKhanh)![`${ORG}subOrganizationOf`][0]['@id']).toBe(iri('Huyện Bảo Yên'));
    const merge = events.find((e) => e[`${ORG}resultingOrganization`].some((r: { '@id': string }) => r['@id'] === phucKhanh))!;
    expect(merge[`${ORG}originalOrganization`]).toHaveLength(1);
    expect(merge['http://www.w3.org/ns/prov#startedAtTime'][0]).toEqual({ '@type': 'http://www.w3.org/2001/XMLSchema#dateTime', '@value': '2020-03-01T00:00:00+07:00' });
    expect(events.length).toBeGreaterThan(9);
  });

  it('refuses an impossible date with 422', async () => {
    expect((await request(app).get('/api/export.jsonld?at=2020-02-30')).status).toBe(422);
  });
});
