// Answers "metric(s) by dimension(s) where dimension = value": validates the request, runs one SQL per metric, merges rows.
import type { Row, SqlEngine, SqlValue } from '../engine/sql-engine.js';
import { UsageError } from '../model/errors.js';
import { type Problem, problem } from '../model/problem.js';
import { type PriorFit, shrinkRates } from '../stats/shrinkage.js';
import { compileMetric, type Filter } from './compile.js';
import { metricValue } from './evaluate.js';
import { catalog, lookupMetrics } from './registry.js';
import type { Dimension, Metric, MetricValue } from './types.js';

export interface QuerySpec {
  metrics: readonly string[];
  by?: readonly string[];
  where?: Readonly<Record<string, string>>;
  /** Business time zone for hour, weekday and date. */
  tz?: string;
  /** Rate metrics also get each row's rate shrunk towards a Beta prior fitted to all the rows (empirical Bayes). */
  shrink?: boolean;
}

/** A row's rate after shrinkage: posterior mean, 95% credible interval, and how much of it is the row's own data. */
export interface ShrunkValue {
  posterior_mean: number;
  ci95: [number, number];
  weight: number;
}

export interface QueryRow {
  /** Dimension values by dimension id. */
  dimensions: Record<string, SqlValue>;
  /** Metric values by metric id. */
  values: Record<string, MetricValue>;
  /** With `shrink`: shrunk values of the rate metrics by metric id. */
  shrunk?: Record<string, ShrunkValue>;
}

export interface QueryResult {
  metrics: string[];
  by: string[];
  where: Record<string, string>;
  rows: QueryRow[];
  /** The SQL that ran, one statement per metric, for anyone who wants to check. */
  sql: string[];
  /** With `shrink`: the prior each rate metric's rows were shrunk towards. */
  priors?: Record<string, PriorFit>;
}

export interface Plan {
  metrics: Metric[];
  dims: Dimension[];
  filters: Filter[];
}

/** Checks the request against the catalog; every problem is reported at once with the valid choices. */
export function planQuery(spec: QuerySpec): Plan {
  const problems: Problem[] = [];
  const metrics = lookupMetrics(spec.metrics, problems);
  if (spec.metrics.length === 0)
    problems.push(problem('no-metric', 'error', 'name at least one metric', { field: 'metric' }));
  const lookup = (id: string, field: string): Dimension | undefined => {
    const d = catalog.dimension(id);
    if (!d) {
      problems.push(
        problem(
          'unknown-dimension',
          'error',
          `no dimension '${id}'. Dimensions: ${catalog.dimensions.map((x) => x.id).join(', ')}`,
          {
            field,
          },
        ),
      );
    }
    return d;
  };
  const dims = (spec.by ?? []).map((id) => lookup(id, 'by')).filter((d): d is Dimension => d !== undefined);
  const filters: Filter[] = [];
  for (const [id, value] of Object.entries(spec.where ?? {})) {
    const d = lookup(id, 'where');
    if (d) filters.push({ dimension: d, value });
  }
  for (const m of metrics) {
    for (const d of [...dims, ...filters.map((f) => f.dimension)]) {
      if (d.sql[m.grain] === undefined) {
        const valid = catalog.dimensionsFor(m.grain).map((x) => x.id);
        problems.push(
          problem(
            'dimension-not-applicable',
            'error',
            `${m.id} counts ${m.grain}s and cannot be broken down by ${d.id}. Valid dimensions for ${m.id}: ${valid.join(', ')}`,
            { field: d.id },
          ),
        );
      }
    }
  }
  if (spec.shrink && !metrics.some((m) => m.kind === 'rate'))
    problems.push(
      problem('shrink-needs-rate', 'error', 'shrinkage applies to rate metrics only', { field: 'shrink' }),
    );
  if (spec.shrink && dims.length === 0)
    problems.push(
      problem('shrink-needs-by', 'error', 'shrinkage needs groups to pool: add --by', { field: 'shrink' }),
    );
  if (problems.length) throw new UsageError('The query cannot be answered as asked.', problems);
  return { metrics, dims, filters };
}

export async function runQuery(engine: SqlEngine, spec: QuerySpec): Promise<QueryResult> {
  const plan = planQuery(spec);
  const tz = spec.tz ?? 'UTC';
  const rows = new Map<string, QueryRow>();
  const sql: string[] = [];
  for (const metric of plan.metrics) {
    const compiled = compileMetric(metric, plan.dims, plan.filters, tz, engine.dialect);
    sql.push(compiled.sql);
    mergeRows(
      rows,
      metric,
      plan.dims,
      compiled.dimensionColumns,
      await engine.all(compiled.sql, compiled.params),
    );
  }
  const priors = spec.shrink ? shrinkRows(plan.metrics, [...rows.values()]) : undefined;
  return { ...queryResult(plan, spec, rows, sql), ...(priors ? { priors } : {}) };
}

/** The answer to `spec`: what was asked, as the catalog names it, with the merged rows and the SQL that ran. */
export function queryResult(
  plan: Plan,
  spec: QuerySpec,
  rows: ReadonlyMap<string, QueryRow>,
  sql: string[],
): QueryResult {
  return {
    metrics: plan.metrics.map((m) => m.id),
    by: plan.dims.map((d) => d.id),
    where: { ...(spec.where ?? {}) },
    rows: [...rows.values()],
    sql,
  };
}

/** Shrinks each rate metric's rows towards a prior fitted to all of them; the rows' counts come from SQL. */
function shrinkRows(metrics: readonly Metric[], rows: QueryRow[]): Record<string, PriorFit> {
  const priors: Record<string, PriorFit> = {};
  for (const m of metrics) {
    if (m.kind !== 'rate') continue;
    const counted = rows.filter((r) => (r.values[m.id]?.denominator ?? 0) > 0);
    const result = shrinkRates(
      counted.map((r, i) => ({
        id: String(i),
        successes: r.values[m.id]?.numerator ?? 0,
        trials: r.values[m.id]?.denominator ?? 0,
      })),
    );
    if (!result) continue;
    priors[m.id] = result.prior;
    result.groups.forEach((g, i) => {
      const row = counted[i]!;
      row.shrunk = {
        ...row.shrunk,
        [m.id]: { posterior_mean: g.posteriorMean, ci95: g.ci95, weight: g.weight },
      };
    });
  }
  return priors;
}

/** Adds one metric's SQL rows to `rows`, keyed by their dimension values, so several metrics share a row. */
export function mergeRows(
  rows: Map<string, QueryRow>,
  metric: Metric,
  dims: readonly Dimension[],
  dimensionColumns: readonly string[],
  result: readonly Row[],
): void {
  for (const r of result) {
    const dimensions: Record<string, SqlValue> = {};
    dims.forEach((d, i) => {
      dimensions[d.id] = r[dimensionColumns[i]!] ?? null;
    });
    const key = JSON.stringify(dims.map((d) => dimensions[d.id]));
    const row = rows.get(key) ?? { dimensions, values: {} };
    row.values[metric.id] = metricValue(metric, r);
    rows.set(key, row);
  }
}
