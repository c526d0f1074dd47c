// The words `ask` understands: catalog metric and dimension titles, plus the synonyms support leads actually use.
import { catalog } from '../metrics/registry.js';
import { singular, tokenize } from './tokenize.js';

/** Word → the one canonical word the parser reasons with (transfer, handover, reassignment → handoff). */
const SYNONYM_GROUPS: Readonly<Record<string, readonly string[]>> = {
  handoff: [
    'handoff',
    'transfer',
    'transferred',
    'transferring',
    'handover',
    'handed',
    'reassignment',
    'reassigned',
    'reassign',
    'reassigning',
    'reroute',
    'rerouted',
    'rerouting',
    'passed',
  ],
  conversation: ['conversation', 'ticket', 'case', 'contact', 'interaction', 'inquiry', 'enquiry', 'thread'],
  team: ['team', 'group', 'department', 'dept', 'queue', 'squad', 'pod'],
  tier: ['tier', 'line', 'level'],
  agent: ['agent', 'rep', 'representative', 'advisor', 'assignee', 'person', 'people', 'staff', 'individual'],
  channel: ['channel', 'medium'],
  category: ['category', 'topic'],
  segment: ['segment', 'plan'],
  priority: ['priority', 'prio', 'urgency'],
  reason: ['reason'],
  pingpong: ['pingpong', 'bounce', 'bounced', 'bouncing', 'boomerang'],
  escalation: ['escalation', 'escalate', 'escalated', 'escalating'],
  succeed: ['succeed', 'success', 'successful', 'successfully', 'succeeded', 'succeeding', 'succes'],
  fail: ['fail', 'failing', 'failed', 'failure', 'unsuccessful'],
  complete: ['complete', 'completion', 'completed', 'completing'],
  abandon: ['abandon', 'abandoned', 'abandonment', 'abandoning', 'dropoff', 'quit'],
  resolve: ['resolve', 'resolved', 'resolution', 'resolving', 'solve', 'solved', 'fix', 'fixed'],
  csat: ['csat', 'satisfaction', 'satisfied', 'rating', 'rated'],
  wait: ['wait', 'waiting', 'waited', 'delay', 'latency', 'pickup'],
  pick: ['pick', 'picked', 'picking'],
  average: ['average', 'avg', 'mean'],
  median: ['median', 'typical', 'typically'],
  response: ['response', 'reply', 'replied', 'respond', 'responded', 'answer', 'answered'],
  phone: ['phone', 'call', 'voice', 'telephone'],
  weekend: ['weekend'],
  weekday: ['weekday'],
  rate: ['rate', 'percentage', 'percent', 'share', 'proportion', 'fraction', 'ratio', 'pct'],
  compare: ['compare', 'compared', 'comparison', 'vs', 'versus', 'against'],
  why: ['why'],
  month: ['month'],
};

export const CANONICAL: ReadonlyMap<string, string> = new Map(
  Object.entries(SYNONYM_GROUPS).flatMap(([canonical, words]) => words.map((w) => [w, canonical] as const)),
);

export const canonical = (word: string): string => CANONICAL.get(word) ?? word;

/**
 * Words that carry no meaning of their own here. A question is read only when every other word was
 * understood; anything left over makes Baton say what it could not read instead of guessing.
 */
export const FILLER: ReadonlySet<string> = new Set(
  `a an the of for in on at to from by per with within about is are was were be been being do does did done
  have has had having how what whats which who where when s it its this that these those there their our my me
  we us you your i can could would should please show give tell get got getting gets see list report look
  looks looking like and or than then as so too very really just only also all any overall total currently
  current now currently value number count numbers stats statistic metric metrics figure figures kpi
  handoff conversation rate time customer customers support lead leads off out up into onto over during
  whole entire across each every broken down split break breakdown versus between happen happened happening
  take takes took taking make makes made go goes going went come came stay stayed end ended after before
  while since until through til till being keep kept doing done perform performing performance doing
  well badly bad good poor poorly high low higher lower so much many often more less most least any
  let know want need see view check quickly fast quick slow long longer short soon
  ones one them they he she him her his hers theirs thing things stuff am data since yet still lately
  recent recently typically usually generally compare receive received receives owner owners new human
  humans once twice actually pick average started starting began opened ending add adds added
  humans drop dropped decline declined fall fell rise rose spike spiked worse better worsen improve improved
  `
    .split(/\s+/)
    .filter(Boolean),
);

