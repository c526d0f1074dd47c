// `compare`: two cohorts (warm vs cold, before vs after a date, team A vs team B) on the metrics that judge a change.
import type { Engine, SqlParams } from '../engine/engine.js';
import { metricByExpression } from '../metrics/by-expression.js';
import { catalog } from '../metrics/registry.js';
import type { Dimension, Grain } from '../metrics/types.js';
import { UsageError } from '../model/errors.js';
import { type Problem, problem } from '../model/problem.js';
import { compareDistributions, compareRates, type MetricComparison } from './cohort-tests.js';

/** A cohort is rows where every condition holds: `dimension = value`, or the date before / on or after a day. */
export interface CohortCondition {
  dimension: string;
  op: '=' | '<' | '>=';
  value: string;
}

export interface Cohort {
  label: string;
  conditions: CohortCondition[];
}

export interface CompareOptions {
  a: Cohort;
  b: Cohort;
  tz?: string;
  /** The difference in handoff success rate the team wants to be able to detect (sample-size advice). */
  effect?: number;
}

export interface Comparison {
  a: Cohort;
  b: Cohort;
  metrics: MetricComparison[];
  /** Metrics that cannot be split by these cohorts, and why. */
  skipped: { metric: string; reason: string }[];
}

/** The metrics a process change should move, in the order they are shown. */
export const COMPARED_METRICS = Object.freeze([
  'handoff_success_rate',
  'transfer_completion_rate',
  'handoff_time_median_s',
  'resolution_time_median_s',
  'csat_avg',
  'ping_pong_rate',
]);

export async function compareCohorts(engine: Engine, options: CompareOptions): Promise<Comparison> {
  validate(options);
  const ctx = { engine, tz: options.tz ?? 'UTC' };
  const metrics: MetricComparison[] = [];
  const skipped: Comparison['skipped'] = [];
  for (const id of COMPARED_METRICS) {
    const metric = catalog.metric(id)!;
    const params: SqlParams = {};
    const sides = cohortSql(metric.grain, options, params);
    if (!sides) {
      skipped.push({
        metric: id,
        reason: `a ${metric.grain} metric cannot be split by these cohorts' dimensions`,
      });
      continue;
    }
    const values = await metricByExpression(engine, ctx.tz, metric, sides, params);
    const a = values.get('a');
    const b = values.get('b');
    const comparison =
      metric.kind === 'rate'
        ? compareRates(metric, a, b, options.effect ?? 0.05)
        : await compareDistributions(ctx, metric, sides, params, a, b);
    metrics.push(comparison);
  }
  return { a: options.a, b: options.b, metrics, skipped };
}

/** CASE expression naming each row's cohort ('a', 'b' or NULL), or null when a dimension cannot slice the grain. */
function cohortSql(grain: Grain, options: CompareOptions, params: SqlParams): string | null {
  const side = (cohort: Cohort, key: string): string | null => {
    const parts: string[] = [];
    for (const [i, c] of cohort.conditions.entries()) {
      const sql = catalog.dimension(c.dimension)?.sql[grain];
      if (sql === undefined) return null;
      params[`${key}_${i}`] = c.value;
      parts.push(`CAST((${sql}) AS VARCHAR) ${c.op} $${key}_${i}`);
    }
    return parts.join(' AND ');
  };
  const a = side(options.a, 'cohort_a');
  const b = side(options.b, 'cohort_b');
  if (a === null || b === null) return null;
  return `CASE WHEN ${a} THEN 'a' WHEN ${b} THEN 'b' END`;
}

function validate(options: CompareOptions): void {
  const problems: Problem[] = [];
  for (const cohort of [options.a, options.b]) {
    if (cohort.conditions.length === 0) {
      problems.push(
        problem('empty-cohort', 'error', `cohort '${cohort.label}' has no condition`, {
          field: cohort.label,
        }),
      );
    }
    for (const c of cohort.conditions) {
      const d: Dimension | undefined = catalog.dimension(c.dimension);
      if (!d) {
        problems.push(
          problem(
            'unknown-dimension',
            'error',
            `no dimension '${c.dimension}'. Dimensions: ${catalog.dimensions.map((x) => x.id).join(', ')}`,
            { field: cohort.label },
          ),
        );
      }
      if (c.op !== '=' && !/^\d{4}-\d{2}-\d{2}$/.test(c.value)) {
        problems.push(
          problem('bad-date', 'error', `'${c.value}' is not a date like 2026-10-01`, { field: cohort.label }),
        );
      }
    }
  }
  if (problems.length) throw new UsageError('The cohorts cannot be compared as given.', problems);
}

export type { MetricComparison };
