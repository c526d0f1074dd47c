// One metric by one dimension: every group's catalog value, and each group tested against the rest of the data.

import type { Thresholds } from '../diagnose/detector.js';
import type { Measured } from '../diagnose/finding.js';
import { compareRates, distributionVersusRest, logSecondsBin, measured } from '../diagnose/segment-tests.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { dimensionSql } from '../metrics/compile.js';
import { runQuery } from '../metrics/query.js';
import type { Dimension, Metric } from '../metrics/types.js';
import { type ShrunkValue, shrinkAgentRates } from './agent-shrinkage.js';

/** Where segments runs: any engine holding the derived tables. */
export interface SegmentsContext {
  engine: SqlEngine;
  tz: string;
  thresholds: Thresholds;
}

export interface GroupTest {
  /** The group's value against every other row the dimension slices: the catalog value of each side. */
  rest: Measured;
  test: string;
  p_value: number;
}

export interface GroupValue {
  group: string;
  /** The metric for the group, from the catalog, with its interval and n (its denominator). */
  value: Measured;
  /** Rates by agent only: the rate shrunk towards all agents' common rate. */
  shrunk?: ShrunkValue;
  /** Absent when a side has fewer rows than the minimum, or the metric is not one that is tested. */
  test?: GroupTest;
}

const RATE_TEST = 'two-proportion z';
const TIME_TEST = 'Mann-Whitney U (log-binned seconds)';
const SCORE_TEST = 'Mann-Whitney U';

/** Groups in the catalog's order with values and, where both sides have ctx.thresholds.min_sample rows, a test. */
export async function groupTests(
  ctx: SegmentsContext,
  metric: Metric,
  dimension: Dimension,
): Promise<GroupValue[]> {
  const result = await runQuery(ctx.engine, { metrics: [metric.id], by: [dimension.id], tz: ctx.tz });
  const groups: GroupValue[] = result.rows.map((r) => ({
    group: String(r.dimensions[dimension.id] ?? '(none)'),
    value: measured(r.values[metric.id]),
  }));
  const byGroup = new Map(groups.map((g) => [g.group, g]));
  if (metric.kind === 'rate') {
    const counts = new Map(
      result.rows.map((r) => {
        const v = r.values[metric.id];
        return [
          String(r.dimensions[dimension.id] ?? '(none)'),
          { k: v?.numerator ?? 0, n: v?.denominator ?? 0 },
        ];
      }),
    );
    // The direction only sets diagnose's eligibility flag, which segments does not use.
    for (const t of compareRates(ctx, counts, 'higher')) {
      const g = byGroup.get(t.group);
      if (g) g.test = { rest: t.rest, test: RATE_TEST, p_value: t.pValue };
    }
    if (dimension.id === 'to_agent')
      for (const [id, shrunk] of shrinkAgentRates(counts)) {
        const g = byGroup.get(id);
        if (g) g.shrunk = shrunk;
      }
  } else if (metric.kind === 'quantile' || metric.kind === 'mean') {
    if (dimension.sql[metric.grain] === undefined)
      throw new Error(`segments: ${dimension.id} cannot slice ${metric.id}`);
    const sql = dimensionSql(dimension, metric.grain, ctx.engine.dialect);
    const seconds = metric.unit === 'seconds';
    const bin = seconds ? logSecondsBin : (v: string) => `(${v})`;
    for (const t of await distributionVersusRest(ctx, metric, sql, bin, () => false)) {
      const g = byGroup.get(t.group);
      if (g) g.test = { rest: t.rest, test: seconds ? TIME_TEST : SCORE_TEST, p_value: t.pValue };
    }
  }
  return groups;
}
