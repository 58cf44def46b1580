import { columnTypes } from '../../src/db/dialect.js';
import type { Kysely } from 'kysely';

/**
 * Staffing and targets. Headcount and quota are never stored as totals: a quota decision holds
 * from its date until the unit's next one; headcount on D is the sum of movements dated ≤ D.
 * `change_id` ties the transfers a merge generated to that change, so voiding it removes them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, text, real } = columnTypes(db);

  await db.schema
    .createTable('staff_quotas')
    .addColumn('id', 'integer', id)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('category', text, (c) => c.notNull())
    .addColumn('effective_on', text, (c) => c.notNull())
    .addColumn('quota', 'integer', (c) => c.notNull())
    .addColumn('decision', text, (c) => c.notNull())
    .addColumn('change_id', 'integer', (c) => c.references('changes.id'))
    .addColumn('recorded_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_quotas_unit').on('staff_quotas').columns(['unit_id', 'category', 'effective_on']).execute();

  await db.schema
    .createTable('staff_movements')
    .addColumn('id', 'integer', id)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('category', text, (c) => c.notNull())
    .addColumn('moved_on', text, (c) => c.notNull())
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('decision', text)
    .addColumn('note', text)
    .addColumn('change_id', 'integer', (c) => c.references('changes.id'))
    .addColumn('recorded_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_movements_unit').on('staff_movements').columns(['unit_id', 'moved_on']).execute();
  await db.schema.createIndex('staff_movements_date').on('staff_movements').columns(['moved_on', 'reason']).execute();
  await db.schema.createIndex('staff_movements_change').on('staff_movements').column('change_id').execute();

  await db.schema
    .createTable('targets')
    .addColumn('id', 'integer', id)
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('metric', text, (c) => c.notNull())
    .addColumn('kind', text)
    .addColumn('subtype', text)
    .addColumn('categories', text)
    .addColumn('scope_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('baseline_on', text, (c) => c.notNull())
    .addColumn('deadline_on', text, (c) => c.notNull())
    .addColumn('goal', text, (c) => c.notNull())
    .addColumn('goal_value', real, (c) => c.notNull())
    .addColumn('legal_source', text, (c) => c.notNull())
    .addColumn('milestones', text, (c) => c.notNull())
    .addColumn('retired_at', text)
    .execute();
}
