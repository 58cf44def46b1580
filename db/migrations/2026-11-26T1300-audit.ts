import { columnTypes } from '../../src/db/dialect.js';
import { sql, type Kysely } from 'kysely';

/**
 * The audit trail: one row per write, who, when, from where, which entity, and a before/after
 * summary (JSON text). Append-only: the application has no code path that changes a row, and
 * triggers refuse UPDATE and DELETE outright on both databases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { postgres, id, text } = columnTypes(db);

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', id)
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('username', text, (c) => c.notNull())
    .addColumn('address', text)
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('entity', text, (c) => c.notNull())
    .addColumn('entity_id', text)
    .addColumn('before', text)
    .addColumn('after', text)
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  if (postgres) {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'the audit trail is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(db);
    await sql`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'the audit trail is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'the audit trail is append-only'); end`.execute(db);
  }
}
