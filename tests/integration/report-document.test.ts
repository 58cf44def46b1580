import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import type { Express } from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { signedInApp } from '../support/auth.js';
import { newDemoDb } from '../support/db.js';

let db: Db;
let app: Express;
const PERIOD = 'from=2015-12-31&to=2025-07-01&root=10';
const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void) {
  const parts: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => parts.push(c));
  stream.on('end', () => done(null, Buffer.concat(parts)));
}

async function download(path: string, agent: request.Agent | request.SuperTest<request.Test> = request(app)): Promise<Buffer> {
  const res = await agent.get(path).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** The summary table as the screen shows it: each row's cells, as text. */
function screenSummary(html: string): string[][] {
  const section = /<section class="report-table report-body" id="summary">([\s\S]*?)<\/section>/.exec(html)![1];
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)![1];
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => decode(c[1]).trim()));
}

/** The text of each paragraph of word/document.xml, read with JSZip (no docx code involved). */
async function docxXml(buf: Buffer): Promise<string> {
  return (await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string'));
}

const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const shown = (v: unknown) => (typeof v === 'number' ? (v < 0 ? `\u2212${vi.format(-v)}` : vi.format(v)) : v === null || v === undefined ? '' : String(v));

beforeAll(async () => {
  db = await newDemoDb();
  app = await signedInApp(db);
});

describe('the report officials sign', () => {
  it('names the three decisions that changed the most units and counts the others, listed in full in the appendix', async () => {
    const html = (await request(app).get(`/reports?${PERIOD}`)).text;
    const communes = screenSummary(html).find((r) => r[0] === 'Xã')!;
    expect(communes.slice(1, 6)).toEqual(['164', '99', '65', '39,6', '7,3']);
    expect(communes[6]).toMatch(/^Nghị quyết 18-NQ\/TW \(2017\), Nghị quyết 653\/2019\/UBTVQH14; [^;]+; [^;]+; [^;]+ và 1 văn bản khác$/);
    const services = screenSummary(html).find((r) => r[0] === 'Đơn vị sự nghiệp')!;
    expect(services[6]).toMatch(/ và 111 văn bản khác$/);
    expect(services[6].length).toBeLessThan(120);
    expect(html).toContain('Phụ lục III. Danh mục văn bản làm căn cứ');
    const appendix = /id="decisions">([\s\S]*?)<\/section>/.exec(html)![1];
    expect(appendix).toContain('896/NQ-UBTVQH14');
    expect((appendix.match(/<tr>/g) ?? []).length).toBeGreaterThan(115);
    const en = (await request(app).get(`/reports?${PERIOD}&lang=en`)).text;
    expect(screenSummary(en).find((r) => r[0].startsWith('Commune'))![6]).toMatch(/ and 1 other document$/);
  });

  it('opens with links to the parts chosen, above them (a long page: issue 16, point 6)', async () => {
    const html = (await request(app).get(`/reports?${PERIOD}&choose=1&sections=summary&sections=decisions`)).text;
    const toc = /<nav class="page-toc"[\s\S]*?<\/nav>/.exec(html)![0];
    expect([...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual(['summary', 'decisions']);
    expect(toc).toContain('Phụ lục I. Danh mục văn bản làm căn cứ');
    expect(html.indexOf('class="page-toc"')).toBeLessThan(html.indexOf('id="summary"'));
  });

  it('shows only the sections chosen, and asks for one when none is ticked', async () => {
    const html = (await request(app).get(`/reports?${PERIOD}&choose=1&sections=summary&sections=decisions`)).text;
    expect(html).toContain('id="summary"');
    expect(html).toContain('id="decisions"');
    expect(html).not.toContain('id="changes"');
    expect(html).toContain('Phụ lục I. Danh mục văn bản làm căn cứ');
    expect(html).toContain('href="/reports/print?at=');
    expect(html).toMatch(/href="\/reports\.docx\?[^"]*sections=summary%2Cdecisions/);
    const none = await request(app).get(`/reports?${PERIOD}&choose=1`);
    expect(none.status).toBe(422);
    expect(none.text).toContain('Hãy chọn ít nhất một phần của báo cáo.');
    expect((await request(app).get(`/reports?${PERIOD}&choose=1&lang=en`)).text).toContain('Choose at least one part of the report.');
  });

  it('remembers the layout of Nghị định 30 per scope; a refused form keeps what was typed, with the message beside the field', async () => {
    const agent = request.agent(app);
    const page = await agent.get(`/reports?${PERIOD}`);
    const form = {
      _csrf: csrf(page.text), from: '2015-12-31', to: '2025-07-01', scope: '10', sections: 'summary',
      parentOffice: 'Ủy ban nhân dân tỉnh Lào Cai', office: 'Sở Nội vụ', number: '125/BC-SNV', place: 'Lào Cai', signedOn: '2025-07-15',
      docType: 'Báo cáo', subject: 'Kết quả sắp xếp tổ chức bộ máy giai đoạn 2015–2025', recipients: 'Bộ Nội vụ\nUBND tỉnh\nLưu: VT, TCBM',
      signerAuthority: 'KT. Giám đốc', signerTitle: 'Phó Giám đốc', signerName: 'Nguyễn Văn An',
    };
    const refused = await agent.post('/reports/layout').type('form').send({ ...form, office: '  ', signerName: 'Giữ lại' });
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/id="f-office-error">Trường này là bắt buộc\.</);
    expect(refused.text).toContain('value="Giữ lại"');
    const saved = await agent.post('/reports/layout').type('form').send({ ...form, _csrf: csrf(refused.text) });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/reports?from=2015-12-31&to=2025-07-01&root=10&sections=summary#layout');
    const html = (await agent.get(`/reports?${PERIOD}`)).text;
    for (const text of ['ỦY BAN NHÂN DÂN TỈNH LÀO CAI', 'SỞ NỘI VỤ', 'Số: 125/BC-SNV', 'Lào Cai, ngày 15 tháng 7 năm 2025', 'BÁO CÁO', 'Kết quả sắp xếp tổ chức bộ máy giai đoạn 2015–2025', 'Nơi nhận:', '- Bộ Nội vụ;', '- Lưu: VT, TCBM.', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn An']) {
      expect(decode(html)).toContain(text);
    }
    // Another scope keeps its own defaults.
    expect(decode((await request(app).get('/reports?from=2015-12-31&to=2025-07-01&root=15')).text)).not.toContain('125/BC-SNV');
  });

  it('refuses the layout form to a viewer', async () => {
    const viewer = await signedInApp(db, { username: 'viewer-report', role: 'viewer' });
    const agent = request.agent(viewer);
    const page = await agent.get(`/reports?${PERIOD}`);
    expect(page.text).not.toContain('action="/reports/layout"');
    const res = await agent.post('/reports/layout').type('form').send({ _csrf: csrf(page.text), scope: '10', office: 'X', place: 'Y', docType: 'Z', subject: 'S', signerTitle: 'T' });
    expect(res.status).toBe(403);
  });

  it('leaves the whole country\'s layout to administrators', async () => {
    const editor = await signedInApp(db, { username: 'editor-report', role: 'editor', scope: '15' });
    const agent = request.agent(editor);
    const page = await agent.get('/reports?from=2015-12-31&to=2025-07-01&root=');
    const res = await agent.post('/reports/layout').type('form')
      .send({ _csrf: csrf(page.text), from: '2015-12-31', to: '2025-07-01', scope: '', office: 'Bộ Nội vụ', place: 'Hà Nội', docType: 'Báo cáo', subject: 'S', signerTitle: 'Thứ trưởng' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-office-error">Chỉ quản trị viên được lưu thể thức báo cáo của cả nước\.</);
    expect(res.text).toContain('value="Hà Nội"');
  });

  it('writes the XLSX with the layout, the screen\'s figures, wrapped cells, a print area and A4 pages fitted to one page wide', async () => {
    const html = (await request(app).get(`/reports?${PERIOD}`)).text;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(`/reports.xlsx?${PERIOD}`)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo đơn vị', 'Sổ thay đổi', 'Văn bản', 'Kết quả khác']);
    const ws = wb.getWorksheet('Tổng hợp')!;
    const texts = [1, 2, 3, 4, 5].flatMap((r) => [1, 4].map((c) => String(ws.getCell(r, c).value ?? '')));
    for (const t of ['ỦY BAN NHÂN DÂN TỈNH LÀO CAI', 'SỞ NỘI VỤ', 'Số: 125/BC-SNV', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Lào Cai, ngày 15 tháng 7 năm 2025', 'BÁO CÁO', 'Kết quả sắp xếp tổ chức bộ máy giai đoạn 2015–2025']) expect(texts).toContain(t);
    expect(ws.getCell('A8').value).toBe('Loại đơn vị');
    const rows = ws.getRows(9, ws.rowCount - 8)!.filter((r) => typeof r.getCell(2).value === 'number');
    expect(rows.map((r) => [1, 2, 3, 4, 5, 6, 7].map((c) => shown(r.getCell(c).value)))).toEqual(screenSummary(html));
    expect(rows[0].getCell(7).alignment).toMatchObject({ wrapText: true });
    const all = ws.getRows(1, ws.rowCount)!.map((r) => String(r.getCell(1).value ?? '') + ' ' + String(r.getCell(4).value ?? ''));
    expect(all.join('\n')).toContain('Nơi nhận:');
    expect(all.join('\n')).toContain('Nguyễn Văn An');
    expect(ws.pageSetup).toMatchObject({ orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printArea).toMatch(/^A1:G\d+$/);
    expect(wb.getWorksheet('Sổ thay đổi')!.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
  });

  it('writes the DOCX in Times New Roman with the decree\'s margins, repeated table heads, the layout and the screen\'s figures', async () => {
    const html = (await request(app).get(`/reports?${PERIOD}&sections=summary,decisions`)).text;
    const xml = await docxXml(await download(`/reports.docx?${PERIOD}&sections=summary,decisions`));
    const text = decode(xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => `${p.replace(/<[^>]+>/g, '')}\n`).replace(/<[^>]+>/g, ''));
    for (const t of ['ỦY BAN NHÂN DÂN TỈNH LÀO CAI', 'SỞ NỘI VỤ', 'Số: 125/BC-SNV', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Lào Cai, ngày 15 tháng 7 năm 2025', 'BÁO CÁO', 'Nơi nhận:', '- Bộ Nội vụ;', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn An', 'Phụ lục I. Danh mục văn bản làm căn cứ']) {
      expect(text).toContain(t);
    }
    // Each row of the screen's summary is a row of the document's first table, cell for cell.
    const firstData = xml.split('<w:tbl>')[2];
    const docRows = [...firstData.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].slice(1).map((r) => [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => decode(c[1].replace(/<[^>]+>/g, ''))));
    expect(docRows).toEqual(screenSummary(html));
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/w:rFonts w:ascii="Times New Roman"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toMatch(/<w:sz w:val="26"\/>/);
  });
});
