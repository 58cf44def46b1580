import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { canRun, openDemoApp, shot, signIn } from './browser.js';
import { newUser } from '../support/auth.js';

describe.skipIf(!canRun)('the interview’s other results in a real browser', () => {
  let db: Db;
  let browser: Browser;
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, browser, url, close } = await openDemoApp());
  }, 120_000);

  afterAll(async () => close?.());

  it('sees the four indicators of the interview on the dashboard of 02/09/2024, drawn as their tables say', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, url, await newUser(db, 'viewer-indicators', 'viewer'));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${url}/?at=2024-09-02`);
    await page.click('a[href="#other-results"]');
    const sections = page.locator('section.indicator');
    await expect.poll(() => sections.count()).toBe(4);
    await page.waitForFunction(() => [...document.querySelectorAll('section.indicator canvas')].every((c) => (window as any).Chart?.getChart(c)));
    const headline = await sections.locator('p.words strong').allInnerTexts();
    expect(headline).toEqual(['437 văn bản', '152 người', '30 %', '15 tỷ đồng']);
    const drawn = await page.evaluate(() => [...document.querySelectorAll('section.indicator canvas')].map((c) => {
      const chart = (window as any).Chart.getChart(c);
      return { labels: chart.data.labels, last: chart.data.datasets.map((d: any) => d.data.at(-1)) };
    }));
    expect(drawn.map((d) => d.last)).toEqual([[293, 114, 30], [152, 60], [30], [15]]);
    expect(drawn[0].labels[0]).toBe('31/12/2021 (minh hoạ)');
    expect(await page.locator('section.indicator tr.illustrative .badge').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    mkdirSync('test-results', { recursive: true });
    // The section alone, in page coordinates (a full-page clip is measured from the top of the page, not of the window).
    const region = await page.evaluate(() => {
      const head = document.getElementById('other-results')!.getBoundingClientRect();
      const last = [...document.querySelectorAll('section.indicator')].at(-1)!.getBoundingClientRect();
      return { top: head.top + window.scrollY, bottom: last.bottom + window.scrollY };
    });
    await page.screenshot({ path: 'test-results/dashboard-other-results.png', fullPage: true, clip: { x: 0, y: region.top - 8, width: 1280, height: region.bottom - region.top + 16 } });
    await shot(page, 'dashboard-with-indicators');
    await page.close();
  }, 60_000);

  it('prints the report’s other results and keeps a refused figure beside its field', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, url, await newUser(db, 'admin-indicators', 'administrator'));
    await page.goto(`${url}/reports/print?root=10&from=2015-12-31&to=2024-09-02&sections=other-results`);
    const rows = await page.locator('#other-results tbody tr').allInnerTexts();
    expect(rows[0]).toContain('437');
    expect(rows.join('\n')).toContain('Đếm từ biến động biên chế');
    await shot(page, 'report-other-results-print');
    await page.goto(`${url}/indicators`);
    await page.locator('section.indicator').first().waitFor();
    await page.click('a[href^="/indicators/1/values/new"]');
    await page.fill('#f-on', '2024-09-02');
    await page.fill('#f-since', '2024-12-31');
    await page.fill('#f-province', '12,5');
    await Promise.all([page.waitForLoadState('load'), page.click('form.stack button[type=submit]')]);
    expect(await page.locator('#f-since-error').innerText()).toBe('“Tính từ ngày” phải bằng hoặc trước ngày số liệu.');
    expect(await page.inputValue('#f-province')).toBe('12,5');
    await shot(page, 'indicator-value-refused');
    await page.close();
  }, 60_000);
});
