import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { newUser } from '../support/auth.js';
import { smallProvince } from '../support/factories.js';
import { canRun, openApp, shot, signIn } from './browser.js';

describe.skipIf(!canRun)('accounts in a real browser', () => {
  let db: Db;
  let browser: Browser;
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, browser, url, close } = await openApp(smallProvince));
  }, 120_000);

  afterAll(async () => close?.());

  it('signs a viewer in, refuses them the users page, and signs them out', async () => {
    const viewer = await newUser(db, 'nguoi-xem', 'viewer');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => { throw e; });

    await page.goto(`${url}/tree?root=99`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#username', viewer.username);
    await page.fill('#password', 'sai mật khẩu');
    await page.click('form.login button[type=submit]');
    await expect.poll(() => page.locator('#login-error').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    await shot(page, 'accounts-login-refused');

    await page.fill('#password', viewer.password);
    await Promise.all([page.waitForURL((u) => u.pathname === '/tree'), page.click('form.login button[type=submit]')]);
    await expect.poll(() => page.locator('header .account .who').textContent()).toContain('nguoi-xem · người xem');
    expect(await page.locator('a[href="/admin/users"]').count()).toBe(0);
    expect(await page.locator('nav.main a', { hasText: 'Ghi nhận thay đổi' }).count()).toBe(0);
    await shot(page, 'accounts-viewer-tree');

    const refused = await page.goto(`${url}/admin/users`);
    expect(refused?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Không được phép (403)');
    expect(await page.locator('header.site .brand').count()).toBe(1); // the site's bar, not a bare page
    expect(await page.locator('main p').first().textContent()).toContain('không có quyền');
    await shot(page, 'accounts-viewer-refused');

    await page.goto(`${url}/tree?root=99`);
    await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.click('header .account button[type=submit]')]);
    await shot(page, 'accounts-signed-out');
    await page.goto(`${url}/tree?root=99`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  it('lets an administrator reach the users page and the audit trail from the header', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => { throw e; });
    await signIn(page, url, await newUser(db, 'quan-tri', 'administrator'));
    await Promise.all([page.waitForURL((u) => u.pathname === '/admin/users'), page.click('header .account a[href="/admin/users"]')]);
    expect(await page.locator('table').textContent()).toContain('nguoi-xem');
    await shot(page, 'accounts-users-page');
    await Promise.all([page.waitForURL((u) => u.pathname === '/audit'), page.click('header .account a[href="/audit"]')]);
    expect(await page.locator('table.audit').textContent()).toContain('session.login');
    await shot(page, 'accounts-audit');
    await page.close();
  });
});
