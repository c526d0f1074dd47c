// ClickHouse's JSON values as the plain values every Baton engine returns (DuckDB's shapes).
import type { SqlValue } from './sql-engine.js';

const FLOATS: Record<string, number> = {
  nan: Number.NaN,
  '-nan': Number.NaN,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
};

/** How a JSON value of a ClickHouse type becomes a plain value, the shape DuckDB's engine gives. */
export function converter(type: string): (value: unknown) => SqlValue {
  const base = type.replace(/^(?:LowCardinality\(|Nullable\()+/, '').replace(/\)+$/, '');
  const plain = (to: (value: unknown) => SqlValue) => (value: unknown) =>
    value === null || value === undefined ? null : to(value);
  // date_time_output_format = 'iso' gives UTC with a Z; JavaScript's Date, as DuckDB's rows, keeps milliseconds.
  if (base.startsWith('DateTime'))
    return plain((v) =>
      String(v).replace(/(?:\.(\d{1,3})\d*)?Z$/, (_m, ms: string = '') => `.${ms.padEnd(3, '0')}Z`),
    );
  if (/^U?Int\d+$/.test(base) || base.startsWith('Decimal')) return plain(Number);
  if (base.startsWith('Float'))
    return plain((v) => (typeof v === 'string' ? (FLOATS[v] ?? Number(v)) : Number(v)));
  if (base === 'Bool') return plain(Boolean);
  if (/^(Tuple|Array|Map|Nested|JSON|Object|Variant|Dynamic)/.test(base))
    return plain((v) => JSON.stringify(v));
  return plain((v) => (typeof v === 'string' ? v : String(v)));
}
