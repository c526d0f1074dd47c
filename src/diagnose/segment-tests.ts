// Segment-versus-rest tests on aggregates from SQL: catalog (or diagnostic) metrics grouped by a segment expression.

import type { SqlParams } from '../engine/engine.js';
import { metricByExpression } from '../metrics/by-expression.js';
import { catalog } from '../metrics/registry.js';
import { GRAIN_TABLES, type Metric, type MetricValue } from '../metrics/types.js';
import { wilson } from '../stats/intervals.js';
import { mannWhitneyGrouped } from '../stats/mann-whitney.js';
import { twoProportionTest } from '../stats/proportions.js';
import type { DetectorContext } from './detector.js';
import type { Evidence, Measured } from './finding.js';

/** A catalog metric by id; a missing one is a bug in diagnose, not a user error. */
export function catalogMetric(id: string): Metric {
  const m = catalog.metric(id);
  if (!m) throw new Error(`diagnose uses unknown metric ${id}`);
  return m;
}

/** The metric per value of `groupSql` in the analysis engine's dialect; rows where it is NULL are in no group. */
export function metricByGroup(
  ctx: Pick<DetectorContext, 'engine' | 'tz'>,
  metric: Metric,
  groupSql: string,
  params: SqlParams = {},
): Promise<Map<string, MetricValue>> {
  return metricByExpression(ctx.engine, ctx.tz, metric, groupSql, params);
}

/** The metric for one group and for every other row in scope (where `groupSql` is not NULL). */
export async function metricVersusRest(
  ctx: Pick<DetectorContext, 'engine' | 'tz'>,
  metric: Metric,
  groupSql: string,
  value: string,
  params: SqlParams = {},
): Promise<{ segment: MetricValue | undefined; rest: MetricValue | undefined }> {
  const side = `CASE WHEN CAST((${groupSql}) AS ${ctx.engine.dialect.textType}) = $diag_value THEN 'segment' WHEN (${groupSql}) IS NOT NULL THEN 'rest' END`;
  const values = await metricByGroup(ctx, metric, side, { ...params, diag_value: value });
  return { segment: values.get('segment'), rest: values.get('rest') };
}

export const measured = (v: MetricValue | undefined): Measured => ({
  value: v?.value ?? null,
  ci95: v?.ci95 ?? null,
  n: v?.denominator ?? 0,
});

export interface RateComparison {
  group: string;
  segment: Measured;
  rest: Measured;
  pValue: number;
  /** In the bad direction by at least the stated difference and ratio. */
  eligible: boolean;
}

/** Two counts per group to a rate comparison of each group against all the others in scope. */
export function compareRates(
  ctx: Pick<DetectorContext, 'thresholds'>,
  groups: ReadonlyMap<string, { k: number; n: number }>,
  worse: 'higher' | 'lower',
  only?: (group: string) => boolean,
): RateComparison[] {
  const t = ctx.thresholds;
  let K = 0;
  let N = 0;
  for (const g of groups.values()) {
    K += g.k;
    N += g.n;
  }
  const out: RateComparison[] = [];
  for (const [group, g] of groups) {
    if (only && !only(group)) continue;
    const rest = { successes: K - g.k, trials: N - g.n };
    if (g.n < t.min_sample || rest.trials < t.min_sample) continue;
    const test = twoProportionTest({ successes: g.k, trials: g.n }, rest);
    if (!test) continue;
    const p1 = g.k / g.n;
    const p2 = rest.successes / rest.trials;
    const eligible =
      worse === 'higher'
        ? p1 - p2 >= t.min_rate_difference && p1 >= p2 * t.min_rate_ratio
        : p2 - p1 >= t.min_rate_difference && p1 * t.min_rate_ratio <= p2;
    out.push({
      group,
      segment: { value: p1, ci95: wilson(g.k, g.n), n: g.n },
      rest: { value: p2, ci95: wilson(rest.successes, rest.trials), n: rest.trials },
      pValue: test.pValue,
      eligible,
    });
  }
  return out;
}

/** Rate comparisons of a rate metric (catalog or diagnostic) grouped by a SQL expression. */
export async function rateVersusRest(
  ctx: DetectorContext,
  metric: Metric,
  groupSql: string,
  worse: 'higher' | 'lower',
  params: SqlParams = {},
  only?: (group: string) => boolean,
): Promise<RateComparison[]> {
  const values = await metricByGroup(ctx, metric, groupSql, params);
  const groups = new Map<string, { k: number; n: number }>();
  for (const [g, v] of values) groups.set(g, { k: v.numerator ?? 0, n: v.denominator ?? 0 });
  return compareRates(ctx, groups, worse, only);
}

