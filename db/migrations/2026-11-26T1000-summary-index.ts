import type { Kysely } from 'kysely';

/**
 * Counting reads only indexes: a whole country by (kind, subtype, interval), the units under a
 * parent by (parent, interval, kind).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('versions_kind').execute();
  await db.schema.createIndex('versions_kind_interval').on('versions').columns(['kind', 'subtype', 'valid_from', 'valid_to']).execute();
  await db.schema.dropIndex('versions_parent').execute();
  await db.schema.createIndex('versions_parent_interval').on('versions').columns(['parent_id', 'valid_from', 'valid_to', 'kind']).execute();
}
