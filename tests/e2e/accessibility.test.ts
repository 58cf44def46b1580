import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitIdByCode } from '../../src/db/unit.repository.js';
import { canRun, openDemo, shot, type Demo } from './browser.js';

const AXE = 'node_modules/axe-core/axe.min.js';

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string }[] }

/** axe-core's WCAG 2 A and AA rules on the page as it stands, each violation with a few of its nodes. */
async function violations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }));
  if (result.passes.length < 10) throw new Error(`axe checked too little on ${page.url()}: ${result.passes.length} rules passed`);
  if (process.env.AXE_LOG) console.log(page.url(), result.passes.length, 'passed,', result.violations.length, 'violations,', result.incomplete.map((v: Violation) => v.id).join(' '));
  return result.violations.map((v: Violation) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 160) })) }));
}

describe.skipIf(!canRun)('accessibility (axe-core, WCAG 2 A and AA) in a real browser', () => {
  let demo: Demo;
  let paths: string[];

  beforeAll(async () => {
    demo = await openDemo();
    const district = await findUnitIdByCode(demo.db, '085', '2024-09-02');
    paths = [
      '/?at=2024-09-02', '/tree?at=2024-09-02', `/tree?at=2024-09-02&root=id:${district}`, `/units/${district}?at=2024-09-02`,
      '/changes', '/compare?root=10&from=2019-12-01&to=2024-11-01', '/reports?root=10&from=2015-12-31&to=2024-09-02',
      '/plans', '/targets', '/staffing', '/standards', '/standards/candidates?root=10&at=2024-06-30', '/changes/new?type=merge', '/search?q=ta+chai',
      '/decisions', '/audit', '/targets/new', '/?at=2024-09-02&lang=en', '/tree?at=2024-09-02&lang=en',
      '/indicators?at=2024-09-02', '/indicators/new', '/indicators/1/values/new', '/staffing/movements/new',
      '/help', '/help/compare', '/help/deployment', '/help/staffing?lang=en', '/help?lang=vi',
    ];
  }, 180_000);

  afterAll(async () => demo?.close());

  it('finds no violation on the main pages', async () => {
    // The app's CSP refuses injected scripts, as it should; axe is a test instrument, so this context bypasses it.
    const context = await demo.browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await context.addCookies(await demo.page.context().cookies());
    const page = await context.newPage();
    const found: Record<string, Violation[]> = {};
    for (const path of paths) {
      await page.goto(`${demo.url}${path}`);
      expect(new URL(page.url()).pathname, path).toBe(new URL(`${demo.url}${path}`).pathname);
      const v = await violations(page);
      if (v.length) found[path] = v;
    }
    await context.close();
    expect(found).toEqual({});
  }, 300_000);

  it('keeps the tree folding without JavaScript, with the unit link beside the disclosure, not in it', async () => {
    const district = await findUnitIdByCode(demo.db, '085', '2024-09-02');
    const context = await demo.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.context().addCookies(await demo.page.context().cookies());
    await page.goto(`${demo.url}/tree?at=2024-09-02&root=id:${district}`);
    expect(await page.locator('summary a').count()).toBe(0);
    const details = page.locator('.tree > li > details > ul > li > details').first();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await details.locator(':scope > summary').click();
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await shot(page, 'tree-no-js');
    await context.close();
  }, 60_000);
});
