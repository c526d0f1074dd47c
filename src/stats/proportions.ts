// Comparing two rates from their counts: pooled two-proportion z-test with Newcombe's interval for the difference.
import { wilson } from './intervals.js';
import { twoSidedP } from './normal.js';

/** Counts for one rate: `successes` out of `trials`. */
export interface RateCounts {
  successes: number;
  trials: number;
}

export interface TwoProportionResult {
  /** p1 - p2. */
  difference: number;
  /** Pooled z statistic; its square is Pearson's X² for the 2×2 table (no continuity correction). */
  z: number;
  /** Two-sided p-value from the normal approximation. */
  pValue: number;
  /** 95% interval for p1 - p2: Newcombe's hybrid score interval (his method 10). */
  ci95: [number, number];
}

/**
 * Two-proportion z-test of p1 = p2 with the pooled variance, and Newcombe's interval for p1 - p2.
 * The interval is not the inversion of the test (it does not use the pooled variance), so in rare borderline
 * cases the two can disagree about significance; the interval is the better-behaved of the two at small n.
 * Returns null when either group has no trials. When both rates are 0 or both 1 the test has no variance:
 * z = 0 and p = 1 (no evidence of a difference), while the interval still reflects the sample sizes.
 */
export function twoProportionTest(a: RateCounts, b: RateCounts): TwoProportionResult | null {
  checkCounts(a);
  checkCounts(b);
  const ci95 = newcombeInterval(a, b);
  if (ci95 === null) return null;
  const p1 = a.successes / a.trials;
  const p2 = b.successes / b.trials;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  const z = se > 0 ? (p1 - p2) / se : 0;
  return { difference: p1 - p2, z, pValue: twoSidedP(z), ci95 };
}

/**
 * Newcombe (1998) hybrid score interval for p1 - p2 from the two Wilson intervals (square-and-add):
 * lower = d - √((p1 - l1)² + (u2 - p2)²), upper = d + √((u1 - p1)² + (p2 - l2)²).
 */
export function newcombeInterval(a: RateCounts, b: RateCounts): [number, number] | null {
  const w1 = wilson(a.successes, a.trials);
  const w2 = wilson(b.successes, b.trials);
  if (w1 === null || w2 === null) return null;
  const p1 = a.successes / a.trials;
  const p2 = b.successes / b.trials;
  const d = p1 - p2;
  const lower = d - Math.hypot(p1 - w1[0], w2[1] - p2);
  const upper = d + Math.hypot(w1[1] - p1, p2 - w2[0]);
  return [Math.max(-1, lower), Math.min(1, upper)];
}

function checkCounts(c: RateCounts): void {
  if (!(c.trials >= 0 && c.successes >= 0 && c.successes <= c.trials)) {
    throw new RangeError(`Need 0 ≤ successes ≤ trials, got ${c.successes} of ${c.trials}.`);
  }
}
