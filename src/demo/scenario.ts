// The simulated operation's shape as plain frozen data: channels, teams, agents and shifts, the bot, categories, hours.
import type { Weighted } from './random.js';

export type ChannelName = 'chat' | 'email' | 'phone' | 'social';
export type TeamName = 'Support L1' | 'Billing L1' | 'Technical L2' | 'Accounts L2' | 'Engineering L3';
export type CategoryName = 'billing' | 'technical' | 'account' | 'onboarding' | 'bug';
export type SegmentName = 'SMB' | 'Mid-market' | 'Enterprise';
export type PriorityName = 'low' | 'normal' | 'high' | 'urgent';

/** Durations are medians in seconds; the simulation draws log-normal values around them. */
export interface ChannelProfile {
  readonly name: ChannelName;
  /** Relative arrival volume inside and outside business hours. */
  readonly share: { readonly business: number; readonly offHours: number };
  /** The bot answers first (chat and social); other channels are routed straight to a team. */
  readonly botFrontDoor: boolean;
  readonly pickupSeconds: number;
  readonly agentReplySeconds: number;
  readonly customerReplySeconds: number;
  /** Messaging closes a conversation the customer has gone quiet on; 0 = the channel has no such timer. */
  readonly idleCloseSeconds: number;
  /** Abandonment while queued: share = maxShare * (1 - exp(-wait / scaleSeconds)). */
  readonly patience: { readonly maxShare: number; readonly scaleSeconds: number };
}

/** Working hours in business time; days are 0 = Sunday ... 6 = Saturday. */
export interface Shift {
  readonly name: string;
  readonly days: readonly number[];
  readonly startHour: number;
  readonly endHour: number;
}

export interface Agent {
  readonly id: string;
  readonly name: string;
  readonly team: TeamName;
  readonly shift: Shift;
}

export interface Team {
  readonly name: TeamName;
  readonly tier: string;
  /** How the team is called in conversation ("our Billing team"). */
  readonly label: string;
  /** Queue wait relative to the channel's: specialist teams pick up more slowly. */
  readonly pickupFactor: number;
  readonly agents: readonly Agent[];
}

