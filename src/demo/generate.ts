// The demo event stream: a seeded simulated support operation, generated one conversation at a time.
import { arrivalTimes } from './arrivals.js';
import { parseStart } from './calendar.js';
import { ConversationSim } from './conversation.js';
import { customerProfile } from './customer.js';
import {
  type Behaviour,
  DEFAULT_BEHAVIOUR,
  isPlantedPattern,
  PLANTED_PATTERNS,
  type PlantedPattern,
} from './plant.js';
import { Random } from './random.js';

export interface DemoOptions {
  conversations: number;
  seed: number;
  /** ISO date (or instant) of the first day, default '2026-09-01'. */
  start?: string;
  /** Days over which conversations start, default 60. */
  days?: number;
  /** Failure patterns to plant, each changing one mechanism by a known amount (plant.ts, docs/demo.md). */
  plant?: readonly PlantedPattern[];
  /** Remove the simulation's built-in differences (bot, channel and team timings, shifts, warm vs cold ...). */
  clean?: boolean;
}

/** One row of Baton's generic event-log format; an empty string means the field is missing. */
export interface DemoEvent {
  event_id: string;
  conversation_id: string;
  timestamp: string;
  event_type: string;
  actor: string;
  agent_id: string;
  team: string;
  tier: string;
  channel: string;
  text: string;
  csat: string;
  customer_id: string;
  segment: string;
  category: string;
  priority: string;
  reason: string;
  transfer_type: string;
}

export const DEFAULT_START = '2026-09-01';
export const DEFAULT_DAYS = 60;
/** Customers per conversation: most contact once, some come back (and keep their segment). */
const CUSTOMERS_PER_CONVERSATION = 0.45;

/** Throws a RangeError for options the generator cannot honour; returns them resolved (start in epoch seconds). */
export function checkDemoOptions(options: DemoOptions): {
  count: number;
  seed: number;
  start: number;
  days: number;
  behaviour: Behaviour;
} {
  const { conversations, seed } = options;
  if (!Number.isSafeInteger(conversations) || conversations < 0) {
    throw new RangeError(`conversations must be a non-negative integer, got ${conversations}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const days = options.days ?? DEFAULT_DAYS;
  if (!Number.isSafeInteger(days) || days < 1)
    throw new RangeError(`days must be a positive integer, got ${days}`);
  for (const name of options.plant ?? []) {
    if (!isPlantedPattern(name))
      throw new RangeError(`unknown pattern to plant: ${name} (one of ${PLANTED_PATTERNS.join(', ')})`);
  }
  const behaviour =
    options.clean || (options.plant?.length ?? 0) > 0
      ? { clean: options.clean === true, plants: new Set(options.plant ?? []) }
      : DEFAULT_BEHAVIOUR;
  return { count: conversations, seed, start: parseStart(options.start ?? DEFAULT_START), days, behaviour };
}

/**
 * Yields every event of every conversation: conversations in order of their start, each one's events
 * together and in time order. The same options always give the same events; memory stays flat however many
 * conversations are asked for.
 */
export function* generateDemoEvents(options: DemoOptions): Generator<DemoEvent> {
  const { count, seed, start, days, behaviour } = checkDemoOptions(options);
  const width = Math.max(6, String(count).length);
  const customers = Math.max(1, Math.round(count * CUSTOMERS_PER_CONVERSATION));
  const picks = new Random(seed, 0x7fffffff);
  let index = 0;
  for (const startsAt of arrivalTimes(count, start, days, new Random(seed, 0))) {
    index++;
    // Skewed so a minority of customers accounts for many conversations, as in real queues.
    const customer = customerProfile(seed, Math.floor(customers * picks.next() ** 1.8));
    const id = 'C' + String(index).padStart(width, '0');
    yield* new ConversationSim(seed, index, id, startsAt, customer, behaviour).run();
  }
}