const BASE: ReadonlySet<string> = new Set([...CANONICAL.keys(), ...FILLER]);

/** Catalog text in the parser's words: "Handoffs per conversation" → handoff per conversation. */
export const canonicalWords = (text: string): string[] =>
  tokenize(text).map((w) => canonical(singular(w, BASE)));

/** A metric named by a sequence of canonical words; `gap` other words may sit between two of them. */
export interface MetricPhrase {
  metric: string;
  words: readonly string[];
  gap: number;
  /** Generic wording ("how often", "how many") that names a metric only when nothing more specific did. */
  alone?: boolean;
}

const p = (metric: string, words: string, gap = 2): MetricPhrase => ({
  metric,
  words: words.split(' '),
  gap,
});
const alone = (metric: string, words: string, gap = 2): MetricPhrase => ({
  ...p(metric, words, gap),
  alone: true,
});

/** Synonym phrases, most specific first: a phrase is tried only on words no earlier phrase took. */
const SYNONYM_PHRASES: readonly MetricPhrase[] = [
  p('resolution_time_increase_per_handoff_adjusted', 'handoff cost like for like', 4),
  p('resolution_time_increase_per_handoff_adjusted', 'adjusted handoff cost', 3),
  p('resolution_time_increase_per_handoff_adjusted', 'controlled handoff cost', 3),
  p('resolution_time_increase_per_handoff_adjusted', 'like for like', 3),
  p('resolution_time_increase_per_handoff_adjusted', 'adjusted handoff', 3),
  p('resolution_time_increase_per_handoff_adjusted', 'handoff adjusted', 3),
  p('resolution_time_increase_per_handoff_adjusted', 'controlled handoff', 3),
  p('bot_containment_rate', 'bot containment'),
  p('bot_containment_rate', 'containment'),
  p('bot_containment_rate', 'bot contain'),
  p('resolution_time_increase_per_handoff', 'resolve time per handoff'),
  p('resolution_time_increase_per_handoff', 'resolve time each handoff'),
  p('resolution_time_increase_per_handoff', 'handoff cost resolve time', 2),
  p('resolution_time_increase_per_handoff', 'extra handoff resolve time', 3),
  p('resolution_time_increase_per_handoff', 'additional handoff resolve time', 3),
  p('resolution_time_increase_per_handoff', 'extra handoff'),
  p('resolution_time_increase_per_handoff', 'additional handoff'),
  p('resolution_time_increase_per_handoff', 'longer resolve', 4),
  p('resolution_time_increase_per_handoff', 'resolve longer', 4),
  p('resolution_time_increase_per_handoff', 'cost handoff resolve', 4),
  p('resolution_time_increase_per_handoff', 'increase per handoff'),
  p('resolution_time_increase_per_handoff', 'handoff cost', 1),
  p('first_contact_resolution_rate', 'fcr'),
  p('first_contact_resolution_rate', 'first contact'),
  p('first_contact_resolution_rate', 'resolve first time'),
  p('first_contact_resolution_rate', 'one touch'),
  p('first_contact_resolution_rate', 'resolve without handoff', 3),
  p('first_contact_resolution_rate', 'resolve with no handoff', 3),
  p('first_response_time_median_s', 'frt'),
  p('first_response_time_median_s', 'first response'),
  p('first_response_time_median_s', 'time to first'),
  p('resolution_time_median_s', 'resolve time'),
  p('resolution_time_median_s', 'time to resolve'),
  p('resolution_time_median_s', 'how long resolve', 5),
  p('resolution_time_median_s', 'resolve take', 3),
  p('handoff_time_p90_s', 'p90'),
  p('handoff_time_p90_s', 'percentile', 3),
  p('handoff_time_p90_s', 'tail handoff time', 3),
  p('handoff_time_avg_s', 'average time to pick up', 1),
  p('handoff_time_avg_s', 'average handoff time'),
  p('handoff_time_avg_s', 'average wait'),
  p('handoff_time_avg_s', 'average time', 3),
  p('handoff_time_avg_s', 'handoff time average', 3),
  p('handoff_time_avg_s', 'wait average', 4),
  p('handoff_time_median_s', 'median handoff time'),
  p('handoff_time_median_s', 'median wait'),
  p('handoff_time_median_s', 'median time', 3),
  p('handoff_time_median_s', 'time to pick up', 1),
  p('handoff_time_median_s', 'handoff time'),
  p('handoff_time_median_s', 'wait'),
  alone('handoff_time_median_s', 'how long handoff', 6),
  alone('handoff_time_median_s', 'how long new owner', 5),
  p('handoff_time_median_s', 'quickly pick', 3),
  p('handoff_time_median_s', 'fast pick', 3),
  p('handoff_time_median_s', 'slowest', 0),
  p('handoff_time_median_s', 'fastest', 0),
  p('handoff_time_median_s', 'quickest', 0),
  p('handoff_time_median_s', 'speed', 0),
  p('handoff_time_median_s', 'median', 0),
  p('transfer_completion_rate', 'complete'),
  alone('transfer_completion_rate', 'pick up', 1),
  p('transfer_completion_rate', 'new owner response', 3),
  p('handoff_success_rate', 'succeed'),
  p('handoff_success_rate', 'fail'),
  p('abandonment_after_handoff_rate', 'abandon'),
  p('abandonment_after_handoff_rate', 'give up', 1),
  p('abandonment_after_handoff_rate', 'gave up', 1),
  p('abandonment_after_handoff_rate', 'drop off', 0),
  p('ping_pong_rate', 'pingpong between team', 2),
  p('ping_pong_rate', 'pingpong'),
  p('escalation_rate', 'escalation'),
  p('handoffs_per_conversation', 'handoff per conversation'),
  p('handoffs_per_conversation', 'average number handoff', 3),
  p('handoffs_per_conversation', 'average handoff count', 1),
  p('handoffs_per_conversation', 'how many handoff average', 6),
  p('handoffs_per_conversation', 'handoff average', 3),
  p('handoff_rate', 'handoff rate', 0),
  alone('handoff_rate', 'how often handoff', 4),
  alone('handoff_rate', 'how often conversation', 4),
  p('handoff_rate', 'rate conversation handoff', 4),
  alone('handoff_rate', 'how many conversation handoff', 3),
  p('handoff_rate', 'handoff at least once', 1),
  p('resolution_rate', 'resolve rate', 1),
  p('resolution_rate', 'resolve'),
  p('csat_avg', 'csat'),
  p('handoffs', 'handoff volume', 0),
  alone('conversations', 'how many conversation', 3),
  p('conversations', 'number conversation', 2),
  p('conversations', 'volume', 0),
  alone('handoffs', 'how many handoff', 3),
  p('handoffs', 'number handoff', 2),
  p('handoffs', 'count handoff', 2),
  p('events', 'event', 0),
];

