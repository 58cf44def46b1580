import SQLite from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';

/** A refusal of the backup or restore commands; the message is for the operator. */
export class DatabaseFileError extends Error {}

export interface FileFacts {
  bytes: number;
  pages: number;
  pageSize: number;
  integrity: string;
  /** Names in kysely_migration, or null when the table is missing (not a database of this app). */
  migrations: string[] | null;
  changes: number;
  voided: number;
  units: number;
}

const MAGIC = 'SQLite format 3\0';

/** Size, pages, `PRAGMA integrity_check`, the migrations applied and what the file records. */
export function inspectFile(file: string): FileFacts {
  if (!hasSqliteHeader(file)) throw new DatabaseFileError(`${file} is not a SQLite database`);
  const db = new SQLite(file, { fileMustExist: true });
  try {
    const integrity = checkIntegrity(db);
    const bytes = statSync(file).size;
    if (integrity !== 'ok') return { bytes, pages: 0, pageSize: 0, integrity, migrations: null, changes: 0, voided: 0, units: 0 };
    const base = { bytes, pages: pragma(db, 'page_count'), pageSize: pragma(db, 'page_size'), integrity };
    const tables = new Set(db.prepare(`select name from sqlite_master where type = 'table'`).pluck().all() as string[]);
    const has = (t: string) => tables.has(t);
    const count = (q: string) => Number(db.prepare(q).pluck().get());
    return {
      ...base,
      migrations: has('kysely_migration') ? (db.prepare('select name from kysely_migration order by name').pluck().all() as string[]) : null,
      changes: has('changes') ? count('select count(*) from changes') : 0,
      voided: has('changes') ? count('select count(*) from changes where voided_at is not null') : 0,
      units: has('units') ? count('select count(*) from units') : 0,
    };
  } finally {
    db.close();
  }
}

function checkIntegrity(db: SQLite.Database): string {
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } catch (err) {
    // A damaged file may not even let the check run (SQLITE_CORRUPT, SQLITE_NOTADB).
    return (err as Error).message;
  }
}

const pragma = (db: SQLite.Database, name: string) => Number(db.pragma(name, { simple: true }));

function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString('latin1') === MAGIC;
  } finally {
    closeSync(fd);
  }
}

/** Removes a database file with its -wal, -shm and -journal companions. */
export function removeFileSet(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) if (existsSync(f)) unlinkSync(f);
}

/** Flushes a file, then its directory (so a rename into it survives a power cut). */
export function syncToDisk(file: string): void {
  for (const [path, flags] of [[file, 'r+'], [dirname(file), 'r']] as const) {
    const fd = openSync(path, flags);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
