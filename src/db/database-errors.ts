/**
 * The database could not do a write for a reason that is the server's, not the user's: nothing was
 * saved, and the answer says why (`DATABASE_BUSY`: try again; `DISK_FULL` / `DISK_ERROR`: call
 * the operator). `cause` keeps the driver's own error for the log.
 */
export class DatabaseUnavailable extends Error {
  constructor(readonly code: Trouble, options: { cause: unknown }) {
    super(`${code}: ${(options.cause as Error | undefined)?.message ?? String(options.cause)}`, options);
    this.name = 'DatabaseUnavailable';
  }
}

export type Trouble = 'DATABASE_BUSY' | 'DISK_FULL' | 'DISK_ERROR';

/**
 * PostgreSQL's SQLSTATE classes that are the server's trouble: 08 connection, 53 insufficient
 * resources (53100 disk full), 57P0x shut down or failing over, 58 I/O, and lock or serialisation
 * waits that ran out (40001, 40P01, 55P03).
 */
const PG_BUSY = new Set(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53300']);

/** What kind of server-side trouble an error (or one of its causes) is, from SQLite's, PostgreSQL's and Node's codes; null for anything else. */
export function troubleOf(err: unknown): Trouble | null {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DatabaseUnavailable) return e.code;
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'DATABASE_BUSY';
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'DISK_FULL';
    if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'DISK_ERROR';
    if (PG_BUSY.has(code) || code.startsWith('08') || code === 'ECONNREFUSED' || code === 'ECONNRESET') return 'DATABASE_BUSY';
    if (code === '53100') return 'DISK_FULL';
    if (code.startsWith('58')) return 'DISK_ERROR';
  }
  return null;
}
