import { parseArgs } from 'node:util';
import { databaseFile, databaseUrl } from '../src/db/connection.js';
import { restoreDatabase } from '../src/db/restore.js';
import { describeFacts, runFileTask } from './file-task.js';

/** npm run restore -- FILE: puts a backup in place of the live database (server stopped). */
const { positionals } = parseArgs({ options: {}, allowPositionals: true });

await runFileTask('usage: npm run restore -- FILE', positionals[0], async (file) => {
  const r = await restoreDatabase(databaseFile(databaseUrl()), file);
  console.log(`${file} restored to ${r.file}`);
  console.log(r.keptAs ? `  the database it replaced is kept as ${r.keptAs}` : '  there was no database to replace');
  console.log(r.migrated.length ? `  migrated: ${r.migrated.join(', ')}` : '  schema already at the latest migration');
  describeFacts(r, r.ms);
});
