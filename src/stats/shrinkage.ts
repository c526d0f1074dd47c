// Empirical-Bayes shrinkage of many small rates (per agent, per team) towards their common or parent rate.
import { betaQuantile } from './beta.js';

/** One group's counts, as SQL returns them per agent, team or pair. */
export interface GroupCounts {
  id: string;
  successes: number;
  trials: number;
}

/** A Beta(alpha, beta) prior on a rate; alpha + beta is its strength in pseudo-trials. */
export interface BetaPrior {
  alpha: number;
  beta: number;
}

export interface PriorFit extends BetaPrior {
  /** Prior mean alpha / (alpha + beta). */
  mean: number;
  /** alpha + beta: how many trials' worth of weight the prior carries. */
  strength: number;
  /**
   * 'moments': fitted from the between-group spread. 'no-excess-variance': the groups vary no more than
   * binomial noise (or there is only one), so the spread cannot be estimated and the prior gets the
   * maximum strength. 'parent': a given parent rate and strength.
   */
  method: 'moments' | 'no-excess-variance' | 'parent';
}

export interface ShrunkRate {
  id: string;
  successes: number;
  trials: number;
  /** Raw rate, null without trials. */
  rate: number | null;
  /** Posterior mean (successes + alpha) / (trials + alpha + beta). */
  posteriorMean: number;
  /** Equal-tailed 95% credible interval from the Beta posterior. */
  ci95: [number, number];
  /** trials / (trials + strength): the share of the posterior mean that comes from the group's own data. */
  weight: number;
}

export interface ShrinkageResult {
  prior: PriorFit;
  groups: ShrunkRate[];
}

export interface FitOptions {
  /** Upper bound on the fitted prior strength (default: all trials together, see fitBetaPrior). */
  maxStrength?: number;
}

/** Below this the prior is practically flat; a method-of-moments strength of 0 or less is raised to it. */
const MIN_STRENGTH = 1e-3;

/**
 * Fits Beta(alpha, beta) to the groups by the method of moments, from counts only. The prior mean is the
 * pooled rate μ = Σk/Σn. The between-group variance of the true rates is what the trial-weighted spread
 * of the observed rates, S = Σ nᵢ(pᵢ - μ)² / N, exceeds binomial noise by:
 *   τ² = (S - μ(1-μ)/n̄) / (1 - 1/n̄),  n̄ = N / G,  strength = μ(1-μ)/τ² - 1.
 * With equal group sizes this is exactly the classical beta-binomial moment estimator (matching the first
 * two raw moments); with unequal sizes the trial weights keep tiny groups from inflating the spread
 * (the binomial analogue of Marshall 1991's global empirical-Bayes estimator).
 *
 * When S does not exceed the noise (τ² ≤ 0) or there is a single group, the data support no difference
 * between groups; the strength is then capped at `maxStrength`, by default N, the number of trials the
 * pooled rate rests on: a prior may not claim more information than the data it was fitted to. The same cap
 * applies to fits that come out stronger. A pooled rate of exactly 0 or 1 is moved to (K + ½)/(N + 1) so the
 * prior stays a proper Beta. Groups without trials do not enter the fit. Null when no group has trials.
 */
export function fitBetaPrior(groups: readonly GroupCounts[], options: FitOptions = {}): PriorFit | null {
  for (const g of groups) checkGroup(g);
  const used = groups.filter((g) => g.trials > 0);
  const count = used.length;
  if (count === 0) return null;
  let total = 0;
  let hits = 0;
  for (const g of used) {
    total += g.trials;
    hits += g.successes;
  }
  const maxStrength = options.maxStrength ?? total;
  if (!(maxStrength > 0)) throw new RangeError(`maxStrength must be positive, got ${maxStrength}.`);
  let mean = hits / total;
  if (hits === 0 || hits === total) mean = (hits + 0.5) / (total + 1);
  const noise = mean * (1 - mean);
  let spread = 0;
  for (const g of used) spread += g.trials * (g.successes / g.trials - mean) ** 2;
  spread /= total;
  const meanTrials = total / count;
  const between = meanTrials > 1 ? (spread - noise / meanTrials) / (1 - 1 / meanTrials) : 0;
  if (count < 2 || !(between > 0)) return prior(mean, maxStrength, 'no-excess-variance');
  const strength = Math.min(maxStrength, Math.max(MIN_STRENGTH, noise / between - 1));
  return prior(mean, strength, 'moments');
}

/** Shrinks each group's rate towards the fitted common prior; null when no group has trials. */
export function shrinkRates(
  groups: readonly GroupCounts[],
  options: FitOptions = {},
): ShrinkageResult | null {
  const fit = fitBetaPrior(groups, options);
  return fit ? { prior: fit, groups: groups.map((g) => shrinkOne(g, fit)) } : null;
}

/**
 * Shrinks each group towards a given parent rate with a given strength in pseudo-trials, e.g. each agent
 * towards their team's rate. Use the parent's own shrunk (posterior) rate, which is never exactly 0 or 1.
 */
export function shrinkTowards(
  groups: readonly GroupCounts[],
  parent: { rate: number; strength: number },
): ShrinkageResult {
  if (!(parent.rate > 0 && parent.rate < 1)) {
    throw new RangeError(`The parent rate must lie strictly between 0 and 1, got ${parent.rate}.`);
  }
  if (!(parent.strength > 0))
    throw new RangeError(`The prior strength must be positive, got ${parent.strength}.`);
  for (const g of groups) checkGroup(g);
  const fit = prior(parent.rate, parent.strength, 'parent');
  return { prior: fit, groups: groups.map((g) => shrinkOne(g, fit)) };
}

/** Posterior mean and equal-tailed 95% credible interval of a rate under a Beta prior (conjugate update). */
export function posteriorRate(
  successes: number,
  trials: number,
  p: BetaPrior,
): { mean: number; ci95: [number, number] } {
  const a = p.alpha + successes;
  const b = p.beta + trials - successes;
  return { mean: a / (a + b), ci95: [betaQuantile(0.025, a, b), betaQuantile(0.975, a, b)] };
}

function shrinkOne(g: GroupCounts, fit: PriorFit): ShrunkRate {
  const post = posteriorRate(g.successes, g.trials, fit);
  return {
    id: g.id,
    successes: g.successes,
    trials: g.trials,
    rate: g.trials > 0 ? g.successes / g.trials : null,
    posteriorMean: post.mean,
    ci95: post.ci95,
    weight: g.trials / (g.trials + fit.strength),
  };
}

function prior(mean: number, strength: number, method: PriorFit['method']): PriorFit {
  return { alpha: mean * strength, beta: (1 - mean) * strength, mean, strength, method };
}

function checkGroup(g: GroupCounts): void {
  if (!(g.trials >= 0 && g.successes >= 0 && g.successes <= g.trials)) {
    throw new RangeError(`Group '${g.id}': need 0 ≤ successes ≤ trials, got ${g.successes} of ${g.trials}.`);
  }
}
