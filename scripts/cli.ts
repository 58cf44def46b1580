import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openDatabase, type Db } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DomainError } from '../src/domain/errors.js';
import { ImportError } from '../src/services/import.service.js';
import { describeError } from '../src/web/errors.js';
import { pickLocale } from '../src/web/i18n.js';

/** Opens and migrates the database named by DATABASE_URL, runs `task`, reports errors, closes. */
export async function runTask(task: (db: Db, describe: (e: DomainError) => Promise<string>) => Promise<void>): Promise<void> {
  const db = openDatabase();
  const locale = pickLocale(process.env.LANG_UI, process.env.LANG?.startsWith('vi') ? 'vi' : 'en');
  try {
    await migrateToLatest(db);
    await task(db, (e) => describeError(db, e, locale));
  } catch (err) {
    if (err instanceof ImportError) {
      console.error(`Nothing was imported. ${err.errors.length} problem(s):`);
      for (const e of err.errors) console.error(`  row ${e.row}, column ${e.column}: ${e.message}`);
    } else console.error(err);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

export function args(options: NonNullable<ParseArgsConfig['options']>) {
  return parseArgs({ options, allowPositionals: true, args: process.argv.slice(2) });
}
