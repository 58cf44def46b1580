import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitIdByCode } from '../../src/db/unit.repository.js';
import { canRun, openDemo, shot, type Demo } from './browser.js';

let demo: Demo;
let page: Page;

const at = () => new URL(page.url()).searchParams.get('at');
/** "21 xã · 3 thị trấn…": what the tree says is below a unit. */
const below = (id: number) => page.locator(`#u${id} > details > summary`).innerText();

describe.skipIf(!canRun)('the timeline in a real browser', () => {
  beforeAll(async () => {
    demo = await openDemo();
    page = demo.page;
  }, 180_000);

  afterAll(async () => demo?.close());

  it('moves the tree through the changes with the keyboard, the URL and the tree following', async () => {
    const bacHa = (await findUnitIdByCode(demo.db, '085', '2024-09-02'))!;
    await page.goto(`${demo.url}/tree?at=2024-09-02`);
    const range = page.locator('#tl-range');
    await expect.poll(() => range.isVisible()).toBe(true);
    expect(await range.getAttribute('aria-valuetext')).toBe('02/09/2024 — ngày đang xem, không có thay đổi');
    const before = await below(bacHa);
    await shot(page, 'timeline-tree-2024-09-02');

    // → the next change: Nghị quyết 1197/NQ-UBTVQH15 takes Xã Tà Chải into Thị trấn Bắc Hà on 01/11/2024.
    await range.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#tl-now').innerText()).toContain('01/11/2024 — 1197/NQ-UBTVQH15');
    await page.waitForURL((u) => u.searchParams.get('at') === '2024-11-01');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tl-range');
    expect(await page.locator('h1').innerText()).toContain('01/11/2024');
    expect(await page.locator('.tl-now a').first().innerText()).toBe('1197/NQ-UBTVQH15');
    const after = await below(bacHa);
    expect(Number(/(\d+) xã/.exec(after)![1])).toBe(Number(/(\d+) xã/.exec(before)![1]) - 1);
    await shot(page, 'timeline-tree-2024-11-01');

    // ← twice: back past the date first looked at, to the change before it (01/08/2024).
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL((u) => u.searchParams.get('at') === '2024-08-01');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tl-range');

    // Home: the first date on which the scope changed, the opening inventory of 01/01/2015.
    await page.keyboard.press('Home');
    await page.waitForURL((u) => u.searchParams.get('at') === '2015-01-01');
    expect(await page.locator('.tl-now').innerText()).toContain('Số liệu đầu kỳ 01/01/2015');

    // End: the reform of 01/07/2025; the tree shows the new province, formed from Lào Cai and Yên Bái.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tl-range');
    await page.keyboard.press('End');
    await page.waitForURL((u) => u.searchParams.get('at') === '2025-07-01');
    expect(at()).toBe('2025-07-01');
    expect(await page.locator('.tree > li > details > summary').first().innerText()).toContain('99');
    await shot(page, 'timeline-tree-2025-07-01');
  }, 120_000);

  it('passes axe-core (WCAG 2 A and AA) with the timeline on the tree, the org chart and the dashboard', async () => {
    const laoCai = (await findUnitIdByCode(demo.db, '10', '2024-09-02'))!;
    const newLaoCai = (await findUnitIdByCode(demo.db, '15', '2025-07-01'))!;
    // The app's CSP refuses injected scripts, as it should; axe is a test instrument, so this context bypasses it.
    const context = await demo.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await context.addCookies(await page.context().cookies());
    const p = await context.newPage();
    const found: Record<string, unknown[]> = {};
    for (const path of [`/tree?root=id:${newLaoCai}&at=2025-03-01`, `/units/${laoCai}/chart?at=2024-11-01&depth=1`, '/?at=2024-11-01']) {
      await p.goto(demo.url + path);
      await p.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
      const result = await p.evaluate(async () => (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }));
      const v = result.violations.map((x: { id: string; nodes: { html: string }[] }) => ({ id: x.id, html: x.nodes.slice(0, 2).map((n) => n.html.slice(0, 160)) }));
      if (v.length) found[path] = v;
      if (path.startsWith('/tree')) await p.screenshot({ path: 'test-results/timeline-tree-held-scope.png' });
    }
    await context.close();
    expect(found).toEqual({});
  }, 120_000);

  it('works without JavaScript: the previous and next links move the date', async () => {
    const context = await demo.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await context.addCookies(await page.context().cookies());
    const p = await context.newPage();
    await p.goto(`${demo.url}/?at=2024-09-02`);
    expect(await p.locator('#tl-range').isVisible()).toBe(false);
    await p.getByRole('link', { name: /Thay đổi sau \(01\/11\/2024\)/ }).click();
    expect(new URL(p.url()).searchParams.get('at')).toBe('2024-11-01');
    await p.getByRole('link', { name: /Thay đổi trước \(01\/08\/2024\)/ }).click();
    expect(new URL(p.url()).searchParams.get('at')).toBe('2024-08-01');
    // The top of the dashboard only: the timeline sits by its date control.
    await p.screenshot({ path: 'test-results/timeline-dashboard-no-js.png' });
    await context.close();
  }, 60_000);
});
