import SQLite from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.js';
import { backupDatabase } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { restoreDatabase } from '../../src/db/restore.js';
import { inspectFile } from '../../src/db/sqlite-file.js';
import { rebuildProjection } from '../../src/services/rebuild.service.js';
import { smallProvince } from '../support/factories.js';
import { startWriter, type WriterProcess } from '../support/writer-process.js';

const writers: WriterProcess[] = [];
afterEach(async () => {
  for (const w of writers.splice(0)) await w.kill('SIGKILL');
});

/** A database file in WAL mode holding the factories' small province (8 changes, 8 units). */
async function liveDatabase(): Promise<{ dir: string; live: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'backup-'));
  const live = join(dir, 'app.sqlite');
  const db = openDatabase(`file:${live}`);
  await migrateToLatest(db);
  await smallProvince(db);
  await db.destroy();
  return { dir, live };
}

/** Change ids in a file, and the rebuild check (every event replayed from nothing) on it. */
async function contents(file: string) {
  const db = openDatabase(`file:${file}`);
  try {
    const ids = (await db.selectFrom('changes').select('id').orderBy('id').execute()).map((r) => r.id);
    const rebuild = await rebuildProjection(db, { write: false });
    return { ids, differences: rebuild.differences.length, failed: rebuild.failed };
  } finally {
    await db.destroy();
  }
}

const PROVINCE = 8;

describe('npm run backup', () => {
  it('copies a database another process keeps writing to: every change committed before it, nothing half-written', async () => {
    const { dir, live } = await liveDatabase();
    const writer = startWriter(live, 100_000);
    writers.push(writer);
    await writer.until(() => writer.committed.length >= 10);
    const backups = [];
    for (let k = 0; k < 3; k++) {
      const committedBefore = writer.committed.map((c) => c.id);
      const report = await backupDatabase(live, join(dir, `backup-${k}.sqlite`));
      backups.push({ report, committedBefore });
      await writer.until(() => writer.committed.length >= committedBefore.length + 5);
    }
    await writer.kill('SIGKILL');
    // The writer went on committing between and during the copies.
    expect(writer.committed.length).toBeGreaterThan(backups[2].committedBefore.length);
    for (const [k, { report, committedBefore }] of backups.entries()) {
      expect(report).toMatchObject({ integrity: 'ok', pages: expect.any(Number), migrations: Object.keys(migrations) });
      expect(report.changes).toBeGreaterThanOrEqual(PROVINCE + committedBefore.length);
      expect(existsSync(`${report.file}-wal`)).toBe(false);
      const restoredTo = join(dir, `restored-${k}`, 'app.sqlite');
      await restoreDatabase(restoredTo, report.file);
      expect(inspectFile(restoredTo).integrity).toBe('ok');
      const copy = await contents(restoredTo);
      expect(copy.ids).toEqual(expect.arrayContaining(committedBefore));
      expect(copy.ids).toHaveLength(report.changes);
      expect(copy).toMatchObject({ differences: 0, failed: null });
    }
  });

  it('refuses to overwrite a file unless forced, and leaves no partial file behind', async () => {
    const { dir, live } = await liveDatabase();
    const dest = join(dir, 'nightly.sqlite');
    writeFileSync(dest, 'an older backup');
    await expect(backupDatabase(live, dest)).rejects.toThrow(/already exists.*--force/);
    expect(inspectFile(live).changes).toBe(PROVINCE);
    const report = await backupDatabase(live, dest, { force: true });
    expect(report).toMatchObject({ integrity: 'ok', changes: PROVINCE, units: 8 });
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('runs from the command line, as does restore, and both say what they did', async () => {
    const { dir, live } = await liveDatabase();
    const run = (script: string, file: string) => spawnSync(process.execPath, ['--import', 'tsx', script, file], {
      encoding: 'utf8', env: { ...process.env, DATABASE_URL: `file:${live}` },
    });
    const ok = run('scripts/backup.ts', join(dir, 'b.sqlite'));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/integrity_check: ok/);
    expect(ok.stdout).toMatch(/8 changes \(0 voided\), 8 units/);
    const again = run('scripts/backup.ts', join(dir, 'b.sqlite'));
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^refused: .*already exists/);
    const restored = run('scripts/restore.ts', join(dir, 'b.sqlite'));
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(/kept as .*app\.sqlite\.before-restore-/);
  });
});

describe('a write interrupted by killing the process', () => {
  it('loses nothing committed and leaves nothing of the transaction it was in', async () => {
    const { live } = await liveDatabase();
    const writer = startWriter(live, 12, true);
    writers.push(writer);
    await writer.until(() => writer.pending.length >= 60);
    await writer.kill('SIGKILL');
    // The uncommitted changes had reached the disk: the WAL grew during the transaction.
    expect(writer.pending.at(-1)!.walBytes).toBeGreaterThan(writer.pending[0].walBytes);
    expect(existsSync(`${live}-wal`)).toBe(true);

    const facts = inspectFile(live);
    expect(facts.integrity).toBe('ok');
    expect(facts.changes).toBe(PROVINCE + 12);
    expect(facts.units).toBe(8 + writer.committed.reduce((n, c) => n + c.created, 0));
    const after = await contents(live);
    expect(after.ids.slice(PROVINCE)).toEqual(writer.committed.map((c) => c.id));
    expect(after).toMatchObject({ differences: 0, failed: null });
  });
});

