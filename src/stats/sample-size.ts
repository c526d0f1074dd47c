// Planning comparisons of two rates: per-group sample size, power and minimum detectable difference.
import { normalCdf, normalQuantile } from './normal.js';

export interface TwoProportionDesign {
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
  /** Wanted power (default 0.8). */
  power?: number;
  /** Fleiss, Tytun & Ury (1980) continuity correction, for a test run with Yates' correction (default false). */
  continuity?: boolean;
}

/**
 * Observations needed in EACH group for a two-sided pooled two-proportion z-test to detect p1 vs p2:
 * n = (z_{1-α/2}·√(2·p̄·q̄) + z_{1-β}·√(p1·q1 + p2·q2))² / (p1 - p2)², p̄ = (p1 + p2)/2
 * (Fleiss, Statistical Methods for Rates and Proportions), the normal approximation R's power.prop.test
 * uses. `exact` is the real-valued solution, `n` its ceiling.
 * Returns null when p1 = p2 (no finite n detects a zero difference).
 */
export function sampleSizeTwoProportions(
  p1: number,
  p2: number,
  design: TwoProportionDesign = {},
): { n: number; exact: number } | null {
  checkRate(p1);
  checkRate(p2);
  const { alpha, power } = checkDesign(design);
  const delta = Math.abs(p1 - p2);
  if (delta === 0) return null;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const pBar = (p1 + p2) / 2;
  const root = za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  let exact = (root * root) / (delta * delta);
  if (design.continuity) exact = (exact / 4) * (1 + Math.sqrt(1 + 4 / (exact * delta))) ** 2;
  // Round away float noise before the ceiling, so an exact integer solution is not pushed up by one.
  return { n: Math.ceil(exact - 1e-9), exact };
}

/**
 * Power of the two-sided pooled test with n per group, counting only rejections in the direction of the true
 * difference (R's power.prop.test default, strict = FALSE; the other tail adds at most α/2 at p1 = p2).
 */
export function powerTwoProportions(n: number, p1: number, p2: number, alpha = 0.05): number {
  checkRate(p1);
  checkRate(p2);
  if (!(n > 0)) throw new RangeError(`n must be positive, got ${n}.`);
  checkDesign({ alpha });
  const za = normalQuantile(1 - alpha / 2);
  const pBar = (p1 + p2) / 2;
  const spread = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  if (spread === 0) return p1 === p2 ? alpha / 2 : 1;
  return normalCdf((Math.sqrt(n) * Math.abs(p1 - p2) - za * Math.sqrt(2 * pBar * (1 - pBar))) / spread);
}

/**
 * Smallest difference from a baseline rate p1 that n per group detects with the given power: the p2 on the
 * chosen side of p1 where the power reaches the target (bisection on the power curve, which is monotone in
 * p2 on each side). Null when even p2 = 0 or 1 is not detectable with this n.
 */
export function minimumDetectableDifference(
  n: number,
  p1: number,
  design: Omit<TwoProportionDesign, 'continuity'> & { direction?: 'increase' | 'decrease' } = {},
): { p2: number; difference: number } | null {
  checkRate(p1);
  const { alpha, power } = checkDesign(design);
  const up = design.direction !== 'decrease';
  const edge = up ? 1 : 0;
  if (p1 === edge || powerTwoProportions(n, p1, edge, alpha) < power) return null;
  let near = p1;
  let far = edge;
  for (let i = 0; i < 200 && Math.abs(far - near) > 1e-13; i++) {
    const mid = (near + far) / 2;
    if (powerTwoProportions(n, p1, mid, alpha) >= power) far = mid;
    else near = mid;
  }
  return { p2: far, difference: far - p1 };
}

function checkRate(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A rate must lie in [0, 1], got ${p}.`);
}

function checkDesign(design: TwoProportionDesign): { alpha: number; power: number } {
  const alpha = design.alpha ?? 0.05;
  const power = design.power ?? 0.8;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), got ${alpha}.`);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must lie in (0, 1), got ${power}.`);
  return { alpha, power };
}
