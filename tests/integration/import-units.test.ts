import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { countByKindOn, findUnitIdByCode, findVersionOn } from '../../src/db/unit.repository.js';
import { importUnits, ImportError, type UnitsImport } from '../../src/services/import.service.js';

const AT = '2025-03-01';
const HEAD = 'province_code,province_name,province_type,district_code,district_name,district_type,code,name,type';
const DISTRICTS_HEAD = 'province_code,province_name,province_type,district_code,district_name,district_type';
const NATIONAL = [
  HEAD,
  '01,Thành phố Hà Nội,Thành phố,001,Quận Ba Đình,Quận,00001,Phường Phúc Xá,Phường',
  '01,Thành phố Hà Nội,Thành phố,001,Quận Ba Đình,Quận,00004,Phường Trúc Bạch,Phường',
  '01,Thành phố Hà Nội,Thành phố,002,Quận Hoàn Kiếm,Quận,00037,Phường Phúc Tân,Phường',
  '15,Tỉnh Yên Bái,Tỉnh,132,Thành phố Yên Bái,Thành phố,04249,Phường Yên Thịnh,Phường',
].join('\n');
const opts: UnitsImport = { at: AT, decision: { number: 'DM-2025-03' } };
const describeErr = (e: { code: string }) => e.code;

let dir: string;
let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

/** A real SQLite file in a fresh folder, built by the real migrator. */
async function newFileDb(): Promise<Db> {
  dir = mkdtempSync(path.join(tmpdir(), 'import-units-'));
  db = openDatabase(`file:${dir}/db.sqlite`);
  await migrateToLatest(db);
  return db;
}

async function versionOf(db: Db, code: string) {
  const id = await findUnitIdByCode(db, code, AT);
  return id === undefined ? undefined : findVersionOn(db, id, AT);
}

