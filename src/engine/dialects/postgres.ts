// PostgreSQL 15's SQL for the dialect: ordered array_agg for arg_min/arg_max, LATERAL for ASOF, arrays as order keys.
import { type Dialect, sqlText, type TimePart } from '../dialect.js';

/**
 * Objects the dialect's SQL calls, created by the engine on every open (idempotent). They live in the
 * session's own temporary schema and are called by that name: nothing is left in the user's schemas, and
 * two sessions opening at once cannot collide replacing the same function. Everything else maps onto
 * built-in PostgreSQL: on three million rows an ordered array_agg beat a PL/pgSQL arg_min aggregate by two
 * to three times, so only what has no built-in form is here.
 */
export const POSTGRES_PRELUDE: readonly string[] = Object.freeze([
  // Stands in for DuckDB's order-key struct: a bigint[] compares element by element and, unlike a composite,
  // has built-in min/max. Declared VOLATILE on purpose (the body is pure and still inlined): the planner
  // then keeps a subquery computing the key instead of pasting the expression into each of the dozen
  // aggregates that read it, which computed it a dozen times per event (a third of conversation facts' time).
  `CREATE OR REPLACE FUNCTION pg_temp.baton_order_key(ts timestamp, r bigint, seq bigint, rid bigint) RETURNS bigint[]
    LANGUAGE sql VOLATILE PARALLEL SAFE AS 'SELECT ARRAY[CAST(EXTRACT(EPOCH FROM ts) * 1000000 AS bigint), r, seq, rid]'`,
  // Stands in for DuckDB's `last_value(x IGNORE NULLS)`: a strict step keeps the state across NULL inputs.
  `CREATE OR REPLACE FUNCTION pg_temp.baton_take_later(earlier anyelement, later anyelement) RETURNS anyelement
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS 'BEGIN RETURN later; END'`,
  // ...and the aggregate over it, used as a window function over a frame that starts at the partition.
  'CREATE OR REPLACE AGGREGATE pg_temp.baton_last_non_null(anyelement) (SFUNC = pg_temp.baton_take_later, STYPE = anyelement, PARALLEL = SAFE)',
]);

const filtered = (aggregate: string, filter?: string) =>
  filter ? `${aggregate} FILTER (WHERE ${filter})` : aggregate;

/** The value at the first row of the group in `order`, among rows where `where` holds. */
const firstBy = (value: string, order: string, where: string) =>
  `(array_agg(${value} ORDER BY ${order}) FILTER (WHERE ${where}))[1]`;

const notNull = (value: string, key: string, filter?: string) =>
  `(${value}) IS NOT NULL AND (${key}) IS NOT NULL${filter ? ` AND (${filter})` : ''}`;

const int = (sql: string) => `CAST(${sql} AS integer)`;

const TIME_PARTS: Record<TimePart, (ts: string) => string> = {
  hour: (ts) => int(`EXTRACT(HOUR FROM ${ts})`),
  minute: (ts) => int(`EXTRACT(MINUTE FROM ${ts})`),
  isodow: (ts) => int(`EXTRACT(ISODOW FROM ${ts})`),
  // 'Dy' (not 'TMDy') is English whatever the server's lc_time, like DuckDB's %a.
  weekday: (ts) => `to_char(${ts}, 'Dy')`,
  hour_weekday: (ts) => `to_char(${ts}, 'Dy HH24')`,
  date: (ts) => `to_char(${ts}, 'YYYY-MM-DD')`,
  month: (ts) => `to_char(${ts}, 'YYYY-MM')`,
};

const MAX_BIGINT = '9223372036854775807';

