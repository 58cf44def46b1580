import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRun, openApp, shot, signIn, type Served } from './browser.js';
import { newUser } from '../support/auth.js';
import { smallProvince } from '../support/factories.js';

/** Issue 18, point 5: the API reference page draws /api/openapi.json with Swagger UI from node_modules, under the app's CSP. */
describe.skipIf(!canRun)('the API reference page in a real browser', () => {
  let app: Served;
  beforeAll(async () => { app = await openApp(smallProvince); }, 120_000);
  afterAll(async () => { await app?.close(); });

  it('lists the operations of the OpenAPI document, with nothing fetched from elsewhere and no console error', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const elsewhere: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('request', (r) => !r.url().startsWith(app.url) && !r.url().startsWith('data:') && elsewhere.push(r.url()));
    await signIn(page, app.url, await newUser(app.db, 'doc-reader', 'viewer'));

    await page.goto(`${app.url}/?at=2020-01-01`);
    await page.click('footer.site a[href="/reference/api"]');
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(20);
    expect(await page.title()).toContain('Tham chiếu API');
    const operations = await page.locator('.opblock-summary-path').allInnerTexts();
    expect(operations.map((p) => p.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/api/tree', '/api/changes', '/api/changes/{id}/void', '/api/plans/{id}']));
    // As many POST blocks as the document has POST operations (the page draws the document, nothing else).
    const doc = await page.evaluate(async () => (await fetch('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const posts = Object.values(doc.paths).filter((ops) => 'post' in ops).length;
    expect(posts).toBeGreaterThanOrEqual(6);
    await expect.poll(() => page.locator('.opblock-post').count()).toBe(posts);

    // Opening one shows its parameters and the documented answers.
    await page.locator('.opblock-get', { hasText: '/api/units/{id}' }).locator('.opblock-summary').first().click();
    await expect.poll(() => page.locator('.parameters-container').first().innerText()).toContain('id');
    await expect.poll(() => page.locator('.responses-table').first().innerText()).toContain('404');
    await shot(page, 'api-reference');
    await page.screenshot({ path: 'test-results/api-reference-top.png' });

    // "Try it out" reads with the browser's own session (the viewer has no token).
    const tree = page.locator('.opblock-get', { hasText: '/api/tree' }).first();
    await tree.locator('.opblock-summary').first().click();
    await tree.locator('button.try-out__btn').click();
    await tree.locator('button.execute').click();
    await expect.poll(() => tree.locator('.live-responses-table tr.response .response-col_status').first().innerText().catch(() => '')).toContain('200');
    expect(await tree.locator('.live-responses-table tr.response .response-col_description').first().innerText()).toContain('Tỉnh Thử');

    await page.goto(`${app.url}/reference/api?lang=en`);
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(20);
    expect(await page.locator('h1').first().innerText()).toBe('API reference');
    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
  });
});
