// What differs between the SQL engines Baton runs on: each dialect turns one construct into its own SQL text.

export type DialectName = 'duckdb' | 'postgres' | 'clickhouse';

/** Parts of a local timestamp the time dimensions read. */
export type TimePart = 'hour' | 'minute' | 'isodow' | 'weekday' | 'hour_weekday' | 'date' | 'month';

/** The canonical order key of an event (docs/semantics.md §1): columns of one row, compared left to right. */
export interface OrderKeyParts {
  ts: string;
  rank: string;
  seq: string;
  rid: string;
}

/**
 * Derivation, metrics and dimensions are written once against this interface; every method returns SQL text.
 * Value parameters stay `$name` in every dialect: each engine binds them its own way.
 */
export interface Dialect {
  readonly name: DialectName;
  /** Statements that replace table `name` with the rows of `select` (temp: for this session only, where the engine has that). */
  createTable(name: string, select: string, options?: { temp?: boolean }): string[];
  /** Statements that drop tables if they exist (temp: only this session's own, never a stored one). */
  dropTables(names: readonly string[], options?: { temp?: boolean }): string[];
  /** This session's temporary table of that name, named so that it can only mean that one. */
  tempTable(name: string): string;
  /** Statements that help the asof joins below find rows (an index where the engine needs one); may be empty. */
  indexFor(table: string, columns: readonly string[]): string[];
  /** Column that tells apart events with equal timestamp, rank and seq: the order they were read in. */
  readonly rowId: string;
  /** A comparable value for an order key; engines differ in its form, so SQL only compares it or takes min/max. */
  orderKey(parts: OrderKeyParts): string;
  /** Smallest / largest order key among rows matching `filter`. */
  minKey(key: string, filter?: string): string;
  maxKey(key: string, filter?: string): string;
  /** Value at the row with the smallest / largest key among rows where the value is not NULL and `filter` holds. */
  argMin(value: string, key: string, filter?: string): string;
  argMax(value: string, key: string, filter?: string): string;
  /** Value at the row with the smallest key, NULL included. */
  argMinNull(value: string, key: string): string;
  /** True when any row matches. */
  boolOr(condition: string): string;
  /** Rows matching. */
  countIf(condition: string): string;
  /** Largest value among rows matching. */
  maxIf(value: string, filter: string): string;
  /** The next / previous row's value in window `window` (`(PARTITION BY ... ORDER BY ...)`), NULL past the edge. */
  lead(value: string, window: string): string;
  lag(value: string, window: string): string;
  /** The last non-NULL value of `value` in window `window` (`(PARTITION BY ... ORDER BY ... ROWS ...)`). */
  lastNonNull(value: string, window: string): string;
  /** Values joined by `separator` in order of `orderBy` (one expression, then ASC or DESC if given), among rows matching `filter`. */
  stringAgg(value: string, separator: string, orderBy: string, filter: string): string;
  /**
   * Joins `right` as `alias`: the row with the same conversation_id and the largest `pos` at or before
   * (strict: before) `leftPos`, on the left row `leftAlias`. Rows of the left without one are dropped.
   * `right` must be a table given `indexFor(right, ['conversation_id', 'pos'])`: some engines probe it per row.
   */
  asofJoin(right: string, alias: string, leftAlias: string, leftPos: string, strict: boolean): string;
  /** Seconds (with microseconds) from one timestamp to another, as a double. */
  secondsBetween(from: string, to: string): string;
  /** The first run of digits in `text` as a whole number; NULL when there is none. */
  firstNumber(text: string): string;
  /** A naive UTC timestamp column as local wall time in the zone bound to `$tz`. */
  localTime(column: string): string;
  /** A part of a local timestamp: numbers for hour, minute and isodow (1 = Monday), text for the rest. */
  timePart(part: TimePart, local: string): string;
  /** Timestamp as text, ISO 8601 with a Z (for reports). */
  isoText(ts: string): string;
  /** Start of the quarter hour the timestamp is in. */
  quarterHour(ts: string): string;
  /** Position (1-based) of `value` in a list of text literals; 0 or NULL when absent. */
  listPosition(values: readonly string[], value: string): string;
  /** Continuous quantile (linear interpolation between ranks) of `value` at fraction q. */
  quantileCont(value: string, q: number): string;
  /** OLS sums of y on x over rows where both are present. */
  regression(kind: 'slope' | 'count' | 'sxx' | 'syy' | 'sxy', y: string, x: string): string;
  /** Text type name for CAST. */
  readonly textType: string;
  /** Double-precision type name for CAST. */
  readonly doubleType: string;
  /** An integer session setting read by dimensions (business hours), or `fallback` when unset. */
  variable(name: string, fallback: number): string;
  /** Statement that sets that session setting (the value is Baton's own whole number, written as a literal). */
  setVariable(name: string, value: number): string;
  /** True when bit `bit` (0 = lowest) of the whole number `mask` is set. */
  bitTest(mask: string, bit: string): string;
  /**
   * Two texts as a JSON array's text ('["a","b"]'), a group key no character in either can split wrongly;
   * read back with JSON.parse (engines differ in spacing and escapes, not in the values parsed).
   */
  jsonPair(first: string, second: string): string;
  /** One row per piece of `text` split at matches of `pattern` (a SQL text literal): a set-returning select item. */
  splitRows(text: string, pattern: string): string;
  /**
   * True when `text` contains a match of `pattern`, an RE2-style regular expression given as SQL (often a bound
   * parameter); `\b` is a word boundary on every engine.
   */
  regexMatch(text: string, pattern: string): string;
  /** `text` with the first match of `pattern` (SQL text) replaced by `replacement` (SQL text). */
  regexReplace(text: string, pattern: string, replacement: string): string;
}

/**
 * `t.a AS a, t.b AS b`: qualified columns named explicitly, because ClickHouse names a column read through a
 * join after its qualifier ('t.a'), and later steps refer to it by its bare name.
 */
export function columnsOf(alias: string, columns: readonly string[]): string {
  return columns.map((c) => `${alias}.${c} AS ${c}`).join(', ');
}

/** Text literal in SQL, quotes doubled; only for values that are part of Baton's own SQL, never user input. */
export function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
