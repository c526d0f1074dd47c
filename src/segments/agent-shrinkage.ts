// Agent rates shrunk towards the rate all agents share (empirical Bayes), so an agent with five handoffs is never top or bottom by chance.
import { shrinkRates } from '../stats/shrinkage.js';

export interface ShrunkValue {
  /** Posterior mean of the rate. */
  value: number;
  /** Equal-tailed 95% credible interval. */
  ci95: [number, number];
  /** Share of the shrunk value that comes from the agent's own handoffs (n / (n + prior strength)). */
  weight: number;
}

/**
 * Shrinks each named agent's rate (numerator of denominator, from the catalog) towards a Beta prior fitted to
 * all agents; '(none)' (handoffs to a queue) is not an agent and neither enters the fit nor gets a value.
 */
export function shrinkAgentRates(
  counts: ReadonlyMap<string, { k: number; n: number }>,
  unnamed = '(none)',
): Map<string, ShrunkValue> {
  const groups = [...counts]
    .filter(([id]) => id !== unnamed)
    .map(([id, c]) => ({ id, successes: c.k, trials: c.n }));
  const result = shrinkRates(groups);
  const out = new Map<string, ShrunkValue>();
  for (const g of result?.groups ?? [])
    out.set(g.id, { value: g.posteriorMean, ci95: g.ci95, weight: g.weight });
  return out;
}
