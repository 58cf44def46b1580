import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { canRun, openDemoApp, shot, signIn } from './browser.js';
import { newUser } from '../support/auth.js';

describe.skipIf(!canRun)('the dashboard in a real browser', () => {
  let db: Db;
  let browser: Browser;
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, browser, url, close } = await openDemoApp());
  }, 120_000);

  afterAll(async () => close?.());

  it('draws every target, the districts and the staff reductions with the figures of the tables', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, url, await newUser(db, 'viewer-e2e', 'viewer'));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${url}/?at=2024-09-02`);
    await page.waitForFunction(() => document.querySelectorAll('canvas[data-chart]').length > 0 && [...document.querySelectorAll('canvas[data-chart]')].every((c) => (window as any).Chart?.getChart(c)));
    const charts = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('canvas[data-chart]')].map((c) => {
      const chart = (window as any).Chart.getChart(c);
      return [c.id, { type: chart.config.type, labels: chart.data.labels, datasets: chart.data.datasets.map((d: any) => ({ label: d.label, data: d.data })) }];
    })));
    expect(Object.keys(charts)).toHaveLength(14); // eight targets, the districts, the staff reductions and four reported indicators
    const psu = Object.entries(charts).find(([, c]: [string, any]) => c.type === 'line' && c.datasets[0].data[0] === 853 && c.labels[0] === '31/12/2015') as [string, any];
    const deadline = psu[1].labels.indexOf('31/12/2021');
    expect(psu[1].datasets[0].data[deadline]).toBe(757);
    expect(psu[1].datasets[1].data[deadline]).toBe(767);
    expect(psu[1].labels.at(-1)).toBe('02/09/2024');
    expect(psu[1].datasets[0].data.at(-1)).toBe(720);
    const second = Object.values(charts).find((c: any) => c.type === 'line' && c.datasets[0].data[0] === 757) as any;
    expect(second.datasets[0].data.filter((v: number | null) => v !== null).at(-1)).toBe(720);
    const districts = charts['district-reductions'] as any;
    expect(districts.datasets.map((d: any) => d.data.reduce((a: number, b: number) => a + b, 0)).reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(0);
    const staff = charts['staff-reductions'] as any;
    expect(staff.labels).toEqual(['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024']);
    expect(staff.datasets).toHaveLength(3);
    const tableTotal = await page.locator('#staff-reductions-table tr.total td.num strong').innerText();
    const chartTotal = staff.datasets.flatMap((d: any) => d.data).reduce((a: number, b: number) => a + b, 0);
    expect(Number(tableTotal.replace(/\./g, ''))).toBe(chartTotal);
    expect(errors).toEqual([]);
    await shot(page, 'dashboard');
    await page.close();
  }, 60_000);
});
