// The state of one simulated conversation, shared by the modules that play its parts.
import { isBusinessTime } from './calendar.js';
import type { Customer } from './customer.js';
import type { DemoEvent } from './generate.js';
import { type Behaviour, DEFAULT_BEHAVIOUR } from './plant.js';
import { Random } from './random.js';
import {
  type Agent,
  CATEGORIES,
  type Category,
  CHANNELS,
  type ChannelName,
  type ChannelProfile,
  type PriorityName,
  SEGMENTS,
  type TeamName,
} from './scenario.js';
import { profileOf } from './sim-behaviour.js';
import { fill, ISSUES, type IssueScript, issueSlots } from './texts.js';

export const MINUTE = 60;
export const HOUR = 3600;
/** Past this many handoffs somebody just fixes it: keeps the tail of long conversations realistic. */
export const MAX_HANDOFFS = 5;

export type EventFields = Partial<
  Omit<DemoEvent, 'event_id' | 'conversation_id' | 'timestamp' | 'event_type'>
>;

export interface Owner {
  channel: ChannelName;
  team: string;
  tier: string;
  agent: string;
}

/** How the current owner got the conversation: decides how they open and how much the customer repeats. */
export interface Arrival {
  via: 'routing' | 'bot' | 'team' | 'bounce' | 'channel' | 'shift';
  warm: boolean;
  previous?: Agent;
  fromTeam?: string;
}

/** What an owner does instead of resolving. */
export interface HandoffPlan {
  kind: 'team' | 'bounce' | 'channel' | 'shift';
  team: TeamName;
  channel: ChannelName;
  reason: string;
  colleague?: Agent;
}

export type Outcome = 'resolved' | 'abandoned';

export interface SimState {
  readonly random: Random;
  readonly id: string;
  readonly start: number;
  readonly customer: Customer;
  readonly behaviour: Behaviour;
  readonly events: DemoEvent[];
  /** The last event's time: the next one comes at least a second later. */
  last: number;
  t: number;
  owner: Owner;
  channel: ChannelProfile;
  readonly category: Category;
  readonly issue: IssueScript;
  readonly priority: PriorityName;
  readonly slots: Record<string, string>;
  handoffs: number;
  cold: number;
  repeats: number;
  reAsks: number;
  reopened: boolean;
  /** Human owners so far (each pick-up or named receiver counts once). */
  humanOwners: number;
  resolvedByBot: boolean;
  /** The diagnostic question has been asked once; later owners asking again is a re-ask, counted apart. */
  asked: boolean;
  /** Teams that have owned the conversation, routing included (the clean ring never goes back to one). */
  readonly owned: Set<string>;
  /** Planted delay factor for the handoff just made: its queue wait and first reply take this much longer. */
  slowdown: number;
}

/** Draws the conversation's channel, category, issue, priority and slots, in this order (the seed's contract). */
export function newSimState(
  seed: number,
  stream: number,
  id: string,
  start: number,
  customer: Customer,
  behaviour: Behaviour = DEFAULT_BEHAVIOUR,
): SimState {
  const random = new Random(seed, stream);
  const business = isBusinessTime(start);
  const channel = profileOf(
    behaviour,
    random.weighted(CHANNELS.map((c) => [c, business ? c.share.business : c.share.offHours] as const)).name,
  );
  const category = random.weighted(CATEGORIES.map((c) => [c, c.share] as const));
  const issue = random.pick(ISSUES.filter((i) => i.category === category.name));
  const priority = random.weighted(SEGMENTS.priorities[customer.segment]);
  const slots = issueSlots(random, customer.name, customer.company);
  slots.topic = fill(issue.topic, slots);
  return {
    random,
    id,
    start,
    customer,
    behaviour,
    events: [],
    last: Number.NEGATIVE_INFINITY,
    t: start,
    owner: { channel: channel.name, team: '', tier: '', agent: '' },
    channel,
    category,
    issue,
    priority,
    slots,
    handoffs: 0,
    cold: 0,
    repeats: 0,
    reAsks: 0,
    reopened: false,
    humanOwners: 0,
    resolvedByBot: false,
    asked: false,
    owned: new Set<string>(),
    slowdown: 1,
  };
}
