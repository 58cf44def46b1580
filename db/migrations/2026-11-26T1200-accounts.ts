import { columnTypes } from '../../src/db/dialect.js';
import { sql, type Kysely } from 'kysely';

/**
 * Accounts: users with a role and an optional scope unit (the subtree an editor may change), API
 * tokens (only their SHA-256 is stored), and failed logins, counted per account and per address
 * in the database so that every worker of a cluster sees the same count.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, text } = columnTypes(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', id)
    .addColumn('username', text, (c) => c.notNull().unique())
    .addColumn('password_hash', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull().check(sql`role in ('administrator', 'editor', 'viewer')`))
    .addColumn('scope_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('disabled_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('label', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('revoked_at', text)
    .execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'integer', id)
    .addColumn('username', text, (c) => c.notNull())
    .addColumn('address', text, (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_username').on('login_failures').columns(['username', 'at']).execute();
  await db.schema.createIndex('login_failures_address').on('login_failures').columns(['address', 'at']).execute();
}
