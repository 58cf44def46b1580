import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** `text` as a LIKE pattern found anywhere, literally: `%`, `_` and the escape `\` itself are escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** `column LIKE '%text%' ESCAPE '\'`: a search for "50%" finds "50%", not every "50". SQLite LIKE has no escape unless told. */
export function contains(column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${containsPattern(text)} escape '\\'`;
}
