import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../src/domain/dates.js';
import { canRun, openDemo, shot, type Demo } from './browser.js';

let demo: Demo;
let url: string;
let page: Page;

const idOf = async (code: string, at: string) => {
  const res = await page.request.get(`${url}/api/units?code=${code}&at=${at}`);
  return ((await res.json()) as { units: { id: number }[] }).units[0].id;
};

describe.skipIf(!canRun)('the org chart and the flow in a real browser', () => {
  beforeAll(async () => {
    demo = await openDemo();
    ({ url, page } = demo);
  });

  afterAll(() => demo?.close());

  it('passes axe-core (WCAG 2 A and AA) on the chart and the flow', async () => {
    // The app's CSP refuses injected scripts, as it should; axe is a test instrument, so this context bypasses it.
    const context = await demo.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await context.addCookies(await page.context().cookies());
    const p = await context.newPage();
    const id = await idOf('15', '2025-07-01');
    const found: Record<string, unknown[]> = {};
    for (const path of [`/units/${id}/chart?at=2025-07-01&depth=1`, `/units/${id}/chart?from=2025-06-30&to=2025-07-01&depth=1&show=territorial`, '/compare/flow?from=2025-06-30&to=2025-07-01&root=15']) {
      await p.goto(url + path);
      await p.waitForLoadState('load');
      await p.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
      const result = await p.evaluate(async () => (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }));
      const v = result.violations.map((x: { id: string; nodes: { html: string }[] }) => ({ id: x.id, html: x.nodes.slice(0, 2).map((n) => n.html.slice(0, 160)) }));
      if (v.length) found[path] = v;
    }
    await context.close();
    expect(found).toEqual({});
  });

  it('draws the new Lào Cai with its 99 communes, folds it with the keyboard and exports the SVG', async () => {
    const id = await idOf('15', '2025-07-01');
    await page.goto(`${url}/units/${id}/chart?at=2025-07-01&depth=1&show=territorial`);
    await expect.poll(() => page.locator('.oc-tools').isVisible()).toBe(true);
    expect(await page.locator('svg.oc-svg g.oc-box').count()).toBe(100);
    await shot(page, 'org-chart-new-lao-cai');
    const root = page.locator(`g.oc-box[data-id="${id}"]`);
    await root.focus();
    await page.keyboard.press('Enter');
    expect(await root.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('svg.oc-svg g.oc-box:visible').count()).toBe(1);
    await shot(page, 'org-chart-folded');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('svg.oc-svg g.oc-box:visible').count()).toBe(100);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-level'))).toBe('2');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải SVG' }).click()]);
    const svg = readFileSync((await download.path())!, 'utf8');
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(svg.match(/class="oc-box[ "]/g)).toHaveLength(100);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PNG' }).click()]);
    expect(png.suggestedFilename()).toBe('oc-at.png');
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
  });

  it('shows the provincial departments on 02/09/2024 and today side by side, coloured as on the compare page, and prints them to PDF', async () => {
    const id = await idOf('10', '2024-09-02');
    await page.goto(`${url}/units/${id}/chart?from=2024-09-02&to=${todayInVietnam()}&depth=1&show=agency`);
    await expect.poll(() => page.locator('svg.oc-svg').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('figure.oc-figure svg.oc-svg').count()).toBe(2);
    expect(await page.locator('#oc-from g.oc-box.oc-ended').count()).toBeGreaterThan(0);
    // After 01/07/2025 the old province goes on as the new Lào Cai: its departments are there, moved.
    expect(await page.locator('#oc-to g.oc-box.oc-moved').count()).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'org-chart-two-dates');
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'org-chart-print');
    // "In / PDF" is the browser's print: the same print stylesheet, A4 landscape, as Chromium writes the PDF.
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length).toBeGreaterThanOrEqual(1);
    await page.emulateMedia({ media: 'screen' });
  });

  it('wraps a province with its districts and communes into rows that print on one A4 landscape page', async () => {
    const id = await idOf('10', '2024-09-02');
    await page.goto(`${url}/units/${id}/chart?at=2024-09-02&depth=2&show=territorial`);
    await expect.poll(() => page.locator('.oc-tools').isVisible()).toBe(true);
    const [w, h] = (await page.locator('svg.oc-svg').getAttribute('viewBox'))!.split(' ').slice(2).map(Number);
    expect(w / h).toBeLessThan(2.2);
    await shot(page, 'org-chart-districts');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1123, height: 794 });
    await page.screenshot({ path: 'test-results/org-chart-districts-print.png' });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("shows a plan's to-be chart beside its base, its proposals coloured", async () => {
    await page.goto(`${url}/plans`);
    await page.locator('main table td a[href^="/plans/"]').first().click();
    await page.getByRole('link', { name: 'Sơ đồ tổ chức trước và sau' }).click();
    await expect.poll(() => page.locator('figure.oc-figure svg.oc-svg').count()).toBe(2);
    expect(await page.locator('#oc-to g.oc-box.oc-created, #oc-from g.oc-box.oc-ended').count()).toBeGreaterThan(0);
    await shot(page, 'org-chart-plan');
  });

  it('draws the flow from 319 communes to 99 for the new Lào Cai, with the same totals as the compare page', async () => {
    await page.goto(`${url}/compare/flow?from=2025-03-01&to=2025-07-01&root=15&kind=commune`);
    expect(await page.locator('[data-total="from"]').innerText()).toBe('319');
    expect(await page.locator('[data-total="to"]').innerText()).toBe('99');
    await expect.poll(() => page.locator('canvas[data-flow]').evaluate((c: HTMLCanvasElement) => c.height)).toBeGreaterThan(1000);
    await shot(page, 'flow-new-lao-cai');
    await page.screenshot({ path: 'test-results/flow-new-lao-cai-top.png' });
    await page.goto(`${url}/compare/flow?from=2025-03-01&to=2025-07-01&root=&kind=commune`);
    await expect.poll(() => page.locator('canvas[data-flow]').evaluate((c: HTMLCanvasElement) => c.height)).toBeGreaterThan(100);
    expect(await page.locator('table.flow-table a').first().getAttribute('href')).toContain('root=');
    await page.screenshot({ path: 'test-results/flow-country.png' });
    await page.goto(`${url}/compare?from=2025-03-01&to=2025-07-01&root=15&kind=commune`);
    const communes = await page.locator('table.cmp-counts tbody tr.total').evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent!.trim())).find((cells) => cells[0] === 'xã'));
    expect(communes!.slice(1, 3)).toEqual(['319', '99']);
  });
});
