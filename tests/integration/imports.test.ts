import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { findUnitIdByCode, findVersionOn } from '../../src/db/unit.repository.js';
import { importChanges, importUnits, ImportError } from '../../src/services/import.service.js';
import { newTestDb } from '../support/db.js';

const COMMUNES = readFileSync('seeds/data/lao-cai-communes-2019-12-01.csv', 'utf8');
const opts = { at: '2019-12-01', province: { code: '10', name: 'Tỉnh Lào Cai' }, decision: { number: 'DM-2019' } };
const describeErr = (e: { code: string }) => e.code;

async function rowCount(db: Db) {
  return Number((await db.selectFrom('versions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

async function importError(p: Promise<unknown>): Promise<ImportError> {
  const err = await p.then(() => null, (e) => e);
  expect(err).toBeInstanceOf(ImportError);
  return err as ImportError;
}

describe('importing the official commune list', () => {
  it('creates the province, its missing districts and every commune', async () => {
    const db = await newTestDb();
    expect(await importUnits(db, COMMUNES, opts, describeErr)).toEqual({ provinces: 1, districts: 9, communes: 162, skipped: 0 });
    const city = await findUnitIdByCode(db, '080', '2019-12-01');
    expect((await findVersionOn(db, city!, '2019-12-01'))).toMatchObject({ name: 'Thành phố Lào Cai', subtype: 'thanh_pho' });
    expect((await findVersionOn(db, (await findUnitIdByCode(db, '02683', '2019-12-01'))!, '2019-12-01'))).toMatchObject({ subtype: 'thi_tran', parentId: await findUnitIdByCode(db, '082', '2019-12-01') });
  });

  it('reports every bad row by number and column and imports nothing', async () => {
    const db = await newTestDb();
    const bad = 'code,name,type,district_code,district_name,district_type\n02635,Phường Duyên Hải,Phường,080,Thành phố Lào Cai,Thành phố\n,Xã Trống,Xã,080,Thành phố Lào Cai,Thành phố\n02635,Xã Lặp,Làng,080,Thành phố Lào Cai,Tỉnh\n';
    const err = await importError(importUnits(db, bad, opts, describeErr));
    expect(err.errors).toEqual([
      { row: 3, column: 'code', message: 'empty' },
      { row: 4, column: 'code', message: 'duplicate code 02635' },
      { row: 4, column: 'type', message: 'unknown commune type "Làng"' },
      { row: 4, column: 'district_type', message: 'unknown district type "Tỉnh"' },
    ]);
    expect(await rowCount(db)).toBe(0);
  });
});

describe('importing changes, one row per pair', () => {
  it('records rows sharing change_ref as one change, with the extended columns', async () => {
    const db = await newTestDb();
    await importUnits(db, COMMUNES, opts, describeErr);
    const csv = [
      'change_ref,type,effective_date,decision,decision_date,from_code,from_name,to_code,to_name,note,to_type,parent_code,area_km2,population',
      'A,consolidate,2025-07-01,100/NQ-UBTVQH15,2025-06-16,02635,,02635,Phường Duyên Hải Mới,,Phường,,,',
      'A,consolidate,2025-07-01,100/NQ-UBTVQH15,2025-06-16,02644,,02635,Phường Duyên Hải Mới,,Phường,,,',
      'B,establish,2025-08-01,5/QĐ-UBND,,,,,Thôn Mới,,Thôn,02686,,',
      'C,amend,2025-08-01,6/QĐ-UBND,,02686,,,,,,,55.5,4200',
      'D,rename,2025-09-01,7/QĐ-UBND,,02686,,,Xã A Mú Sung Mới,,,,,',
    ].join('\n');
    expect(await importChanges(db, csv, describeErr, { username: 'cli:ops', address: 'localhost' })).toEqual({ changes: 4 });
    const entry = await db.selectFrom('audit_log').selectAll().where('action', '=', 'import').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ username: 'cli:ops', address: 'localhost', entity: 'changes' });
    const ids: number[] = JSON.parse(entry.after!).changes;
    expect(ids).toHaveLength(4);
    expect(new Set((await db.selectFrom('changes').select('recorded_by').where('id', 'in', ids).execute()).map((c) => c.recorded_by))).toEqual(new Set(['cli:ops']));
    const merged = await findVersionOn(db, (await findUnitIdByCode(db, '02635', '2025-07-01'))!, '2025-07-01');
    expect(merged).toMatchObject({ name: 'Phường Duyên Hải Mới', subtype: 'phuong' });
    expect(await findUnitIdByCode(db, '02644', '2025-07-01')).toBeUndefined();
    const amu = await findVersionOn(db, (await findUnitIdByCode(db, '02686', '2025-09-01'))!, '2025-09-01');
    expect(amu).toMatchObject({ name: 'Xã A Mú Sung Mới', areaKm2: 55.5, population: 4200 });
  });

  it('reports bad cells, then a refused change by its row, importing nothing', async () => {
    const db = await newTestDb();
    await importUnits(db, COMMUNES, opts, describeErr);
    const before = await rowCount(db);
    const header = 'change_ref,type,effective_date,decision,decision_date,from_code,from_name,to_code,to_name,note';
    const cells = await importError(importChanges(db, `${header}\nX,merge,2020-02-30,1/NQ,,02845,,02854,,\nY,explode,2020-03-01,1/NQ,,02845,,02854,,\n`, describeErr, { username: 'test' }));
    expect(cells.errors).toEqual([
      { row: 2, column: 'effective_date', message: 'not a real date (YYYY-MM-DD)' },
      { row: 3, column: 'type', message: expect.any(String) },
    ]);
    const refused = await importError(importChanges(db, `${header}\nX,rename,2020-03-01,1/NQ,,02845,,,Xã Mới,\nY,merge,2020-03-01,1/NQ,,99999,,02854,,\n`, describeErr, { username: 'test' }));
    expect(refused.errors).toEqual([{ row: 3, column: 'from_code', message: 'UNKNOWN_CODE' }]);
    expect(await rowCount(db)).toBe(before);
  });

  it('runs from the command line and exits non-zero on a bad file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-'));
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, 'change_ref,type,effective_date,decision,from_code,to_code,to_name\nX,merge,2020-13-01,1/NQ,02845,02854,\n');
    const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/import-changes.ts', file], {
      env: { ...process.env, DATABASE_URL: `file:${dir}/db.sqlite` }, encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('row 2, column effective_date');
  });
});
