import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Db } from '../../src/db/connection.js';
import { createApp } from '../../src/web/app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Browser tests need Debian's Chromium; CI installs it (.ci/run), so there they never skip. */
export const canRun = existsSync(CHROMIUM) || process.env.CI === 'true';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The real app on a free loopback port. */
export async function serve(db: Db): Promise<{ url: string; server: Server }> {
  const server = createApp(db).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Screenshots land in test-results/ (not committed) for a person to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

export interface Served {
  db: Db;
  browser: Browser;
  url: string;
  close: () => Promise<void>;
}

export interface Demo extends Served {
  page: Page;
}

/** A fresh database filled by `fill`, the real app on loopback, and Chromium. */
export async function openApp(fill: (db: Db) => Promise<unknown>): Promise<Served> {
  const { newTestDb } = await import('../support/db.js');
  const db = await newTestDb();
  await fill(db);
  return withBrowser(db);
}

/** `db` served by the real app on loopback, and Chromium. */
async function withBrowser(db: Db): Promise<Served> {
  const { url, server } = await serve(db);
  const browser = await launch();
  return { db, browser, url, close: async () => { await browser.close(); server.close(); } };
}

/** The Lào Cai demo, the real app on loopback, and Chromium. */
export async function openDemoApp(): Promise<Served> {
  const { newDemoDb } = await import('../support/db.js');
  return withBrowser(await newDemoDb());
}

/** The Lào Cai demo with one page signed in as an administrator (page errors fail the test). */
export async function openDemo(): Promise<Demo> {
  const app = await openDemoApp();
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => { throw e; });
  const { newUser } = await import('../support/auth.js');
  await signIn(page, app.url, await newUser(app.db, 'admin-e2e', 'administrator'));
  return { ...app, page };
}

/** Signs in through the login form, as a person would (issue 8: every page needs an account). */
export async function signIn(page: Page, url: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form.login button[type=submit]')]);
}
