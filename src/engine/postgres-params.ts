// Baton's `$name` values as PostgreSQL's positional `$1..$n`, passing over quoted text, bodies and comments.
import type { SqlParams, SqlValue } from './sql-engine.js';

/**
 * `$name` → `$1..$n` in order of first use (a repeated name reuses its number); names inside quoted text,
 * quoted identifiers, dollar-quoted bodies and comments are left alone, and params the text never names are
 * not sent. Without any, the text goes as a simple query, so a parameterless script of statements works.
 */
export function bindNamed(sql: string, params?: SqlParams): { text: string; values: SqlValue[] } {
  const numbers = new Map<string, number>();
  const values: SqlValue[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const skipTo = literalEnd(sql, i);
    if (skipTo > i) {
      out += sql.slice(i, skipTo);
      i = skipTo;
    } else if (ch === '$' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))?.[0] ?? '';
      if (!params || !Object.hasOwn(params, name)) throw new Error(`No value given for $${name}`);
      let number = numbers.get(name);
      if (number === undefined) {
        values.push(params[name] ?? null);
        number = values.length;
        numbers.set(name, number);
      }
      out += `$${number}`;
      i += name.length + 1;
    } else {
      out += ch;
      i += 1;
    }
  }
  return { text: out, values };
}

/** Where the quoted text, identifier, dollar-quoted body or comment starting at `i` ends; `i` when none starts there. */
function literalEnd(sql: string, i: number): number {
  const ch = sql[i];
  const closing = (quote: string, from: number) => {
    // Doubled quotes stay inside; an unterminated literal runs to the end (the server reports it).
    let j = from;
    for (;;) {
      const k = sql.indexOf(quote, j);
      if (k < 0) return sql.length;
      if (sql[k + 1] === quote) j = k + 2;
      else return k + 1;
    }
  };
  if (ch === "'" && (sql[i - 1] === 'E' || sql[i - 1] === 'e') && !/[A-Za-z0-9_]/.test(sql[i - 2] ?? '')) {
    // E'...' escapes quotes with a backslash as well.
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === '\\') j += 2;
      else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
      else if (sql[j] === "'") return j + 1;
      else j += 1;
    }
    return sql.length;
  }
  if (ch === "'" || ch === '"') return closing(ch, i + 1);
  if (ch === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end < 0 ? sql.length : end;
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  if (ch === '$') {
    const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i))?.[0];
    if (tag && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
      const end = sql.indexOf(tag, i + tag.length);
      return end < 0 ? sql.length : end + tag.length;
    }
  }
  return i;
}
