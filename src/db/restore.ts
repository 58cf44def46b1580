import SQLite from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { migrations } from '../../db/migrations/index.js';
import { openDatabase } from './connection.js';
import { migrateToLatest } from './migrate.js';
import { DatabaseFileError, inspectFile, removeFileSet, syncToDisk, type FileFacts } from './sqlite-file.js';

export interface RestoreReport extends FileFacts {
  file: string;
  /** Where the database it replaced was kept (null when there was none). */
  keptAs: string | null;
  migrated: string[];
  ms: number;
}

/**
 * Puts a backup in place of the live database, with the server stopped. The backup is copied
 * beside the live file, checked (a SQLite file of this app, `integrity_check` ok, no migration
 * this version does not know) and migrated to the latest schema there; only then is the live
 * file, once checkpointed, renamed to `<file>.before-restore-<time>` and the copy renamed in.
 */
export async function restoreDatabase(live: string, backup: string, now = new Date()): Promise<RestoreReport> {
  const started = performance.now();
  if (live === ':memory:') throw new DatabaseFileError('DATABASE_URL names an in-memory database: there is nothing to restore into');
  if (!existsSync(backup)) throw new DatabaseFileError(`there is no file at ${backup}`);
  if (resolve(live) === resolve(backup)) throw new DatabaseFileError('the backup is the live database itself');
  quiesce(live);
  mkdirSync(dirname(live), { recursive: true });
  const temp = `${live}.restoring-${process.pid}`;
  removeFileSet(temp);
  try {
    copyFileSync(backup, temp);
    if (existsSync(`${backup}-wal`)) copyFileSync(`${backup}-wal`, `${temp}-wal`);
    const before = checkBackup(backup, inspectFile(temp));
    await migrate(temp);
    const facts = inspectFile(temp);
    if (facts.integrity !== 'ok') throw new DatabaseFileError(`the migrated copy failed PRAGMA integrity_check: ${facts.integrity}`);
    if (existsSync(`${temp}-wal`)) throw new DatabaseFileError('the restored copy was not closed cleanly');
    quiesce(live);
    const keptAs = swap(live, temp, now);
    const migrated = (facts.migrations ?? []).filter((name) => !before.includes(name));
    return { ...facts, file: live, keptAs, migrated, ms: Math.round(performance.now() - started) };
  } finally {
    removeFileSet(temp);
  }
}

/** The migrations the backup has, once it is known to be a sound database of this version or an older one. */
function checkBackup(file: string, facts: FileFacts): string[] {
  if (facts.integrity !== 'ok') throw new DatabaseFileError(`${file} failed PRAGMA integrity_check: ${facts.integrity}`);
  if (facts.migrations === null) throw new DatabaseFileError(`${file} is a SQLite database but not one of this app (no migrations table)`);
  const unknown = facts.migrations.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new DatabaseFileError(`${file} comes from a newer version of the app (migrations unknown here: ${unknown.join(', ')}); upgrade the app first`);
  }
  return facts.migrations;
}

async function migrate(file: string): Promise<void> {
  const db = openDatabase(`file:${file}`);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Refuses while another process has the live database open, then folds its WAL into the file.
 * In WAL mode every open connection keeps a shared lock on the file, so taking an exclusive one
 * (locking_mode EXCLUSIVE, then BEGIN EXCLUSIVE) fails while the server runs, even idle.
 */
function quiesce(live: string): void {
  if (!existsSync(live)) return;
  let db: SQLite.Database | null = null;
  try {
    db = new SQLite(live, { fileMustExist: true });
    db.pragma('busy_timeout = 1000');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new DatabaseFileError(`${live} is in use: stop the server (and any other command using it), then restore`);
    }
    // A damaged live file is a reason to restore, not a reason to refuse: it is kept as it is.
    if (!code.startsWith('SQLITE_CORRUPT') && !code.startsWith('SQLITE_NOTADB')) throw err;
  } finally {
    db?.close();
  }
}

/** The live file (with a WAL the checkpoint could not empty) is kept aside; the copy takes its name. */
function swap(live: string, temp: string, now: Date): string | null {
  let keptAs: string | null = null;
  if (existsSync(live)) {
    keptAs = freeName(`${live}.before-restore-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z`);
    renameSync(live, keptAs);
  }
  for (const suffix of ['-wal', '-journal']) {
    // A stale WAL left beside the restored file would be replayed into it: it goes with the kept file.
    if (existsSync(live + suffix)) keptAs ? renameSync(live + suffix, keptAs + suffix) : unlinkSync(live + suffix);
  }
  if (existsSync(`${live}-shm`)) unlinkSync(`${live}-shm`);
  renameSync(temp, live);
  syncToDisk(live);
  return keptAs;
}

function freeName(base: string): string {
  let name = base;
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}`;
  return name;
}
