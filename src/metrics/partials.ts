// Scale-out: a catalog metric as per-shard partial aggregates, and the SQL that merges them into compileMetric's rows.
import type { Dialect } from '../engine/dialect.js';
import { duckdbDialect } from '../engine/dialects/duckdb.js';
import {
  aggregateSql,
  type CompiledQuery,
  type Filter,
  groupedSelectSql,
  metricBaseSql,
  rankedSql,
  stratumKeysSql,
} from './compile.js';
import type { Dimension, Metric } from './types.js';

/** A column of partial state and its type on the coordinator (DuckDB), where the partial rows are merged. */
export interface StateColumn {
  name: string;
  type: 'BIGINT' | 'DOUBLE' | 'VARCHAR';
}

/** One shard's partial aggregate: rows of dimension columns (dim_i) and then `stateColumns`, in that order. */
export interface PartialQuery extends CompiledQuery {
  stateColumns: StateColumn[];
}

const bigint = (name: string): StateColumn => ({ name, type: 'BIGINT' });
const double = (name: string): StateColumn => ({ name, type: 'DOUBLE' });

/**
 * What each kind of metric keeps per shard and group so that shards can be merged without losing anything:
 * - count: the count (or the sum of the weight);
 * - rate: numerator and denominator;
 * - mean: n, Σv and m2 = Σ(v − v̄)² about the shard's own mean;
 * - quantile: the values themselves (an exact quantile's state is its values, as ClickHouse's quantileExact);
 * - growth: n, Σx, Σy and the centred sums of squares and products (cxx, cyy, cxy), per stratum when it has strata.
 * The sums of squares are centred on each shard's means and merged with Chan et al.'s correction, not kept as raw
 * Σv², Σx², Σxy: raw power sums cancel when the spread is small against the mean (the square root of rounding
 * noise instead of an sd of 0 for equal values), which is why the ClickHouse dialect uses the Stable aggregates.
 */
export function partialStateColumns(metric: Metric): StateColumn[] {
  switch (metric.kind) {
    case 'count':
      return [metric.weight ? double('n') : bigint('n')];
    case 'rate':
      return [bigint('numerator'), bigint('denominator')];
    case 'mean':
      return [bigint('n'), double('s'), double('m2')];
    case 'quantile':
      return [double('qv')];
    case 'growth':
      return [
        ...(metric.strata ?? []).map((_, i): StateColumn => ({ name: `stratum_${i}`, type: 'VARCHAR' })),
        bigint('n'),
        double('sx'),
        double('sy'),
        double('cxx'),
        double('cyy'),
        double('cxy'),
      ];
  }
}

/** SQL for one shard's partial aggregate of a metric by the same dimensions and filters compileMetric takes. */
export function compilePartial(
  metric: Metric,
  dims: readonly Dimension[],
  filters: readonly Filter[],
  tz: string,
  dialect: Dialect = duckdbDialect,
): PartialQuery {
  const { base, params, columns } = metricBaseSql(metric, dims, filters, tz, dialect);
  const grouped = (states: readonly string[], from: string, keys: readonly string[] = columns) =>
    `SELECT ${[...keys, ...states].join(', ')} FROM ${from}${keys.length ? ` GROUP BY ${keys.join(', ')}` : ''}`;
  const rows = `(${base}) grain_rows`;
  const stateColumns = partialStateColumns(metric);
  switch (metric.kind) {
    case 'count': {
      const n = metric.weight ? `sum(${metric.weight})` : 'count(*)';
      return { sql: grouped([`${n} AS n`], rows), params, dimensionColumns: columns, stateColumns };
    }
    case 'rate':
      // compileMetric's own numerator and denominator: counts add up across shards as they are.
      return {
        sql: grouped(aggregateSql(dialect, metric), rows),
        params,
        dimensionColumns: columns,
        stateColumns,
      };
    case 'mean': {
      const v = `(${metric.value})`;
      // regr_sxx of v on itself is Σ(v − v̄)² over the rows where v is present, through the dialect's stable sums.
      const states = [`count(${v}) AS n`, `sum(${v}) AS s`, `${dialect.regression('sxx', v, v)} AS m2`];
      return { sql: grouped(states, rows), params, dimensionColumns: columns, stateColumns };
    }
    case 'quantile':
      return {
        sql: `SELECT ${[...columns, `${metric.value} AS qv`].join(', ')} FROM ${rows}`,
        params,
        dimensionColumns: columns,
        stateColumns,
      };
    case 'growth': {
      if (!metric.strata?.length)
        return {
          sql: grouped(regressionStates(dialect, metric.y, metric.x), rows),
          params,
          dimensionColumns: columns,
          stateColumns,
        };
      // compileMetric's strata rows: both values present, each row keyed by its stratum.
      const keys = stratumKeysSql(dialect, metric.strata);
      const valued = `(SELECT grain_rows.*, (${metric.y}) AS gy, (${metric.x}) AS gx, ${keys.join(', ')} FROM ${rows}) valued
    WHERE gy IS NOT NULL AND gx IS NOT NULL`;
      const strata = metric.strata.map((_, i) => `stratum_${i}`);
      return {
        sql: grouped(regressionStates(dialect, 'gy', 'gx'), valued, [...columns, ...strata]),
        params,
        dimensionColumns: columns,
        stateColumns,
      };
    }
  }
}

