import SQLite from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connection.js';
import { DatabaseUnavailable } from '../../src/db/database-errors.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { readTransaction, writeTransaction } from '../../src/db/write-transaction.js';
import { countryVersions } from '../../src/services/country-versions.service.js';
import { newUser, signedInApp } from '../support/auth.js';
import { record, smallProvince } from '../support/factories.js';

const decision = { number: '5/QĐ-UBND', issuer: 'UBND tỉnh Thử', signedOn: '2024-12-01' };
const changes = async (db: Db) => Number((await db.selectFrom('changes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
/** What better-sqlite3 throws when the disk fills (a SqliteError with its code). */
const diskFull = () => Object.assign(new Error('database or disk is full'), { name: 'SqliteError', code: 'SQLITE_FULL' });

describe('a write the database cannot do', () => {
  let dir: string;
  let db: Db;
  let units: Awaited<ReturnType<typeof smallProvince>>;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'write-failures-'));
    db = openDatabase(`file:${dir}/app.sqlite`);
    await migrateToLatest(db);
    units = await smallProvince(db);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Another process holding the write lock, as a second worker mid-transaction does. */
  const holdWriteLock = () => {
    const other = new SQLite(path.join(dir, 'app.sqlite'));
    other.exec('begin immediate');
    return { release: () => (other.exec('rollback'), other.close()) };
  };

  it('throws the failure itself, not the rollback that fails after it when SQLite has already rolled back', async () => {
    const failure = writeTransaction(db, async (trx) => {
      await trx.updateTable('versions').set({ population: 1 }).where('unit_id', '=', units.c1).execute();
      await sql`rollback`.execute(trx); // what SQLite does by itself on a full disk
      throw diskFull();
    });
    const err = await failure.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseUnavailable);
    expect(err).toMatchObject({ code: 'DISK_FULL', cause: { code: 'SQLITE_FULL', message: 'database or disk is full' } });
    expect(String((err as Error).message)).not.toContain('cannot rollback');
    // Nothing written, and the connection is free for the next query.
    expect((await db.selectFrom('versions').select('population').where('unit_id', '=', units.c1).executeTakeFirstOrThrow()).population).toBe(3000);
  });

  it('lets a consistent read (the versions journal refresh) through while another process holds the write lock', async () => {
    await sql`pragma busy_timeout = 20`.execute(db);
    await countryVersions(db);
    await record(db, { type: 'rename', effectiveOn: '2024-01-01', unit: { id: units.c1 }, name: 'Xã Bản Mế Mới' }); // journalled: the next use re-reads it
    const lock = holdWriteLock();
    try {
      await expect(readTransaction(db, (trx) => trx.selectFrom('versions').select('unit_id').limit(1).execute())).resolves.toHaveLength(1);
      const versions = await countryVersions(db);
      expect(versions.get(units.c1)?.at(-1)).toMatchObject({ name: 'Xã Bản Mế Mới' });
      await expect(writeTransaction(db, async () => 1)).rejects.toMatchObject({ code: 'DATABASE_BUSY' });
    } finally {
      lock.release();
    }
  });

  it('waits for a writer that holds the lock briefly, then writes', async () => {
    await sql`pragma busy_timeout = 20`.execute(db);
    const lock = holdWriteLock();
    setTimeout(lock.release, 30);
    await writeTransaction(db, (trx) => trx.updateTable('versions').set({ population: 1 }).where('unit_id', '=', units.c1).execute());
    const v = await db.selectFrom('versions').select('population').where('unit_id', '=', units.c1).executeTakeFirstOrThrow();
    expect(v.population).toBe(1);
  });

  it('answers 503 "busy, nothing saved, try again" with Retry-After when the lock never comes free', async () => {
    const app = await signedInApp(db);
    const before = await changes(db);
    await sql`pragma busy_timeout = 20`.execute(db);
    const lock = holdWriteLock();
    try {
      const res = await request(app).post('/api/changes?lang=en').send({ type: 'rename', effectiveOn: '2025-01-01', decision, unit: { id: units.c1 }, name: 'Xã Bản Mế Mới' });
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body).toMatchObject({ rule: 'DATABASE_BUSY', errors: [{ message: 'The database is busy; nothing was saved. Please try again in a moment.' }] });
    } finally {
      lock.release();
    }
    expect(await changes(db)).toBe(before);
  });

  it('answers 503 "the disk is full, nothing saved" in Vietnamese when the file cannot grow', async () => {
    const app = await signedInApp(db);
    const before = await changes(db);
    const { page_count } = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0];
    await sql.raw(`pragma max_page_count = ${page_count}`).execute(db); // a disk with no room left for this file
    const many = Array.from({ length: 300 }, (_, i) => ({ name: `Thôn Mới Số ${i + 1} ${'x'.repeat(60)}`, kind: 'village', subtype: 'thon', parent: { id: units.c1 } }));
    const res = await request(app).post('/api/changes').send({ type: 'establish', effectiveOn: '2025-01-01', decision, units: many });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ rule: 'DISK_FULL', errors: [{ message: 'Ổ đĩa của máy chủ đã đầy; chưa có gì được lưu. Hãy báo cho quản trị hệ thống.' }] });
    expect(await changes(db)).toBe(before);
  });

  it('has a command-line write print the same message, its cause and no stack trace, and exit 1', async () => {
    await newUser(db, 'operator-x');
    const lock = holdWriteLock();
    try {
      const cli = spawn(process.execPath, ['--import', 'tsx', 'scripts/token-create.ts', '--username', 'operator-x'], {
        env: { ...process.env, DATABASE_URL: `file:${dir}/app.sqlite`, LANG_UI: 'en' }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      cli.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise((resolve) => cli.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe('The database is busy; nothing was saved. Please try again in a moment. (SQLITE_BUSY: database is locked)');
    } finally {
      lock.release();
    }
  }, 40_000);
});
