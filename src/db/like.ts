import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** `text` as a LIKE pattern found anywhere, literally: `%`, `_` and the escape `\` itself are escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * `lower(column) LIKE lower('%text%') ESCAPE '\'`: a search for "50%" finds "50%", not every "50"
 * (SQLite LIKE has no escape unless told), and "nq" finds "NQ" on both databases (PostgreSQL's
 * LIKE is case-sensitive, SQLite's is not).
 */
export function contains(column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${containsPattern(text)}) escape '\\'`;
}
