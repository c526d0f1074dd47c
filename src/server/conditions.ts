// WHERE conditions for the server's own listings: the catalog's dimension SQL compared to bound values.
import type { Dialect } from '../engine/dialect.js';
import type { SqlParams } from '../engine/sql-engine.js';
import { dimensionSql } from '../metrics/compile.js';
import { catalog } from '../metrics/registry.js';
import type { Grain } from '../metrics/types.js';
import { UsageError } from '../model/errors.js';
import { problem } from '../model/problem.js';
import { dateRangeParams, dateRangeSql } from './filtered-query.js';
import { type Filters, lookupDimension } from './filters.js';

export interface Conditions {
  sql: string[];
  params: SqlParams;
}

/** `CAST(dimension AS text) = $value`, as the metric compiler filters, plus the date range. */
export function rowConditions(
  dialect: Dialect,
  grain: Grain,
  values: Record<string, string>,
  filters: Filters,
  tz: string,
): Conditions {
  const params: SqlParams = { tz, ...dateRangeParams(filters) };
  const sql: string[] = [];
  Object.entries(values).forEach(([id, value], i) => {
    const dim = lookupDimension(id);
    if (dim?.sql[grain] === undefined) {
      throw new UsageError('The request cannot be answered as asked.', [
        problem('dimension-not-applicable', 'error', `${id} does not describe ${grain}s`, { field: id }),
      ]);
    }
    params[`v_${i}`] = value;
    sql.push(`CAST(${dimensionSql(dim, grain, dialect)} AS ${dialect.textType}) = $v_${i}`);
  });
  const range = dateRangeSql(grain, filters, dialect);
  if (range) sql.push(range);
  return { sql, params };
}

/**
 * The conversations the filters keep, as a subquery: conversation filters apply to the conversation, and a
 * handoff-only filter keeps conversations with at least one such handoff.
 */
export function keptConversations(
  dialect: Dialect,
  filters: Filters,
  tz: string,
): { sql: string; params: SqlParams } {
  const conversationWhere: Record<string, string> = {};
  const handoffWhere: Record<string, string> = {};
  for (const [id, value] of Object.entries(filters.where)) {
    if (catalog.dimension(id)?.sql.conversation !== undefined) conversationWhere[id] = value;
    else handoffWhere[id] = value;
  }
  const c = rowConditions(dialect, 'conversation', conversationWhere, filters, tz);
  const h = rowConditions(dialect, 'handoff', handoffWhere, { where: {} }, tz);
  const hParams = Object.fromEntries(Object.entries(h.params).map(([k, v]) => [`h_${k}`, v]));
  const hSql = h.sql.map((s) => s.replace(/\$v_(\d+)/g, '$h_v_$1'));
  const keep = [
    ...c.sql,
    ...(hSql.length
      ? [`conversation_id IN (SELECT conversation_id FROM handoffs WHERE ${hSql.join(' AND ')})`]
      : []),
  ];
  return {
    sql: `SELECT conversation_id FROM conversations${keep.length ? ` WHERE ${keep.join(' AND ')}` : ''}`,
    params: { ...c.params, ...hParams },
  };
}
