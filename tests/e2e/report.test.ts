import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRun, openDemo, shot, type Demo } from './browser.js';

let demo: Demo;
let url: string;
let page: Page;

/** Pages of a PDF as Chromium writes it (one page object per page, uncompressed dictionary). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe.skipIf(!canRun)('the report officials sign, in a real browser', () => {
  beforeAll(async () => {
    demo = await openDemo();
    ({ url, page } = demo);
  });

  afterAll(() => demo?.close());

  it('chooses the summary alone and prints it on one A4 page, with the title block and the signature', async () => {
    await page.goto(`${url}/reports?from=2015-12-31&to=2025-07-01&root=10`);
    for (const name of ['Phụ lục: theo đơn vị trực thuộc', 'Phụ lục: danh sách thay đổi', 'Phụ lục: danh mục văn bản', 'Phụ lục: kết quả khác (chỉ số báo cáo)']) await page.getByLabel(name).uncheck();
    await Promise.all([page.waitForURL(/sections=summary/), page.getByRole('button', { name: 'Xem', exact: true }).last().click()]);
    expect(await page.locator('section.report-table').count()).toBe(1);
    await page.getByRole('link', { name: 'Bản in (A4, phần đã chọn)' }).click();
    await page.waitForURL(/\/reports\/print\?/);
    expect(await page.locator('section.report-table').count()).toBe(1);
    const text = await page.locator('main').innerText();
    for (const t of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số:', 'Lào Cai, ngày', 'BÁO CÁO', 'Nơi nhận:', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']) expect(text).toContain(t);
    expect(text).toMatch(/và 111 văn bản khác/);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pageCount(pdf)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'report-summary-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('downloads the same report as DOCX and XLSX from the links beside the print view', async () => {
    await page.goto(`${url}/reports?from=2015-12-31&to=2025-07-01&root=10&sections=summary`);
    for (const [name, file] of [['Tải DOCX (Word)', /\.docx$/], ['Tải XLSX', /\.xlsx$/]] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      expect(download.suggestedFilename()).toMatch(file);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK');
    }
  });
});
