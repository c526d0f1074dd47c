// The comparison statistics against published reference values (each cited where it is asserted).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { betaQuantile, regularizedBeta } from '../src/stats/beta.js';
import { benjaminiHochberg } from '../src/stats/fdr.js';
import { mannWhitney, mannWhitneyGrouped } from '../src/stats/mann-whitney.js';
import { normalCdf, normalQuantile, twoSidedP } from '../src/stats/normal.js';
import { newcombeInterval, twoProportionTest } from '../src/stats/proportions.js';
import {
  minimumDetectableDifference,
  powerTwoProportions,
  sampleSizeTwoProportions,
} from '../src/stats/sample-size.js';
import { fitBetaPrior, posteriorRate, shrinkRates, shrinkTowards } from '../src/stats/shrinkage.js';

const close = (a: number, b: number, tol: number) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b} (±${tol})`);

test('normal CDF and quantile', () => {
  // Standard normal tables (Abramowitz & Stegun 1964, chapter 26): percentage points and P(x).
  close(normalQuantile(0.975), 1.959963984540054, 1e-12);
  close(normalQuantile(0.95), 1.6448536269514722, 1e-12);
  close(normalQuantile(0.8), 0.8416212335729143, 1e-12);
  close(normalQuantile(0.025), -1.959963984540054, 1e-12);
  close(normalQuantile(1e-10), -6.361340902404056, 1e-9); // far tail, as R's qnorm(1e-10) and SciPy's norm.ppf
  assert.equal(normalQuantile(0.5), 0);
  close(normalCdf(1.96), 0.9750021048517795, 1e-14); // A&S Table 26.1: P(1.96) = 0.97500 21048 51780
  close(normalCdf(1), 0.8413447460685429, 1e-14); // A&S Table 26.1: P(1) = 0.84134 47460 68543
  close(normalCdf(-3) / 1.3498980316301e-3, 1, 1e-10); // A&S Table 26.1: P(3) = 0.99865 01019 68370
  assert.equal(normalCdf(0), 0.5);
  // The two algorithms are independent, so a round trip checks each against the other. Lower tail only:
  // above 0 the CDF is 1 - tail, which keeps just the absolute (not the relative) precision of the tail.
  for (let x = -8; x <= 0; x += 0.25) close(normalQuantile(normalCdf(x)), x, 1e-9 * Math.max(1, Math.abs(x)));
  close(twoSidedP(1.959963984540054), 0.05, 1e-14);
  assert.ok(Number.isNaN(normalQuantile(1.5)));
  assert.equal(normalQuantile(0), Number.NEGATIVE_INFINITY);
});

test('Beta quantile reproduces published Clopper-Pearson limits', () => {
  // Clopper-Pearson limits are Beta quantiles: lower = B⁻¹(α/2; k, n-k+1), upper = B⁻¹(1-α/2; k+1, n-k).
  // R documentation, binom.test example (Mendel's peas, 682 of 925): 95 percent CI 0.7076683 0.7654066.
  close(betaQuantile(0.025, 682, 244), 0.7076683, 5e-8);
  close(betaQuantile(0.975, 683, 243), 0.7654066, 5e-8);
  // Clopper & Pearson (1934) closed form at k = 0: upper = 1 - (α/2)^(1/n); 0 of 10 → 0.3084971.
  close(betaQuantile(0.975, 1, 10), 1 - 0.025 ** (1 / 10), 1e-12);
  close(betaQuantile(0.975, 1, 10), 0.3084971, 5e-8);
  // Beta(5, 6) and Beta(6, 5) mirror each other, so the exact limits for 5 of 10 sum to 1.
  close(betaQuantile(0.025, 5, 6) + betaQuantile(0.975, 6, 5), 1, 1e-12);
  // Beta(a, 1) has CDF x^a, so its quantile is p^(1/a) (exact).
  close(betaQuantile(0.3, 2.5, 1), 0.3 ** (1 / 2.5), 1e-12);
  close(regularizedBeta(0.5, 3, 3), 0.5, 1e-14); // symmetric
  assert.equal(betaQuantile(0, 2, 3), 0);
  assert.equal(betaQuantile(1, 2, 3), 1);
  assert.ok(Number.isNaN(betaQuantile(0.5, 0, 3)));
});

test('two-proportion test: Newcombe 1998 Table II, method 10', () => {
  // Newcombe RG. Interval estimation for the difference between independent proportions: comparison of
  // eleven methods. Stat Med 1998;17:873-890, Table II, method 10 (score, no continuity correction).
  const table: Array<[number, number, number, number, number, number]> = [
    [56, 70, 48, 80, 0.0524, 0.3339], // (a)
    [9, 10, 3, 10, 0.1705, 0.809], // (b)
    [6, 7, 2, 7, 0.0582, 0.8062], // (c)
    [5, 56, 0, 29, -0.0381, 0.1926], // (d)
    [0, 10, 0, 20, -0.1611, 0.2775], // (e)
    [0, 10, 0, 10, -0.2775, 0.2775], // (f)
    [10, 10, 0, 20, 0.6791, 1], // (g)
    [10, 10, 0, 10, 0.6075, 1], // (h)
  ];
  for (const [k1, n1, k2, n2, lo, hi] of table) {
    const r = twoProportionTest({ successes: k1, trials: n1 }, { successes: k2, trials: n2 })!;
    close(r.difference, k1 / n1 - k2 / n2, 1e-12);
    close(r.ci95[0], lo, 5e-5);
    close(r.ci95[1], hi, 5e-5);
  }
  assert.equal(newcombeInterval({ successes: 0, trials: 0 }, { successes: 1, trials: 2 }), null);
  assert.equal(twoProportionTest({ successes: 1, trials: 2 }, { successes: 0, trials: 0 }), null);
});

test('two-proportion test: pooled z on the Physicians’ Health Study', () => {
  // Agresti, An Introduction to Categorical Data Analysis, the aspirin and myocardial infarction table:
  // placebo 189 of 11034, aspirin 104 of 11037. Pearson X² (no continuity correction) = 25.01, which is z².
  const r = twoProportionTest({ successes: 189, trials: 11034 }, { successes: 104, trials: 11037 })!;
  close(r.z * r.z, 25.014, 5e-4);
  close(r.difference, 0.0077, 5e-5);
  assert.ok(r.pValue < 1e-6 && r.pValue > 1e-7, `p ${r.pValue}`);
  assert.ok(r.ci95[0] > 0);
  // Same rates: no evidence of a difference; both zero: no variance, z = 0 and p = 1.
  const same = twoProportionTest({ successes: 30, trials: 100 }, { successes: 3, trials: 10 })!;
  assert.equal(same.z, 0);
  close(same.pValue, 1, 1e-12);
  const zeros = twoProportionTest({ successes: 0, trials: 10 }, { successes: 0, trials: 20 })!;
  assert.deepEqual([zeros.z, zeros.pValue], [0, 1]);
  assert.throws(
    () => twoProportionTest({ successes: 5, trials: 4 }, { successes: 1, trials: 2 }),
    RangeError,
  );
});

test('Mann-Whitney U: the SciPy documentation example', () => {
  // scipy.stats.mannwhitneyu docs: age at type II diabetes diagnosis, males [19, 22, 16, 29, 24] vs
  // females [20, 11, 17, 12]: U_M = 17, U_F = 3 (as in the textbook they cite); method="asymptotic" with the
  // default continuity correction gives p = 0.11134688653314041; that textbook, without the correction,
  // reports p = 0.09.
  const males = [19, 22, 16, 29, 24];
  const females = [20, 11, 17, 12];
  const r = mannWhitney(males, females)!;
  assert.equal(r.u, 17);
  assert.equal(r.uB, 3);
  close(r.pValue, 0.11134688653314041, 1e-12);
  close(r.z, 6.5 / Math.sqrt((5 * 4 * 10) / 12), 1e-12);
  close(r.effect, 17 / 20, 1e-15); // P(male older) over the 20 pairs
  const uncorrected = mannWhitney(males, females, { continuity: false })!;
  assert.equal(Math.round(uncorrected.pValue * 100) / 100, 0.09);
  // Swapping the samples swaps the U's and mirrors the effect; p does not change.
  const swapped = mannWhitney(females, males)!;
  assert.deepEqual([swapped.u, swapped.uB], [3, 17]);
  close(swapped.effect, 0.15, 1e-15);
  close(swapped.pValue, r.pValue, 1e-15);
  assert.ok(swapped.z < 0);
});

test('Mann-Whitney U: ties, grouped counts and pre-binned values', () => {
  // A tie across the samples (8 in both). By hand: mid-ranks give R_A = 21.5, U_A = 21.5 - 21 = 0.5;
  // tie-corrected Var(U) = 36/12·(13 - (2³-2)/(12·11)) = 38.8636 (Lehmann 1975); z = (0.5 - 18 + 0.5)/√Var
  // = -2.72695, p = 0.006392, the value SciPy's asymptotic mannwhitneyu reports (0.006392 in the
  // Lodestar.Stats "Continuity" documentation, which reproduces it).
  const control = [7, 3, 6, 2, 8, 5];
  const treated = [9, 12, 8, 11, 15, 10];
  const r = mannWhitney(control, treated)!;
  assert.equal(r.u, 0.5);
  close(r.z, -17 / Math.sqrt(3 * (13 - 6 / 132)), 1e-12);
  close(r.pValue, 0.006392, 5e-7);
  close(r.effect, 0.5 / 36, 1e-15);
  // The same data as rank groups (one row per distinct value, as SQL's GROUP BY returns them), in any order.
  const groups = [
    { value: 15, countA: 0, countB: 1 },
    { value: 8, countA: 1, countB: 1 },
    ...[2, 3, 5, 6, 7].map((value) => ({ value, countA: 1, countB: 0 })),
    ...[9, 10, 11, 12].map((value) => ({ value, countA: 0, countB: 1 })),
  ];
  assert.deepEqual(mannWhitneyGrouped(groups), r);
  // A repeated value is merged, and empty groups are ignored.
  const split = [...groups, { value: 8, countA: 0, countB: 0 }, { value: 99, countA: 0, countB: 0 }];
  assert.deepEqual(mannWhitneyGrouped(split), r);
  // Pre-binned durations: 1000 vs 1000 handoff times in 4 bins; equal bins give no difference at all.
  const bins = [0, 30, 60, 120].map((value) => ({ value, countA: 250, countB: 250 }));
  const flat = mannWhitneyGrouped(bins)!;
  assert.deepEqual([flat.u, flat.z, flat.pValue, flat.effect], [500_000, 0, 1, 0.5]);
  // All values tied: no variance, so no evidence; an empty sample gives no test.
  const tied = mannWhitney([5, 5], [5, 5, 5])!;
  assert.deepEqual([tied.z, tied.pValue, tied.effect], [0, 1, 0.5]);
  assert.equal(mannWhitney([], [1, 2]), null);
  assert.throws(() => mannWhitney([Number.NaN], [1]), RangeError);
});

test('Benjamini-Hochberg q-values', () => {
  // Benjamini & Hochberg (1995), section 4.1: the 15 p-values of the thrombolysis trial. At q = 0.05 the
  // procedure rejects the four smallest (Bonferroni only three).
  const p = [
    0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528,
    0.759, 1,
  ];
  const q = benjaminiHochberg(p);
  assert.equal(q.filter((x) => x <= 0.05).length, 4);
  close(q[3]!, (0.0095 * 15) / 4, 1e-12); // the largest rejected: 0.035625
  close(q[4]!, (0.0201 * 15) / 5, 1e-12); // the first kept: 0.0603
  close(q[5]!, (0.0298 * 15) / 7, 1e-12); // 0.0278·15/6 = 0.0695 is lowered to the next step's 0.06386
  // stdlib-js @stdlib/stats/padjust documentation, method 'bh', unsorted input kept in order:
  // [0.008, 0.03, 0.123, 0.6, 0.2] → [0.04, 0.075, ~0.205, 0.6, 0.25]; [0.319, 0.201, 0.4, 0.374, 0.113] → all 0.4.
  const adjusted = benjaminiHochberg([0.008, 0.03, 0.123, 0.6, 0.2]);
  const expected = [0.04, 0.075, 0.205, 0.6, 0.25];
  for (const [i, x] of adjusted.entries()) close(x, expected[i]!, 1e-12);
  for (const x of benjaminiHochberg([0.319, 0.201, 0.4, 0.374, 0.113])) close(x, 0.4, 1e-12);
  // Ties share a q-value; NaN passes through and does not count; empty in, empty out.
  assert.deepEqual(benjaminiHochberg([0.01, 0.01]), [0.01, 0.01]);
  const withNaN = benjaminiHochberg([0.02, Number.NaN, 0.04]);
  assert.ok(Number.isNaN(withNaN[1]));
  assert.deepEqual([withNaN[0], withNaN[2]], [0.04, 0.04]);
  assert.deepEqual(benjaminiHochberg([]), []);
  assert.throws(() => benjaminiHochberg([1.2]), RangeError);
});

test('sample size, power and minimum detectable difference', () => {
  // R documentation, stats::power.prop.test examples (normal approximation, two-sided, α = 0.05):
  //   power.prop.test(n = 50, p1 = .50, p2 = .75)      ## => power = 0.740
  //   power.prop.test(p1 = .50, p2 = .75, power = .90) ## =>     n = 76.7
  //   power.prop.test(n = 50, p1 = .5, power = .90)    ## =>    p2 = 0.8026
  //   power.prop.test(p1 = .5, p2 = 0.501, sig.level=.001, power=0.90) ## => n = 10451937
  close(powerTwoProportions(50, 0.5, 0.75), 0.74, 5e-4);
  const n = sampleSizeTwoProportions(0.5, 0.75, { power: 0.9 })!;
  close(n.exact, 76.7, 0.05);
  assert.equal(n.n, 77);
  close(minimumDetectableDifference(50, 0.5, { power: 0.9 })!.p2, 0.8026, 5e-5);
  assert.equal(sampleSizeTwoProportions(0.5, 0.501, { alpha: 0.001, power: 0.9 })!.n, 10451937);
  // The sample size is the n where the power reaches its target (the two functions agree).
  close(powerTwoProportions(n.exact, 0.5, 0.75, 0.05), 0.9, 1e-12);
  // Fleiss, Tytun & Ury (1980) continuity correction: n' = n/4·(1 + √(1 + 4/(n·|p1 - p2|)))². For 0.25 vs
  // 0.50 at α = 0.05, power 0.8: n = 57.67 → 58 per group without, 65.43 → 66 with the correction.
  const plain = sampleSizeTwoProportions(0.25, 0.5)!;
  const corrected = sampleSizeTwoProportions(0.25, 0.5, { continuity: true })!;
  assert.equal(plain.n, 58);
  assert.equal(corrected.n, 66);
  close(corrected.exact, (plain.exact / 4) * (1 + Math.sqrt(1 + 4 / (plain.exact * 0.25))) ** 2, 1e-9);
  // Symmetric in the two rates; a decrease is found below the baseline; impossible asks give null.
  assert.deepEqual(sampleSizeTwoProportions(0.75, 0.5, { power: 0.9 }), n);
  const down = minimumDetectableDifference(50, 0.5, { power: 0.9, direction: 'decrease' })!;
  close(down.p2, 1 - 0.8026, 5e-5);
  assert.ok(down.difference < 0);
  assert.equal(sampleSizeTwoProportions(0.3, 0.3), null);
  assert.equal(minimumDetectableDifference(3, 0.5, { power: 0.99 }), null);
  assert.throws(() => sampleSizeTwoProportions(0.3, 1.3), RangeError);
});

test('shrinkage: method of moments reproduces the beta-binomial textbook fit', () => {
  // Wikipedia, "Beta-binomial distribution", Example: boys among the first 12 children of 6115 Saxony families
  // of 13 (Geissler's data, via Lindsey). Method-of-moments estimates: alpha = 34.1350, beta = 31.6085.
  const families = [3, 24, 104, 286, 670, 1033, 1343, 1112, 829, 478, 181, 45, 7];
  const groups = families.flatMap((count, boys) =>
    Array.from({ length: count }, (_, i) => ({ id: `${boys}-${i}`, successes: boys, trials: 12 })),
  );
  assert.equal(groups.length, 6115);
  const fit = fitBetaPrior(groups)!;
  assert.equal(fit.method, 'moments');
  close(fit.alpha, 34.135, 5e-5);
  close(fit.beta, 31.6085, 5e-5);
  close(fit.mean, fit.alpha / (fit.alpha + fit.beta), 1e-15);
  // Each family's posterior is the conjugate Beta(alpha + k, beta + n - k); 12 of 12 boys is pulled towards 0.519.
  const shrunk = shrinkRates(groups)!;
  const allBoys = shrunk.groups.find((g) => g.successes === 12)!;
  close(allBoys.posteriorMean, (12 + fit.alpha) / (12 + fit.strength), 1e-12);
  assert.ok(allBoys.posteriorMean > 0.519 && allBoys.posteriorMean < 0.6);
  close(allBoys.weight, 12 / (12 + fit.strength), 1e-15);
  assert.equal(allBoys.rate, 1);
  assert.ok(allBoys.ci95[0] < allBoys.posteriorMean && allBoys.posteriorMean < allBoys.ci95[1]);
});

test('shrinkage: fallbacks, parent rates and credible intervals', () => {
  // A uniform Beta(1, 1) prior after 0 of 9 gives Beta(1, 10), whose 97.5% point is the Clopper-Pearson
  // upper limit for 0 of 10, 1 - 0.025^(1/10) = 0.3084971 (Clopper & Pearson 1934).
  const post = posteriorRate(0, 9, { alpha: 1, beta: 1 });
  close(post.ci95[1], 0.3084971, 5e-8);
  close(post.mean, 1 / 11, 1e-15);
  // Groups that differ no more than binomial noise: the spread cannot be estimated, and the prior gets the
  // maximum strength (all trials together), so every group sits at the pooled rate.
  const even = ['a', 'b', 'c'].map((id) => ({ id, successes: 10, trials: 100 }));
  const flat = shrinkRates(even)!;
  assert.equal(flat.prior.method, 'no-excess-variance');
  assert.equal(flat.prior.strength, 300);
  for (const g of flat.groups) close(g.posteriorMean, 0.1, 1e-15);
  assert.equal(fitBetaPrior(even, { maxStrength: 50 })!.strength, 50);
  // One group: nothing to compare it with, same fallback. No successes anywhere: the prior mean moves to
  // (0 + ½)/(N + 1) so that the posterior stays a proper Beta with an upper limit above 0.
  assert.equal(fitBetaPrior([{ id: 'x', successes: 3, trials: 7 }])!.method, 'no-excess-variance');
  const none = shrinkRates([
    { id: 'a', successes: 0, trials: 20 },
    { id: 'b', successes: 0, trials: 30 },
  ])!;
  close(none.prior.mean, 0.5 / 51, 1e-15);
  assert.ok(none.groups.every((g) => g.ci95[0] < 1e-4 && g.posteriorMean < 0.01));
  assert.ok(none.groups.every((g) => g.ci95[1] > 0 && g.ci95[1] < 0.1));
  // Real spread: the small groups move most, the ordering of raw rates is kept, nothing crosses the mean.
  const teams = [
    { id: 'big-good', successes: 900, trials: 1000 },
    { id: 'big-bad', successes: 600, trials: 1000 },
    { id: 'tiny-perfect', successes: 3, trials: 3 },
    { id: 'tiny-zero', successes: 0, trials: 2 },
    { id: 'empty', successes: 0, trials: 0 },
  ];
  const r = shrinkRates(teams)!;
  assert.equal(r.prior.method, 'moments');
  const by = new Map(r.groups.map((g) => [g.id, g]));
  const mean = r.prior.mean;
  assert.ok(by.get('tiny-perfect')!.posteriorMean < 1 && by.get('tiny-perfect')!.posteriorMean > mean);
  assert.ok(by.get('tiny-zero')!.posteriorMean > 0 && by.get('tiny-zero')!.posteriorMean < mean);
  assert.ok(by.get('big-good')!.weight > 0.9 && by.get('tiny-perfect')!.weight < by.get('big-good')!.weight);
  assert.equal(by.get('empty')!.rate, null);
  close(by.get('empty')!.posteriorMean, mean, 1e-15);
  // Agent → team: shrink towards a given team rate 0.8 with the weight of 20 handoffs. 3 of 4 becomes
  // (3 + 16)/(4 + 20) = 0.7917, with the interval of Beta(19, 5).
  const agents = shrinkTowards([{ id: 'ana', successes: 3, trials: 4 }], { rate: 0.8, strength: 20 });
  assert.equal(agents.prior.method, 'parent');
  close(agents.groups[0]!.posteriorMean, 19 / 24, 1e-15);
  close(agents.groups[0]!.ci95[0], betaQuantile(0.025, 19, 5), 1e-15);
  close(agents.groups[0]!.weight, 4 / 24, 1e-15);
  assert.throws(() => shrinkTowards([], { rate: 1, strength: 20 }), RangeError);
  assert.throws(() => shrinkTowards([], { rate: 0.5, strength: 0 }), RangeError);
  assert.throws(() => shrinkRates([{ id: 'bad', successes: 5, trials: 4 }]), RangeError);
  assert.equal(shrinkRates([{ id: 'empty', successes: 0, trials: 0 }]), null);
});