async function rowCount(db: Db) {
  return Number((await db.selectFrom('versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

async function importError(p: Promise<unknown>): Promise<ImportError> {
  const err = await p.then(() => null, (e) => e);
  expect(err).toBeInstanceOf(ImportError);
  return err as ImportError;
}

describe('importing the national list', () => {
  it('establishes every province of the file, a province-level "Thành phố" as a centrally-run city', async () => {
    const db = await newFileDb();
    expect(await importUnits(db, NATIONAL, opts, describeErr)).toEqual({ provinces: 2, districts: 3, communes: 4, skipped: 0 });
    expect(await versionOf(db, '01')).toMatchObject({ name: 'Thành phố Hà Nội', kind: 'province', subtype: 'thanh_pho_tw', parentId: null });
    expect(await versionOf(db, '15')).toMatchObject({ name: 'Tỉnh Yên Bái', kind: 'province', subtype: 'tinh' });
    expect(await versionOf(db, '132')).toMatchObject({ kind: 'district', subtype: 'thanh_pho', parentId: await findUnitIdByCode(db, '15', AT) });
    expect(await versionOf(db, '00037')).toMatchObject({ subtype: 'phuong', parentId: await findUnitIdByCode(db, '002', AT) });
  });

  it('reuses the provinces and districts already recorded on the date', async () => {
    const db = await newFileDb();
    await importUnits(db, NATIONAL, opts, describeErr);
    const more = `${HEAD}\n01,Thành phố Hà Nội,Thành phố,001,Quận Ba Đình,Quận,00006,Phường Vĩnh Phúc,Phường\n01,Thành phố Hà Nội,Thành phố,003,Quận Tây Hồ,Quận,00091,Phường Phú Thượng,Phường\n`;
    expect(await importUnits(db, more, opts, describeErr)).toEqual({ provinces: 0, districts: 1, communes: 2, skipped: 0 });
    expect(await versionOf(db, '00006')).toMatchObject({ parentId: await findUnitIdByCode(db, '001', AT) });
  });

  it('keeps only the rows of --province and counts the others as skipped', async () => {
    const db = await newFileDb();
    expect(await importUnits(db, NATIONAL, { ...opts, province: { code: '15' } }, describeErr)).toEqual({ provinces: 1, districts: 1, communes: 1, skipped: 3 });
    expect(await versionOf(db, '04249')).toMatchObject({ parentId: await findUnitIdByCode(db, '132', AT) });
    expect(await findUnitIdByCode(db, '01', AT)).toBeUndefined();
    expect(await findUnitIdByCode(db, '00001', AT)).toBeUndefined();
  });

  it('establishes island districts without communes, from a districts file and from rows without a commune', async () => {
    const db = await newFileDb();
    const main = `${HEAD}\n31,Thành phố Hải Phòng,Thành phố,318,Huyện Bạch Long Vĩ,Huyện,,,\n`;
    const districts = `${DISTRICTS_HEAD}\n77,Tỉnh Bà Rịa - Vũng Tàu,Tỉnh,755,Côn Đảo,Huyện\n45,Tỉnh Quảng Trị,Tỉnh,471,Huyện Cồn Cỏ,Huyện\n`;
    expect(await importUnits(db, main, { ...opts, districts }, describeErr)).toEqual({ provinces: 3, districts: 3, communes: 0, skipped: 0 });
    expect(await versionOf(db, '31')).toMatchObject({ subtype: 'thanh_pho_tw' });
    expect(await versionOf(db, '318')).toMatchObject({ name: 'Huyện Bạch Long Vĩ', subtype: 'huyen', parentId: await findUnitIdByCode(db, '31', AT) });
    expect(await versionOf(db, '755')).toMatchObject({ name: 'Huyện Côn Đảo', subtype: 'huyen', parentId: await findUnitIdByCode(db, '77', AT) });
  });

  it('reports every bad row of both files at once, by line and column, and writes nothing', async () => {
    const db = await newFileDb();
    const main = [
      HEAD,
      '01,Thành phố Hà Nội,Thủ đô,001,Quận Ba Đình,Quận,00001,Phường Phúc Xá,Phường',
      '01,Thành phố Hà Nội,Thành phố,001,Quận Ba Đình,Quận,,Phường Trúc Bạch,Phường',
      '15,Tỉnh Yên Bái,Tỉnh,001,Quận Ba Đình,Quận,00037,Phường Phúc Tân,Phường',
      '15,Tỉnh Yên Bái,Tỉnh,01,Huyện Lạ,Huyện,04249,Phường Yên Thịnh,Phường',
      '15,Tỉnh Yên Bái,Tỉnh,132,Thành phố Yên Bái,Thành phố,00001,Xã Lặp,Làng',
      '15,Tỉnh Yên Bái,Tỉnh,133,Thị xã Nghĩa Lộ,Thị trấn,132,Phường Pú Trạng,Phường',
    ].join('\n');
    const districts = `${DISTRICTS_HEAD}\n,Tỉnh Không Mã,Tỉnh,755,Huyện Côn Đảo,Huyện\n77,Tỉnh Bà Rịa - Vũng Tàu,Tỉnh,756,Huyện Mới,Đặc khu\n`;
    const err = await importError(importUnits(db, main, { ...opts, districts }, describeErr));
    expect(err.errors).toEqual([
      { row: 2, column: 'province_type', message: 'unknown province type "Thủ đô"' },
      { row: 3, column: 'code', message: 'empty' },
      { row: 4, column: 'district_code', message: 'district 001 is listed under province 01 on row 2' },
      { row: 5, column: 'district_code', message: '01 is also a province code' },
      { row: 6, column: 'code', message: 'duplicate code 00001' },
      { row: 6, column: 'type', message: 'unknown commune type "Làng"' },
      { row: 7, column: 'district_type', message: 'unknown district type "Thị trấn"' },
      { row: 7, column: 'code', message: '132 is also a district code' },
      { row: 2, column: 'districts: province_code', message: 'empty' },
      { row: 3, column: 'districts: district_type', message: 'unknown district type "Đặc khu"' },
    ]);
    expect(await rowCount(db)).toBe(0);
  });

  it('refuses a list of communes already recorded, or a district recorded under another province', async () => {
    const db = await newFileDb();
    await importUnits(db, NATIONAL, opts, describeErr);
    const again = `${HEAD}\n15,Tỉnh Yên Bái,Tỉnh,001,Quận Ba Đình,Quận,00099,Phường Mới,Phường\n15,Tỉnh Yên Bái,Tỉnh,132,Thành phố Yên Bái,Thành phố,04249,Phường Yên Thịnh,Phường\n`;
    const before = await rowCount(db);
    const err = await importError(importUnits(db, again, opts, describeErr));
    expect(err.errors).toEqual([
      { row: 2, column: 'district_code', message: `district 001 is under province 01 on ${AT}` },
      { row: 3, column: 'code', message: `code 04249 already names a unit on ${AT}` },
    ]);
    expect(await rowCount(db)).toBe(before);
  });

  it('loads the published lists of Yên Bái and Lào Cai on 01/03/2025 as one national file', async () => {
    const db = await newFileDb();
    const [yenBai, laoCai] = ['yen-bai', 'lao-cai'].map((p) => readFileSync(`/work/shared/data/${p}-communes-2025-03-01.csv`, 'utf8').trim().split('\n'));
    const national = [...yenBai, ...laoCai.slice(1)].join('\n');
    expect(await importUnits(db, national, opts, describeErr)).toEqual({ provinces: 2, districts: 18, communes: 319, skipped: 0 });
    const total = (counts: { kind: string; count: number }[], kind: string) => counts.filter((c) => c.kind === kind).reduce((n, c) => n + c.count, 0);
    const province = await versionOf(db, '15');
    expect(province).toMatchObject({ name: 'Tỉnh Yên Bái', subtype: 'tinh' });
    const counts = await countByKindOn(db, AT, province!.unitId);
    expect([total(counts, 'district'), total(counts, 'commune')]).toEqual([9, 168]);
    const country = await countByKindOn(db, AT, null);
    expect(['province', 'district', 'commune'].map((k) => total(country, k))).toEqual([2, 18, 319]);
  });

  it('asks for --province when the list has no province columns', async () => {
    const db = await newFileDb();
    const err = await importError(importUnits(db, 'code,name,type,district_code,district_name,district_type\n04249,Phường Yên Thịnh,Phường,132,Thành phố Yên Bái,Thành phố\n', opts, describeErr));
    expect(err.errors).toEqual([{ row: 1, column: 'province_code', message: 'missing column (a list of one province needs --province CODE)' }]);
  });
});

describe('npm run import:units', () => {
  function run(script: string, args: string[], initCwd: string) {
    return spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script, ...args], {
      env: { ...process.env, DATABASE_URL: `file:${initCwd}/db.sqlite`, INIT_CWD: initCwd }, encoding: 'utf8',
    });
  }

  it('reads a relative FILE from the folder npm was run in and prints the counts', () => {
    const where = mkdtempSync(path.join(tmpdir(), 'import-units-cli-'));
    writeFileSync(path.join(where, 'list.csv'), NATIONAL);
    const r = run('scripts/import-units.ts', ['list.csv', '--at', AT, '--province', '01'], where);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`imported 1 province, 2 districts, 3 communes on ${AT} (skipped 1 row of other provinces)`);
  });

  it('says in one line that a missing file cannot be read, for units and for changes', () => {
    const where = mkdtempSync(path.join(tmpdir(), 'import-units-cli-'));
    for (const [script, ...args] of [['scripts/import-units.ts', '--at', AT], ['scripts/import-changes.ts']]) {
      const r = run(script, ['missing.csv', ...args], where);
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toBe(`cannot read ${path.join(where, 'missing.csv')}: ENOENT: no such file or directory`);
    }
  });
});
