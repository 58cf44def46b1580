import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRun, openDemo, shot, type Demo } from './browser.js';

describe.skipIf(!canRun)('the guide in the app, in a real browser', () => {
  let demo: Demo;
  beforeAll(async () => { demo = await openDemo(); }, 180_000);
  afterAll(async () => demo?.close());

  it('opens from a screen\'s own help link at its section, follows a link to another page, and switches to English', async () => {
    const page = demo.page;
    await page.goto(`${demo.url}/compare?root=10&from=2019-12-01&to=2024-11-01`);
    await page.screenshot({ path: 'test-results/help-link-compare.png', clip: { x: 0, y: 0, width: 1280, height: 400 } });
    await Promise.all([page.waitForURL(/\/help\/compare$/), page.click('.page-help a')]);
    expect(await page.locator('main h1').innerText()).toBe('So sánh và xuất dữ liệu');
    await shot(page, 'help-compare-vi');
    await page.goto(`${demo.url}/help/staffing#the-dashboard`);
    expect(await page.evaluate(() => document.getElementById('the-dashboard')!.getBoundingClientRect().top)).toBeLessThan(50);
    await Promise.all([page.waitForURL(/\/help\/imports#staffing-movements$/), page.click('a[href="/help/imports#staffing-movements"]')]);
    expect(await page.locator('#staffing-movements').innerText()).toBe('Biến động biên chế');
    await page.goto(`${demo.url}/help`);
    expect(await page.locator('main').innerText()).toContain('(tiếng Anh)');
    await shot(page, 'help-index-vi');
    await page.click('nav.lang a[lang="en"]');
    await page.waitForURL(/lang=en/);
    expect(await page.locator('main h1').innerText()).toBe('Help');
    await Promise.all([page.waitForURL(/\/help\/staffing$/), page.click('a[href="/help/staffing"]')]);
    expect(await page.locator('main h1').innerText()).toBe('Staffing, targets and the dashboard');
    await shot(page, 'help-staffing-en');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1280);
    await page.goto(`${demo.url}/help?lang=vi`);
    expect(await page.locator('main h1').innerText()).toBe('Hướng dẫn');
  }, 120_000);
});
