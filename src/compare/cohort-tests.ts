// The statistics of a two-cohort comparison, on aggregates only: rates by two-proportion test, times and scores by Mann-Whitney.
import type { SqlEngine, SqlParams } from '../engine/sql-engine.js';
import { GRAIN_TABLES, type Metric, type MetricValue } from '../metrics/types.js';
import { mannWhitneyGrouped } from '../stats/mann-whitney.js';
import { newcombeInterval, twoProportionTest } from '../stats/proportions.js';
import { minimumDetectableDifference, sampleSizeTwoProportions } from '../stats/sample-size.js';

export interface CohortValue {
  value: number | null;
  ci95: [number, number] | null;
  n: number;
}

export interface MetricComparison {
  metric: string;
  title: string;
  unit: Metric['unit'];
  good: Metric['good'];
  a: CohortValue;
  b: CohortValue;
  /** b minus a. */
  difference: number | null;
  /** 95% interval of the difference, where the test gives one (rates: Newcombe). */
  difference_ci95: [number, number] | null;
  test: string;
  p_value: number | null;
  /** Rates only: cohort size needed per side to detect `effect`, and the smallest difference these sizes can detect. */
  sample_size?: { effect: number; needed_per_cohort: number | null; detectable_now: number | null };
}

const side = (v: MetricValue | undefined): CohortValue => ({
  value: v?.value ?? null,
  ci95: v?.ci95 ?? null,
  n: v?.denominator ?? 0,
});

function base(metric: Metric, a: MetricValue | undefined, b: MetricValue | undefined) {
  const va = side(a);
  const vb = side(b);
  return {
    metric: metric.id,
    title: metric.title,
    unit: metric.unit,
    good: metric.good,
    a: va,
    b: vb,
    difference: va.value !== null && vb.value !== null ? vb.value - va.value : null,
  };
}

export function compareRates(
  metric: Metric,
  a: MetricValue | undefined,
  b: MetricValue | undefined,
  effect: number,
): MetricComparison {
  const counts = (v: MetricValue | undefined) => ({
    successes: v?.numerator ?? 0,
    trials: v?.denominator ?? 0,
  });
  const test = twoProportionTest(counts(a), counts(b));
  const interval = newcombeInterval(counts(b), counts(a));
  const pa = a?.value ?? null;
  const n = Math.min(a?.denominator ?? 0, b?.denominator ?? 0);
  const needed = pa !== null && pa + effect <= 1 ? sampleSizeTwoProportions(pa, pa + effect) : null;
  const detectable = pa !== null && n > 0 ? minimumDetectableDifference(n, pa) : null;
  return {
    ...base(metric, a, b),
    difference_ci95: interval ? [interval[0], interval[1]] : null,
    test: 'two-proportion z (pooled), Newcombe interval',
    p_value: test?.pValue ?? null,
    sample_size: {
      effect,
      needed_per_cohort: needed?.n ?? null,
      detectable_now: detectable?.difference ?? null,
    },
  };
}

/** Order-preserving bins: log seconds (about 5% wide) for durations, the value itself for scores. */
function binSql(metric: Metric & { value: string }): string {
  return metric.unit === 'seconds' ? `floor(ln(1 + greatest(${metric.value}, 0)) * 20)` : `(${metric.value})`;
}

export async function compareDistributions(
  ctx: { engine: SqlEngine; tz: string },
  metric: Metric,
  sidesSql: string,
  params: SqlParams,
  a: MetricValue | undefined,
  b: MetricValue | undefined,
): Promise<MetricComparison> {
  if (metric.kind !== 'quantile' && metric.kind !== 'mean')
    throw new Error(`compare cannot rank ${metric.id}`);
  const where = [
    `(${metric.value}) IS NOT NULL`,
    `(${sidesSql}) IS NOT NULL`,
    ...(metric.where ? [`(${metric.where})`] : []),
  ];
  const rows = await ctx.engine.all<{ side: string; bin: number; n: number }>(
    `SELECT ${sidesSql} AS side, ${binSql(metric)} AS bin, count(*) AS n FROM ${GRAIN_TABLES[metric.grain]}
     WHERE ${where.join(' AND ')} GROUP BY 1, 2`,
    { ...params, tz: ctx.tz },
  );
  const bins = new Map<number, { value: number; countA: number; countB: number }>();
  for (const r of rows) {
    const g = bins.get(r.bin) ?? { value: r.bin, countA: 0, countB: 0 };
    if (r.side === 'a') g.countA += r.n;
    else g.countB += r.n;
    bins.set(r.bin, g);
  }
  const test = mannWhitneyGrouped([...bins.values()]);
  return {
    ...base(metric, a, b),
    difference_ci95: null,
    test: metric.unit === 'seconds' ? 'Mann-Whitney U (log-binned seconds)' : 'Mann-Whitney U',
    p_value: test?.pValue ?? null,
  };
}
