import { parseArgs } from 'node:util';
import { backupDatabase } from '../src/db/backup.js';
import { databaseFile, databaseUrl } from '../src/db/connection.js';
import { describeFacts, runFileTask } from './file-task.js';

/** npm run backup -- FILE [--force]: a consistent copy of the live database, the server running or not. */
const { values, positionals } = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true });

await runFileTask('usage: npm run backup -- FILE [--force]', positionals[0], async (file) => {
  const r = await backupDatabase(databaseFile(databaseUrl()), file, { force: values.force });
  console.log(`backup written to ${r.file}`);
  describeFacts(r, r.ms);
});
