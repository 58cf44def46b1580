import { createUser, resolveScope } from '../src/services/account.service.js';
import { args, runTask } from './cli.js';
import { explained, operator, readPassword, roleOf } from './user-cli.js';

/**
 * npm run user:create -- --username U --role administrator|editor|viewer [--scope CODE] < password
 * Editors need --scope: the official code of the unit whose subtree they may change.
 */
const { values } = args({ username: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' } });

await runTask(async (db, describe) => {
  if (!values.username || !values.role) throw new Error('usage: npm run user:create -- --username U --role editor --scope CODE  (password on standard input)');
  const role = roleOf(values.role);
  const done = await explained(async () => {
    const scopeUnitId = await resolveScope(db, values.scope as string | undefined);
    await createUser(db, { username: values.username as string, password: await readPassword(), role, scopeUnitId }, operator);
  }, describe);
  if (done) console.log(`created ${values.username} (${role}${values.scope ? `, scope ${values.scope}` : ''})`);
});
