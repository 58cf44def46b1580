import type { Insertable, Selectable } from 'kysely';
import type { Executor } from './connection.js';
import type { ReportLayoutsTable } from './schema.js';

export type ReportLayoutRow = Selectable<ReportLayoutsTable>;

export async function findReportLayout(db: Executor, scope: string): Promise<ReportLayoutRow | undefined> {
  return db.selectFrom('report_layouts').selectAll().where('scope', '=', scope).executeTakeFirst();
}

/** One row per scope: the last form saved wins (ON CONFLICT is spelled alike in SQLite and PostgreSQL). */
export async function upsertReportLayout(trx: Executor, row: Insertable<ReportLayoutsTable>): Promise<void> {
  const { scope, ...rest } = row;
  await trx.insertInto('report_layouts').values(row).onConflict((oc) => oc.column('scope').doUpdateSet(rest)).execute();
}
