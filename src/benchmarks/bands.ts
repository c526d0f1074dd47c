// Industry benchmark bands for handoff metrics by segment: published industry ESTIMATES, not measurements.

/** The catalog metrics the bands cover (ids as in src/metrics/catalog.ts). */
export type BenchmarkMetric = 'handoff_success_rate' | 'transfer_completion_rate' | 'handoff_time_avg_s';

export interface BenchmarkMetricInfo {
  id: BenchmarkMetric;
  title: string;
  unit: 'ratio' | 'seconds';
  /** Which side of the band is better: 'up' for the rates, 'down' for the time. */
  good: 'up' | 'down';
}

export interface BenchmarkSegment {
  /** Kebab-case id, e.g. `saas-b2b`. */
  id: string;
  /** Label as in the source table, e.g. `SaaS B2B`. */
  label: string;
  /** [low, high] per metric: ratios for the rates, seconds for the time. */
  bands: Readonly<Record<BenchmarkMetric, readonly [number, number]>>;
}

/** Said wherever the bands are shown; the bands are not Baton measurements and their definitions are unknown. */
export const BENCHMARK_CAVEAT =
  'Benchmark bands are industry estimates, not measurements: they come from no dataset Baton can inspect, and ' +
  'the definitions behind them may differ from Baton’s (see `baton metrics`). Use them as a rough reference, ' +
  'not as a target or a verdict.';

export const BENCHMARK_METRICS: readonly BenchmarkMetricInfo[] = Object.freeze([
  Object.freeze({
    id: 'handoff_success_rate',
    title: 'Handoff success rate',
    unit: 'ratio',
    good: 'up',
  } as const),
  Object.freeze({
    id: 'handoff_time_avg_s',
    title: 'Average handoff time',
    unit: 'seconds',
    good: 'down',
  } as const),
  Object.freeze({
    id: 'transfer_completion_rate',
    title: 'Transfer completion rate',
    unit: 'ratio',
    good: 'up',
  } as const),
]);

function segment(
  id: string,
  label: string,
  success: readonly [number, number],
  timeS: readonly [number, number],
  completion: readonly [number, number],
): BenchmarkSegment {
  return Object.freeze({
    id,
    label,
    bands: Object.freeze({
      handoff_success_rate: Object.freeze([...success]) as unknown as readonly [number, number],
      handoff_time_avg_s: Object.freeze([...timeS]) as unknown as readonly [number, number],
      transfer_completion_rate: Object.freeze([...completion]) as unknown as readonly [number, number],
    }),
  });
}

/** The industry estimate table, row by row: success rate, average handoff time (s), completion rate. */
export const BENCHMARK_SEGMENTS: readonly BenchmarkSegment[] = Object.freeze([
  segment('saas-b2b', 'SaaS B2B', [0.85, 0.92], [45, 90], [0.78, 0.85]),
  segment('saas-b2c', 'SaaS B2C', [0.8, 0.88], [30, 60], [0.75, 0.82]),
  segment('ecommerce', 'Ecommerce', [0.82, 0.89], [25, 45], [0.8, 0.87]),
  segment('fintech', 'Fintech', [0.88, 0.95], [60, 120], [0.82, 0.9]),
  segment('subscription-media', 'Subscription Media', [0.83, 0.9], [35, 75], [0.77, 0.84]),
  segment('early-stage', 'Early-stage (<$10M ARR)', [0.75, 0.85], [60, 120], [0.7, 0.8]),
  segment('growth-stage', 'Growth-stage ($10-100M ARR)', [0.85, 0.92], [45, 75], [0.8, 0.88]),
  segment('enterprise', 'Enterprise (>$100M ARR)', [0.9, 0.96], [30, 60], [0.85, 0.92]),
  segment('self-serve', 'Self-serve model', [0.78, 0.86], [30, 60], [0.75, 0.83]),
  segment('enterprise-sales', 'Enterprise sales', [0.88, 0.95], [60, 90], [0.83, 0.91]),
]);
