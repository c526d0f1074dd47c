// Baton's `$name` values in ClickHouse's own form, `{name:Type}`, statement by statement.
import type { SqlParams, SqlValue } from './sql-engine.js';

/**
 * Splits a script into statements and turns `$name` into ClickHouse's `{name:Type}`, the type from the value
 * bound to it. Quoted text, quoted names and comments are passed over, so a `$` or `;` in them stays.
 */
export function bindNamed(
  sql: string,
  params: SqlParams = {},
): { sql: string; params: Record<string, unknown> }[] {
  const statements: { sql: string; params: Record<string, unknown> }[] = [];
  let text = '';
  let used: Record<string, unknown> = {};
  const end = () => {
    if (text.trim()) statements.push({ sql: text.trim(), params: used });
    text = '';
    used = {};
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    let j = i + 1;
    if (c === "'" || c === '"' || c === '`') {
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' ? 2 : 1;
      j += 1; // the closing quote; a doubled quote reads as two quoted runs back to back
    } else if (c === '-' && next === '-') {
      while (j < sql.length && sql[j] !== '\n') j++;
    } else if (c === '/' && next === '*') {
      j = sql.indexOf('*/', i + 2);
      j = j < 0 ? sql.length : j + 2;
    } else if (c === ';') {
      end();
      i = j;
      continue;
    } else if (c === '$' && next !== undefined && /[A-Za-z_]/.test(next)) {
      while (j < sql.length && /\w/.test(sql[j] as string)) j++;
      const name = sql.slice(i + 1, j);
      if (!Object.hasOwn(params, name))
        throw new Error(`No value given for $${name} in: ${sql.slice(0, 120)}`);
      const value = params[name] as SqlValue;
      used[name] = value;
      text += `{${name}:${paramType(value)}}`;
      i = j;
      continue;
    }
    text += sql.slice(i, j);
    i = j;
  }
  end();
  return statements;
}

function paramType(value: SqlValue): string {
  if (value === null) return 'Nullable(String)';
  if (typeof value === 'boolean') return 'Bool';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'Int64' : 'Float64';
  return 'String';
}
