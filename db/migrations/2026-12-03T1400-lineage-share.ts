import { columnTypes } from '../../src/db/dialect.js';
import { sql, type Kysely } from 'kysely';

/**
 * A lineage pair is whole or part: a reorganisation takes some units whole and parts of others, a
 * split or separation gives each new unit a part, and a transfer of part of a unit's area gives a part.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { text } = columnTypes(db);
  await db.schema.alterTable('lineage').addColumn('share', text, (c) => c.notNull().defaultTo('whole')).execute();
  await sql`update lineage set share = 'part'
    where from_unit_id <> to_unit_id
      and change_id in (select id from changes where type in ('split', 'separate', 'transfer'))`.execute(db);
}
