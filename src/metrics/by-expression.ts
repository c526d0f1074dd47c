// A catalog metric grouped by any SQL expression over its fact table (segments, cohorts), compiled by the catalog.
import type { SqlEngine, SqlParams } from '../engine/sql-engine.js';
import { compileMetric } from './compile.js';
import { metricValue } from './evaluate.js';
import type { Dimension, Metric, MetricValue } from './types.js';

/** A throwaway dimension over a SQL expression: rows where it is NULL are outside every group. */
function expressionDimension(sql: string, grain: Metric['grain']): Dimension {
  return {
    kind: 'dimension',
    id: 'group',
    title: 'Group',
    description: 'an ad-hoc grouping',
    sql: { [grain]: sql },
  };
}

/** The metric per value of `groupSql` (fixed text in `engine.dialect`'s SQL; values bound through `params`). */
export async function metricByExpression(
  engine: SqlEngine,
  tz: string,
  metric: Metric,
  groupSql: string,
  params: SqlParams = {},
): Promise<Map<string, MetricValue>> {
  const compiled = compileMetric(
    metric,
    [expressionDimension(groupSql, metric.grain)],
    [],
    tz,
    engine.dialect,
  );
  const rows = await engine.all(compiled.sql, { ...params, ...compiled.params });
  const out = new Map<string, MetricValue>();
  for (const r of rows) {
    const key = r[compiled.dimensionColumns[0]!];
    if (key !== null && key !== undefined) out.set(String(key), metricValue(metric, r));
  }
  return out;
}
