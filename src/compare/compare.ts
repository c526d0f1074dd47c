// `compare`: two cohorts (warm vs cold, before vs after a date, team A vs team B) on the metrics that judge a change.
import type { SqlEngine, SqlParams } from '../engine/sql-engine.js';
import { metricByExpression } from '../metrics/by-expression.js';
import { catalog } from '../metrics/registry.js';
import type { Dimension } from '../metrics/types.js';
import { UsageError } from '../model/errors.js';
import { type Problem, problem } from '../model/problem.js';
import type { Cohort, CohortCondition } from './cohort.js';
import { cohortSql, THROUGH_HANDOFFS_RULE } from './cohort-sql.js';
import { compareDistributions, compareRates, type MetricComparison } from './cohort-tests.js';
import { compareRepeatExplanation, REPEAT_EXPLANATION } from './repeat-explanation.js';

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
  /**
   * Present when conversation metrics joined the cohorts through their handoffs (the cohorts name a handoff
   * attribute): the rule, and how many conversations matched both cohorts and were left out of both.
   */
  through_handoffs: { rule: string; metrics: string[]; left_out_conversations: number } | null;
}

/** The metrics a process change should move, in the order they are shown. */
export const COMPARED_METRICS = Object.freeze([
  'handoff_success_rate',
  'transfer_completion_rate',
  'abandonment_after_handoff_rate',
  'handoff_time_median_s',
  'resolution_rate',
  'resolution_time_median_s',
  'csat_avg',
  'ping_pong_rate',
]);

export async function compareCohorts(engine: SqlEngine, options: CompareOptions): Promise<Comparison> {
  validate(options);
  const ctx = { engine, tz: options.tz ?? 'UTC' };
  const effect = options.effect ?? 0.05;
  const metrics: MetricComparison[] = [];
  const skipped: Comparison['skipped'] = [];
  const through: string[] = [];
  let both: { sql: string; params: SqlParams } | undefined;
  const cannot = (id: string, grain: string) =>
    skipped.push({ metric: id, reason: `a ${grain} metric cannot be split by these cohorts' dimensions` });
  for (const id of COMPARED_METRICS) {
    const metric = catalog.metric(id)!;
    const params: SqlParams = {};
    const sides = cohortSql(metric.grain, options.a, options.b, params, engine.dialect);
    if (!sides) {
      cannot(id, metric.grain);
      continue;
    }
    if (sides.both) {
      through.push(id);
      both = { sql: sides.both, params };
    }
    const values = await metricByExpression(engine, ctx.tz, metric, sides.side, params);
    const a = values.get('a');
    const b = values.get('b');
    const comparison =
      metric.kind === 'rate'
        ? compareRates(metric, a, b, effect)
        : await compareDistributions(ctx, metric, sides.side, params, a, b);
    metrics.push(comparison);
  }
  const params: SqlParams = {};
  const handoffSides = cohortSql('handoff', options.a, options.b, params, engine.dialect);
  if (!handoffSides) cannot(REPEAT_EXPLANATION.id, 'handoff');
  else metrics.push(await compareRepeatExplanation(engine, ctx.tz, handoffSides.side, params, effect));
  const left = both
    ? await engine.one<{ n: number }>(`SELECT count(*) AS n FROM conversations WHERE ${both.sql}`, {
        ...both.params,
        tz: ctx.tz,
      })
    : null;
  return {
    a: options.a,
    b: options.b,
    metrics,
    skipped,
    through_handoffs: left
      ? { rule: THROUGH_HANDOFFS_RULE, metrics: through, left_out_conversations: left.n }
      : null,
  };
}

/** diagnose's handoff context is built on the embedded DuckDB engine only. */

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

export type { Cohort, CohortCondition, MetricComparison };
