// How long the people in a conversation take: replies, idle closes, and agents' shifts.
import { nextShiftStart, onShift, shiftEnd } from './calendar.js';
import type { Agent } from './scenario.js';
import { HOUR, MINUTE, type SimState } from './sim-state.js';

/** Messaging conversations close themselves after this long without a customer reply; 0 = never. */
export function idleClose(s: SimState): number {
  const median = s.channel.idleCloseSeconds;
  return median > 0 ? s.random.lognormal(median, 0.3) : 0;
}

export function customerDelay(s: SimState): number {
  return Math.max(3, s.random.lognormal(s.channel.customerReplySeconds, 0.7));
}

/** When the agent can next send something; past the end of their shift it waits for the next one. */
export function agentTime(
  s: SimState,
  agent: Agent,
  median = s.channel.agentReplySeconds,
): { at: number; deferred: boolean } {
  const at = s.t + Math.max(3, s.random.lognormal(median, 0.7));
  if (onShift(agent.shift, at)) return { at, deferred: false };
  return { at: nextShiftStart(agent.shift, at) + s.random.lognormal(15 * MINUTE, 0.6), deferred: true };
}

/** The agent is at work but leaves within the hour: the moment for a shift handover. */
export function endingShift(s: SimState, agent: Agent): boolean {
  return onShift(agent.shift, s.t) && shiftEnd(agent.shift, s.t) - s.t < HOUR;
}
