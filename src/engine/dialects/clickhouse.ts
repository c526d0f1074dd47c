// ClickHouse's SQL (embedded chdb or a server): the same derivation and metrics as DuckDB's, value for value.
import type { Dialect, TimePart } from '../dialect.js';

/**
 * Text literal for ClickHouse, which reads backslash escapes inside quotes as well as doubled quotes;
 * only for Baton's own text, never user input.
 */
export function clickhouseText(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** Session variables live in this temporary table, which the engine creates when it opens: see variable(). */
export const VARIABLES_TABLE = 'baton_variables';

// An Int64 moved into 0..2^64 with its order kept, so four of them pack into one UInt256 (see orderKey).
const unsigned64 = (value: string) => `toUInt256(toInt128(${value}) + 9223372036854775808)`;
const shifted = (value: string, bits: number) =>
  bits === 0 ? unsigned64(value) : `bitShiftLeft(${unsigned64(value)}, ${bits})`;

// Numbers as Int32: ClickHouse's own UInt8 is also what conditions return, and the engine stores those as Bool.
const TIME_PARTS: Record<TimePart, (ts: string) => string> = {
  hour: (ts) => `toInt32(toHour(${ts}))`,
  minute: (ts) => `toInt32(toMinute(${ts}))`,
  isodow: (ts) => `toInt32(toDayOfWeek(${ts}))`,
  weekday: (ts) => `formatDateTime(${ts}, '%a')`,
  hour_weekday: (ts) => `formatDateTime(${ts}, '%a %H')`,
  date: (ts) => `formatDateTime(${ts}, '%Y-%m-%d')`,
  month: (ts) => `formatDateTime(${ts}, '%Y-%m')`,
};

/** Over rows where both are present, as DuckDB's regr_* are; ClickHouse's pair aggregates skip a NULL in either. */
const regressionSql = (kind: 'slope' | 'count' | 'sxx' | 'syy' | 'sxy', y: string, x: string) => {
  const both = `(${y}) IS NOT NULL AND (${x}) IS NOT NULL`;
  const n = `countIf(${both})`;
  // The Stable variants are Welford's updates, as DuckDB's: sums of squares would cancel on large values.
  const varX = `varPopStableIf(${x}, ${both})`;
  const varY = `varPopStableIf(${y}, ${both})`;
  const covXY = `covarPopStableIf(${x}, ${y}, ${both})`;
  switch (kind) {
    case 'count':
      return n;
    case 'slope':
      return `if(${n} = 0, NULL, ${covXY} / ${varX})`;
    case 'sxx':
      return `if(${n} = 0, NULL, ${n} * ${varX})`;
    case 'syy':
      return `if(${n} = 0, NULL, ${n} * ${varY})`;
    case 'sxy':
      return `if(${n} = 0, NULL, ${n} * ${covXY})`;
  }
};

/**
 * Engine settings this SQL relies on (join_use_nulls, prefer_column_name_to_alias, aggregate_functions_null_for_empty,
 * session_timezone = 'UTC') are set by ClickHouseEngine for every statement.
 */
export const clickhouseDialect: Dialect = Object.freeze<Dialect>({
  name: 'clickhouse',
  // Scratch tables are the session's own (temporary: two sessions on one server database cannot clash, and
  // they go with the session) in memory: written once, read whole a few times. Stored tables are MergeTree, to
  // outlive the session; ORDER BY tuple() as readers scan them whole. (Memory for those measured no faster.)
  createTable: (name: string, select: string, options: { temp?: boolean } = {}) =>
    options.temp
      ? [
          `DROP TEMPORARY TABLE IF EXISTS ${name}`,
          `CREATE TEMPORARY TABLE ${name} ENGINE = Memory AS\n${select}`,
        ]
      : [
          `DROP TABLE IF EXISTS ${name} SYNC`,
          `CREATE TABLE ${name} ENGINE = MergeTree ORDER BY tuple() AS\n${select}`,
        ],
  // SYNC: a dropped table's files go now, not after the Atomic database's eight-minute grace.
  dropTables: (names: readonly string[], options: { temp?: boolean } = {}) =>
    names.map((n) =>
      options.temp ? `DROP TEMPORARY TABLE IF EXISTS ${n}` : `DROP TABLE IF EXISTS ${n} SYNC`,
    ),
  // A temporary table comes first when a name is looked up; it has no database to qualify it with.
  tempTable: (name) => name,
  // ASOF JOIN builds its own sorted lookup from the right side.
  indexFor: () => [],
  rowId: 'rid',
  // A tuple cannot be NULL in ClickHouse, and min/max over no rows must be; 4 × 64 bits fit one UInt256.
  orderKey: (p) =>
    `(${shifted(`toUnixTimestamp64Micro(${p.ts})`, 192)} + ${shifted(p.rank, 128)} + ${shifted(p.seq, 64)} + ${shifted(p.rid, 0)})`,
  minKey: (key, filter) => (filter ? `minIfOrNull(${key}, ${filter})` : `minOrNull(${key})`),
  maxKey: (key, filter) => (filter ? `maxIfOrNull(${key}, ${filter})` : `maxOrNull(${key})`),
  // argMin skips rows whose value is NULL; OrNull gives NULL, not the type's default, when no row matches.
  argMin: (value, key, filter) =>
    filter ? `argMinIfOrNull(${value}, ${key}, ${filter})` : `argMinOrNull(${value}, ${key})`,
  argMax: (value, key, filter) =>
    filter ? `argMaxIfOrNull(${value}, ${key}, ${filter})` : `argMaxOrNull(${value}, ${key})`,
  // Wrapped in a tuple, a NULL value is a value like any other.
  argMinNull: (value, key) => `argMin(tuple(${value}), ${key}).1`,
  boolOr: (condition) => `CAST(maxOrNull(${condition}) AS Nullable(Bool))`,
  countIf: (condition) => `countIf(${condition})`,
  maxIf: (value, filter) => `maxIfOrNull(${value}, ${filter})`,
  // ClickHouse's last_value skips NULLs; toNullable makes an empty frame NULL rather than the type's default.
  // Past the edge ClickHouse's lead and lag give the type's default (0, 1970), not NULL, unless the value is Nullable.
  lead: (value, window) => `lead(toNullable(${value})) OVER ${window}`,
  lag: (value, window) => `lag(toNullable(${value})) OVER ${window}`,
  lastNonNull: (value, window) => `last_value(toNullable(${value})) OVER ${window}`,
  stringAgg: (value, separator, orderBy, filter) => {
    const kept = `(${filter}) AND (${value}) IS NOT NULL`;
    const sorted = `arraySort(groupArrayIf((${orderBy}, assumeNotNull(${value})), ${kept}))`;
    return `if(countIf(${kept}) = 0, NULL, arrayStringConcat(arrayMap(pair -> pair.2, ${sorted}), ${clickhouseText(separator)}))`;
  },
  asofJoin: (right, alias, leftAlias, leftPos, strict) =>
    `ASOF JOIN ${right} ${alias} ON ${leftAlias}.conversation_id = ${alias}.conversation_id AND ${leftPos} ${strict ? '>' : '>='} ${alias}.pos`,
  secondsBetween: (from, to) => `(toUnixTimestamp64Micro(${to}) - toUnixTimestamp64Micro(${from})) / 1e6`,
  // extract gives '' without a match, which toInt64OrNull reads as NULL, as it does a number too big for BIGINT.
  firstNumber: (text) => `toInt64OrNull(extract(${text}, '[0-9]+'))`,
  // Wall time as a naive UTC timestamp, as DuckDB's timezone() gives: the zone's offset at that instant added.
  localTime: (column) => `addSeconds(${column}, timeZoneOffset(toTimeZone(${column}, $tz)))`,
  timePart: (part, local) => TIME_PARTS[part](local),
  isoText: (ts) => `formatDateTime(${ts}, '%Y-%m-%dT%H:%i:%SZ', 'UTC')`,
  // toStartOfInterval drops a DateTime64 to whole seconds' DateTime; kept DateTime64 like the column it buckets.
  quarterHour: (ts) => `toDateTime64(toStartOfInterval(${ts}, INTERVAL 15 MINUTE), 6, 'UTC')`,
  // NULL when absent, as DuckDB's list_position (indexOf says 0).
  listPosition: (values, value) =>
    values.length === 0 ? 'NULL' : `nullIf(indexOf([${values.map(clickhouseText).join(', ')}], ${value}), 0)`,
  // The inclusive exact quantile is R-7, linear between ranks (n - 1) q apart, as DuckDB's quantile_cont.
  quantileCont: (value, q) => `quantileExactInclusiveOrNull(${q})(${value})`,
  regression: regressionSql,
  textType: 'String',
  doubleType: 'Float64',
  // A scalar subquery on a constant table: evaluated once per statement. The last value set wins.
  variable: (name, fallback) =>
    `coalesce((SELECT argMaxOrNull(value, n) FROM ${VARIABLES_TABLE} WHERE name = ${clickhouseText(name)}), ${Math.trunc(fallback)})`,
  setVariable: (name, value) =>
    `INSERT INTO ${VARIABLES_TABLE} SELECT ${clickhouseText(name)}, ${Math.trunc(value)}, count() FROM ${VARIABLES_TABLE}`,
  bitTest: (mask, bit) => `bitAnd(bitShiftRight(toInt64(${mask}), ${bit}), 1) = 1`,
  // toJSONString of each text, joined: a tuple or array would serialise as ClickHouse's own text, not JSON.
  jsonPair: (first, second) => `concat('[', toJSONString(${first}), ',', toJSONString(${second}), ']')`,
  splitRows: (text, pattern) => `arrayJoin(splitByRegexp(${pattern}, ${text}))`,
  regexMatch: (text, pattern) => `match(${text}, ${pattern})`,
  regexReplace: (text, pattern, replacement) => `replaceRegexpOne(${text}, ${pattern}, ${replacement})`,
});