export interface DistributionComparison {
  group: string;
  segment: Measured;
  rest: Measured;
  pValue: number;
  /** Probability that a segment value exceeds a rest value (ties half): above 0.5 means larger in the segment. */
  effect: number;
  eligible: boolean;
}

/**
 * Mann-Whitney of each group against all others in scope, from (group, bin, count) rows SQL groups; the
 * metric's own value and filter define what is ranked. `bin` must preserve order (log bins for durations).
 * Evidence values are the metric itself (median or mean with its catalog interval) for segment and rest.
 */
export async function distributionVersusRest(
  ctx: Pick<DetectorContext, 'engine' | 'tz' | 'thresholds'>,
  metric: Metric & { value: string },
  groupSql: string,
  bin: (value: string) => string,
  isWorse: (segment: Measured, rest: Measured, effect: number) => boolean,
  params: SqlParams = {},
  only?: (group: string) => boolean,
): Promise<DistributionComparison[]> {
  const where = [`(${metric.value}) IS NOT NULL`, `(${groupSql}) IS NOT NULL`];
  if (metric.where) where.push(`(${metric.where})`);
  const rows = await ctx.engine.all<{ g: string; bin: number; n: number }>(
    `SELECT CAST((${groupSql}) AS ${ctx.engine.dialect.textType}) AS g, ${bin(metric.value)} AS bin, count(*) AS n
     FROM ${GRAIN_TABLES[metric.grain]} WHERE ${where.join(' AND ')} GROUP BY 1, 2`,
    { ...params, tz: ctx.tz },
  );
  const totals = new Map<number, number>();
  const byGroup = new Map<string, Map<number, number>>();
  for (const r of rows) {
    totals.set(r.bin, (totals.get(r.bin) ?? 0) + r.n);
    const m = byGroup.get(r.g) ?? new Map<number, number>();
    m.set(r.bin, (m.get(r.bin) ?? 0) + r.n);
    byGroup.set(r.g, m);
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  const out: DistributionComparison[] = [];
  for (const [group, counts] of byGroup) {
    if (only && !only(group)) continue;
    const n = [...counts.values()].reduce((a, b) => a + b, 0);
    if (n < ctx.thresholds.min_sample || all - n < ctx.thresholds.min_sample) continue;
    const test = mannWhitneyGrouped(
      [...totals].map(([value, total]) => {
        const countA = counts.get(value) ?? 0;
        return { value, countA, countB: total - countA };
      }),
    );
    if (!test) continue;
    const values = await metricVersusRest(ctx, metric, groupSql, group, params);
    const segment = measured(values.segment);
    const rest = measured(values.rest);
    out.push({
      group,
      segment,
      rest,
      pValue: test.pValue,
      effect: test.effect,
      eligible: isWorse(segment, rest, test.effect),
    });
  }
  return out;
}

/** Order-preserving log bins (about 5% wide) for durations, so a 10-million-row table ranks in a few hundred groups. */
export const logSecondsBin = (value: string) => `floor(ln(1 + greatest(${value}, 0)) * 20)`;

/** Time ratio rule: the segment's median (or mean) at least min_time_ratio × the rest's, and ranked higher. */
export function slowerBy(ctx: DetectorContext) {
  return (segment: Measured, rest: Measured, effect: number) =>
    effect > 0.5 &&
    segment.value !== null &&
    rest.value !== null &&
    segment.value >= rest.value * ctx.thresholds.min_time_ratio &&
    segment.value > rest.value;
}

/** Evidence of a two-proportion comparison, the shape every rate detector reports. */
export function rateEvidence(
  metric: string | null,
  measure: string,
  t: { segment: Measured; rest: Measured; pValue: number },
): Omit<Evidence, 'q_value'> {
  return {
    metric,
    measure,
    unit: 'ratio',
    segment: t.segment,
    rest: t.rest,
    test: 'two-proportion z',
    p_value: t.pValue,
  };
}

/** Evidence of a Mann-Whitney comparison of durations (log-binned seconds), the shape every time detector reports. */
export function timeEvidence(
  metric: Metric,
  t: { segment: Measured; rest: Measured; pValue: number },
): Omit<Evidence, 'q_value'> {
  return {
    metric: metric.id,
    measure: metric.title,
    unit: 'seconds',
    segment: t.segment,
    rest: t.rest,
    test: 'Mann-Whitney U (log-binned seconds)',
    p_value: t.pValue,
  };
}
