// Question → structured query over the metric catalog: deterministic, from the catalog's words and the data's values.
import { scanBreakdowns, scanRank } from './breakdowns.js';
import { buildQuery } from './build-query.js';
import { scanDates } from './dates.js';
import { scanValues, valueEntries } from './match-values.js';
import { type Parsed, refuser } from './parse-result.js';
import { mentionsComparison, scanPeriodComparisons } from './period-comparisons.js';
import { EXTRA_WORDS, unreadBreakdowns, WHY_WORDS } from './question-words.js';
import { scanBotHandoffs, scanWeekdays } from './scan-filters.js';
import { fallbackMetric, scanMetrics } from './scan-metrics.js';
import { repair, tokenize } from './tokenize.js';
import type { DataValues } from './types.js';
import { canonical, FILLER, knownWords, VALUE_LIKE } from './vocabulary.js';

export { DEFAULT_MIN_SAMPLE, DEFAULT_RANK_LIMIT } from './build-query.js';
export type { Parsed } from './parse-result.js';

export interface ParseContext {
  /** "Today" for relative dates, YYYY-MM-DD in the business time zone. */
  today: string;
  /** Distinct values in the data, so "chat" and "Billing team" can be recognised. */
  values: DataValues;
}

/**
 * Reads `question`; anything it cannot read is refused with the closest questions it can answer. Each scan
 * marks the words it used, so the order of the scans decides which reading a word gets.
 */
export function parseQuestion(question: string, context: ParseContext): Parsed {
  const valueVocabulary = Object.values(context.values).flatMap((list) =>
    (list ?? []).flatMap((v) => v.toLowerCase().match(/[a-z0-9]+/g) ?? []),
  );
  const common = knownWords(EXTRA_WORDS);
  const known = new Set([...common, ...valueVocabulary]);
  for (const w of VALUE_LIKE) common.delete(w);
  const refuse = refuser(question);

  const raw = tokenize(question);
  if (raw.length === 0) return refuse('empty-question', 'I could not read an empty question.');
  const words = raw.map((w) => repair(w, known));
  const taken = raw.map(() => false);

  const dates = scanDates(words, context.today, taken);
  if (dates.future)
    return refuse(
      'future-range',
      'I could not read a question about the future: Baton measures what happened, it does not forecast.',
    );
  const tokens = words.map(canonical);
  for (let i = 0; i < tokens.length; i++) if (WHY_WORDS.has(tokens[i]!)) taken[i] = true;
  const why = tokens.some((t, i) => WHY_WORDS.has(t) && taken[i]);

  const bot = scanBotHandoffs(tokens, taken);
  // "bot containment" names a metric, not the Bot team: "containment" alone then reads as that metric.
  for (let i = 0; i + 1 < tokens.length; i++)
    if (tokens[i] === 'bot' && tokens[i + 1]!.startsWith('contain')) taken[i] = true;
  const entries = valueEntries(context.values, known, common);
  const scan = scanValues(tokens, taken, entries, context.values);
  if (scan.ambiguous) {
    const { text, options } = scan.ambiguous;
    return refuse(
      'ambiguous-value',
      `I could not read '${text}': it could be ${options.join(' or ')}. Name it, e.g. '${text} team' or '${text} category'.`,
    );
  }
  const rank = scanRank(tokens, taken);
  const breakdowns = scanBreakdowns(tokens, taken, false);
  const metrics = scanMetrics(tokens, taken);
  breakdowns.push(...scanBreakdowns(tokens, taken, rank !== undefined || why || mentionsComparison(tokens)));
  const weekdays = scanWeekdays(tokens, taken);
  const periods = [...dates.ranges, ...scanPeriodComparisons(tokens, taken, context.today)];

  const leftover = [
    ...unreadBreakdowns(raw, tokens, taken),
    ...raw.filter((_, i) => !taken[i] && !FILLER.has(tokens[i]!) && tokens[i] !== 'or'),
  ];
  if (leftover.length) {
    const list = [...new Set(leftover)].map((w) => `'${w}'`).join(', ');
    return refuse('unknown-words', `I could not read ${list} in your question.`);
  }

  if (metrics.length === 0) {
    const fallback = fallbackMetric(tokens, rank);
    if (fallback) metrics.push(fallback);
  }
  if (metrics.length === 0)
    return refuse(
      'no-metric',
      'I could not read which number you want: name a metric such as handoff success rate, handoff time or ping-pong rate.',
    );
  return buildQuery({ metrics, values: scan.matches, bot, weekdays, breakdowns, periods, why, rank }, refuse);
}
