import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/** The one place that tells the two databases apart. */
export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Column types that mean the same on both databases. Text compares byte by byte (SQLite's BINARY,
 * PostgreSQL's "C"): dates are ISO text and must order as text whatever the server's locale, and
 * names are sorted in JavaScript with the Vietnamese collation anyway. `real` is 8 bytes in SQLite,
 * so PostgreSQL gets `double precision`, not its 4-byte `real`.
 */
export function columnTypes(db: Kysely<any>) {
  const postgres = isPostgres(db);
  return {
    postgres,
    id: (col: any) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()),
    text: postgres ? sql`text collate "C"` : ('text' as const),
    real: postgres ? ('double precision' as const) : ('real' as const),
  };
}

/** The ISO date the day before an ISO date column or value, as text. */
export function dayBefore(db: Kysely<any>, date: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string> {
  return isPostgres(db) ? sql<string>`to_char(cast(${date} as date) - 1, 'YYYY-MM-DD')` : sql<string>`date(${date}, '-1 day')`;
}

/**
 * After rows were written with explicit ids (the bulk loader, a restore), PostgreSQL's identity
 * sequences are moved past the highest id, so the next ordinary insert does not collide. SQLite's
 * AUTOINCREMENT follows the table by itself.
 */
export async function syncIdSequences(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where is_identity = 'YES' and table_schema = current_schema()`.execute(db);
  for (const r of rows) {
    const t = sql.id(r.table_name);
    const c = sql.id(r.column_name);
    await sql`select setval(pg_get_serial_sequence(${r.table_name}, ${r.column_name}), coalesce((select max(${c}) from ${t}), 0) + 1, false)`.execute(db);
  }
}

