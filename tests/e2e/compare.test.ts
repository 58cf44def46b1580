import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRun, openDemo, shot, type Demo } from './browser.js';

let demo: Demo;
let url: string;
let page: Page;

describe.skipIf(!canRun)('the compare page in a real browser', () => {
  beforeAll(async () => {
    demo = await openDemo();
    ({ url, page } = demo);
  });

  afterAll(() => demo?.close());

  it('colours ended, moved and changed units, shows the legend, and toggles to changes only', async () => {
    await page.goto(`${url}/compare?from=2019-12-01&to=2020-03-01&root=10&kind=commune&at=2020-03-01`);
    await expect.poll(() => page.locator('.cmp-legend li').count()).toBe(8);
    const bg = (sel: string) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await bg('tr.cmp-ended > td')).toBe('rgb(254, 243, 242)');
    expect(await bg('tr.cmp-moved > td')).toBe('rgb(239, 248, 255)');
    expect(await bg('tr.cmp-changed > td')).toBe('rgb(255, 248, 225)');
    expect(await page.locator('tr.cmp-same').count()).toBeGreaterThan(100);
    await page.getByRole('link', { name: 'Chỉ đơn vị có thay đổi' }).click();
    await expect.poll(() => page.locator('tr.cmp-row').count()).toBe(21);
    expect(await page.locator('tr.cmp-same').count()).toBe(0);
    expect(await page.locator('.cmp-toggle a[aria-current]').innerText()).toBe('Chỉ đơn vị có thay đổi');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'compare');
  });

  it('shows the whole country with its numbers and lists one province at a time', async () => {
    await page.goto(`${url}/compare?from=2019-12-01&to=2020-03-01&root=&at=2020-03-01`);
    await expect.poll(() => page.locator('.cmp-legend li').count()).toBe(8);
    expect(await page.locator('select[name="part"] option').allInnerTexts()).toContain('Tỉnh Lào Cai');
    expect(await page.locator('tr.cmp-ended').count()).toBeGreaterThan(0);
    expect(await page.locator('body').innerText()).toContain('Xã Long Phúc + Xã Long Khánh → Xã Phúc Khánh, 896/NQ-UBTVQH14, 01/03/2020');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'compare-country');
  });
});
