// The shapes of catalog entries: metrics and dimensions are plain frozen data with a literal `kind`.
import type { Dialect } from '../engine/dialect.js';

/** The fact table a metric counts over: one row per conversation, per handoff, or per event. */
export type Grain = 'conversation' | 'handoff' | 'event';

export const GRAIN_TABLES: Readonly<Record<Grain, string>> = Object.freeze({
  conversation: 'conversations',
  handoff: 'handoffs',
  // Events in 15-minute buckets by type: every time zone's offset is a whole number of quarter hours, so
  // counts by local hour, date or weekday are exact, and a 10-million-event table is read as a few thousand rows.
  event: 'event_buckets',
});

export type Unit = 'count' | 'ratio' | 'seconds' | 'score' | 'per-conversation';
export type GoodDirection = 'up' | 'down' | 'neutral';
export type IntervalMethod = 'none' | 'wilson' | 't' | 'order-statistic' | 'ols' | 'ols-within';

interface MetricBase {
  readonly id: string;
  readonly title: string;
  /** One or two plain sentences a support lead can read. */
  readonly definition: string;
  readonly grain: Grain;
  readonly unit: Unit;
  readonly good: GoodDirection;
  readonly interval: IntervalMethod;
  /** Rows of the grain the metric looks at (SQL condition); all rows when absent. */
  readonly where?: string;
}

export interface CountMetric extends MetricBase {
  readonly kind: 'count';
  /** SQL for how many rows each row of a pre-aggregated grain table stands for; one each when absent. */
  readonly weight?: string;
}

/** numerator / denominator, both counts of rows; `denominator` is a SQL condition on the grain's rows. */
export interface RateMetric extends MetricBase {
  readonly kind: 'rate';
  readonly numerator: string;
  readonly denominator: string;
}

export interface MeanMetric extends MetricBase {
  readonly kind: 'mean';
  readonly value: string;
}

export interface QuantileMetric extends MetricBase {
  readonly kind: 'quantile';
  readonly value: string;
  readonly q: number;
}

/** exp(b) - 1 where b is the OLS slope of `y` on `x`: the relative change of y per unit of x. */
export interface GrowthMetric extends MetricBase {
  readonly kind: 'growth';
  readonly y: string;
  readonly x: string;
  /**
   * Fixed effects: SQL expressions whose combined values form strata (NULL is its own '(none)' value). The
   * slope is then estimated within strata (y and x demeaned per stratum), so differences between strata in
   * both y and x cannot masquerade as an effect of x. Needs interval 'ols-within' (n - k - 1 degrees of freedom).
   */
  readonly strata?: readonly string[];
}

export type Metric = CountMetric | RateMetric | MeanMetric | QuantileMetric | GrowthMetric;

export interface Dimension {
  readonly kind: 'dimension';
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** SQL per grain it can slice, in DuckDB's dialect; a grain missing here cannot be sliced by it. */
  readonly sql: Partial<Record<Grain, string>>;
  /** The same SQL in any dialect, for dimensions whose SQL differs between engines (time parts); `sql` is its DuckDB output. */
  readonly dialectSql?: (dialect: Dialect) => Partial<Record<Grain, string>>;
  /** Values in their natural order when text order is wrong (weekday names); others sort after them. */
  readonly values?: readonly string[];
}

/** One number with what it was computed from. */
export interface MetricValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  ci95: [number, number] | null;
}
