import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRun, openDemo, shot, type Demo } from './browser.js';

let demo: Demo;
let url: string;
let page: Page;

const options = () => page.locator('#suggestions [role="option"]');
const expanded = (selector: string) => page.locator(selector).getAttribute('aria-expanded');

/** Types into a picker from the keyboard and waits for the list to say how many units matched. */
async function typeInto(selector: string, typed: string, summary: string | RegExp) {
  await page.locator(selector).focus();
  await page.keyboard.type(typed);
  await expect.poll(() => page.locator('#suggestions-summary').innerText()).toMatch(summary);
}

/** Presses Tab until the focus is on a button whose accessible name starts with `label` (the keyboard only, as a user would). */
async function tabTo(label: string, max = 300) {
  for (let i = 0; i < max; i++) {
    const name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
    if (name.startsWith(label)) return name;
    await page.keyboard.press('Tab');
  }
  throw new Error(`no button “${label}…” reached with Tab`);
}

/** Moves through the list with the arrow keys to the first option holding `text`, checking the combobox follows. */
async function arrowTo(selector: string, text: string) {
  const texts = await options().allInnerTexts();
  const index = texts.findIndex((t) => t.includes(text));
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
  const active = await page.locator(selector).getAttribute('aria-activedescendant');
  expect(await page.locator(`#${active}`).innerText()).toContain(text);
  expect(await page.locator(`#${active}`).getAttribute('aria-selected')).toBe('true');
}

