import type { Kysely } from 'kysely';
import { columnTypes } from '../../src/db/dialect.js';

/**
 * The administrative layout of a report (Nghị định 30/2020/NĐ-CP) as the user filled it in, one
 * row per scope ('10' for Lào Cai, 'id:42', '*' for the whole country), remembered for the next
 * report. Plain text columns: an empty field is null and the report shows its default.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { text } = columnTypes(db);
  await db.schema
    .createTable('report_layouts')
    .addColumn('scope', text, (c) => c.primaryKey())
    .addColumn('parent_office', text)
    .addColumn('office', text)
    .addColumn('number', text)
    .addColumn('place', text)
    .addColumn('signed_on', text)
    .addColumn('doc_type', text)
    .addColumn('subject', text)
    .addColumn('recipients', text)
    .addColumn('signer_authority', text)
    .addColumn('signer_title', text)
    .addColumn('signer_name', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull())
    .execute();
}
