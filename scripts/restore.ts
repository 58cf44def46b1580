import { parseArgs } from 'node:util';
import { databaseFile, databaseUrl, isPostgresUrl } from '../src/db/connection.js';
import { restorePostgres } from '../src/db/postgres-backup.js';
import { restoreDatabase } from '../src/db/restore.js';
import { describeFacts, describePostgres, runFileTask } from './file-task.js';

/** npm run restore -- FILE: puts a backup in place of the live database (servers stopped). */
const { positionals } = parseArgs({ options: {}, allowPositionals: true });

await runFileTask('usage: npm run restore -- FILE', positionals[0], async (file) => {
  const url = databaseUrl();
  const r = isPostgresUrl(url) ? await restorePostgres(url, file) : await restoreDatabase(databaseFile(url), file);
  const target = 'database' in r ? `database ${r.database}` : r.file;
  console.log(`${file} restored to ${target}`);
  console.log(r.keptAs ? `  the database it replaced is kept as ${r.keptAs}` : '  there was no database to replace');
  console.log(r.migrated.length ? `  migrated: ${r.migrated.join(', ')}` : '  schema already at the latest migration');
  if ('database' in r) describePostgres(r, r.ms);
  else describeFacts(r, r.ms);
});