/** Catalog titles and ids, word for word: `handoff_success_rate` and "Handoff success rate" both name it. */
function catalogPhrases(): MetricPhrase[] {
  const phrases: MetricPhrase[] = [];
  for (const m of catalog.metrics) {
    for (const text of [m.title, m.id.replace(/_s$/, '').replaceAll('_', ' ')]) {
      const words = canonicalWords(text);
      // A one-word title ("Handoffs") is too common to name a metric on its own; see WEAK_METRICS.
      if (words.length > 1) phrases.push({ metric: m.id, words, gap: 0 });
    }
  }
  return phrases.sort((a, b) => b.words.length - a.words.length);
}

export const METRIC_PHRASES: readonly MetricPhrase[] = [...catalogPhrases(), ...SYNONYM_PHRASES];

/** When no phrase named a metric, the thing counted is the metric: "handoffs in October" counts handoffs. */
export const WEAK_METRICS: Readonly<Record<string, string>> = {
  handoff: 'handoffs',
  conversation: 'conversations',
};

/** Words that may sit next to a metric's phrase and belong to it ("handoff success rate"). */
export const METRIC_COMPANIONS: ReadonlySet<string> = new Set([
  'handoff',
  'rate',
  'time',
  'average',
  'median',
  'score',
  'conversation',
  'wait',
]);

/** Words the vocabulary knows only so that data values can be recognised: never too common to be a value. */
export const VALUE_LIKE: ReadonlySet<string> = new Set(['phone', 'bot']);

/** Every word the parser knows, for typo repair: a word near one of these is read as it. */
export function knownWords(extra: Iterable<string> = []): Set<string> {
  const words = new Set<string>([...CANONICAL.keys(), ...CANONICAL.values(), ...FILLER, ...extra]);
  for (const phrase of METRIC_PHRASES) for (const w of phrase.words) words.add(w);
  for (const d of catalog.dimensions) for (const w of canonicalWords(`${d.title} ${d.id}`)) words.add(w);
  return words;
}
