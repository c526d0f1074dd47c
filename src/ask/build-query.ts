// What was read → the structured query: filters and breakdowns on the metrics' dimensions, comparison, ranking, why.
import { catalog } from '../metrics/registry.js';
import type { BreakdownMatch, RankWords } from './breakdowns.js';
import type { FoundRange } from './dates.js';
import { candidates, nounText, resolveDimension } from './dimension-roles.js';
import { KIND_NOUN, type ValueMatch } from './match-values.js';
import type { Parsed, Refuse } from './parse-result.js';
import type { AskQuery, RankSpec } from './types.js';

export const DEFAULT_RANK_LIMIT = 5;
/** Groups with fewer rows than this are not ranked: a 1-of-1 success rate is not the best agent. */
export const DEFAULT_MIN_SAMPLE = 30;

/** Everything the scans found in a question that has no unread words left. */
export interface QuestionReading {
  /** At least one, in the order asked. */
  metrics: string[];
  values: readonly ValueMatch[];
  /** "bot to human": the bot_to_human kind of handoff. */
  bot: boolean;
  weekdays: readonly (string | string[])[];
  breakdowns: readonly BreakdownMatch[];
  periods: readonly FoundRange[];
  why: boolean;
  rank: RankWords | undefined;
}

export function buildQuery(reading: QuestionReading, refuse: Refuse): Parsed {
  const { metrics, breakdowns, periods, why, rank } = reading;
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
  for (const match of reading.values) {
    const dimension = resolveDimension(candidates(KIND_NOUN[match.kind], match.role), grains);
    if (!dimension) return notApplicable(`'${match.value}' as a ${nounText(KIND_NOUN[match.kind])}`);
    addWhere(dimension, match.value);
  }
  if (reading.bot) {
    if (!resolveDimension(['kind'], grains)) return notApplicable('bot-to-human handoffs');
    addWhere('kind', 'bot_to_human');
  }
  for (const d of reading.weekdays) addWhere('weekday', d);

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
    query.compare = { ranges: periods.map((p) => p.range) };
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
    query.rank = rankSpec(rank, metrics[0]!);
    query.intent = 'rank';
  } else if (!query.compare && by.length > 0) query.intent = 'breakdown';
  return { ok: true, query };
}

/** "worst" and "best" become an order by the metric's good direction; a limit and minimum sample by default. */
function rankSpec(rank: RankWords, metric: string): RankSpec {
  const good = catalog.metric(metric)!.good;
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
  return {
    order,
    limit: rank.limit ?? DEFAULT_RANK_LIMIT,
    minSample: rank.minSample ?? DEFAULT_MIN_SAMPLE,
  };
}

function breakdownText(b: BreakdownMatch): string {
  if (b.dimension) return catalog.dimension(b.dimension)?.title.toLowerCase() ?? b.dimension;
  return `${b.role === 'none' ? '' : `${b.role === 'from' ? 'sending' : 'receiving'} `}${nounText(b.noun!)}`;
}
