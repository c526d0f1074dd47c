// runQuery with the dashboard's date range (and the server's extra dimensions): same plan, same compiler, same values.
import type { Dialect } from '../engine/dialect.js';
import type { SqlEngine, SqlParams, SqlValue } from '../engine/sql-engine.js';
import { compileMetric, dimensionSql, type Filter } from '../metrics/compile.js';
import { metricValue } from '../metrics/evaluate.js';
import { planQuery, type QueryResult, type QueryRow, type QuerySpec, runQuery } from '../metrics/query.js';
import { catalog } from '../metrics/registry.js';
import type { Dimension, Grain } from '../metrics/types.js';
import type { Filters } from './filters.js';

export interface FilteredSpec {
  metrics: readonly string[];
  by?: readonly string[];
  filters: Filters;
  tz: string;
}

/** The catalog's `date` dimension bounded by $range_from / $range_to: dates compare as YYYY-MM-DD text. */
export function dateRangeSql(grain: Grain, filters: Filters, dialect: Dialect): string | null {
  const dimension = catalog.dimension('date');
  if (dimension === undefined) throw new Error("the catalog has no 'date' dimension");
  const date = dimensionSql(dimension, grain, dialect);
  const parts = [
    ...(filters.from !== undefined ? [`${date} >= $range_from`] : []),
    ...(filters.to !== undefined ? [`${date} <= $range_to`] : []),
  ];
  return parts.length ? `(${parts.join(' AND ')})` : null;
}

export function dateRangeParams(filters: Filters): SqlParams {
  return {
    ...(filters.from !== undefined ? { range_from: filters.from } : {}),
    ...(filters.to !== undefined ? { range_to: filters.to } : {}),
  };
}

/**
 * Without a date range or extra dimension this is runQuery itself. With them, it takes runQuery's plan and
 * compiler and adds the range as one more bound filter: a condition dimension that must equal 'true'.
 */
export async function runFilteredQuery(
  engine: SqlEngine,
  spec: FilteredSpec,
  extraDims: readonly Dimension[] = [],
): Promise<QueryResult> {
  const base: QuerySpec = {
    metrics: spec.metrics,
    by: spec.by ?? [],
    where: spec.filters.where,
    tz: spec.tz,
  };
  const ranged = spec.filters.from !== undefined || spec.filters.to !== undefined;
  if (!ranged && extraDims.length === 0) return runQuery(engine, base);
  const plan = planQuery(base);
  const dims = [...plan.dims, ...extraDims];
  const rows = new Map<string, QueryRow>();
  const sql: string[] = [];
  for (const metric of plan.metrics) {
    const range = dateRangeSql(metric.grain, spec.filters, engine.dialect);
    const filters: Filter[] = [...plan.filters];
    if (range) {
      const inRange: Dimension = {
        kind: 'dimension',
        id: 'date_range',
        title: 'Date range',
        description: '',
        // Text, not the condition itself: a condition cast to text reads '1' in ClickHouse, 'true' elsewhere.
        sql: { [metric.grain]: `CASE WHEN ${range} THEN 'true' ELSE 'false' END` },
      };
      filters.push({ dimension: inRange, value: 'true' });
    }
    const compiled = compileMetric(metric, dims, filters, spec.tz, engine.dialect);
    sql.push(compiled.sql);
    const result = await engine.all(compiled.sql, { ...compiled.params, ...dateRangeParams(spec.filters) });
    for (const r of result) {
      const dimensions: Record<string, SqlValue> = {};
      dims.forEach((d, i) => {
        dimensions[d.id] = r[compiled.dimensionColumns[i]!] ?? null;
      });
      const key = JSON.stringify(dims.map((d) => dimensions[d.id]));
      const row = rows.get(key) ?? { dimensions, values: {} };
      row.values[metric.id] = metricValue(metric, r);
      rows.set(key, row);
    }
  }
  return {
    metrics: plan.metrics.map((m) => m.id),
    by: dims.map((d) => d.id),
    where: { ...spec.filters.where },
    rows: [...rows.values()],
    sql,
  };
}
