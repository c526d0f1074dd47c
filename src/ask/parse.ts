// Question → structured query over the metric catalog: deterministic, from the catalog's words and the data's values.
import { catalog } from '../metrics/registry.js';
import { type Problem, problem } from '../model/problem.js';
import { type BreakdownMatch, scanBreakdowns, scanRank } from './breakdowns.js';
import { DATE_WORDS, type FoundRange, scanDates } from './dates.js';
import { candidates, nounText, resolveDimension } from './dimension-roles.js';
import { KIND_NOUN, scanValues, valueEntries } from './match-values.js';
import { closestQuestions } from './suggest.js';
import { repair, tokenize } from './tokenize.js';
import type { AskQuery, DataValues } from './types.js';
import {
  canonical,
  FILLER,
  knownWords,
  METRIC_COMPANIONS,
  METRIC_PHRASES,
  VALUE_LIKE,
  WEAK_METRICS,
} from './vocabulary.js';

export interface ParseContext {
  /** "Today" for relative dates, YYYY-MM-DD in the business time zone. */
  today: string;
  /** Distinct values in the data, so "chat" and "Billing team" can be recognised. */
  values: DataValues;
}

export type Parsed = { ok: true; query: AskQuery } | { ok: false; problem: Problem; suggestions: string[] };

export const DEFAULT_RANK_LIMIT = 5;
/** Groups with fewer rows than this are not ranked: a 1-of-1 success rate is not the best agent. */
export const DEFAULT_MIN_SAMPLE = 30;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const DAY_NAMES: Readonly<Record<string, string>> = {
  monday: 'Mon',
  tuesday: 'Tue',
  wednesday: 'Wed',
  thursday: 'Thu',
  friday: 'Fri',
  saturday: 'Sat',
  sunday: 'Sun',
};
const WHY_WORDS = new Set(['why', 'cause', 'causing', 'driving', 'explain', 'explains']);
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
const TIME_SUPERLATIVES = new Set(['slowest', 'fastest', 'quickest', 'longest', 'shortest']);
const EXTRA_WORDS = [
  ...DATE_WORDS,
  ...Object.keys(DAY_NAMES),
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
  'human',
  'weekend',
  'weekday',
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

/** Reads `question`; anything it cannot read is refused with the closest questions it can answer. */
export function parseQuestion(question: string, context: ParseContext): Parsed {
  const valueVocabulary = Object.values(context.values).flatMap((list) =>
    (list ?? []).flatMap((v) => v.toLowerCase().match(/[a-z0-9]+/g) ?? []),
  );
  const common = knownWords(EXTRA_WORDS);
  const known = new Set([...common, ...valueVocabulary]);
  for (const w of VALUE_LIKE) common.delete(w);
  const refuse = (code: string, message: string): Parsed => ({
    ok: false,
    problem: problem(code, 'error', message, { field: 'question' }),
    suggestions: closestQuestions(question),
  });

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
  const compareWord = tokens.some((t) => t === 'compare' || t === 'mom' || t === 'wow');
  breakdowns.push(...scanBreakdowns(tokens, taken, rank !== undefined || why || compareWord));
  const days = scanWeekdays(tokens, taken);
  const periods = [...dates.ranges];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'mom' || tokens[i] === 'wow') {
      taken[i] = true;
      periods.push(...periodPair(tokens[i] === 'mom' ? 'month' : 'week', context.today));
    }
  }

  // "by customer": a breakdown by something that is not a dimension must not be dropped silently.
  const unread: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let j = i + 1;
    while (tokens[j] === 'the' || tokens[j] === 'a' || tokens[j] === 'each') j++;
    if (!taken[i] && BREAKDOWN_WORDS.has(tokens[i]!) && !taken[j] && NOT_DIMENSIONS.has(tokens[j] ?? ''))
      unread.push(`${raw[i]} ${raw[j]}`);
  }
  const leftover = [
    ...unread,
    ...raw.filter((_, i) => !taken[i] && !FILLER.has(tokens[i]!) && tokens[i] !== 'or'),
  ];
  if (leftover.length) {
    const list = [...new Set(leftover)].map((w) => `'${w}'`).join(', ');
    return refuse('unknown-words', `I could not read ${list} in your question.`);
  }

  if (metrics.length === 0) {
    if (rank && TIME_SUPERLATIVES.has(rank.word)) metrics.push('handoff_time_median_s');
    else
      for (const [word, metric] of Object.entries(WEAK_METRICS))
        if (tokens.includes(word)) metrics.push(metric);
    metrics.splice(1);
  }
  if (metrics.length === 0)
    return refuse(
      'no-metric',
      'I could not read which number you want: name a metric such as handoff success rate, handoff time or ping-pong rate.',
    );
  const grains = [...new Set(metrics.map((id) => catalog.metric(id)!.grain))];
  const notApplicable = (what: string): Parsed =>
    refuse(
      'dimension-not-applicable',
      `I could not read ${what} for ${metrics.map((m) => catalog.metric(m)!.title.toLowerCase()).join(' and ')}: ` +
        `it counts ${grains.join('s and ')}s, which cannot be split that way. They can be split by: ` +
        `${catalog.dimensions
          .filter((d) => grains.every((g) => d.sql[g] !== undefined))
          .map((d) => d.id)
          .join(', ')}.`,
    );

  // Filters: each value on the dimension its noun and direction mean for these metrics.
  const where = new Map<string, (string | string[])[]>();
  const addWhere = (dimension: string, value: string | string[]) => {
    const list = where.get(dimension) ?? [];
    if (!list.some((v) => JSON.stringify(v) === JSON.stringify(value))) list.push(value);
    where.set(dimension, list);
  };
  for (const match of scan.matches) {
    const dimension = resolveDimension(candidates(KIND_NOUN[match.kind], match.role), grains);
    if (!dimension) return notApplicable(`'${match.value}' as a ${nounText(KIND_NOUN[match.kind])}`);
    addWhere(dimension, match.value);
  }
  if (bot) {
    if (!resolveDimension(['kind'], grains)) return notApplicable('bot-to-human handoffs');
    addWhere('kind', 'bot_to_human');
  }
  for (const d of days) addWhere('weekday', d);

  const by: string[] = [];
  for (const b of breakdowns) {
    const dimension = resolveDimension(b.dimension ? [b.dimension] : candidates(b.noun!, b.role), grains);
    if (!dimension) return notApplicable(`a breakdown by ${breakdownText(b)}`);
    if (!by.includes(dimension)) by.push(dimension);
  }

  const compared = [...where].filter(([, values]) => values.length > 1);
  if (compared.length + (periods.length > 1 ? 1 : 0) > 1)
    return refuse(
      'compare-two-things',
      'I could not read a comparison of two things at once: compare one at a time.',
    );

  const query: AskQuery = {
    intent: 'value',
    metrics,
    by,
    where: {},
    range: periods.length === 1 ? periods[0]!.range : null,
    compare: null,
    rank: null,
    focus: null,
  };
  for (const [dimension, values] of where) if (values.length === 1) query.where[dimension] = values[0]!;
  if (compared.length === 1) {
    const [dimension, values] = compared[0]!;
    query.compare = { dimension, values };
    query.intent = 'compare';
  } else if (periods.length > 1) {
    query.compare = { ranges: periods.map((p: FoundRange) => p.range) };
    query.intent = 'compare';
  }
  if (why) {
    query.intent = 'why';
    const focus: Record<string, string[]> = {};
    for (const [dimension, value] of Object.entries(query.where)) {
      focus[dimension] = typeof value === 'string' ? [value] : value;
      if (!query.by.includes(dimension)) query.by.push(dimension);
    }
    query.where = {};
    query.focus = Object.keys(focus).length ? focus : null;
  } else if (rank && by.length > 0 && !query.compare) {
    const good = catalog.metric(metrics[0]!)!.good;
    const order =
      rank.order === 'worst'
        ? good === 'up'
          ? 'asc'
          : 'desc'
        : rank.order === 'best'
          ? good === 'up'
            ? 'desc'
            : 'asc'
          : rank.order;
    query.rank = {
      order,
      limit: rank.limit ?? DEFAULT_RANK_LIMIT,
      minSample: rank.minSample ?? DEFAULT_MIN_SAMPLE,
    };
    query.intent = 'rank';
  } else if (!query.compare && by.length > 0) query.intent = 'breakdown';
  return { ok: true, query };
}

