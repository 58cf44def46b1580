import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRun, openDemo, shot, type Demo } from './browser.js';

let demo: Demo;
let url: string;
let page: Page;

/** Records a rename through the change form, the unit typed and picked, as staff do; returns the change's page URL. */
async function recordRename(unitQuery: string, name: string, on: string, decision: string): Promise<string> {
  await page.goto(`${url}/changes/new?type=rename&at=${on}`);
  await page.locator('#f-effectiveOn').fill(on);
  await page.locator('#f-decisionNumber').fill(decision);
  await page.locator('#f-unit').focus();
  await page.keyboard.type(unitQuery);
  await expect.poll(() => page.locator('#suggestions-summary').innerText()).toBe('1 đơn vị khớp');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('#f-name').fill(name);
  await page.getByRole('button', { name: 'Xem trước kết quả' }).click();
  await page.getByRole('button', { name: 'Xác nhận ghi nhận' }).click();
  await expect.poll(() => page.locator('.flash').innerText()).toMatch(/Đã ghi nhận thay đổi #\d+/);
  return page.url();
}

describe.skipIf(!canRun)('correcting and reinstating, in a real browser', () => {
  beforeAll(async () => {
    demo = await openDemo();
    ({ url, page } = demo);
  });

  afterAll(() => demo?.close());

  it('corrects a mistyped name without a decision: no new version, not a rename, filed under the decision that gave it', async () => {
    await recordRename('số 7 kim tân', 'Tổ dân phố Cốc Lếuu', '2024-05-01', '30/NQ-HĐND');
    // The unit's page, from the change's own link to it.
    await page.locator('main a[href*="/units/"]').first().click();
    await page.getByRole('link', { name: 'Sửa lỗi tên nhập sai…' }).click();
    const facts = await page.locator('dl.facts').innerText();
    expect(facts).toContain('Tổ dân phố Cốc Lếuu');
    expect(facts).toContain('01/05/2024');
    expect(facts).toContain('30/NQ-HĐND');
    expect(await page.locator('#f-decisionNumber').count()).toBe(0);
    await page.locator('#f-name').fill('Tổ dân phố Cốc Lếu');
    await page.locator('#f-note').fill('Nghị quyết 30/NQ-HĐND ghi “Cốc Lếu”');
    await shot(page, 'correction-form');
    await page.getByRole('button', { name: 'Sửa tên' }).click();
    await expect.poll(() => page.locator('.flash').innerText()).toMatch(/^Đã sửa tên “Tổ dân phố Cốc Lếuu” thành “Tổ dân phố Cốc Lếu” \(thay đổi #\d+\)\.$/);
    const unitPage = await page.locator('main').innerText();
    expect(unitPage).toContain('Tổ dân phố Cốc Lếu');
    expect(unitPage).not.toContain('Cốc Lếuu””');
    await shot(page, 'correction-done');
    // The register lists it as a correction, not a rename; the decision has no new document.
    await page.goto(`${url}/changes?type=correct&from=2024-01-01&to=2024-12-31`);
    const register = await page.locator('main').innerText();
    expect(register).toContain('Sửa lỗi nhập liệu');
    expect(register).toContain('“Tổ dân phố Cốc Lếuu” → “Tổ dân phố Cốc Lếu”');
    await page.goto(`${url}/changes?type=rename&from=2024-05-01&to=2024-05-01`);
    expect(await page.locator('main').innerText()).toContain('Tổ dân phố số 7 → Tổ dân phố Cốc Lếu');
  });

  it('voids a change and reinstates it, each after a confirmation with a reason, and the page tells both', async () => {
    const changeUrl = await recordRename('số 8 kim tân', 'Tổ dân phố Kim Thành', '2024-06-01', '31/NQ-HĐND');
    await page.goto(changeUrl);
    await page.getByRole('link', { name: 'Huỷ thay đổi này…' }).click();
    await page.locator('#reason').fill('Ghi nhầm văn bản');
    await page.getByRole('button', { name: 'Xác nhận huỷ' }).click();
    await expect.poll(() => page.locator('.flash').innerText()).toMatch(/Đã huỷ thay đổi #\d+\./);
    expect(await page.locator('h1 .badge').innerText()).toBe('đã huỷ');

    await page.getByRole('link', { name: 'Khôi phục thay đổi này…' }).click();
    await page.getByRole('button', { name: 'Xác nhận khôi phục' }).click();
    // A reason is required: the browser's own check keeps the form until one is typed.
    expect(await page.locator('#reason').evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing)).toBe(true);
    await page.locator('#reason').fill('Huỷ nhầm: văn bản đúng');
    await shot(page, 'reinstate-confirm');
    await page.getByRole('button', { name: 'Xác nhận khôi phục' }).click();
    await expect.poll(() => page.locator('.flash').innerText()).toMatch(/Đã khôi phục thay đổi #\d+\./);
    expect(await page.locator('h1 .badge').count()).toBe(0);
    const history = await page.locator('main').innerText();
    expect(history).toContain('Huỷ và khôi phục');
    expect(history).toMatch(/Huỷ: admin-e2e, \d\d\/\d\d\/\d{4} \d\d:\d\d — Ghi nhầm văn bản/);
    expect(history).toMatch(/Khôi phục: admin-e2e, \d\d\/\d\d\/\d{4} \d\d:\d\d — Huỷ nhầm: văn bản đúng/);
    await shot(page, 'reinstated');
    await page.goto(`${url}/search?q=${encodeURIComponent('Kim Thành')}&at=2024-07-01`);
    expect(await page.locator('main').innerText()).toContain('Tổ dân phố Kim Thành');
  });
});
