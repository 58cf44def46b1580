import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** `text` as a LIKE pattern found anywhere, literally: `%`, `_` and the escape `\` itself are escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * `lower(column) LIKE '%text%' ESCAPE '\'`: a search for "50%" finds "50%", not every "50"
 * (SQLite LIKE has no escape unless told), and "nq" finds "NQ" on both databases (PostgreSQL's
 * LIKE is case-sensitive, SQLite's is not). `lower` folds ASCII letters only on both (SQLite's
 * lower, and PostgreSQL's on our "C"-collated text), so the pattern is folded the same way here.
 */
export function contains(column: string, text: string): RawBuilder<SqlBool> {
  const pattern = containsPattern(text).replace(/[A-Z]/g, (c) => c.toLowerCase());
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}
