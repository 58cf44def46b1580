import { columnTypes } from '../../src/db/dialect.js';
import type { Kysely } from 'kysely';

/**
 * Plans (phương án): a named draft of proposed changes on a base date under a scope unit. A
 * proposal is a change request exactly as the change forms produce it (JSON), never an event;
 * `change_id` is set when the plan is enacted. Every workflow step is a row with who, when, why.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, text } = columnTypes(db);

  await db.schema
    .createTable('plans')
    .addColumn('id', 'integer', id)
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('scope_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('base_on', text, (c) => c.notNull())
    .addColumn('author', text, (c) => c.notNull())
    .addColumn('description', text)
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('enacted_on', text)
    .addColumn('decision_id', 'integer', (c) => c.references('decisions.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plan_proposals')
    .addColumn('id', 'integer', id)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('type', text, (c) => c.notNull())
    .addColumn('request', text, (c) => c.notNull())
    .addColumn('form', text, (c) => c.notNull())
    .addColumn('change_id', 'integer', (c) => c.references('changes.id'))
    .execute();
  await db.schema.createIndex('plan_proposals_plan').on('plan_proposals').columns(['plan_id', 'position']).execute();

  await db.schema
    .createTable('plan_transitions')
    .addColumn('id', 'integer', id)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('from_status', text)
    .addColumn('to_status', text, (c) => c.notNull())
    .addColumn('by', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('comment', text)
    .execute();
  await db.schema.createIndex('plan_transitions_plan').on('plan_transitions').column('plan_id').execute();
}
