import { columnTypes } from '../../src/db/dialect.js';
import type { Kysely } from 'kysely';

/** Web sessions (language, flash messages, CSRF token) live in the database, not in memory. */
export async function up(db: Kysely<any>): Promise<void> {
  const { text } = columnTypes(db);
  await db.schema
    .createTable('sessions')
    .addColumn('sid', text, (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('data', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
}
