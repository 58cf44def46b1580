import { Migrator, sql } from 'kysely';
import { migrations } from '../../db/migrations/index.js';
import type { Db } from './connection.js';

/** Brings the database to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

/** The schema as SQLite stores it, for db/schema.sql. */
export async function dumpSchema(db: Db): Promise<string> {
  const { rows } = await sql<{ sql: string }>`
    select sql from sqlite_master where sql is not null and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\'
    order by case type when 'table' then 0 else 1 end, name`.execute(db);
  return rows.map((r) => `${r.sql};`).join('\n\n') + '\n';
}
