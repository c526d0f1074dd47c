// Confidence intervals computed from aggregates the SQL returns (never from rows): Wilson, Student t, OLS slope.

import { regularizedBeta } from './beta.js';

const Z95 = 1.959963984540054;

/** Wilson score interval for k successes out of n. */
export function wilson(k: number, n: number, z = Z95): [number, number] | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Interval for a mean from its sample standard deviation and size. */
export function meanInterval(mean: number, sd: number | null, n: number): [number, number] | null {
  if (n < 2 || sd === null || !Number.isFinite(sd)) return null;
  const half = (studentT975(n - 1) * sd) / Math.sqrt(n);
  return [mean - half, mean + half];
}

/**
 * Interval for the slope of a simple regression from its (centred) sums of squares. `intercepts` is how many
 * intercepts the model fitted besides the slope: 1 for a plain regression, k for k fixed-effect strata (the sums
 * then come from values demeaned within strata), leaving n - intercepts - 1 degrees of freedom.
 */
export function slopeInterval(
  slope: number,
  n: number,
  sxx: number,
  syy: number,
  sxy: number,
  intercepts = 1,
): [number, number] | null {
  const df = n - intercepts - 1;
  if (df < 1 || sxx <= 0) return null;
  const sse = Math.max(0, syy - (sxy * sxy) / sxx);
  const se = Math.sqrt(sse / df / sxx);
  const half = studentT975(df) * se;
  return [slope - half, slope + half];
}

/** 97.5th percentile of Student's t with `df` degrees of freedom (bisection on the CDF). */
export function studentT975(df: number): number {
  if (df > 1e6) return Z95;
  let lo = 0;
  let hi = 1000;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < 0.975) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function studentTCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}
