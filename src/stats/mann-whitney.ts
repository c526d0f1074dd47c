// Mann-Whitney U test for two distributions (handoff times, waits) from per-value counts that SQL can group.
import { twoSidedP } from './normal.js';

/**
 * All observations that share one value (or one bin): how many came from sample A and how many from B.
 * SQL produces these with `GROUP BY value` (or a bin expression) and two conditional counts, so the test never
 * needs the rows. Only the order of `value` matters; values that appear twice are merged.
 */
export interface RankGroup {
  value: number;
  countA: number;
  countB: number;
}

export interface MannWhitneyResult {
  /** U for sample A: the number of (a, b) pairs with a > b, ties counting one half. */
  u: number;
  /** U for sample B; u + uB = nA·nB. */
  uB: number;
  nA: number;
  nB: number;
  /** Normal approximation with the tie-corrected variance; positive when A tends to be larger. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  /**
   * Probability of superiority (common-language effect size): P(A > B) + ½·P(A = B) = u / (nA·nB).
   * 0.5 means no tendency either way.
   */
  effect: number;
}

export interface MannWhitneyOptions {
  /** Move U half a unit towards its mean before reading the normal tail (default true, as R and SciPy do). */
  continuity?: boolean;
}

/**
 * Mann-Whitney U test from rank groups. Mid-ranks are assigned per group, so each group is one tie block;
 * pre-binned durations are therefore tested as ties at bin resolution (conservative, never anti-conservative).
 * Returns null when either sample is empty.
 */
export function mannWhitneyGrouped(
  groups: readonly RankGroup[],
  options: MannWhitneyOptions = {},
): MannWhitneyResult | null {
  const merged = mergeGroups(groups);
  let nA = 0;
  let nB = 0;
  for (const g of merged) {
    nA += g.countA;
    nB += g.countB;
  }
  if (nA === 0 || nB === 0) return null;
  const n = nA + nB;
  let below = 0;
  let rankSumA = 0;
  let tieTerm = 0;
  for (const g of merged) {
    const t = g.countA + g.countB;
    rankSumA += g.countA * (below + (t + 1) / 2);
    tieTerm += t * t * t - t;
    below += t;
  }
  const u = rankSumA - (nA * (nA + 1)) / 2;
  const mean = (nA * nB) / 2;
  // Var(U) under H0 with ties (Lehmann 1975; the formula R's wilcox.test and SciPy use).
  const variance = ((nA * nB) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const deviation = u - mean;
  const shrink = options.continuity === false ? 0 : 0.5;
  // Never let the correction push the statistic past the mean: a U at its mean gives z = 0 and p = 1.
  const magnitude = Math.max(0, Math.abs(deviation) - shrink);
  const z = variance > 0 ? (Math.sign(deviation) * magnitude) / Math.sqrt(variance) : 0;
  return { u, uB: nA * nB - u, nA, nB, z, pValue: twoSidedP(z), effect: u / (nA * nB) };
}

/** Mann-Whitney U test from two plain samples: a thin wrapper that counts values into rank groups. */
export function mannWhitney(
  a: readonly number[],
  b: readonly number[],
  options: MannWhitneyOptions = {},
): MannWhitneyResult | null {
  const counts = new Map<number, RankGroup>();
  const add = (value: number, side: 'countA' | 'countB') => {
    if (Number.isNaN(value)) throw new RangeError('Mann-Whitney samples must not contain NaN.');
    // Map keys compare with SameValueZero, so -0 and 0 share a group, as they should.
    let g = counts.get(value);
    if (!g) {
      g = { value, countA: 0, countB: 0 };
      counts.set(value, g);
    }
    g[side]++;
  };
  for (const v of a) add(v, 'countA');
  for (const v of b) add(v, 'countB');
  return mannWhitneyGrouped([...counts.values()], options);
}

function mergeGroups(groups: readonly RankGroup[]): RankGroup[] {
  const sorted = groups
    .map((g) => {
      if (Number.isNaN(g.value) || !(g.countA >= 0 && g.countB >= 0)) {
        throw new RangeError(`Bad rank group: value ${g.value}, counts ${g.countA} and ${g.countB}.`);
      }
      return { ...g };
    })
    .sort((x, y) => x.value - y.value);
  const out: RankGroup[] = [];
  for (const g of sorted) {
    const last = out[out.length - 1];
    if (last && last.value === g.value) {
      last.countA += g.countA;
      last.countB += g.countB;
    } else if (g.countA + g.countB > 0) {
      out.push(g);
    }
  }
  return out;
}
