// The team queue: waiting for an agent to pick the conversation up, or the customer giving up first.
import { agentsOnShift, teamAvailableFrom, teamClosesAt } from './calendar.js';
import { PLANTS } from './plant.js';
import { type Agent, channelByName, PRIORITY_WAIT_FACTOR } from './scenario.js';
import { planted, teamOf } from './sim-behaviour.js';
import { assign, customerSays, emit } from './sim-events.js';
import { type Arrival, MINUTE, type SimState } from './sim-state.js';
import { PHRASES } from './texts.js';

/** Planted: after a cold transfer the customer sometimes gives up before anyone picks it up. */
export function coldDrop(s: SimState, arrival: Arrival): boolean {
  if (!planted(s.behaviour, 'cold-transfers') || arrival.via === 'routing' || arrival.warm) return false;
  if (!s.random.bernoulli(PLANTS.coldTransfers.abandon)) return false;
  emit(s, 'abandon', s.t + s.random.lognormal(10 * MINUTE, 0.6));
  return true;
}

/** Waits in the team queue until an agent picks the conversation up, or the customer gives up. */
export function pickUp(s: SimState, arrival: Arrival): Agent | undefined {
  const r = s.random;
  const clean = s.behaviour.clean;
  const team = teamOf(s.behaviour, s.owner.team);
  const except = arrival.previous?.id ?? '';
  const median =
    s.channel.pickupSeconds *
    team.pickupFactor *
    PRIORITY_WAIT_FACTOR[s.priority] *
    (arrival.warm && !clean ? 0.4 : 1) *
    s.slowdown;
  let wait = r.lognormal(median, 0.8);
  const from = s.t;
  let at: number;
  let closed = false;
  const opens = teamAvailableFrom(team, from, except);
  if (opens > from) {
    closed = true;
    // Nobody is working: the queue waits for the next shift, behind what piled up overnight.
    at = opens + wait + r.lognormal(20 * MINUTE, 0.7);
  } else {
    // The last hour of the last shift is thin: people wrap up instead of taking new work.
    if (!clean && teamClosesAt(team, from) - from < 45 * MINUTE) wait *= r.uniform(2, 4);
    at = from + wait;
    if (agentsOnShift(team, at, except).length === 0) {
      closed = true;
      at = teamAvailableFrom(team, at, except) + wait * 0.5 + r.lognormal(20 * MINUTE, 0.7);
    }
  }
  const waited = at - from;
  const chatty = !clean && (s.channel.name === 'chat' || s.channel.name === 'social');
  if (r.bernoulli(abandonChance(s, arrival, waited, closed))) {
    const gone = from + waited * r.uniform(0.2, 0.9);
    if (chatty && r.bernoulli(0.45)) {
      customerSays(s, r.pick(PHRASES.waiting), from + (gone - from) * r.uniform(0.3, 0.8));
    }
    emit(s, 'abandon', gone);
    return undefined;
  }
  if (chatty && waited > 10 * MINUTE && r.bernoulli(0.3)) {
    customerSays(s, r.pick(PHRASES.waiting), from + waited * r.uniform(0.2, 0.7));
  }
  const candidates = agentsOnShift(team, at, except);
  const agent = r.pick(candidates.length > 0 ? candidates : team.agents.filter((a) => a.id !== except));
  assign(s, team, agent.id, at);
  return agent;
}

/**
 * A caller on hold hangs up after a while. A call that cannot be answered before the team goes home becomes
 * a callback, as does a switch to phone: the customer is not holding, so email patience applies.
 */
function abandonChance(s: SimState, arrival: Arrival, waited: number, callback: boolean): number {
  let patience = s.channel.patience;
  if (!s.behaviour.clean) {
    const holding = s.channel.name === 'phone' && arrival.via !== 'channel' && !callback;
    if (holding && waited > 45 * MINUTE) return 0.97;
    if (s.channel.name === 'phone' && !holding) patience = channelByName('email').patience;
  }
  return patience.maxShare * (1 - Math.exp(-waited / patience.scaleSeconds));
}
