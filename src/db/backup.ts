import SQLite from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseFileError, inspectFile, removeFileSet, syncToDisk, type FileFacts } from './sqlite-file.js';

export interface BackupReport extends FileFacts {
  file: string;
  ms: number;
}

/** sqlite3_backup_step's page count meaning "all that remain" (better-sqlite3 clamps it to int32). */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the live database to `dest` with SQLite's online backup API while the server keeps
 * writing, then checks the copy. The copy is taken in one step, inside one read transaction: a
 * snapshot of every commit made before it, never a half-written one. (Stepping a few pages at a
 * time would restart at every write from another connection and might never finish on a busy
 * server.) In WAL mode writers are not blocked meanwhile. The copy is written under a temporary
 * name and renamed only once it passed `PRAGMA integrity_check`.
 */
export async function backupDatabase(source: string, dest: string, opts: { force?: boolean } = {}): Promise<BackupReport> {
  const started = performance.now();
  if (source === ':memory:') throw new DatabaseFileError('DATABASE_URL names an in-memory database: there is nothing to back up');
  if (!existsSync(source)) throw new DatabaseFileError(`there is no database at ${source}`);
  if (resolve(source) === resolve(dest)) throw new DatabaseFileError('the backup cannot replace the live database');
  if (!existsSync(dirname(resolve(dest)))) throw new DatabaseFileError(`the folder ${dirname(resolve(dest))} does not exist`);
  if (existsSync(dest) && !opts.force) throw new DatabaseFileError(`${dest} already exists: choose another name, or pass --force to replace it`);
  const temp = `${dest}.partial-${process.pid}`;
  removeFileSet(temp);
  try {
    await copyOnline(source, temp);
    const facts = inspectFile(temp);
    if (facts.integrity !== 'ok') throw new DatabaseFileError(`the copy failed PRAGMA integrity_check: ${facts.integrity}`);
    syncToDisk(temp);
    renameSync(temp, dest);
    syncToDisk(dest);
    return { ...facts, file: dest, ms: Math.round(performance.now() - started) };
  } finally {
    removeFileSet(temp);
  }
}

async function copyOnline(source: string, temp: string): Promise<void> {
  const live = new SQLite(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    await live.backup(temp, { progress: () => ALL_PAGES });
  } finally {
    live.close();
  }
  // The copy carries the live file's WAL flag; a backup is one self-contained file.
  const copy = new SQLite(temp, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}