/**
 * SQL that merges the partial rows collected in `table` (dim_i columns, then the metric's state columns) into
 * rows shaped as compileMetric's, grouped and ordered the same way, so metricValue reads them unchanged.
 */
export function mergePartialsSql(
  metric: Metric,
  dims: readonly Dimension[],
  table: string,
  dialect: Dialect = duckdbDialect,
): string {
  const columns = dims.map((_, i) => `dim_${i}`);
  const select = (aggregates: readonly string[], from: string) =>
    groupedSelectSql(dialect, dims, columns, aggregates, from);
  const partials = `${table} partial_rows`;
  const over = (keys: readonly string[]) => `OVER (${keys.length ? `PARTITION BY ${keys.join(', ')}` : ''})`;
  switch (metric.kind) {
    case 'count':
      return select(['sum(n) AS value', 'sum(n) AS denominator'], partials);
    case 'rate':
      return select(['sum(numerator) AS numerator', 'sum(denominator) AS denominator'], partials);
    case 'mean': {
      // Chan et al.: the group's sum of squares is each shard's plus n × (shard mean − group mean)².
      const deviations = `(SELECT *, s / nullif(n, 0) - sum(s) ${over(columns)} / nullif(sum(n) ${over(columns)}, 0) AS dv
    FROM ${table}) partial_rows`;
      return select(
        [
          'sum(s) / nullif(sum(n), 0) AS value',
          'sum(s) AS numerator',
          'sum(n) AS denominator',
          'CASE WHEN sum(n) > 1 THEN sqrt(sum(m2 + n * dv * dv) / (sum(n) - 1)) END AS sd',
        ],
        deviations,
      );
    }
    case 'quantile':
      // compileMetric's own SQL over the collected values: the same value and the same order-statistic ranks.
      return select(aggregateSql(dialect, metric), rankedSql(`SELECT * FROM ${table}`, 'qv', columns));
    case 'growth': {
      const strata = (metric.strata ?? []).map((_, i) => `stratum_${i}`);
      const cellKeys = [...columns, ...strata];
      const cellMean = (sum: string) => `sum(${sum}) ${over(cellKeys)} / nullif(sum(n) ${over(cellKeys)}, 0)`;
      // First each cell (a group, or a stratum within it) across shards, centred sums corrected as for the mean.
      const cells = `(SELECT ${[
        ...cellKeys,
        'sum(n) AS n',
        'sum(cxx + n * dx * dx) AS sxx',
        'sum(cyy + n * dy * dy) AS syy',
        'sum(cxy + n * dx * dy) AS sxy',
      ].join(', ')}
    FROM (SELECT *, sx / nullif(n, 0) - ${cellMean('sx')} AS dx, sy / nullif(n, 0) - ${cellMean('sy')} AS dy
      FROM ${table}) partial_rows${cellKeys.length ? ` GROUP BY ${cellKeys.join(', ')}` : ''}) cells`;
      // Then the group: within strata, the sums over its strata and one intercept per stratum.
      return select(
        [
          'CASE WHEN sum(sxx) > 0 THEN sum(sxy) / sum(sxx) END AS slope',
          'coalesce(sum(n), 0) AS denominator',
          'sum(sxx) AS sxx',
          'sum(syy) AS syy',
          'sum(sxy) AS sxy',
          ...(strata.length ? [`${dialect.countIf('n > 0')} AS strata`] : []),
        ],
        cells,
      );
    }
  }
}

// n, Σx, Σy over the rows where both values are present, and the dialect's centred sums over the same rows.
function regressionStates(d: Dialect, y: string, x: string): string[] {
  const both = `(${y}) IS NOT NULL AND (${x}) IS NOT NULL`;
  return [
    `${d.regression('count', y, x)} AS n`,
    `sum(CASE WHEN ${both} THEN (${x}) END) AS sx`,
    `sum(CASE WHEN ${both} THEN (${y}) END) AS sy`,
    `${d.regression('sxx', y, x)} AS cxx`,
    `${d.regression('syy', y, x)} AS cyy`,
    `${d.regression('sxy', y, x)} AS cxy`,
  ];
}
