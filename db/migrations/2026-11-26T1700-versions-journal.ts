import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../../src/db/dialect.js';

/**
 * Which units' versions were written, in order: a process that keeps the country's versions in
 * memory (the national comparison) re-reads only those units instead of 336,000 versions after
 * every change. Versions are only ever inserted or deleted, never updated. The journal keeps its
 * last 50,000 entries; a reader further behind than that reads everything again.
 *
 * On PostgreSQL a sequence number is not commit order in general; here it is, because every write
 * to the versions holds the one writer's lock until it commits (src/db/write-transaction.ts), so
 * no row with a smaller number can commit after a reader has seen a larger one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { postgres, id } = columnTypes(db);
  await db.schema.createTable('versions_journal').addColumn('seq', 'integer', id).addColumn('unit_id', 'integer', (c) => c.notNull()).execute();
  if (postgres) {
    await sql`create function versions_journal_write() returns trigger language plpgsql as $$
      begin
        insert into versions_journal(unit_id) values (case when tg_op = 'DELETE' then old.unit_id else new.unit_id end);
        return null;
      end $$`.execute(db);
    await sql`create trigger versions_journal_write after insert or delete on versions for each row execute function versions_journal_write()`.execute(db);
    await sql`create function versions_journal_prune() returns trigger language plpgsql as $$
      begin
        if new.seq % 1000 = 0 then delete from versions_journal where seq <= new.seq - 50000; end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger versions_journal_prune after insert on versions_journal for each row execute function versions_journal_prune()`.execute(db);
    return;
  }
  await sql`create trigger versions_journal_insert after insert on versions begin
    insert into versions_journal(unit_id) values (new.unit_id); end`.execute(db);
  await sql`create trigger versions_journal_delete after delete on versions begin
    insert into versions_journal(unit_id) values (old.unit_id); end`.execute(db);
  await sql`create trigger versions_journal_prune after insert on versions_journal when new.seq % 1000 = 0 begin
    delete from versions_journal where seq <= new.seq - 50000; end`.execute(db);
}
