// Finds what a question breaks numbers down by ("by team", "which agents", "per weekday") and how it ranks them.
import { catalog } from '../metrics/registry.js';
import type { Role } from './match-values.js';
import { readNumber } from './numbers.js';
import { canonicalWords } from './vocabulary.js';

/** A breakdown noun found in the question: a dimension id, or a noun resolved later against the metrics' grains. */
export interface BreakdownMatch {
  dimension?: string;
  noun?: string;
  role: Role;
  start: number;
  end: number;
}

interface Phrase {
  words: readonly string[];
  dimension?: string;
  noun?: string;
  role?: Role;
}

const NOUNS = [
  'channel',
  'team',
  'tier',
  'agent',
  'category',
  'segment',
  'priority',
  'reason',
  'transfertype',
];
const TO_MODIFIERS = ['receiving', 'destination', 'target', 'new', 'incoming', 'to'];
const FROM_MODIFIERS = ['sending', 'source', 'originating', 'previous', 'old', 'outgoing', 'handing', 'from'];

const ph = (words: string, target: { dimension?: string; noun?: string; role?: Role }): Phrase => ({
  words: words.split(' '),
  ...target,
});

function phrases(): Phrase[] {
  const list: Phrase[] = [];
  // The catalog's own names first: "team pair", "from agent", "start channel", "handoff kind" ...
  for (const d of catalog.dimensions) {
    for (const text of [d.title, d.id.replaceAll('_', ' ')]) {
      const words = canonicalWords(text);
      if (words.length > 1) list.push({ words, dimension: d.id });
    }
  }
  for (const noun of ['channel', 'team', 'tier', 'agent']) {
    for (const m of TO_MODIFIERS) list.push(ph(`${m} ${noun}`, { noun, role: 'to' }));
    for (const m of FROM_MODIFIERS) list.push(ph(`${m} ${noun}`, { noun, role: 'from' }));
  }
  list.push(
    ph('channel to channel', { dimension: 'channel_pair' }),
    ph('team to team', { dimension: 'team_pair' }),
    ph('pair of channel', { dimension: 'channel_pair' }),
    ph('pair of team', { dimension: 'team_pair' }),
    ph('starting channel', { dimension: 'start_channel' }),
    ph('entry channel', { dimension: 'start_channel' }),
    ph('first channel', { dimension: 'start_channel' }),
    ph('starting team', { dimension: 'start_team' }),
    ph('first team', { dimension: 'start_team' }),
    ph('last team', { dimension: 'final_team' }),
    ph('ending team', { dimension: 'final_team' }),
    ph('resolving team', { dimension: 'final_team' }),
    ph('number of handoff', { dimension: 'handoff_count' }),
    ph('handoff count', { dimension: 'handoff_count' }),
    ph('how many handoff', { dimension: 'handoff_count' }),
    ph('type of handoff', { dimension: 'kind' }),
    ph('kind of handoff', { dimension: 'kind' }),
    ph('handoff type', { dimension: 'kind' }),
    ph('over time', { dimension: 'month' }),
    ph('route', { dimension: 'channel_path' }),
    ph('path', { dimension: 'channel_path' }),
    ph('kind', { dimension: 'kind' }),
    ph('outcome', { dimension: 'outcome' }),
    ph('hour', { dimension: 'hour' }),
    ph('hourly', { dimension: 'hour' }),
    ph('weekday', { dimension: 'weekday' }),
    ph('day', { dimension: 'date' }),
    ph('date', { dimension: 'date' }),
    ph('daily', { dimension: 'date' }),
    ph('month', { dimension: 'month' }),
    ph('monthly', { dimension: 'month' }),
    ph('trend', { dimension: 'month' }),
  );
  for (const noun of NOUNS) list.push(ph(noun, { noun }));
  return list.sort((a, b) => b.words.length - a.words.length);
}

const PHRASES = phrases();

/** Words after which a noun is what the numbers are broken down by. */
const BY_MARKERS = new Set(['by', 'per', 'each', 'every', 'across', 'all', 'which', 'what', 'among']);
/** Words that are a breakdown on their own. */
const SELF_MARKED = new Set(['daily', 'hourly', 'monthly', 'trend']);
/** Nouns needing a marker only for these: "by day", "per month" (plain "day" and "month" are often dates). */
const MARKED_ONLY = new Set(['date', 'month', 'hour', 'weekday', 'outcome', 'kind', 'channel_path']);