export const postgresDialect: Dialect = Object.freeze<Dialect>({
  name: 'postgres',
  // A table made by CREATE ... AS has no statistics until analysed (autovacuum never analyses temp tables),
  // and the next step's plan depends on its size.
  createTable: (name: string, select: string, options: { temp?: boolean } = {}) => [
    `DROP TABLE IF EXISTS ${options.temp ? 'pg_temp.' : ''}${name}`,
    `CREATE ${options.temp ? 'TEMP ' : ''}TABLE ${name} AS\n${select}`,
    `ANALYZE ${name}`,
  ],
  // pg_temp names this session's table, so a reader without rights on the schema never touches a stored one.
  dropTables: (names: readonly string[], options: { temp?: boolean } = {}) =>
    names.map((n) => `DROP TABLE IF EXISTS ${options.temp ? 'pg_temp.' : ''}${n}`),
  tempTable: (name) => `pg_temp.${name}`,
  // The LATERAL subquery of asofJoin finds its row through this index, in log time instead of a scan
  // (createTable has analysed the table already; an index on plain columns adds no statistics).
  indexFor: (table, columns) => [`CREATE INDEX ON ${table} (${columns.join(', ')})`],
  rowId: 'rid',
  // The timestamp goes in as exact microseconds since the epoch (see baton_order_key in the prelude).
  orderKey: (p) =>
    `pg_temp.baton_order_key(${p.ts}, CAST(${p.rank} AS bigint), CAST(${p.seq} AS bigint), CAST(${p.rid} AS bigint))`,
  minKey: (key, filter) => filtered(`min(${key})`, filter),
  maxKey: (key, filter) => filtered(`max(${key})`, filter),
  argMin: (value, key, filter) => firstBy(value, key, notNull(value, key, filter)),
  // DESC puts NULL keys first in PostgreSQL; the filter keeps them out.
  argMax: (value, key, filter) => firstBy(value, `${key} DESC`, notNull(value, key, filter)),
  argMinNull: (value, key) => firstBy(value, key, `(${key}) IS NOT NULL`),
  boolOr: (condition) => `bool_or(${condition})`,
  countIf: (condition) => `count(*) FILTER (WHERE ${condition})`,
  maxIf: (value, filter) => `max(${value}) FILTER (WHERE ${filter})`,
  lead: (value, window) => `lead(${value}) OVER ${window}`,
  lag: (value, window) => `lag(${value}) OVER ${window}`,
  lastNonNull: (value, window) => `pg_temp.baton_last_non_null(${value}) OVER ${window}`,
  stringAgg: (value, separator, orderBy, filter) =>
    `string_agg(CAST(${value} AS text), ${sqlText(separator)} ORDER BY ${orderBy}) FILTER (WHERE ${filter})`,
  // One index probe per left row (indexFor(right, ['conversation_id', 'pos'])): the newest right row at or before.
  asofJoin: (right, alias, leftAlias, leftPos, strict) =>
    `JOIN LATERAL (SELECT * FROM ${right} baton_asof
    WHERE baton_asof.conversation_id = ${leftAlias}.conversation_id AND baton_asof.pos ${strict ? '<' : '<='} ${leftPos}
    ORDER BY baton_asof.pos DESC LIMIT 1) ${alias} ON true`,
  // An interval's epoch is exact (numeric) in PostgreSQL 14+; the double is its correctly rounded value.
  secondsBetween: (from, to) => `CAST(EXTRACT(EPOCH FROM (${to}) - (${from})) AS double precision)`,
  // TRY_CAST in DuckDB: a run of digits too long for a bigint is no number rather than an error.
  firstNumber: (text) => {
    const digits = `ltrim(substring(${text} FROM '[0-9]+'), '0')`;
    return `CASE WHEN length(${digits}) < 19 OR (length(${digits}) = 19 AND ${digits} <= '${MAX_BIGINT}' COLLATE "C")
    THEN CAST(substring(${text} FROM '[0-9]+') AS bigint) END`;
  },
  localTime: (column) => `((${column}) AT TIME ZONE 'UTC') AT TIME ZONE CAST($tz AS text)`,
  timePart: (part, local) => TIME_PARTS[part](local),
  isoText: (ts) => `to_char(${ts}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
  // DuckDB's time_bucket origin (2000-01-03, a Monday); any whole hour gives the same quarter hours.
  quarterHour: (ts) => `date_bin(INTERVAL '15 minutes', ${ts}, TIMESTAMP '2000-01-03')`,
  listPosition: (values, value) =>
    `array_position(CAST(ARRAY[${values.map(sqlText).join(', ')}] AS text[]), CAST(${value} AS text))`,
  quantileCont: (value, q) => `percentile_cont(${q}) WITHIN GROUP (ORDER BY ${value})`,
  regression: (kind, y, x) => `regr_${kind}(${y}, ${x})`,
  textType: 'text',
  doubleType: 'double precision',
  // Custom settings need a dotted name; unset (or reset to '') reads as the fallback.
  variable: (name, fallback) =>
    `coalesce(CAST(nullif(current_setting(${sqlText(`baton.${name}`)}, true), '') AS integer), ${fallback})`,
  setVariable: (name, value) => `SET baton.${name} = ${Math.trunc(value)}`,
  // Shift amounts are integer in PostgreSQL whatever the mask's type.
  bitTest: (mask, bit) => `((CAST(${mask} AS bigint) >> CAST(${bit} AS integer)) & 1) = 1`,
  // to_json of each text, joined: PostgreSQL has no list literal like DuckDB's [a, b].
  jsonPair: (first, second) =>
    `'[' || CAST(to_json(CAST(${first} AS text)) AS text) || ',' || CAST(to_json(CAST(${second} AS text)) AS text) || ']'`,
  splitRows: (text, pattern) => `regexp_split_to_table(${text}, ${pattern})`,
  // PostgreSQL's regular expressions spell a word boundary \y (\b is a backspace there), so it is translated.
  regexMatch: (text, pattern) => `(${text} ~ replace(CAST(${pattern} AS text), '\\b', '\\y'))`,
  regexReplace: (text, pattern, replacement) => `regexp_replace(${text}, ${pattern}, ${replacement})`,
});