export interface Category {
  readonly name: CategoryName;
  readonly share: number;
  /** The team that resolves it best; other teams pass it on along `next`. */
  readonly bestTeam: TeamName;
  /** First human team when routed by rules or by the bot: mostly right, sometimes not. */
  readonly routing: readonly Weighted<TeamName>[];
  readonly botResolveRate: number;
  /** Chance that a team resolves it in one pass; teams not listed rarely do. */
  readonly resolveAt: Readonly<Partial<Record<TeamName, number>>>;
  /** Where a team sends it when it cannot resolve it. */
  readonly next: Readonly<Record<TeamName, TeamName>>;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Business time is UTC shifted by a fixed offset: no daylight saving, so the demo is the same everywhere. */
export const BUSINESS_HOURS = deepFreeze({
  utcOffsetHours: 0,
  days: [1, 2, 3, 4, 5],
  startHour: 8,
  endHour: 18,
  label: 'Mon-Fri 08:00-18:00 UTC',
});

/** Relative arrivals per business-time hour; weekdays peak late morning and mid-afternoon. */
export const ARRIVALS_BY_HOUR = deepFreeze({
  weekday: [
    0.04, 0.03, 0.03, 0.03, 0.04, 0.06, 0.1, 0.3, 0.85, 1.1, 1.25, 1.25, 0.95, 1.1, 1.15, 1.05, 0.95, 0.8,
    0.45, 0.3, 0.22, 0.15, 0.1, 0.06,
  ],
  weekend: [
    0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.04, 0.07, 0.12, 0.17, 0.2, 0.21, 0.2, 0.19, 0.18, 0.17, 0.15, 0.13,
    0.12, 0.1, 0.09, 0.07, 0.05, 0.04,
  ],
  /** Spread of daily volume around the profile (sd of its logarithm). */
  dailySigma: 0.15,
});

export const CHANNELS: readonly ChannelProfile[] = deepFreeze([
  {
    name: 'chat',
    share: { business: 48, offHours: 50 },
    botFrontDoor: true,
    pickupSeconds: 150,
    agentReplySeconds: 70,
    customerReplySeconds: 60,
    idleCloseSeconds: 60 * 60,
    patience: { maxShare: 0.4, scaleSeconds: 60 * 60 },
  },
  {
    name: 'email',
    share: { business: 27, offHours: 38 },
    botFrontDoor: false,
    pickupSeconds: 90 * 60,
    agentReplySeconds: 75 * 60,
    customerReplySeconds: 3 * 3600,
    idleCloseSeconds: 0,
    patience: { maxShare: 0.12, scaleSeconds: 2 * 86400 },
  },
  {
    name: 'phone',
    share: { business: 15, offHours: 0 },
    botFrontDoor: false,
    pickupSeconds: 100,
    agentReplySeconds: 25,
    customerReplySeconds: 15,
    idleCloseSeconds: 0,
    patience: { maxShare: 0.35, scaleSeconds: 10 * 60 },
  },
  {
    name: 'social',
    share: { business: 10, offHours: 12 },
    botFrontDoor: true,
    pickupSeconds: 12 * 60,
    agentReplySeconds: 6 * 60,
    customerReplySeconds: 10 * 60,
    idleCloseSeconds: 4 * 3600,
    patience: { maxShare: 0.3, scaleSeconds: 6 * 3600 },
  },
]);

export const SHIFTS = deepFreeze({
  early: { name: 'early', days: [1, 2, 3, 4, 5], startHour: 8, endHour: 16 },
  late: { name: 'late', days: [1, 2, 3, 4, 5], startHour: 10, endHour: 18 },
  evening: { name: 'evening', days: [1, 2, 3, 4, 5], startHour: 14, endHour: 22 },
  core: { name: 'core', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 },
  weekend: { name: 'weekend', days: [0, 6], startHour: 9, endHour: 17 },
} satisfies Record<string, Shift>);

function team(
  name: TeamName,
  tier: string,
  label: string,
  pickupFactor: number,
  staff: readonly (readonly [id: string, shift: Shift])[],
): Team {
  const agents = staff.map(([id, shift]) => {
    const first = id.split('.')[0]!;
    return { id, name: first.charAt(0).toUpperCase() + first.slice(1), team: name, shift };
  });
  return { name, tier, label, pickupFactor, agents };
}

const { early, late, evening, core, weekend } = SHIFTS;

export const TEAMS: readonly Team[] = deepFreeze([
  team('Support L1', 'L1', 'Support', 1, [
    ['ana.silva', early],
    ['ben.carter', early],
    ['chloe.martin', early],
    ['david.okafor', early],
    ['emma.schulz', late],
    ['farid.haddad', late],
    ['grace.lee', late],
    ['hugo.moreau', evening],
    ['ivan.petrov', evening],
    ['ines.costa', weekend],
    ['jonas.berg', weekend],
  ]),
  team('Billing L1', 'L1', 'Billing', 1.2, [
    ['karen.white', early],
    ['liam.novak', early],
    ['maya.patel', early],
    ['nico.rossi', late],
    ['olivia.brown', late],
    ['pablo.diaz', late],
  ]),
  team('Technical L2', 'L2', 'Technical Support', 1.6, [
    ['quinn.murphy', early],
    ['rosa.jimenez', early],
    ['sam.taylor', early],
    ['tomas.kral', late],
    ['uma.reddy', late],
    ['victor.chen', late],
  ]),
  team('Accounts L2', 'L2', 'Accounts', 1.8, [
    ['wendy.clarke', early],
    ['xavier.dubois', early],
    ['yara.nasser', late],
    ['zoe.fischer', late],
  ]),
  team('Engineering L3', 'L3', 'Engineering', 3, [
    ['adrian.popescu', core],
    ['bea.lindqvist', core],
    ['chen.wei', core],
  ]),
]);

export const BOT = deepFreeze({ id: 'fin-bot', name: 'Fin', team: 'Bot', tier: '' });

export const CATEGORIES: readonly Category[] = deepFreeze([
  {
    name: 'billing',
    share: 28,
    bestTeam: 'Billing L1',
    routing: [
      ['Billing L1', 82],
      ['Support L1', 18],
    ],
    botResolveRate: 0.5,
    resolveAt: { 'Billing L1': 0.9, 'Accounts L2': 0.92, 'Support L1': 0.25 },
    next: {
      'Support L1': 'Billing L1',
      'Billing L1': 'Accounts L2',
      'Technical L2': 'Billing L1',
      'Accounts L2': 'Billing L1',
      'Engineering L3': 'Technical L2',
    },
  },
  {
    name: 'technical',
    share: 25,
    bestTeam: 'Technical L2',
    routing: [
      ['Support L1', 92],
      ['Billing L1', 8],
    ],
    botResolveRate: 0.36,
    resolveAt: { 'Support L1': 0.45, 'Technical L2': 0.85, 'Engineering L3': 0.97 },
    next: {
      'Support L1': 'Technical L2',
      'Billing L1': 'Support L1',
      'Technical L2': 'Engineering L3',
      'Accounts L2': 'Technical L2',
      'Engineering L3': 'Technical L2',
    },
  },
  {
    name: 'account',
    share: 17,
    bestTeam: 'Accounts L2',
    routing: [
      ['Support L1', 88],
      ['Billing L1', 12],
    ],
    botResolveRate: 0.55,
    resolveAt: { 'Support L1': 0.4, 'Accounts L2': 0.92, 'Billing L1': 0.2 },
    next: {
      'Support L1': 'Accounts L2',
      'Billing L1': 'Accounts L2',
      'Technical L2': 'Accounts L2',
      'Accounts L2': 'Technical L2',
      'Engineering L3': 'Accounts L2',
    },
  },
  {
    name: 'onboarding',
    share: 15,
    bestTeam: 'Support L1',
    routing: [
      ['Support L1', 95],
      ['Billing L1', 5],
    ],
    botResolveRate: 0.6,
    resolveAt: { 'Support L1': 0.85, 'Technical L2': 0.9, 'Accounts L2': 0.6 },
    next: {
      'Support L1': 'Technical L2',
      'Billing L1': 'Support L1',
      'Technical L2': 'Engineering L3',
      'Accounts L2': 'Support L1',
      'Engineering L3': 'Technical L2',
    },
  },
  {
    name: 'bug',
    share: 15,
    bestTeam: 'Engineering L3',
    routing: [
      ['Support L1', 94],
      ['Billing L1', 6],
    ],
    botResolveRate: 0.12,
    resolveAt: { 'Support L1': 0.12, 'Technical L2': 0.45, 'Engineering L3': 0.95 },
    next: {
      'Support L1': 'Technical L2',
      'Billing L1': 'Technical L2',
      'Technical L2': 'Engineering L3',
      'Accounts L2': 'Technical L2',
      'Engineering L3': 'Technical L2',
    },
  },
]);

export const SEGMENTS = deepFreeze({
  shares: [
    ['SMB', 60],
    ['Mid-market', 28],
    ['Enterprise', 12],
  ] satisfies Weighted<SegmentName>[],
  /** Bigger customers raise more urgent tickets. */
  priorities: {
    SMB: [
      ['low', 25],
      ['normal', 57],
      ['high', 14],
      ['urgent', 4],
    ],
    'Mid-market': [
      ['low', 18],
      ['normal', 55],
      ['high', 20],
      ['urgent', 7],
    ],
    Enterprise: [
      ['low', 10],
      ['normal', 45],
      ['high', 30],
      ['urgent', 15],
    ],
  } satisfies Record<SegmentName, Weighted<PriorityName>[]>,
});

/** Urgent tickets jump the queue. */
export const PRIORITY_WAIT_FACTOR: Readonly<Record<PriorityName, number>> = deepFreeze({
  low: 1.5,
  normal: 1,
  high: 0.7,
  urgent: 0.4,
});

/** The entry of `list` called `name`; a name the scenario does not have is a bug, so it throws. */
export function byName<T extends { readonly name: string }>(
  list: readonly T[],
  name: string,
  what: string,
): T {
  const found = list.find((entry) => entry.name === name);
  if (!found) throw new RangeError(`unknown ${what} ${name}`);
  return found;
}

export function teamByName(name: string): Team {
  return byName(TEAMS, name, 'team');
}

export function channelByName(name: string): ChannelProfile {
  return byName(CHANNELS, name, 'channel');
}
