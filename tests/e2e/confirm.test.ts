import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRun, openDemo, type Demo } from './browser.js';

const retireButtons = 'form[action$="/retirement"] button';

describe.skipIf(!canRun)('deleting asks first, with and without JavaScript', () => {
  let demo: Demo;
  beforeAll(async () => { demo = await openDemo(); }, 180_000);
  afterAll(async () => demo?.close());

  it('asks in a dialog: Cancel keeps the target, OK retires it', async () => {
    const page = demo.page;
    await page.goto(`${demo.url}/targets`);
    const before = await page.locator(retireButtons).count();
    const questions: string[] = [];
    page.once('dialog', (d) => { questions.push(d.message()); void d.dismiss(); });
    await page.locator(retireButtons).first().click();
    await page.waitForTimeout(300);
    expect(questions[0]).toMatch(/^Thôi theo dõi mục tiêu «.+»\?$/);
    expect(await page.locator(retireButtons).count()).toBe(before);
    page.once('dialog', (d) => void d.accept());
    await Promise.all([page.waitForURL(/\/targets$/), page.locator(retireButtons).first().click()]);
    await expect.poll(() => page.locator(retireButtons).count()).toBe(before - 1);
    expect(await page.locator('.flash').innerText()).toContain('Đã thôi theo dõi mục tiêu.');
  }, 60_000);

  it('asks on a page of its own without JavaScript', async () => {
    const context = await demo.browser.newContext({ javaScriptEnabled: false });
    await context.addCookies(await demo.page.context().cookies());
    const page = await context.newPage();
    await page.goto(`${demo.url}/targets`);
    const before = await page.locator(retireButtons).count();
    await page.locator(retireButtons).first().click();
    await expect.poll(() => page.locator('h1').innerText()).toMatch(/^Thôi theo dõi mục tiêu «.+»\?$/);
    await page.getByRole('link', { name: 'Huỷ, quay lại' }).click();
    expect(await page.locator(retireButtons).count()).toBe(before);
    await page.locator(retireButtons).first().click();
    await page.getByRole('button', { name: 'Thôi theo dõi' }).click();
    expect(await page.locator(retireButtons).count()).toBe(before - 1);
    await context.close();
  }, 60_000);
});