describe.skipIf(!canRun)('the unit picker in a real browser', () => {
  beforeAll(async () => {
    demo = await openDemo();
    ({ url, page } = demo);
  });

  afterAll(() => demo?.close());

  it('picks a Tổ dân phố số 5 among 20 of that name with the keyboard only, and records a merge of two of them', async () => {
    await page.goto(`${url}/changes/new?type=merge&at=2024-01-01`);
    await page.locator('#f-effectiveOn').fill('2024-01-01');
    await page.locator('#f-decisionNumber').fill('20/NQ-HĐND');
    const box = page.locator('#f-absorbed');
    expect(await box.getAttribute('role')).toBe('combobox');
    expect(await box.getAttribute('aria-controls')).toBe('suggestions');
    await typeInto('#f-absorbed', 'Tổ dân phố số 5', '20 đơn vị khớp');
    expect(await expanded('#f-absorbed')).toBe('true');
    expect(await options().count()).toBe(20);
    expect(await page.locator('#suggestions').getAttribute('role')).toBe('listbox');
    await shot(page, 'picker-twenty');
    await arrowTo('#f-absorbed', 'Phường Kim Tân');
    await shot(page, 'picker-keyboard');
    await page.keyboard.press('Enter');
    expect(await expanded('#f-absorbed')).toBe('false');
    expect(await box.inputValue()).toBe('Tổ dân phố số 5');
    expect(await page.locator('#f-absorbed-ref').inputValue()).toMatch(/^id:\d+$/);
    expect(await page.locator('#f-absorbed-picked').innerText()).toContain('Phường Kim Tân › Thành phố Lào Cai');

    // Escape closes the list without picking; the ancestors' names narrow to one unit.
    await typeInto('#f-into', 'số 6', /đơn vị khớp/);
    await page.keyboard.press('Escape');
    expect(await expanded('#f-into')).toBe('false');
    await page.locator('#f-into').fill('');
    await typeInto('#f-into', 'số 6 kim tân', '1 đơn vị khớp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.locator('#f-into-picked').innerText()).toContain('Phường Kim Tân');

    await page.getByRole('button', { name: 'Xem trước kết quả' }).click();
    await expect.poll(() => page.locator('.effect.ended').innerText()).toContain('Tổ dân phố số 5');
    await page.getByRole('button', { name: 'Sửa lại' }).click();
    // Back in the form, the units read by name and path, never as a bare id.
    await expect.poll(() => page.locator('#f-absorbed').inputValue()).toBe('Tổ dân phố số 5');
    expect(await page.locator('#f-absorbed-picked').innerText()).toContain('Phường Kim Tân › Thành phố Lào Cai');
    expect(await page.locator('#f-into').inputValue()).toBe('Tổ dân phố số 6');
    await shot(page, 'picker-back-from-preview');
    await page.getByRole('button', { name: 'Xem trước kết quả' }).click();
    await page.getByRole('button', { name: 'Xác nhận ghi nhận' }).click();
    await expect.poll(() => page.locator('.flash').innerText()).toMatch(/Đã ghi nhận thay đổi #\d+/);
    await expect.poll(() => page.locator('main').innerText()).toContain('Tổ dân phố số 5');
  });

  it('merges the two Tổ dân phố số 5 of Phường Lào Cai, one typed and one picked from the tree, with the keyboard only', async () => {
    await page.goto(`${url}/changes/new?type=merge&at=2024-02-01`);
    await page.locator('#f-effectiveOn').fill('2024-02-01');
    await page.locator('#f-decisionNumber').fill('21/NQ-HĐND');
    await typeInto('#f-absorbed', 'số 5 phường lào cai', '2 đơn vị khớp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const absorbed = await page.locator('#f-absorbed-ref').inputValue();
    expect(absorbed).toMatch(/^id:\d+$/);

    // From the tree: Tab to the box's button, Enter, then open one level at a time.
    await page.locator('#f-into').focus();
    await page.keyboard.press('Tab');
    expect(await tabTo('Chọn trên cây')).toBe('Chọn trên cây: Đơn vị nhận (tiếp tục tồn tại)');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#picker-tree').isVisible()).toBe(true);
    await expect.poll(() => page.locator('#picker-tree-summary').innerText()).toMatch(/đơn vị ở cấp này/);
    for (const level of ['Mở Tỉnh Lào Cai', 'Mở Thành phố Lào Cai', 'Mở Phường Lào Cai']) {
      await expect.poll(() => page.locator('#picker-tree-list button').first().isVisible()).toBe(true);
      await tabTo(level);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#picker-tree-crumbs .here').innerText()).toBe(level.slice(3));
    }
    await shot(page, 'picker-tree');
    const other = await page.locator('#picker-tree-list button[aria-label^="Chọn Tổ dân phố số 5,"]').evaluateAll((bs, a) => bs.map((b) => b.getAttribute('aria-label')!).find((l) => !l.endsWith(a)), absorbed);
    expect(other).toBeDefined();
    await tabTo(other!);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#picker-tree').isVisible()).toBe(false);
    const into = await page.locator('#f-into-ref').inputValue();
    expect(into).toMatch(/^id:\d+$/);
    expect(into).not.toBe(absorbed);
    expect(await page.locator('#f-into').inputValue()).toBe('Tổ dân phố số 5');
    expect(await page.locator('#f-into-picked').innerText()).toContain('Phường Lào Cai › Thành phố Lào Cai');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-into');

    await page.getByRole('button', { name: 'Xem trước kết quả' }).click();
    await expect.poll(() => page.locator('.effect.ended').innerText()).toContain('Tổ dân phố số 5');
    await page.getByRole('button', { name: 'Xác nhận ghi nhận' }).click();
    await expect.poll(() => page.locator('.flash').innerText()).toMatch(/Đã ghi nhận thay đổi #\d+/);
  });

  it('picks from the tree with the pointer too, and greys what cannot be picked', async () => {
    await page.goto(`${url}/changes/new?type=rename&at=2024-03-01`);
    await page.locator('#f-effectiveOn').fill('2024-03-01');
    await page.getByRole('button', { name: 'Chọn trên cây: Đơn vị' }).click();
    await page.getByRole('button', { name: /^Mở Tỉnh Lào Cai/ }).click();
    await page.getByRole('button', { name: /^Mở Thành phố Lào Cai/ }).click();
    await page.getByRole('button', { name: /^Mở Phường Kim Tân/ }).click();
    await page.getByRole('button', { name: /^Chọn Tổ dân phố số 6,/ }).click();
    expect(await page.locator('#f-unit').inputValue()).toBe('Tổ dân phố số 6');
    expect(await page.locator('#f-unit-picked').innerText()).toContain('Phường Kim Tân');
    // The path back up: a crumb returns to a level above.
    await page.getByRole('button', { name: 'Chọn trên cây: Đơn vị' }).click();
    await page.getByRole('button', { name: /^Mở Tỉnh Lào Cai/ }).click();
    await page.locator('#picker-tree-crumbs button', { hasText: 'Cấp cao nhất' }).click();
    await expect.poll(() => page.locator('#picker-tree-crumbs .here').innerText()).toBe('Cấp cao nhất');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#picker-tree').isVisible()).toBe(false);
  });

  it('loads more than 20 with “Xem thêm”, and offers an ended unit greyed, with its successor, but does not pick it', async () => {
    await page.goto(`${url}/changes/new?type=rename&at=2024-01-01`);
    await page.locator('#f-effectiveOn').fill('2024-01-01');
    await typeInto('#f-unit', 'tổ dân phố số 1', /đơn vị khớp, đang hiện 20/);
    const more = page.locator('#suggestions .more');
    expect(await more.innerText()).toBe('Xem thêm 20 đơn vị');
    for (let i = 0; i < 21; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('#f-unit').getAttribute('aria-activedescendant')).toBe('suggestion-more');
    await page.keyboard.press('Enter');
    await expect.poll(() => options().count()).toBeGreaterThan(21);
    expect(await page.locator('#f-unit').getAttribute('aria-activedescendant')).toBe('suggestion-20');
    await expect.poll(() => page.locator('#suggestions-summary').innerText()).toMatch(/đang hiện 40|^\d+ đơn vị khớp$/);

    await page.locator('#f-unit').fill('');
    await typeInto('#f-unit', 'số 15 kim tân', '1 đơn vị khớp');
    const ended = options().first();
    expect(await ended.getAttribute('aria-disabled')).toBe('true');
    expect(await ended.innerText()).toContain('Đã chấm dứt từ ngày 01/04/2019; đơn vị kế thừa: Tổ dân phố số 2');
    await shot(page, 'picker-ended');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await page.locator('#f-unit-ref').inputValue()).toBe('số 15 kim tân');
    expect(await page.locator('#suggestions-status').innerText()).toContain('không chọn được');
  });
});
