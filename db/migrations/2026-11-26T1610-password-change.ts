import type { Kysely } from 'kysely';

/**
 * A password someone else chose (the first administrator's printed one, or one an administrator
 * typed on the users page) must be replaced by its owner at the first sign-in.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
