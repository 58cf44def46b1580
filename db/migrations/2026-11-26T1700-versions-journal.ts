import { sql, type Kysely } from 'kysely';

/**
 * Which units' versions were written, in order: a process that keeps the country's versions in
 * memory (the national comparison) re-reads only those units instead of 336,000 versions after
 * every change. Versions are only ever inserted or deleted, never updated. The journal keeps its
 * last 50,000 entries; a reader further behind than that reads everything again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('versions_journal')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .execute();
  await sql`create trigger versions_journal_insert after insert on versions begin
    insert into versions_journal(unit_id) values (new.unit_id); end`.execute(db);
  await sql`create trigger versions_journal_delete after delete on versions begin
    insert into versions_journal(unit_id) values (old.unit_id); end`.execute(db);
  await sql`create trigger versions_journal_prune after insert on versions_journal when new.seq % 1000 = 0 begin
    delete from versions_journal where seq <= new.seq - 50000; end`.execute(db);
}
