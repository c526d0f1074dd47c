// The parser's own words beyond the catalog's: "why" words, breakdown words, and every word typo repair knows.
import { DATE_WORDS } from './dates.js';
import { FILTER_WORDS } from './scan-filters.js';
import { TIME_SUPERLATIVES } from './scan-metrics.js';

export const WHY_WORDS = new Set(['why', 'cause', 'causing', 'driving', 'explain', 'explains']);
const BREAKDOWN_WORDS = new Set(['by', 'per', 'across']);
/** Filler nouns that are not dimensions: "by customer" is refused rather than ignored. */
const NOT_DIMENSIONS = new Set([
  'customer',
  'conversation',
  'handoff',
  'time',
  'number',
  'value',
  'data',
  'thing',
  'one',
]);

/** Words the question may use that no catalog entry holds, so typos of them are repaired too. */
export const EXTRA_WORDS: readonly string[] = [
  ...DATE_WORDS,
  ...FILTER_WORDS,
  ...WHY_WORDS,
  ...TIME_SUPERLATIVES,
  'worst',
  'best',
  'top',
  'bottom',
  'highest',
  'lowest',
  'fewest',
  'biggest',
  'largest',
  'smallest',
  'ranked',
  'ranking',
  'minimum',
  'hourly',
  'daily',
  'trend',
  'route',
  'path',
  'outcome',
  'kind',
  'receiving',
  'sending',
  'destination',
  'source',
  'starting',
  'entry',
  'ending',
  'monthly',
  'resolving',
  'leaving',
  'among',
  'first',
  'second',
  'third',
  'contact',
  'touch',
  'extra',
  'additional',
  'increase',
  'percentile',
  'tail',
  'volume',
];

/** "by customer": a breakdown by something that is not a dimension, as the raw words, so it is not dropped silently. */
export function unreadBreakdowns(
  raw: readonly string[],
  tokens: readonly string[],
  taken: readonly boolean[],
): string[] {
  const unread: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let j = i + 1;
    while (tokens[j] === 'the' || tokens[j] === 'a' || tokens[j] === 'each') j++;
    if (!taken[i] && BREAKDOWN_WORDS.has(tokens[i]!) && !taken[j] && NOT_DIMENSIONS.has(tokens[j] ?? ''))
      unread.push(`${raw[i]} ${raw[j]}`);
  }
  return unread;
}
