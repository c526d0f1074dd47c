// "Month over month" and "week over week" (canonical "mom", "wow"): this period and the one before, compared.
import { type FoundRange, scanDates } from './dates.js';

/** A word that asks for a comparison, so a bare plural noun may be what is compared ("compare teams"). */
export function mentionsComparison(tokens: readonly string[]): boolean {
  return tokens.some((t) => t === 'compare' || t === 'mom' || t === 'wow');
}

/** The two periods each "mom"/"wow" asks for, in question order; marks those words taken. */
export function scanPeriodComparisons(
  tokens: readonly string[],
  taken: boolean[],
  today: string,
): FoundRange[] {
  const periods: FoundRange[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'mom' || tokens[i] === 'wow') {
      taken[i] = true;
      periods.push(...periodPair(tokens[i] === 'mom' ? 'month' : 'week', today));
    }
  }
  return periods;
}

/** This month and last (or this week and last). */
function periodPair(unit: 'month' | 'week', today: string): FoundRange[] {
  const words = ['this', unit, 'last', unit];
  return scanDates(
    words,
    today,
    words.map(() => false),
  ).ranges;
}
