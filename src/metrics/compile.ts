// Compiles a catalog metric, sliced by dimensions and filtered, into one SQL statement with bound values.
import type { Dialect } from '../engine/dialect.js';
import { duckdbDialect } from '../engine/dialects/duckdb.js';
import type { SqlParams } from '../engine/sql-engine.js';
import { type Dimension, GRAIN_TABLES, type Grain, type Metric } from './types.js';

export interface Filter {
  dimension: Dimension;
  value: string;
}

export interface CompiledQuery {
  sql: string;
  params: SqlParams;
  /** Output column of each dimension, in order. */
  dimensionColumns: string[];
}

const Z = 1.959963984540054;

/** SQL for one metric over its grain's fact table; dims and filters must already be valid for that grain. */
export function compileMetric(
  metric: Metric,
  dims: readonly Dimension[],
  filters: readonly Filter[],
  tz: string,
  dialect: Dialect = duckdbDialect,
): CompiledQuery {
  const { base, params, columns } = metricBaseSql(metric, dims, filters, tz, dialect);
  const from =
    metric.kind === 'quantile'
      ? rankedSql(base, metric.value, columns)
      : metric.kind === 'growth' && metric.strata?.length
        ? demeanedSql(dialect, base, metric.y, metric.x, metric.strata, columns)
        : `(${base}) grain_rows`;
  const sql = groupedSelectSql(dialect, dims, columns, aggregateSql(dialect, metric), from);
  return { sql, params, dimensionColumns: columns };
}

/** The rows a metric aggregates: its grain's table, filtered, with one column per dimension. */
export interface MetricBase {
  /** SELECT of those rows. */
  base: string;
  params: SqlParams;
  /** Output column of each dimension, in order. */
  columns: string[];
}

