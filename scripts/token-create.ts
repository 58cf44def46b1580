import { createToken } from '../src/services/account.service.js';
import { args, runTask } from './cli.js';
import { explained, operator } from './user-cli.js';

/** npm run token:create -- --username U [--label TEXT]: prints a token for `Authorization: Bearer …` on /api; only its hash is kept. */
const { values } = args({ username: { type: 'string' }, label: { type: 'string' } });

await runTask(async (db, describe) => {
  if (!values.username) throw new Error('usage: npm run token:create -- --username U [--label TEXT]');
  await explained(async () => {
    console.log(await createToken(db, values.username as string, (values.label as string | undefined) ?? null, operator));
  }, describe);
});
