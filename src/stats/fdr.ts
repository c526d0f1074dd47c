// False discovery rate control for many comparisons at once (every team pair, every channel): Benjamini-Hochberg.

/**
 * Benjamini-Hochberg adjusted p-values (q-values), in the order given: q_(i) = min over j ≥ i of p_(j)·m/j,
 * capped at 1. Rejecting every hypothesis with q ≤ α is the BH step-up procedure at FDR level α.
 * Ties share one q-value; NaN p-values are passed through as NaN and do not count towards m.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (p < 0 || p > 1) throw new RangeError(`A p-value must lie in [0, 1], got ${p}.`);
  }
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter((e) => !Number.isNaN(e.p))
    .sort((x, y) => x.p - y.p);
  const m = order.length;
  const q: number[] = pValues.map(() => Number.NaN);
  // Walk from the largest p down, carrying the running minimum so that q is monotone in p.
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const e = order[rank - 1]!;
    running = Math.min(running, (e.p * m) / rank);
    q[e.i] = running;
  }
  return q;
}
