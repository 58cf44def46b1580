import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openDatabase, type Db } from '../src/db/connection.js';
import { troubleOf } from '../src/db/database-errors.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DomainError } from '../src/domain/errors.js';
import { ImportError } from '../src/services/import.service.js';
import { describeError } from '../src/web/errors.js';
import { pickLocale, t } from '../src/web/i18n.js';

/**
 * Opens and migrates the database named by DATABASE_URL, runs `task`, reports errors, closes. A busy
 * database or a full disk is one plain line (as the web answers it) with its cause, no stack trace.
 */
export async function runTask(task: (db: Db, describe: (e: DomainError) => Promise<string>) => Promise<void>): Promise<void> {
  const db = openDatabase();
  const locale = pickLocale(process.env.LANG_UI, process.env.LANG?.startsWith('vi') ? 'vi' : 'en');
  try {
    await migrateToLatest(db);
    await task(db, (e) => describeError(db, e, locale));
  } catch (err) {
    const trouble = troubleOf(err);
    if (err instanceof ImportError) {
      console.error(`Nothing was imported. ${err.errors.length} problem(s):`);
      for (const e of err.errors) console.error(`  row ${e.row}, column ${e.column}: ${e.message}`);
    } else if (err instanceof TaskError) console.error(err.message);
    else if (trouble) console.error(`${t(locale, trouble)} (${rootCause(err)})`);
    else console.error(err);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

/** A refusal of the task itself (usage, an unreadable file): one plain line, no stack trace. */
export class TaskError extends Error {}

/** The driver's own words at the bottom of an error's causes ("SQLITE_FULL: database or disk is full"). */
function rootCause(err: unknown): string {
  let e = err as { cause?: unknown; code?: string; message?: string };
  while (e.cause && typeof e.cause === 'object') e = e.cause as typeof e;
  return e.code ? `${e.code}: ${e.message}` : String(e.message);
}

export function args(options: NonNullable<ParseArgsConfig['options']>) {
  return parseArgs({ options, allowPositionals: true, args: process.argv.slice(2) });
}