/** The filtered rows of a metric's grain with its dimension columns: what its aggregate (or a shard's partial) reads. */
export function metricBaseSql(
  metric: Metric,
  dims: readonly Dimension[],
  filters: readonly Filter[],
  tz: string,
  dialect: Dialect = duckdbDialect,
): MetricBase {
  const grain = metric.grain;
  const params: SqlParams = { tz };
  const columns = dims.map((_, i) => `dim_${i}`);
  const conditions = filters.map((f, i) => {
    params[`where_${i}`] = f.value;
    return `CAST(${dimensionSql(f.dimension, grain, dialect)} AS ${dialect.textType}) = $where_${i}`;
  });
  if (metric.where) conditions.push(`(${metric.where})`);
  if (metric.kind === 'quantile') conditions.push(`(${metric.value}) IS NOT NULL`);
  const base = `SELECT *${dims.map((d, i) => `, ${dimensionSql(d, grain, dialect)} AS ${columns[i]}`).join('')}
  FROM ${GRAIN_TABLES[grain]}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
  return { base, params, columns };
}

/** The dimension columns and `aggregates` over `from`, grouped and ordered as every metric's result rows are. */
export function groupedSelectSql(
  dialect: Dialect,
  dims: readonly Dimension[],
  columns: readonly string[],
  aggregates: readonly string[],
  from: string,
): string {
  const groupBy = columns.length ? ` GROUP BY ${columns.join(', ')}` : '';
  const orderBy = columns.length
    ? ` ORDER BY ${dims.map((d, i) => orderKey(dialect, d, columns[i]!)).join(', ')}`
    : '';
  return `SELECT ${[...columns, ...aggregates].join(', ')} FROM ${from}${groupBy}${orderBy}`;
}

export function dimensionSql(dimension: Dimension, grain: Grain, dialect: Dialect = duckdbDialect): string {
  const sql =
    dialect.name === 'duckdb' || !dimension.dialectSql
      ? dimension.sql[grain]
      : dimension.dialectSql(dialect)[grain];
  if (sql === undefined) throw new Error(`Dimension ${dimension.id} has no SQL for grain ${grain}`);
  return sql;
}

function orderKey(dialect: Dialect, dimension: Dimension, column: string): string {
  if (!dimension.values) return `${column} NULLS LAST`;
  return `coalesce(nullif(${dialect.listPosition(dimension.values, column)}, 0), ${dimension.values.length + 1}), ${column}`;
}

// Each row learns its rank and its group's size so the interval's ranks can be picked in one pass.
export function rankedSql(base: string, value: string, columns: readonly string[]): string {
  const partition = columns.length ? `PARTITION BY ${columns.join(', ')} ` : '';
  return `(SELECT valued.*, row_number() OVER (${partition}ORDER BY v) AS r, count(*) OVER (${partition}) AS n
    FROM (SELECT grain_rows.*, ${value} AS v FROM (${base}) grain_rows) valued) ranked`;
}

// Fixed effects by demeaning: each row's y and x minus their stratum's averages (within each output group),
// so the slope of the demeaned values is the within-strata slope (Frisch-Waugh-Lovell). stratum_row marks one
// row per stratum so the aggregate can count the k intercepts the degrees of freedom lose.
function demeanedSql(
  dialect: Dialect,
  base: string,
  y: string,
  x: string,
  strata: readonly string[],
  columns: readonly string[],
): string {
  const keys = stratumKeysSql(dialect, strata);
  const partition = [...columns, ...strata.map((_, i) => `stratum_${i}`)].join(', ');
  return `(SELECT valued.*, gy - avg(gy) OVER w AS yd, gx - avg(gx) OVER w AS xd, row_number() OVER w AS stratum_row
    FROM (SELECT grain_rows.*, (${y}) AS gy, (${x}) AS gx, ${keys.join(', ')} FROM (${base}) grain_rows) valued
    WHERE gy IS NOT NULL AND gx IS NOT NULL
    WINDOW w AS (PARTITION BY ${partition})) demeaned`;
}

/** The columns `stratum_i` that name a row's stratum (NULL is its own '(none)' value), as `expr AS stratum_i`. */
export function stratumKeysSql(dialect: Dialect, strata: readonly string[]): string[] {
  return strata.map((s, i) => `coalesce(CAST((${s}) AS ${dialect.textType}), '(none)') AS stratum_${i}`);
}

/** The aggregate columns of a metric's result row (value, numerator, denominator, sd, lo, hi, slope, ...). */
export function aggregateSql(d: Dialect, metric: Metric): string[] {
  switch (metric.kind) {
    case 'count': {
      const n = metric.weight ? `sum(${metric.weight})` : 'count(*)';
      return [`${n} AS value`, `${n} AS denominator`];
    }
    case 'rate':
      return [
        `${d.countIf(`(${metric.denominator}) AND (${metric.numerator})`)} AS numerator`,
        `${d.countIf(metric.denominator)} AS denominator`,
      ];
    case 'mean':
      return [
        `avg(${metric.value}) AS value`,
        `sum(${metric.value}) AS numerator`,
        `count(${metric.value}) AS denominator`,
        `stddev_samp(${metric.value}) AS sd`,
      ];
    case 'quantile': {
      const spread = `${Z} * sqrt(n * ${metric.q} * (1 - ${metric.q}))`;
      return [
        `${d.quantileCont('v', metric.q)} AS value`,
        'count(*) AS denominator',
        `${d.maxIf('v', `r = greatest(1, floor(n * ${metric.q} - ${spread}))`)} AS lo`,
        `${d.maxIf('v', `r = least(CAST(n AS ${d.doubleType}), ceil(n * ${metric.q} + ${spread}) + 1)`)} AS hi`,
      ];
    }
    case 'growth':
      if (metric.strata?.length)
        return [
          'CASE WHEN sum(xd * xd) > 0 THEN sum(xd * yd) / sum(xd * xd) END AS slope',
          'count(*) AS denominator',
          'sum(xd * xd) AS sxx',
          'sum(yd * yd) AS syy',
          'sum(xd * yd) AS sxy',
          `${d.countIf('stratum_row = 1')} AS strata`,
        ];
      return [
        `${d.regression('slope', metric.y, metric.x)} AS slope`,
        `${d.regression('count', metric.y, metric.x)} AS denominator`,
        `${d.regression('sxx', metric.y, metric.x)} AS sxx`,
        `${d.regression('syy', metric.y, metric.x)} AS syy`,
        `${d.regression('sxy', metric.y, metric.x)} AS sxy`,
      ];
  }
}
