// Confidence intervals computed from aggregates the SQL returns (never from rows): Wilson, Student t, OLS slope.

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

/** Interval for the slope of a simple regression from its sums of squares. */
export function slopeInterval(
  slope: number,
  n: number,
  sxx: number,
  syy: number,
  sxy: number,
): [number, number] | null {
  if (n < 3 || sxx <= 0) return null;
  const sse = Math.max(0, syy - (sxy * sxy) / sxx);
  const se = Math.sqrt(sse / (n - 2) / sxx);
  const half = studentT975(n - 2) * se;
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

/** Regularised incomplete beta I_x(a, b) by Lentz's continued fraction (Numerical Recipes 6.4). */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - regularizedBeta(1 - x, b, a);
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < 1e-300 ? 1e-300 : d);
  let f = d;
  for (let m = 1; m <= 300; m++) {
    for (const step of [0, 1]) {
      const num =
        step === 0
          ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
          : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < 1e-300 ? 1e-300 : d);
      c = 1 + num / c;
      if (Math.abs(c) < 1e-300) c = 1e-300;
      f *= c * d;
    }
    if (Math.abs(c * d - 1) < 1e-15) break;
  }
  return (front * f) / a;
}

function logGamma(z: number): number {
  // Lanczos approximation, g = 7.
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let sum = g[0]!;
  for (let i = 1; i < 9; i++) sum += g[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}
