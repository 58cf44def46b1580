import type { Kysely } from 'kysely';
import { columnTypes } from '../../src/db/dialect.js';

/**
 * Reported indicators (issue 17): figures the tree cannot count — legal documents issued, leaders
 * rotated, procedure time cut, savings — each a named series of dated values with their source.
 * A value may be one level's share (`level`: province, district, commune) of a figure reported by
 * level; `illustrative` marks a value the demo made up, shown as such wherever it appears.
 * Targets may measure an indicator (`targets.indicator_id`). Staff movements say whether they
 * moved a leader (`leader`) and how (`transfer_kind`: luân chuyển, điều động), so the rotations of
 * leaders are also counted from staffing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, text, real } = columnTypes(db);
  await db.schema
    .createTable('indicators')
    .addColumn('id', 'integer', id)
    .addColumn('name_vi', text, (c) => c.notNull())
    .addColumn('name_en', text, (c) => c.notNull())
    .addColumn('unit_vi', text, (c) => c.notNull())
    .addColumn('unit_en', text, (c) => c.notNull())
    .addColumn('scope_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('by_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counted_from', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('retired_at', text)
    .execute();

  await db.schema
    .createTable('indicator_values')
    .addColumn('id', 'integer', id)
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicators.id'))
    .addColumn('value_on', text, (c) => c.notNull())
    .addColumn('level', text)
    .addColumn('value', real, (c) => c.notNull())
    .addColumn('since_on', text)
    .addColumn('source', text, (c) => c.notNull())
    .addColumn('note', text)
    .addColumn('illustrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recorded_at', text, (c) => c.notNull())
    .addColumn('recorded_by', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_values_indicator').on('indicator_values').columns(['indicator_id', 'value_on']).execute();

  await db.schema.alterTable('targets').addColumn('indicator_id', 'integer', (c) => c.references('indicators.id')).execute();
  await db.schema.alterTable('staff_movements').addColumn('leader', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('staff_movements').addColumn('transfer_kind', text).execute();
}
