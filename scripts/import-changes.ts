import { readFileSync } from 'node:fs';
import { importChanges } from '../src/services/import.service.js';
import { args, runTask } from './cli.js';
import { operator } from './user-cli.js';

/** npm run import:changes -- FILE: changes in the one-row-per-pair format, all or nothing. */
const { positionals } = args({});

await runTask(async (db, describe) => {
  if (!positionals[0]) throw new Error('usage: npm run import:changes -- FILE');
  const r = await importChanges(db, readFileSync(positionals[0]), describe, operator);
  console.log(`recorded ${r.changes} changes`);
});