/** Finds breakdown nouns; `loose` (a ranking, comparison or why) lets a bare plural noun count too. */
export function scanBreakdowns(
  tokens: readonly string[],
  taken: boolean[],
  loose: boolean,
): BreakdownMatch[] {
  const found: BreakdownMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i]) continue;
    const phrase = PHRASES.find((p) => p.words.every((w, k) => tokens[i + k] === w && !taken[i + k]));
    if (!phrase) continue;
    let j = i - 1;
    while (
      j >= 0 &&
      ['the', 'a', 'of', 'for', 'down', 'broken', 'split', 'our', 'different'].includes(tokens[j]!)
    )
      j--;
    // "by segment and channel": a noun right after an earlier breakdown and "and" is one too.
    const chained = tokens[j] === 'and' && found.at(-1)?.end === j;
    const marked =
      (j >= 0 && BY_MARKERS.has(tokens[j]!) && !taken[j]) || SELF_MARKED.has(tokens[i]!) || chained;
    const key = phrase.dimension ?? phrase.noun ?? '';
    if (!marked && (!loose || MARKED_ONLY.has(key))) continue;
    const start = marked ? j : i;
    const end = i + phrase.words.length;
    for (let k = start; k < end; k++) taken[k] = true;
    found.push({
      ...(phrase.dimension ? { dimension: phrase.dimension } : {}),
      ...(phrase.noun ? { noun: phrase.noun } : {}),
      role: phrase.role ?? 'none',
      start,
      end,
    });
    i = end - 1;
  }
  return found;
}

export interface RankWords {
  order: 'asc' | 'desc' | 'worst' | 'best';
  /** The superlative itself: "slowest" also says the metric is a time. */
  word: string;
  limit?: number;
  minSample?: number;
}

const RANK: Readonly<Record<string, RankWords['order']>> = {
  most: 'desc',
  highest: 'desc',
  biggest: 'desc',
  largest: 'desc',
  greatest: 'desc',
  top: 'desc',
  slowest: 'desc',
  rank: 'desc',
  ranked: 'desc',
  ranking: 'desc',
  longest: 'desc',
  least: 'asc',
  lowest: 'asc',
  fewest: 'asc',
  smallest: 'asc',
  bottom: 'asc',
  fastest: 'asc',
  quickest: 'asc',
  shortest: 'asc',
  worst: 'worst',
  best: 'best',
};
/** A rank limit or minimum sample: up to four digits ("at least 1000"), or a number word. */
const num = (t: string | undefined) => readNumber(t, 4);

/** Superlatives, "top 5", "at least 20 handoffs": marks the words it uses. */
export function scanRank(tokens: readonly string[], taken: boolean[]): RankWords | undefined {
  let rank: RankWords | undefined;
  for (let i = 0; i < tokens.length; i++) {
    if (taken[i]) continue;
    const t = tokens[i]!;
    if (t === 'least' && tokens[i - 1] === 'at' && num(tokens[i + 1]) !== undefined) continue;
    const order = Object.hasOwn(RANK, t) ? RANK[t] : undefined;
    if (order === undefined || rank) continue;
    rank = { order, word: t };
    taken[i] = true;
    const after = num(tokens[i + 1]);
    const before = num(tokens[i - 1]);
    if (after !== undefined && !taken[i + 1]) {
      rank.limit = after;
      taken[i + 1] = true;
    } else if (before !== undefined && !taken[i - 1]) {
      rank.limit = before;
      taken[i - 1] = true;
    }
  }
  if (!rank) return undefined;
  // Minimum sample: "at least 20", "minimum of 50", "min 30", "20 or more".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const n = num(tokens[i + 1]);
    const ofN = num(tokens[i + 2]);
    if (t === 'least' && tokens[i - 1] === 'at' && n !== undefined) {
      rank.minSample = n;
      taken[i - 1] = taken[i] = taken[i + 1] = true;
    } else if ((t === 'minimum' || t === 'min') && (n !== undefined || (tokens[i + 1] === 'of' && ofN))) {
      rank.minSample = n ?? ofN!;
      for (let k = i; k <= i + (n !== undefined ? 1 : 2); k++) taken[k] = true;
    } else if (num(t) !== undefined && tokens[i + 1] === 'or' && tokens[i + 2] === 'more') {
      rank.minSample = num(t)!;
      taken[i] = taken[i + 1] = taken[i + 2] = true;
    }
  }
  return rank;
}
