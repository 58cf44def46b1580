import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitIdByCode } from '../../src/db/unit.repository.js';
import { addDays, todayInVietnam } from '../../src/domain/dates.js';
import { addProposal } from '../../src/services/plan-proposal.service.js';
import { createPlan, transitionPlan } from '../../src/services/plan.service.js';
import { canRun, openDemo, shot, type Demo } from './browser.js';
import { writer } from '../support/writers.js';

let demo: Demo;
let url: string;
let page: Page;
let planUrl: string;
/** The plan is drafted on today's tree and enacted a week later. */
const TODAY = todayInVietnam();
const ENACTED = addDays(TODAY, 7);

/**
 * Picks a unit in a form by typing part of its name without diacritics and choosing the suggestion
 * of exactly that name among the units alive on the form's date (today's Tỉnh Lào Cai, code 15,
 * and its communes were formed on 01/07/2025; the namesakes that ended then are greyed, not pickable).
 */
async function pick(selector: string, typed: string, name: string) {
  await page.locator(selector).fill(typed);
  await page.locator('#suggestions [role="option"]:not([aria-disabled="true"])')
    .filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) }).first().click();
  await expect.poll(() => page.locator(`${selector}-ref`).inputValue()).toMatch(/^id:\d+$/);
}

describe.skipIf(!canRun)('a plan in a real browser', () => {
  beforeAll(async () => {
    demo = await openDemo();
    ({ url, page } = demo);
  });

  afterAll(() => demo?.close());

  it('builds a plan of two proposals with the change forms', async () => {
    await page.goto(`${url}/plans`);
    await expect.poll(() => page.locator('main').innerText()).toContain('(minh hoạ)');
    await shot(page, 'plans');
    await page.getByRole('link', { name: 'Tạo phương án' }).click();
    await page.locator('#f-name').fill('Phương án nhập xã Tả Củ Tỷ');
    await pick('#f-scope', 'lao cai', 'Tỉnh Lào Cai');
    expect(await page.locator('#f-baseOn').inputValue()).toBe(TODAY); // the as-is is today's tree unless chosen otherwise
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.locator('.flash').innerText()).toContain('Đã tạo phương án');
    planUrl = page.url();

    await page.getByRole('link', { name: 'Thêm đề xuất' }).click();
    await page.getByRole('link', { name: /Nhập, sáp nhập/ }).click();
    await pick('#f-absorbed', 'ta cu ty', 'Xã Tả Củ Tỷ');
    await pick('#f-into', 'lung phinh', 'Xã Lùng Phình');
    await shot(page, 'plan-proposal-form');
    await page.getByRole('button', { name: 'Lưu đề xuất' }).click();
    await expect.poll(() => page.locator('.flash').innerText()).toContain('Đã lưu đề xuất số 1');

    await page.getByRole('link', { name: 'Thêm đề xuất' }).click();
    await page.getByRole('link', { name: /Đổi tên/ }).click();
    await pick('#f-unit', 'lung phinh', 'Xã Lùng Phình');
    await page.locator('#f-name').fill('Xã Tả Củ Phình');
    await page.getByRole('button', { name: 'Lưu đề xuất' }).click();
    await expect.poll(() => page.locator('.flash').innerText()).toContain('Đã lưu đề xuất số 2');
    expect(await page.locator('.proposal.refused').count()).toBe(0);
    expect(await page.locator('.proposal').count()).toBe(2);
    await shot(page, 'plan-draft');
  });

  it('shows the to-be tree and compares the plan with the as-is tree', async () => {
    await page.goto(`${planUrl}/tree`);
    await expect.poll(() => page.locator('.tree').innerText()).toContain('Xã Tả Củ Phình');
    expect(await page.locator('.tree').innerText()).not.toContain('Xã Tả Củ Tỷ');
    expect(await page.locator('.mark.changed').count()).toBeGreaterThan(0);
    await shot(page, 'plan-tree');
    await page.goto(`${planUrl}/compare`);
    const ended = page.locator('tr.cmp-ended');
    await expect.poll(() => ended.first().innerText()).toContain('Xã Tả Củ Tỷ');
    expect(await ended.first().innerText()).toContain('Xã Tả Củ Phình');
    expect(await page.locator('.cmp-lineage').innerText()).toContain('Xã Tả Củ Tỷ + Xã Lùng Phình → Xã Tả Củ Phình');
    await shot(page, 'plan-compare');
    await page.goto(`${url}/plans/compare?a=1&b=${planUrl.split('/').pop()}`);
    await expect.poll(() => page.locator('table.plan-two').innerText()).toMatch(/xã: trước → sau \(giảm\)\s+16 → 16 \(0\)\s+99 → 98 \(1\)/);
    await shot(page, 'plan-compare-two');
  });

  it('is submitted, approved and enacted; its changes are in the register', async () => {
    await page.goto(planUrl);
    await page.locator('#f-comment').fill('Kính trình phê duyệt');
    await page.getByRole('button', { name: 'Trình', exact: true }).click();
    await expect.poll(() => page.locator('h1 .plan-status').innerText()).toBe('Đã trình');
    await page.getByRole('button', { name: 'Phê duyệt' }).click();
    await expect.poll(() => page.locator('h1 .plan-status').innerText()).toBe('Đã phê duyệt');
    await page.getByRole('link', { name: 'Ban hành phương án…' }).click();
    await page.locator('#f-effectiveOn').fill(ENACTED);
    await page.locator('#f-decisionNumber').fill('25/NQ-HĐND');
    await page.locator('#f-decisionSignedOn').fill(TODAY);
    await page.locator('#f-decisionIssuer').fill('HĐND tỉnh Lào Cai');
    await shot(page, 'plan-enact');
    await page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await expect.poll(() => page.locator('.flash').innerText()).toContain('Đã ban hành phương án');
    expect(await page.locator('.timeline').innerText()).toMatch(/Trình[\s\S]*Phê duyệt[\s\S]*Ban hành/);
    await shot(page, 'plan-enacted');
    await page.goto(`${url}/changes?decision=25/NQ-HĐND&from=${ENACTED}&to=${ENACTED}`);
    const register = await page.locator('main').innerText();
    expect(register).toContain('Xã Tả Củ Tỷ');
    expect(register).toContain('Xã Tả Củ Phình');
    await shot(page, 'plan-register');
    await page.goto(`${url}/tree?root=15&at=${ENACTED}`); // the province is large: its communes load when their group opens
    const communes = page.locator('.tree details[data-src*="kind=commune"]');
    await communes.locator(':scope > summary').click();
    await expect.poll(() => communes.innerText()).toContain('Xã Tả Củ Phình');
    expect(await communes.innerText()).not.toContain('Xã Tả Củ Tỷ');
  });

  it('refuses to enact a plan the enacted one made inapplicable, listing the conflict and how to resolve it', async () => {
    const taCuTy = (await findUnitIdByCode(demo.db, '02842', TODAY))!; // Xã Tả Củ Tỷ since 01/07/2025
    const id = await createPlan(demo.db, { name: 'Phương án đổi tên xã Tả Củ Tỷ', scopeUnitId: taCuTy, baseOn: TODAY, author: 'Nguyễn Văn A', description: null }, writer('Nguyễn Văn A'));
    await addProposal(demo.db, id, { type: 'rename', unit: { id: taCuTy }, name: 'Xã Tả Củ Tỷ Mới' }, {}, writer());
    await transitionPlan(demo.db, id, 'submit', writer('Nguyễn Văn A'), null);
    await transitionPlan(demo.db, id, 'approve', writer('Trần Thị B'), null);
    await page.goto(`${url}/plans/${id}/enactment`);
    await page.locator('#f-effectiveOn').fill(addDays(ENACTED, 7));
    await page.locator('#f-decisionNumber').fill('26/NQ-HĐND');
    await page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await expect.poll(() => page.locator('.conflicts').innerText()).toContain('Đề xuất số 1');
    expect(await page.locator('.conflicts').innerText()).toContain('đổi ngày gốc');
    await shot(page, 'plan-conflicts');
    await page.goto(`${url}/plans/${id}`);
    expect(await page.locator('h1 .plan-status').innerText()).toBe('Đã phê duyệt');
  });
});
