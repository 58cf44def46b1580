import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLiveChangesInOrder } from '../../src/db/change.repository.js';
import type { Db } from '../../src/db/connection.js';
import { findAllVersions, findSubtreeOn, findUnitHistory } from '../../src/db/unit.repository.js';
import { bulkLoad } from '../../src/services/bulk-load.js';
import { recordChange, voidChange } from '../../src/services/change.service.js';
import { generateCountry } from '../../src/services/generate/index.js';
import { summary } from '../../src/services/query.service.js';
import { rebuildProjection } from '../../src/services/rebuild.service.js';
import { newTestDb } from '../support/db.js';

const NOW = '2026-01-01T00:00:00.000Z';

async function generated(seed: number, provinces = 2): Promise<Db> {
  const db = await newTestDb();
  await bulkLoad(db, generateCountry({ provinces, seed }).events, { now: NOW });
  return db;
}

async function snapshot(db: Db) {
  return { versions: await findAllVersions(db), changes: await findLiveChangesInOrder(db) };
}

function row(summed: Awaited<ReturnType<typeof summary>>, kind: string) {
  return summed.rows.find((r) => r.kind === kind && r.subtype === null) ?? { from: 0, to: 0, reduced: 0 };
}

describe('the national generator, scaled down to two provinces', () => {
  let db: Db;
  beforeAll(async () => {
    db = await generated(1);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('gives the same country for the same seed and another for another seed', async () => {
    const again = await generated(1);
    const other = await generated(2);
    const first = await snapshot(db);
    expect(await snapshot(again)).toEqual(first);
    expect((await snapshot(other)).versions).not.toEqual(first.versions);
    await Promise.all([again.destroy(), other.destroy()]);
  });

  it('ends every district on 01/07/2025, consolidates the provinces and leaves about a third of the communes', async () => {
    const rows = await summary(db, null, '2025-06-30', '2025-07-01');
    expect(row(rows, 'province')).toMatchObject({ from: 2, to: 1 });
    expect(row(rows, 'district').from).toBeGreaterThanOrEqual(14);
    expect(row(rows, 'district').to).toBe(0);
    const communes = row(rows, 'commune');
    expect(communes.from).toBeGreaterThan(100);
    expect(communes.to / communes.from).toBeGreaterThan(0.22);
    expect(communes.to / communes.from).toBeLessThan(0.45);
    expect(row(rows, 'village').to).toBe(row(rows, 'village').from);
    expect(row(rows, 'village').from / communes.from).toBeGreaterThan(7);
    expect(row(rows, 'agency').to).toBeLessThan(row(rows, 'agency').from);
    expect(row(rows, 'public_service_unit').from).toBeGreaterThan(3 * communes.from);
  });

  it('records ten years of history before the reform, every change with a decision', async () => {
    const history = await summary(db, null, '2015-01-01', '2024-12-31');
    expect(row(history, 'commune').reduced).toBeGreaterThan(0);
    expect(row(history, 'village').reduced).toBeGreaterThan(0);
    const changes = await findLiveChangesInOrder(db);
    const before = changes.filter((c) => c.effectiveOn > '2015-01-01' && c.effectiveOn < '2025-07-01');
    for (const type of ['merge', 'consolidate', 'transfer', 'rename', 'reclassify']) expect(before.map((c) => c.type)).toContain(type);
    const numbers = await db.selectFrom('decisions').select('number').execute();
    for (const { number } of numbers) expect(number).toMatch(/^\d+\/(\d{4}\/)?(QĐ|NQ)-[A-ZĐ0-9]+$|^\d+\/\d{4}\/(QH15|QĐ-TTg)$/);
  });

  it('gives codes of two, three and five digits, each new commune the code of one it replaced, an island district\'s đặc khu a new one', async () => {
    const before = await findSubtreeOn(db, '2025-06-30', null, 2);
    const after = await findSubtreeOn(db, '2025-07-01', null, 1);
    for (const v of [...before, ...after]) {
      const digits = { province: 2, district: 3, commune: 5 }[v.kind as string];
      if (digits) expect(v.code).toMatch(new RegExp(`^\\d{${digits}}$`));
    }
    const oldCodes = new Set(before.filter((v) => v.kind === 'commune').map((v) => v.code));
    const islands = before.filter((d) => d.kind === 'district' && !before.some((x) => x.parentId === d.unitId));
    const zones = new Set(islands.map((d) => d.name.replace(/^Huyện/, 'Đặc khu')));
    expect(zones.size).toBeGreaterThan(0);
    for (const v of after.filter((x) => x.kind === 'commune')) {
      if (zones.has(v.name)) expect([v.subtype, oldCodes.has(v.code)]).toEqual(['dac_khu', false]);
      else expect(oldCodes).toContain(v.code);
    }
  });

  it('is reproduced exactly by replaying every event (db:rebuild --check)', async () => {
    const report = await rebuildProjection(db, { write: false });
    expect(report.failed).toBeNull();
    expect(report.differences).toEqual([]);
  });

  it('takes ordinary changes afterwards: a merge, a back-dated rename that forces a replay, and its void', async () => {
    const after = await findSubtreeOn(db, '2026-01-01', null, 1);
    const [a, b] = after.filter((v) => v.kind === 'commune');
    await recordChange(db, { type: 'merge', effectiveOn: '2026-01-01', decision: { number: '9001/NQ-UBTVQH15' }, absorbed: [{ code: b.code! }], into: { code: a.code! } });
    const old = (await findSubtreeOn(db, '2018-06-01', null, 2)).find((v) => v.kind === 'commune')!;
    const renamed = await recordChange(db, { type: 'rename', effectiveOn: '2018-06-01', decision: { number: '9002/NQ-UBTVQH14' }, unit: { id: old.unitId }, name: 'Xã Thử Nghiệm' });
    const history = await findUnitHistory(db, old.unitId);
    expect(history.find((v) => v.validFrom === '2018-06-01')?.name).toBe('Xã Thử Nghiệm');
    // The reform moved (or ended) the commune on 01/07/2025: that later version was replayed with the new name.
    expect(history.find((v) => v.validFrom === '2025-07-01')?.name ?? history.at(-1)?.name).toBe('Xã Thử Nghiệm');
    await voidChange(db, renamed.change.id, 'tester', 'entered by mistake');
    expect((await findUnitHistory(db, old.unitId)).some((v) => v.name === 'Xã Thử Nghiệm')).toBe(false);
    const report = await rebuildProjection(db, { write: false });
    expect(report.differences).toEqual([]);
  });
});

describe('npm run generate', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'generate-'));
  const run = (script: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads into --out a country that db:rebuild --check finds identical, and refuses to load twice', () => {
    const file = path.join(dir, 'one.sqlite');
    const first = run('scripts/generate.ts', ['--provinces', '1', '--seed', '3', '--out', file]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/loaded \d+ changes/);
    const check = run('scripts/rebuild.ts', ['--check'], { DATABASE_URL: `file:${file}` });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('0 unit(s) differ');
    const again = run('scripts/generate.ts', ['--provinces', '1', '--out', file]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already holds');
  });
});