function breakdownText(b: BreakdownMatch): string {
  if (b.dimension) return catalog.dimension(b.dimension)?.title.toLowerCase() ?? b.dimension;
  return `${b.role === 'none' ? '' : `${b.role === 'from' ? 'sending' : 'receiving'} `}${nounText(b.noun!)}`;
}

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

/** "bot to human", "bot handoffs", "handed off from the bot": the bot_to_human kind of handoff. */
function scanBotHandoffs(tokens: readonly string[], taken: boolean[]): boolean {
  const forms = [
    ['bot', 'to', 'human'],
    ['bot', 'to', 'agent'],
    ['bot', 'handoff'],
    ['from', 'the', 'bot'],
    ['from', 'bot'],
  ];
  for (let i = 0; i < tokens.length; i++) {
    for (const form of forms) {
      if (form.every((w, k) => tokens[i + k] === w && !taken[i + k])) {
        if (form[0] === 'from' && tokens[i + form.length] === 'team') continue;
        for (let k = 0; k < form.length; k++) taken[i + k] = true;
        return true;
      }
    }
  }
  return false;
}

/** Day names and "weekend"/"weekdays" as weekday filters (a "by weekday" breakdown was taken before). */
function scanWeekdays(tokens: readonly string[], taken: boolean[]): (string | string[])[] {
  const days: (string | string[])[] = [];
  tokens.forEach((t, i) => {
    if (taken[i]) return;
    const value = t === 'weekend' ? ['Sat', 'Sun'] : t === 'weekday' ? WEEKDAYS.slice(0, 5) : DAY_NAMES[t];
    if (value === undefined) return;
    taken[i] = true;
    days.push(value);
  });
  return days;
}

/** This month and last (or this week and last), for "month over month". */
function periodPair(unit: 'month' | 'week', today: string): FoundRange[] {
  const words = ['this', unit, 'last', unit];
  const scan = scanDates(
    words,
    today,
    words.map(() => false),
  );
  return scan.ranges;
}
