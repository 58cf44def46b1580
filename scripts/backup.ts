import { parseArgs } from 'node:util';
import { backupDatabase } from '../src/db/backup.js';
import { databaseFile, databaseUrl, isPostgresUrl } from '../src/db/connection.js';
import { backupPostgres } from '../src/db/postgres-backup.js';
import { describeFacts, describePostgres, runFileTask } from './file-task.js';

/**
 * npm run backup -- FILE [--force]: a consistent copy of the live database, the server running or
 * not (SQLite's online backup; on PostgreSQL, pg_dump -Fc).
 */
const { values, positionals } = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true });

await runFileTask('usage: npm run backup -- FILE [--force]', positionals[0], async (file) => {
  const url = databaseUrl();
  if (isPostgresUrl(url)) {
    const r = await backupPostgres(url, file, { force: values.force });
    console.log(`backup written to ${r.file} (pg_dump -Fc)`);
    return describePostgres(r, r.ms);
  }
  const r = await backupDatabase(databaseFile(url), file, { force: values.force });
  console.log(`backup written to ${r.file}`);
  describeFacts(r, r.ms);
});
