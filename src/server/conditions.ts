// WHERE conditions for the server's own listings: the catalog's dimension SQL compared to bound values.
import type { SqlParams } from '../engine/engine.js';
import type { Grain } from '../metrics/types.js';
import { UsageError } from '../model/errors.js';
import { problem } from '../model/problem.js';
import { dateRangeParams, dateRangeSql } from './filtered-query.js';
import { type Filters, lookupDimension } from './filters.js';

export interface Conditions {
  sql: string[];
  params: SqlParams;
}

/** `CAST(dimension AS VARCHAR) = $value`, as the metric compiler filters, plus the date range. */
export function rowConditions(
  grain: Grain,
  values: Record<string, string>,
  filters: Filters,
  tz: string,
): Conditions {
  const params: SqlParams = { tz, ...dateRangeParams(filters) };
  const sql: string[] = [];
  Object.entries(values).forEach(([id, value], i) => {
    const dim = lookupDimension(id);
    const expr = dim?.sql[grain];
    if (expr === undefined) {
      throw new UsageError('The request cannot be answered as asked.', [
        problem('dimension-not-applicable', 'error', `${id} does not describe ${grain}s`, { field: id }),
      ]);
    }
    params[`v_${i}`] = value;
    sql.push(`CAST(${expr} AS VARCHAR) = $v_${i}`);
  });
  const range = dateRangeSql(grain, filters);
  if (range) sql.push(range);
  return { sql, params };
}
