import { importChanges } from '../src/services/import.service.js';
import { args, runTask, TaskError } from './cli.js';
import { readInputFile } from './file-task.js';
import { operator } from './user-cli.js';

/** npm run import:changes -- FILE: changes in the one-row-per-pair format, all or nothing. */
const { positionals } = args({});

await runTask(async (db, describe) => {
  if (!positionals[0]) throw new TaskError('usage: npm run import:changes -- FILE');
  const r = await importChanges(db, readInputFile(positionals[0]), describe, operator);
  console.log(`recorded ${r.changes} changes`);
});