describe('npm run restore', () => {
  async function withBackup() {
    const { dir, live } = await liveDatabase();
    const backup = (await backupDatabase(live, join(dir, 'good.sqlite'))).file;
    return { dir, live, backup };
  }

  /** The live database is untouched: same changes, sound, nothing kept aside, no temporary file. */
  function expectUnchanged(dir: string, live: string) {
    expect(inspectFile(live)).toMatchObject({ integrity: 'ok', changes: PROVINCE });
    expect(readdirSync(dir).filter((f) => /before-restore|restoring/.test(f))).toEqual([]);
  }

  it('refuses a file that is not a SQLite database, or not one of this app, and keeps the database', async () => {
    const { dir, live } = await withBackup();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'không phải cơ sở dữ liệu');
    await expect(restoreDatabase(live, text)).rejects.toThrow(/is not a SQLite database/);
    const other = join(dir, 'other.sqlite');
    new SQLite(other).exec('create table t (x); insert into t values (1)');
    await expect(restoreDatabase(live, other)).rejects.toThrow(/not one of this app/);
    expectUnchanged(dir, live);
  });

  it('refuses a damaged backup: PRAGMA integrity_check', async () => {
    const { dir, live, backup } = await withBackup();
    const db = new SQLite(backup);
    const [pages, pageSize] = [Number(db.pragma('page_count', { simple: true })), Number(db.pragma('page_size', { simple: true }))];
    db.close();
    const fd = openSync(backup, 'r+');
    // Scribble over the middle of every page but the first (the header stays valid).
    for (let p = 1; p < pages; p++) writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, p * pageSize + 1000);
    closeSync(fd);
    await expect(restoreDatabase(live, backup)).rejects.toThrow(/integrity_check/);
    expectUnchanged(dir, live);
  });

  it('refuses a backup from a newer version of the schema', async () => {
    const { dir, live, backup } = await withBackup();
    const db = new SQLite(backup);
    db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('2099-01-01T0000-from-the-future', new Date().toISOString());
    db.close();
    await expect(restoreDatabase(live, backup)).rejects.toThrow(/newer version.*2099-01-01T0000-from-the-future/);
    expectUnchanged(dir, live);
  });

  it('refuses while the server has the database open', async () => {
    const { dir, live, backup } = await withBackup();
    const server = openDatabase(`file:${live}`);
    await server.selectFrom('changes').select('id').execute();
    await expect(restoreDatabase(live, backup)).rejects.toThrow(/in use: stop the server/);
    await server.destroy();
    expectUnchanged(dir, live);
    await expect(restoreDatabase(live, backup)).resolves.toMatchObject({ integrity: 'ok' });
  });

  it('puts the backup back, keeping the replaced database whole with what its WAL held', async () => {
    const { dir, live, backup } = await withBackup();
    // Five more changes, committed, then the process killed: they sit in the WAL, not yet in the file.
    const writer = startWriter(live, 5, true);
    writers.push(writer);
    await writer.until(() => writer.pending.length >= 1);
    await writer.kill('SIGKILL');
    expect(existsSync(`${live}-wal`)).toBe(true);

    const report = await restoreDatabase(live, backup, new Date('2026-11-26T10:15:00Z'));
    expect(report).toMatchObject({ integrity: 'ok', changes: PROVINCE, keptAs: `${live}.before-restore-2026-11-26T10-15-00Z`, migrated: [] });
    expect(readdirSync(dir).sort()).toEqual(['app.sqlite', 'app.sqlite.before-restore-2026-11-26T10-15-00Z', 'good.sqlite']);
    expect(await contents(live)).toMatchObject({ differences: 0, failed: null, ids: [1, 2, 3, 4, 5, 6, 7, 8] });
    const kept = await contents(report.keptAs!);
    expect(kept.ids.slice(PROVINCE)).toEqual(writer.committed.map((c) => c.id));
    expect(kept).toMatchObject({ differences: 0, failed: null });
  });

  it('replaces a live database that is itself damaged, keeping it aside', async () => {
    const { dir, live, backup } = await withBackup();
    writeFileSync(live, 'ổ đĩa hỏng');
    const report = await restoreDatabase(live, backup, new Date('2026-11-26T10:15:00Z'));
    expect(report).toMatchObject({ integrity: 'ok', changes: PROVINCE });
    expect(readdirSync(dir).sort()).toEqual(['app.sqlite', 'app.sqlite.before-restore-2026-11-26T10-15-00Z', 'good.sqlite']);
  });

  it('migrates a backup made by an older version to the latest schema', async () => {
    const { dir, live } = await liveDatabase();
    const old = join(dir, 'old.sqlite');
    const db = openDatabase(`file:${old}`);
    await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo('2026-11-26T0900-sessions');
    await db.destroy();
    const report = await restoreDatabase(live, old);
    expect(report.migrated).toEqual(Object.keys(migrations).slice(2));
    expect(inspectFile(live).migrations).toEqual(Object.keys(migrations));
  });
});
