// After resolution: a reopen now and then, and the customer's satisfaction score.
import { agentOf } from './sim-behaviour.js';
import { agentSays, customerSays, emit, text } from './sim-events.js';
import { HOUR, MINUTE, type SimState } from './sim-state.js';
import { agentTime } from './sim-timing.js';
import { PHRASES } from './texts.js';

export function afterResolution(s: SimState): void {
  const r = s.random;
  if (!s.resolvedByBot && s.owner.agent && r.bernoulli(0.035 + 0.015 * s.handoffs)) {
    // Reopened: the problem came back; the same owner picks it up again.
    s.reopened = true;
    const agent = agentOf(s.behaviour, s.owner.agent);
    customerSays(s, text(s, s.issue.reopen), s.t + r.lognormal(20 * HOUR, 0.8));
    emit(s, 'reopen', s.t + r.int(1, 30));
    agentSays(s, agent, r.pick(PHRASES.reopened), agentTime(s, agent).at);
    customerSays(s, text(s, s.issue.detail));
    agentSays(s, agent, r.pick(PHRASES.reopenFix), agentTime(s, agent).at);
    if (r.bernoulli(0.6)) customerSays(s, r.pick(PHRASES.thanks));
    emit(s, 'resolve', s.t + r.int(5, 120), { agent_id: agent.id, team: agent.team });
  }
  if (r.bernoulli(0.4)) {
    const score = csatScore(s, s.t - s.start);
    emit(s, 'csat', s.t + r.lognormal(30 * MINUTE, 1), { csat: String(score) });
  }
}

/** Satisfaction drops with every handoff, more for cold ones, repeats, re-asks, reopens and long waits. */
function csatScore(s: SimState, duration: number): number {
  const r = s.random;
  let score = s.resolvedByBot ? r.normal(4.2, 0.9) : r.normal(4.55, 0.75);
  // Clean: satisfaction does not depend on the path (a conversation with a cold transfer tends to have more
  // handoffs, so any per-handoff penalty would make cold look worse by itself).
  if (!s.behaviour.clean) score -= 0.3 * s.handoffs + 0.3 * s.cold + 0.15 * s.repeats + 0.2 * s.reAsks;
  if (s.reopened) score -= 0.6;
  if (duration > 2 * 86400) score -= 0.3;
  return Math.min(5, Math.max(1, Math.round(score)));
}
