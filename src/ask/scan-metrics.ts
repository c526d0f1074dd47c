// Finds the metrics a question names: the catalog's phrases, else a weak word or a time superlative.
import type { RankWords } from './breakdowns.js';
import { METRIC_COMPANIONS, METRIC_PHRASES, WEAK_METRICS } from './vocabulary.js';

/** Superlatives that say the number is a time: "the slowest team" ranks by handoff time. */
export const TIME_SUPERLATIVES = new Set(['slowest', 'fastest', 'quickest', 'longest', 'shortest']);

/** Metric phrases, most specific first; each phrase also takes the companion words right next to it. */
export function scanMetrics(tokens: readonly string[], taken: boolean[]): string[] {
  const found: { metric: string; at: number }[] = [];
  for (const phrase of METRIC_PHRASES) {
    if (phrase.alone && found.length) continue;
    for (let start = 0; start < tokens.length; start++) {
      const at = matchPhrase(tokens, taken, phrase.words, phrase.gap, start);
      if (!at) continue;
      for (const i of at) taken[i] = true;
      for (let i = Math.min(...at) - 1; i >= 0 && !taken[i] && METRIC_COMPANIONS.has(tokens[i]!); i--)
        taken[i] = true;
      for (
        let i = Math.max(...at) + 1;
        i < tokens.length && !taken[i] && METRIC_COMPANIONS.has(tokens[i]!);
        i++
      )
        taken[i] = true;
      found.push({ metric: phrase.metric, at: Math.min(...at) });
    }
  }
  // In the order the question named them.
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.metric))];
}

/** With no metric phrase: a time superlative means handoff time, else the first weak word's metric, if any. */
export function fallbackMetric(tokens: readonly string[], rank: RankWords | undefined): string | undefined {
  if (rank && TIME_SUPERLATIVES.has(rank.word)) return 'handoff_time_median_s';
  for (const [word, metric] of Object.entries(WEAK_METRICS)) if (tokens.includes(word)) return metric;
  return undefined;
}

function matchPhrase(
  tokens: readonly string[],
  taken: readonly boolean[],
  words: readonly string[],
  gap: number,
  start: number,
): number[] | undefined {
  if (taken[start] || tokens[start] !== words[0]) return undefined;
  const at = [start];
  let i = start;
  for (const word of words.slice(1)) {
    let j = i + 1;
    while (j < tokens.length && j - i - 1 <= gap && (taken[j] || tokens[j] !== word)) j++;
    if (j >= tokens.length || j - i - 1 > gap || tokens[j] !== word || taken[j]) return undefined;
    at.push(j);
    i = j;
  }
  return at;
}
