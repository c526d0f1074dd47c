// Scale-out: a query over shards split by conversation, each running its own partial aggregates, merged on a coordinator.
import { randomBytes } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import type { Row, SqlEngine, SqlValue } from '../engine/sql-engine.js';
import { UsageError } from '../model/errors.js';
import { type Problem, problem } from '../model/problem.js';
import { compilePartial, mergePartialsSql } from './partials.js';
import {
  mergeRows,
  planQuery,
  type QueryResult,
  type QueryRow,
  type QuerySpec,
  queryResult,
} from './query.js';

/**
 * Dimensions whose value for a row depends on rows of other shards: peak ranks the hours of the week by
 * arrivals over all conversations, so a shard alone would rank its own. They need a global input first.
 */
const GLOBAL_DIMENSIONS = new Set(['peak']);

/**
 * runQuery over shards that each hold whole conversations (split by conversation_id) and their derived tables:
 * each shard computes the metric's partial aggregate, JavaScript only carries the partial rows to the
 * coordinator (an in-memory DuckDB), and the coordinator's SQL merges them into the rows runQuery returns.
 * `sql` lists, per metric, the shards' statement (one per dialect among them) and then the merge.
 */
export async function runShardedQuery(
  shards: readonly SqlEngine[],
  coordinator: Engine,
  spec: QuerySpec,
): Promise<QueryResult> {
  const plan = planQuery(spec);
  const problems: Problem[] = [];
  if (shards.length === 0) problems.push(problem('no-shards', 'error', 'give at least one shard'));
  if (spec.shrink)
    problems.push(
      problem('shrink-not-sharded', 'error', 'shrinkage is not available on a sharded query', {
        field: 'shrink',
      }),
    );
  for (const d of [...plan.dims, ...plan.filters.map((f) => f.dimension)])
    if (GLOBAL_DIMENSIONS.has(d.id))
      problems.push(
        problem(
          'dimension-not-shard-local',
          'error',
          `${d.id} depends on every shard's conversations, so shards cannot compute it alone`,
          { field: d.id },
        ),
      );
  if (problems.length) throw new UsageError('The query cannot be answered across shards as asked.', problems);

  const tz = spec.tz ?? 'UTC';
  const rows = new Map<string, QueryRow>();
  const sql: string[] = [];
  for (const metric of plan.metrics) {
    const partials = shards.map((shard) =>
      compilePartial(metric, plan.dims, plan.filters, tz, shard.dialect),
    );
    for (const partial of partials) if (!sql.includes(partial.sql)) sql.push(partial.sql);
    const collected = (
      await Promise.all(shards.map((shard, i) => shard.all(partials[i]!.sql, partials[i]!.params)))
    ).flat();
    const first = partials[0]!;
    const table = `baton_partials_${randomBytes(6).toString('hex')}`;
    const columns: { name: string; type: string }[] = [
      ...first.dimensionColumns.map((name) => ({ name, type: valueType(collected, name) })),
      ...first.stateColumns,
    ];
    await coordinator.run(
      `CREATE TEMP TABLE ${table} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`,
    );
    try {
      await coordinator.appendRows(
        table,
        collected.map((row) => columns.map((c) => asText(row[c.name]))),
        { temp: true },
      );
      const merge = mergePartialsSql(metric, plan.dims, table, coordinator.dialect);
      sql.push(merge);
      mergeRows(rows, metric, plan.dims, first.dimensionColumns, await coordinator.all(merge));
    } finally {
      await coordinator.run(`DROP TABLE IF EXISTS ${table}`);
    }
  }
  return queryResult(plan, spec, rows, sql);
}

// A dimension column's type on the coordinator, from the values the shards sent: they come back JSON-safe,
// so whole numbers and doubles are both numbers, and a DOUBLE holds either exactly as read.
function valueType(rows: readonly Row[], column: string): string {
  const types = new Set(rows.map((r) => typeof r[column]).filter((t) => t !== 'object'));
  if (types.size === 1 && types.has('number')) return 'DOUBLE';
  if (types.size === 1 && types.has('boolean')) return 'BOOLEAN';
  return 'VARCHAR';
}

// The appender takes text and lets the column's type read it; String() of a double reads back as the same double.
function asText(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}
