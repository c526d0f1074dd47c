// Quoting for the few identifiers that come from a user's file (column names); values are never quoted, only bound.

/** Quotes a SQL identifier, doubling any embedded double quote. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal; only for statements that cannot take bound values (COPY ... TO 'file'). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
