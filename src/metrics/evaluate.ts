// Turns a compiled metric's aggregate row into a value with its interval (all row work stayed in SQL).
import type { Row } from '../engine/engine.js';
import { meanInterval, slopeInterval, wilson } from '../stats/intervals.js';
import type { Metric, MetricValue } from './types.js';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function metricValue(metric: Metric, row: Row): MetricValue {
  const denominator = num(row.denominator);
  switch (metric.kind) {
    case 'count':
      return { value: num(row.value) ?? 0, numerator: null, denominator, ci95: null };
    case 'rate': {
      const k = num(row.numerator) ?? 0;
      const n = denominator ?? 0;
      return { value: n > 0 ? k / n : null, numerator: k, denominator: n, ci95: wilson(k, n) };
    }
    case 'mean': {
      const value = num(row.value);
      const ci95 =
        value === null || denominator === null ? null : meanInterval(value, num(row.sd), denominator);
      return { value, numerator: num(row.numerator), denominator, ci95 };
    }
    case 'quantile': {
      const lo = num(row.lo);
      const hi = num(row.hi);
      return {
        value: num(row.value),
        numerator: null,
        denominator,
        ci95: lo !== null && hi !== null ? [lo, hi] : null,
      };
    }
    case 'growth': {
      const slope = num(row.slope);
      if (slope === null || denominator === null)
        return { value: null, numerator: null, denominator, ci95: null };
      // Within strata every stratum has its own intercept: k of them instead of one.
      const intercepts = metric.strata?.length ? (num(row.strata) ?? 1) : 1;
      const ci = slopeInterval(
        slope,
        denominator,
        num(row.sxx) ?? 0,
        num(row.syy) ?? 0,
        num(row.sxy) ?? 0,
        intercepts,
      );
      const grow = (b: number) => Math.exp(b) - 1;
      return {
        value: grow(slope),
        numerator: null,
        denominator,
        ci95: ci ? [grow(ci[0]), grow(ci[1])] : null,
      };
    }
  }
}
