// Switches that plant one known failure pattern in the demo, and the clean simulation they are measured against.
import type { CategoryName, ChannelName, TeamName } from './scenario.js';

/**
 * Each switch changes one mechanism of the simulation and nothing else, so `baton diagnose` has exactly one
 * thing to find, with a size stated here (docs/demo.md derives the size each detector should measure):
 *
 * - `ping-pong`: Billing L1 sends `sendBack` of the conversations it picks up from Support L1 straight back.
 * - `cold-transfers`: after a cold transfer the customer gives up before pick-up `abandon` of the time,
 *   and repeats themselves to the new owner `repeat` of the time (the clean base: `CLEAN.repeat`).
 * - `slow-channel`: chat → email handoffs wait `factor` times longer for the new owner (queue and reply).
 * - `out-of-hours`: handoffs made outside the demo's business hours wait `factor` times longer.
 * - `misrouting`: `routedShare` of billing conversations are routed first to Technical L2, which resolves
 *   billing itself with probability `resolve` (the clean base resolves every category at `CLEAN.resolve`).
 * - `premature-handoffs`: when Support L1 is the first human owner, it passes `share` of those conversations
 *   on to Technical L2 cold, before anyone has written to the customer (an unclear trigger).
 */
export type PlantedPattern =
  | 'ping-pong'
  | 'cold-transfers'
  | 'slow-channel'
  | 'out-of-hours'
  | 'misrouting'
  | 'premature-handoffs';

export const PLANTED_PATTERNS: readonly PlantedPattern[] = Object.freeze([
  'ping-pong',
  'cold-transfers',
  'slow-channel',
  'out-of-hours',
  'misrouting',
  'premature-handoffs',
]);

export const PLANTS = Object.freeze({
  pingPong: Object.freeze({ from: 'Support L1' as TeamName, to: 'Billing L1' as TeamName, sendBack: 0.5 }),
  coldTransfers: Object.freeze({ abandon: 0.35, repeat: 0.65 }),
  slowChannel: Object.freeze({ from: 'chat' as ChannelName, to: 'email' as ChannelName, factor: 6 }),
  outOfHours: Object.freeze({ factor: 5 }),
  misrouting: Object.freeze({
    category: 'billing' as CategoryName,
    team: 'Technical L2' as TeamName,
    routedShare: 0.3,
    resolve: 0.05,
  }),
  premature: Object.freeze({
    from: 'Support L1' as TeamName,
    to: 'Technical L2' as TeamName,
    share: 0.4,
    reason: 'passed on before reading',
  }),
});

/**
 * The clean simulation: no bot, every channel with chat's timings, every team staffed around the clock
 * with the same queue, every team resolving every category alike, handoffs going round the teams in a
 * ring (never back to an earlier owner), warm and cold transfers alike, every handoff announced first.
 */
export const CLEAN = Object.freeze({
  /** Chance an owner resolves the conversation (any team, any category). */
  resolve: 0.45,
  /** Chance the customer repeats themselves to a new owner, warm or cold. */
  repeat: 0.2,
  /** Chance an owner moves the conversation to another channel (picked uniformly) instead of deciding. */
  channelSwitch: 0.08,
});

export function isPlantedPattern(name: string): name is PlantedPattern {
  return (PLANTED_PATTERNS as readonly string[]).includes(name);
}

/** What the simulation is asked to do beyond its defaults. */
export interface Behaviour {
  readonly clean: boolean;
  readonly plants: ReadonlySet<PlantedPattern>;
}

export const DEFAULT_BEHAVIOUR: Behaviour = Object.freeze({
  clean: false,
  plants: new Set<PlantedPattern>(),
});
