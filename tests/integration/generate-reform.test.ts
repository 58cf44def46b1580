import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChangesByIds } from '../../src/db/change.repository.js';
import type { Db } from '../../src/db/connection.js';
import { findAllVersions, findUnitIdByCode } from '../../src/db/unit.repository.js';
import type { Version } from '../../src/domain/tree.js';
import { bulkLoad } from '../../src/services/bulk-load.js';
import { generateCountry, toCsv, type PublishedTable, type ReformTables } from '../../src/services/generate/index.js';
import { importUnits } from '../../src/services/import.service.js';
import { summary } from '../../src/services/query.service.js';
import { rebuildProjection } from '../../src/services/rebuild.service.js';
import { importReform, type ReformReport } from '../../src/services/reform-import.service.js';
import { newTestDb } from '../support/db.js';

const NOW = '2026-01-01T00:00:00.000Z';
const BEFORE = '2025-06-30';
const ON = '2025-07-01';

type Row = Record<string, string>;
const rowsOf = (t: PublishedTable): Row[] => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));

function importTables(db: Db, t: ReformTables): Promise<ReformReport> {
  return importReform(db, {
    communes: toCsv(t.communes), provinces: toCsv(t.provinces), at: t.at,
    decisions: { provinces: t.decisions.provinces, districts: t.decisions.districts }, who: { username: 'test' },
  }, (e) => `${e.code} ${JSON.stringify(e.params)}`);
}

/** Each unit's version on a date, by id, from one read of every version. */
function versionsOn(all: Version[], date: string): Map<number, Version> {
  return new Map(all.filter((v) => v.validFrom <= date && (v.validTo === null || v.validTo > date)).map((v) => [v.unitId, v]));
}

describe('the generated country\'s 2025 reform, published as tables and imported as the CLI does (3 provinces)', () => {
  const g = generateCountry({ provinces: 3, seed: 5, reform: 'tables' });
  const tables = g.tables!;
  const communes = rowsOf(tables.communes);
  const provinces = rowsOf(tables.provinces);
  const list = rowsOf(tables.units);
  let db: Db;
  let report: ReformReport;
  beforeAll(async () => {
    db = await newTestDb();
    await bulkLoad(db, g.events, { now: NOW });
    report = await importTables(db, tables);
  }, 60_000);
  afterAll(async () => {
    await db.destroy();
  });

  it('publishes the real shapes: wholes and parts (with and without figures), swaps among wards, a reissued code, an island đặc khu', () => {
    expect(g.events.every((e) => e.effectiveOn < ON)).toBe(true);
    const parts = communes.filter((r) => r.share === 'partial');
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.some((r) => r.area_km2 && r.population)).toBe(true);
    expect(parts.some((r) => !r.area_km2 && !r.population)).toBe(true);
    // A swap: two old wards each divided between the same two new units.
    const sharedBy = new Map<string, string[]>();
    for (const r of parts.filter((x) => x.old_name.startsWith('Phường'))) sharedBy.set(r.old_code, [...(sharedBy.get(r.old_code) ?? []), r.new_code]);
    const pairsOfNew = [...sharedBy.values()].filter((s) => s.length === 2).map((s) => s.sort().join('+'));
    expect(pairsOfNew.length).toBeGreaterThan(new Set(pairsOfNew).size);
    expect(communes.some((r) => r.reissue)).toBe(true);
    expect(communes.filter((r) => r.new_name.startsWith('Đặc khu')).map((r) => r.old_code)).toEqual(list.filter((r) => !r.code).map((r) => r.district_code));
    expect(new Set(provinces.map((r) => r.new_code)).size).toBeLessThan(provinces.length);
    expect(generateCountry({ provinces: 3, seed: 5, reform: 'tables' }).tables).toEqual(tables);
  });

  it('records every part pair exactly, and no pair the tables do not give', async () => {
    const all = await findAllVersions(db);
    const [before, after] = [versionsOn(all, BEFORE), versionsOn(all, ON)];
    const pairs = await db.selectFrom('lineage').select(['from_unit_id', 'to_unit_id', 'share']).where('change_id', 'in', report.changes).execute();
    const recorded = pairs.map((p) => `${after.get(p.to_unit_id)!.code}<${before.get(p.from_unit_id)!.code}:${p.share}`).sort();
    const continuing = (r: Row) => r.old_code === r.new_code && communes.filter((x) => x.new_code === r.new_code).length === 1;
    const kept = (r: Row) => r.old_code === r.new_code && provinces.filter((x) => x.new_code === r.new_code).length === 1;
    const published = [
      ...communes.filter((r) => !continuing(r)).map((r) => `${r.new_code}<${r.old_code}:${r.share === 'partial' ? 'part' : 'whole'}`),
      ...provinces.filter((r) => !kept(r)).map((r) => `${r.new_code}<${r.old_code}:whole`),
    ].sort();
    expect(recorded).toEqual(published);
    expect(recorded.filter((p) => p.endsWith(':part'))).toHaveLength(communes.filter((r) => r.share === 'partial').length);
    expect(report.communes.partPairs).toBe(communes.filter((r) => r.share === 'partial').length);
  });

  it('gives each new commune, đặc khu included, its code, name and type under its province, and leaves no district', async () => {
    const all = await findAllVersions(db);
    const after = versionsOn(all, ON);
    const tree = [...after.values()].filter((v) => v.kind === 'commune')
      .map((v) => `${after.get(v.parentId!)!.code}/${v.code} ${v.name}`).sort();
    expect(tree).toEqual([...new Set(communes.map((r) => `${r.province_code}/${r.new_code} ${r.new_name}`))].sort());
    expect([...after.values()].filter((v) => v.kind === 'district')).toEqual([]);
    const zones = [...after.values()].filter((v) => v.subtype === 'dac_khu');
    expect(zones.map((v) => v.name).sort()).toEqual(communes.filter((r) => r.new_name.startsWith('Đặc khu')).map((r) => r.new_name).sort());
    expect(zones.length).toBeGreaterThan(0);
  });

  it('accepts the reissued closed codes, with the acknowledgement stored on the change', async () => {
    const reissued = [...new Set(communes.filter((r) => r.reissue).map((r) => r.new_code))];
    for (const code of reissued) {
      expect(await findUnitIdByCode(db, code, BEFORE)).toBeUndefined();
      expect(await findUnitIdByCode(db, code, '2015-01-01')).toBeDefined();
      expect(await findUnitIdByCode(db, code, ON)).toBeDefined();
    }
    const changes = await findChangesByIds(db, report.changes);
    expect(changes.flatMap((c) => c.input.reissue ?? []).sort()).toEqual(reissued.sort());
  });

  it('counts every new province before and after as the sum of its predecessors', async () => {
    for (const code of new Set(provinces.map((r) => r.new_code))) {
      const members = provinces.filter((r) => r.new_code === code).map((r) => r.old_code);
      const listed = list.filter((r) => members.includes(r.province_code));
      const s = await summary(db, (await findUnitIdByCode(db, code, ON))!, BEFORE, ON);
      const count = (kind: string) => s.rows.find((r) => r.kind === kind && r.subtype === null) ?? { from: 0, to: 0 };
      expect(count('commune'), `province ${code}`).toMatchObject({
        from: listed.filter((r) => r.code).length, to: new Set(communes.filter((r) => r.province_code === code).map((r) => r.new_code)).size,
      });
      expect(count('district')).toMatchObject({ from: new Set(listed.map((r) => r.district_code)).size, to: 0 });
      if (members.length > 1) expect(count('province')).toMatchObject({ from: members.length, to: 1 });
    }
  });

  it('is reproduced exactly by replaying every event (db:rebuild --check)', async () => {
    const r = await rebuildProjection(db, { write: false });
    expect(r.failed).toBeNull();
    expect(r.differences).toEqual([]);
  });

  it('takes the same reform on the national list of the day before, imported alone', async () => {
    const fresh = await newTestDb();
    await importUnits(fresh, toCsv(tables.units), { at: BEFORE, decision: { number: '124/2004/QĐ-TTg' }, who: { username: 'test' } }, (e) => e.code);
    await importTables(fresh, tables);
    const shape = async (d: Db) => {
      const on = versionsOn(await findAllVersions(d), ON);
      return [...on.values()].filter((v) => v.kind === 'province' || v.kind === 'commune')
        .map((v) => `${v.parentId === null ? '' : on.get(v.parentId)!.code}/${v.code} ${v.name} ${v.subtype}`).sort();
    };
    expect(await shape(fresh)).toEqual(await shape(db));
    await fresh.destroy();
  });
});

