import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRun, openDemo, shot, type Demo } from './browser.js';

/** Pages must fit their width (no sideways scrolling of the page itself; wide tables scroll in their own box). */
const WIDE = ['/changes', '/changes/new?type=merge', '/compare?from=2019-12-01&to=2020-03-01&root=10&only=changes', '/reports?from=2015-12-31&to=2024-09-02&root=10', '/standards/candidates?root=085&rule=nq-35-2023&at=2024-06-30', '/targets/new', '/admin/users', '/khong-co', '/help/imports'];
const PHONE = ['/', '/changes', '/compare?from=2019-12-01&to=2020-03-01&root=10&only=changes', '/reports?from=2015-12-31&to=2024-09-02&root=10', '/changes/new?type=merge', '/help/imports', '/help/staffing'];

describe.skipIf(!canRun)('layout in a real browser', () => {
  let demo: Demo;
  beforeAll(async () => { demo = await openDemo(); }, 120_000);
  afterAll(async () => { await demo?.close(); });

  async function overflow(path: string) {
    const { page, url } = demo;
    await page.goto(url + path);
    return page.evaluate(() => {
      const sticking = [...document.querySelectorAll<HTMLElement>('.row > .field > input, .row > .field > select')]
        .filter((el) => el.getBoundingClientRect().right > el.parentElement!.getBoundingClientRect().right + 0.5)
        .map((el) => el.id || el.getAttribute('name'));
      return { page: document.documentElement.scrollWidth - window.innerWidth, sticking };
    });
  }

  it('fits 1280 px: no page wider than the window, no field sticking out of its cell (the register\'s filters did)', async () => {
    await demo.page.setViewportSize({ width: 1280, height: 900 });
    for (const path of WIDE) expect(await overflow(path), path).toEqual({ page: 0, sticking: [] });
    await demo.page.goto(`${demo.url}/changes`);
    await shot(demo.page, 'layout-changes-filters');
  });

  it('keeps the report\'s kind of unit readable beside a long legal basis (it was squeezed to a word a line)', async () => {
    await demo.page.setViewportSize({ width: 1280, height: 900 });
    await demo.page.goto(`${demo.url}/reports?from=2015-12-31&to=2024-09-02&root=10`);
    const cell = demo.page.locator('section#summary td', { hasText: '— Thành phố' }).first();
    expect((await cell.boundingBox())!.width).toBeGreaterThanOrEqual(140);
  });

  it('fits a 375 px phone', async () => {
    await demo.page.setViewportSize({ width: 375, height: 800 });
    for (const path of PHONE) expect((await overflow(path)).page, path).toBeLessThanOrEqual(0);
    await shot(demo.page, 'layout-phone-change-form');
  });

  it('keeps the header of a 375 px phone to about a third of the screen (it took 445 px)', async () => {
    await demo.page.setViewportSize({ width: 375, height: 800 });
    await demo.page.goto(`${demo.url}/`);
    expect((await demo.page.locator('header.site').boundingBox())!.height).toBeLessThanOrEqual(280);
    await shot(demo.page, 'layout-phone-header');
  });

  it('draws a form\'s one button as its main action, not the browser\'s grey default', async () => {
    await demo.page.setViewportSize({ width: 1280, height: 900 });
    for (const [path, button] of [['/account/password', 'form.login button'], ['/admin/users', 'form.user-new button'], ['/targets/new', 'main form button[type=submit]']]) {
      await demo.page.goto(demo.url + path);
      expect(await demo.page.locator(button).first().evaluate((b) => getComputedStyle(b).backgroundColor), path).toBe('rgb(139, 26, 26)');
    }
    await demo.page.goto(`${demo.url}/audit`);
    expect(await demo.page.locator('form.filters button').evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(255, 255, 255)'); // a filter: secondary
    await shot(demo.page, 'layout-audit-filters');
  });

  it('fits the staffing table by category in 1280 px, its total column in view (long column titles wrap)', async () => {
    await demo.page.setViewportSize({ width: 1280, height: 900 });
    await demo.page.goto(`${demo.url}/staffing`);
    const box = demo.page.locator('.table-scroll').first();
    expect(await box.evaluate((b) => b.scrollWidth - b.clientWidth)).toBeLessThanOrEqual(0);
    await shot(demo.page, 'layout-staffing');
  });

  it('keeps each tag of the plan tree\'s legend on one line', async () => {
    await demo.page.setViewportSize({ width: 1280, height: 900 });
    const plan = await demo.db.selectFrom('plans').select('id').orderBy('id').executeTakeFirstOrThrow();
    await demo.page.goto(`${demo.url}/plans/${plan.id}/tree`);
    const heights = await demo.page.locator('main .mark').evaluateAll((els) => els.slice(0, 8).map((e) => e.getClientRects().length));
    expect(heights.length).toBeGreaterThan(3);
    expect(heights.every((n) => n === 1)).toBe(true);
  });

  it('lays the plain forms out like the change form: a 44rem column with room between the fields', async () => {
    await demo.page.setViewportSize({ width: 1280, height: 900 });
    for (const path of ['/targets/new', '/staffing/movements/new', '/staffing/quotas/new', '/standards/new', '/standards/rules/new']) {
      await demo.page.goto(demo.url + path);
      const fields = demo.page.locator('main form .field');
      const [a, b] = [(await fields.nth(0).boundingBox())!, (await fields.nth(1).boundingBox())!];
      expect(a.width, path).toBeLessThanOrEqual(704);
      expect(b.y - (a.y + a.height), path).toBeGreaterThanOrEqual(12);
    }
  });

  it('shows an unknown page inside the layout, with the sections', async () => {
    await demo.page.setViewportSize({ width: 1280, height: 900 });
    const res = await demo.page.goto(`${demo.url}/units/999999`);
    expect(res?.status()).toBe(404);
    expect(await demo.page.locator('h1').textContent()).toBe('Không tìm thấy (404)');
    expect(await demo.page.locator('nav.main a').count()).toBeGreaterThan(5);
    await shot(demo.page, 'layout-404');
  });
});
