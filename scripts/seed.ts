import { isEmpty, seedDemo } from '../seeds/index.js';
import { args, runTask } from './cli.js';

/** npm run seed -- demo: loads the Lào Cai demo into an empty database. */
const { positionals } = args({});

await runTask(async (db) => {
  if (positionals[0] !== 'demo') throw new Error('usage: npm run seed -- demo');
  if (!(await isEmpty(db))) throw new Error('the database already holds changes; the demo loads only into an empty one (delete db/app.sqlite first)');
  const r = await seedDemo(db);
  console.log(`demo loaded: ${r.changes} changes`);
});
