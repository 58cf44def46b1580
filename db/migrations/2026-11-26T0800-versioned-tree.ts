import { columnTypes } from '../../src/db/dialect.js';
import { sql, type Kysely } from 'kysely';

/** Units, their versions, decisions and the change events with what each touched. */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, text, real } = columnTypes(db);

  await db.schema.createTable('units').addColumn('id', 'integer', id).addColumn('created_at', text, (c) => c.notNull()).execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'integer', id)
    .addColumn('number', text, (c) => c.notNull())
    .addColumn('issuer', text)
    .addColumn('signed_on', text)
    .addColumn('title', text)
    .execute();
  // Numbers restart every year and each issuer has its own series: a number names a decision only with its date.
  await db.schema.createIndex('decisions_number').on('decisions').columns(['number', 'signed_on']).unique().execute();

  await db.schema
    .createTable('changes')
    .addColumn('id', 'integer', id)
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('effective_on', text, (c) => c.notNull())
    .addColumn('decision_id', 'integer', (c) => c.notNull().references('decisions.id'))
    .addColumn('payload', text, (c) => c.notNull())
    .addColumn('note', text)
    .addColumn('recorded_at', text, (c) => c.notNull())
    .addColumn('recorded_by', text, (c) => c.notNull())
    .addColumn('voided_at', text)
    .addColumn('voided_by', text)
    .addColumn('void_reason', text)
    .execute();
  await db.schema.createIndex('changes_effective_on').on('changes').columns(['effective_on', 'id']).execute();
  await db.schema.createIndex('changes_decision').on('changes').column('decision_id').execute();

  await db.schema
    .createTable('versions')
    .addColumn('id', 'integer', id)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('valid_from', text, (c) => c.notNull())
    .addColumn('valid_to', text)
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('search_name', text, (c) => c.notNull())
    .addColumn('code', text)
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('subtype', text, (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('area_km2', real)
    .addColumn('population', 'integer')
    .addColumn('households', 'integer')
    .addColumn('sector', text)
    .addCheckConstraint('versions_interval', sql`valid_to is null or valid_from < valid_to`)
    .execute();
  await db.schema.createIndex('versions_unit').on('versions').columns(['unit_id', 'valid_from']).execute();
  await db.schema.createIndex('versions_parent').on('versions').columns(['parent_id', 'valid_from']).execute();
  await db.schema.createIndex('versions_code').on('versions').column('code').execute();
  await db.schema.createIndex('versions_kind').on('versions').columns(['kind', 'valid_from']).execute();

  // role: v = versions written, c = children changed, p = versions read, k = children read
  await db.schema
    .createTable('change_units')
    .addColumn('change_id', 'integer', (c) => c.notNull().references('changes.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('role', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('change_units_pk', ['change_id', 'unit_id', 'role'])
    .execute();
  await db.schema.createIndex('change_units_unit').on('change_units').columns(['unit_id', 'role']).execute();

  await db.schema
    .createTable('lineage')
    .addColumn('change_id', 'integer', (c) => c.notNull().references('changes.id'))
    .addColumn('from_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('to_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('lineage_pk', ['change_id', 'from_unit_id', 'to_unit_id'])
    .execute();
  await db.schema.createIndex('lineage_to').on('lineage').column('to_unit_id').execute();
  await db.schema.createIndex('lineage_from').on('lineage').column('from_unit_id').execute();
}
