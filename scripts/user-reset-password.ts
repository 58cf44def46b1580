import { resetPassword } from '../src/services/account.service.js';
import { args, runTask } from './cli.js';
import { explained, operator, readPassword } from './user-cli.js';

/** npm run user:reset-password -- --username U < new-password */
const { values } = args({ username: { type: 'string' } });

await runTask(async (db, describe) => {
  if (!values.username) throw new Error('usage: npm run user:reset-password -- --username U  (new password on standard input)');
  const done = await explained(async () => {
    await resetPassword(db, values.username as string, await readPassword(), operator);
  }, describe);
  if (done) console.log(`password of ${values.username} changed`);
});
