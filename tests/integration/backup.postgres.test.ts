import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { backupPostgres, restorePostgres } from '../../src/db/postgres-backup.js';
import { adminClient, newPostgresUrl } from '../support/db.js';
import { record, smallProvince } from '../support/factories.js';

/** The PostgreSQL counterpart of backup.sqlite.test.ts: pg_dump -Fc, and pg_restore into a fresh database swapped in. */
describe('backup and restore on PostgreSQL', () => {
  let dir = '';
  let url = '';
  let name = '';
  let db: Db;
  let village = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pg-backup-'));
    url = await newPostgresUrl();
    name = new URL(url).pathname.slice(1);
    db = openDatabase(url);
    village = (await smallProvince(db)).v1;
  });

  afterAll(async () => {
    await db?.destroy();
    const admin = await adminClient();
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${name}_%`]);
    for (const r of rows) await admin.query(`drop database if exists "${r.datname}" with (force)`);
    rmSync(dir, { recursive: true, force: true });
  });

  const nameOf = async (d: Db) => (await d.selectFrom('versions').select('name').where('unit_id', '=', village).where('valid_to', 'is', null).executeTakeFirstOrThrow()).name;

  it('backs up while the database is in use, refuses to overwrite a backup, and restores it in place of the live database, keeping the old one', async () => {
    const file = path.join(dir, 'before.dump');
    const made = await backupPostgres(url, file);
    expect(made).toMatchObject({ file, changes: 8, voided: 0 });
    expect(made.bytes).toBeGreaterThan(0);
    await expect(backupPostgres(url, file)).rejects.toThrow(/already exists: choose another name, or pass --force/);
    await record(db, { type: 'rename', effectiveOn: '2024-01-01', unit: { id: village }, name: 'Thôn Sau Sao Lưu' });
    expect(await nameOf(db)).toBe('Thôn Sau Sao Lưu');
    await expect(restorePostgres(url, file)).rejects.toThrow(/connections are open on .*: stop the servers first/);
    await db.destroy();
    const restored = await restorePostgres(url, file, new Date('2026-12-03T10:00:00Z'));
    expect(restored).toMatchObject({ database: name, keptAs: `${name}_before_restore_20261203100000`, migrated: [], changes: 8 });
    db = openDatabase(url);
    expect(await nameOf(db)).toBe('Thôn Một');
    // the restored database takes writes: its sequences came with it
    await record(db, { type: 'rename', effectiveOn: '2024-01-01', unit: { id: village }, name: 'Thôn Sau Khôi Phục' });
    expect(await nameOf(db)).toBe('Thôn Sau Khôi Phục');
  });

  it('refuses a file that is not a backup, and a backup of a newer version, writing nothing', async () => {
    const garbage = path.join(dir, 'garbage.dump');
    writeFileSync(garbage, 'not a dump');
    await expect(restorePostgres(url, garbage)).rejects.toThrow(/is not a backup made by npm run backup on PostgreSQL/);
    await expect(restorePostgres(url, path.join(dir, 'missing.dump'))).rejects.toThrow(/there is no file at/);
    const newer = await newPostgresUrl();
    const other = openDatabase(newer);
    await sql`insert into kysely_migration(name, timestamp) values ('2099-01-01T0000-from-the-future', '2099-01-01T00:00:00.000Z')`.execute(other);
    await other.destroy();
    const file = path.join(dir, 'newer.dump');
    await backupPostgres(newer, file);
    await db.destroy();
    await expect(restorePostgres(url, file)).rejects.toThrow(/comes from a newer version of the app \(migrations unknown here: 2099-01-01T0000-from-the-future\); upgrade the app first/);
    db = openDatabase(url);
    expect(await nameOf(db)).toBe('Thôn Sau Khôi Phục');
    const admin = await adminClient();
    const { rows } = await admin.query(`select datname from pg_database where datname like '%restoring%'`);
    expect(rows).toEqual([]);
  });
});
