import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../src/db/dialect.js';

/**
 * A safety net under the one-writer rule: PostgreSQL refuses two versions of one unit whose
 * validity intervals overlap, at commit (a write closes the old version and opens the new one in
 * either order). Dates are ISO text, so the interval is a range of text in byte order; an open
 * end (valid_to null) is an unbounded range. SQLite serialises every writer itself, and the engine
 * never writes an overlap (db:rebuild --check compares); it has no such constraint.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create extension if not exists btree_gist`.execute(db);
  await sql`create type textrange as range (subtype = text, collation = "C")`.execute(db);
  await sql`alter table versions add constraint versions_no_overlap
    exclude using gist (unit_id with =, textrange(valid_from, valid_to, '[)') with &&) deferrable initially deferred`.execute(db);
}