describe('the published tables of seven provinces, imported on the national list alone', () => {
  it('keeps a consolidated centrally-run city a city, and records nothing for a province the table keeps as it was', async () => {
    const tables = generateCountry({ provinces: 7, seed: 1, reform: 'tables' }).tables!;
    const provinces = rowsOf(tables.provinces);
    const db = await newTestDb();
    await importUnits(db, toCsv(tables.units), { at: BEFORE, decision: { number: '124/2004/QĐ-TTg' }, who: { username: 'test' } }, (e) => e.code);
    const before = await db.selectFrom('changes').select('id').execute();
    const report = await importTables(db, tables);
    const after = await db.selectFrom('changes').select('id').execute();
    expect(after.length - before.length).toBe(report.changes.length);
    const kept = provinces.filter((r) => provinces.filter((x) => x.new_code === r.new_code).length === 1);
    expect(kept.length).toBeGreaterThan(0);
    expect(report.provinces).toEqual({ consolidated: new Set(provinces.map((r) => r.new_code)).size - kept.length, renamed: 0 });
    const city = provinces.find((r) => r.new_name.startsWith('Thành phố') && !kept.includes(r))!;
    const v = (await findAllVersions(db)).find((x) => x.code === city.new_code && x.validFrom === ON)!;
    expect([v.name, v.kind, v.subtype]).toEqual([city.new_name, 'province', 'thanh_pho_tw']);
    expect((await rebuildProjection(db, { write: false })).differences).toEqual([]);
    await db.destroy();
  }, 60_000);
});

describe('npm run generate -- --reform DIR, then npm run import:reform', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'generate-reform-'));
  const run = (script: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the history up to 30/06/2025, writes the three tables and the command that records them', () => {
    const file = path.join(dir, 'one.sqlite');
    const generated = run('scripts/generate.ts', ['--provinces', '1', '--seed', '3', '--out', file, '--reform', path.join(dir, 'tables')]);
    expect(generated.status, generated.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'tables')).sort()).toEqual(['communes-2025-07-01.csv', 'provinces-2025-07-01.csv', 'units-2025-06-30.csv']);
    const command = /npm run import:reform -- (.*)$/m.exec(generated.stdout)![1].split(' ');
    const imported = run('scripts/import-reform.ts', command, { DATABASE_URL: `file:${file}` });
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/recorded \d+ changes on 2025-07-01: .* part pairs\); \d+ district-level units ended/);
    const check = run('scripts/rebuild.ts', ['--check'], { DATABASE_URL: `file:${file}` });
    expect(check.stdout).toContain('0 unit(s) differ');
  }, 60_000);
});
