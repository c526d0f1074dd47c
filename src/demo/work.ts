// An owner's work on the conversation: back and forth with the customer, then resolve or hand off.
import { agentsOnShift } from './calendar.js';
import { decide } from './handoff-decision.js';
import { type Agent, teamByName } from './scenario.js';
import { agentSays, customerSays, emit, text } from './sim-events.js';
import {
  type Arrival,
  type HandoffPlan,
  MAX_HANDOFFS,
  MINUTE,
  type Outcome,
  type SimState,
} from './sim-state.js';
import { agentTime, endingShift, idleClose } from './sim-timing.js';
import { PHRASES } from './texts.js';

/** Back and forth with the customer, then the owner resolves or hands off. */
export function work(s: SimState, agent: Agent, arrival: Arrival): Outcome | HandoffPlan {
  const r = s.random;
  const count = turns(s, arrival);
  for (let turn = 0; turn < count; turn++) {
    const reply = agentTime(s, agent);
    if (reply.deferred && endingShift(s, agent) && s.handoffs < MAX_HANDOFFS && r.bernoulli(0.5)) {
      const colleagues = agentsOnShift(teamByName(agent.team), s.t, agent.id);
      if (colleagues.length > 0) {
        return {
          kind: 'shift',
          team: agent.team,
          channel: s.owner.channel,
          reason: 'shift_end',
          colleague: r.pick(colleagues),
        };
      }
    }
    const asking = turn === 0 && !s.asked;
    if (asking) s.asked = true;
    const email = s.channel.name === 'email';
    const update = r.pick(email ? PHRASES.workingEmail : PHRASES.working);
    agentSays(s, agent, asking ? s.issue.question : update, reply.at);
    const ack = r.pick(email ? PHRASES.customerAckEmail : PHRASES.customerAck);
    // A status update does not always get an answer.
    if (asking || r.bernoulli(0.6)) customerSays(s, asking ? s.issue.answer : ack);
    const messaging = s.behaviour.clean || s.channel.name === 'chat' || s.channel.name === 'social';
    if (messaging && r.bernoulli(0.012)) {
      emit(s, 'abandon', s.t + r.lognormal(30 * MINUTE, 0.8));
      return 'abandoned';
    }
  }
  const plan = decide(s, arrival);
  if (plan) return plan;
  agentSays(s, agent, text(s, s.issue.fix), agentTime(s, agent).at);
  const idle = idleClose(s);
  if (idle > 0 && r.bernoulli(0.4)) {
    // The customer never confirms: the conversation closes itself after the idle timeout.
    emit(s, 'close', s.t + idle);
    return 'resolved';
  }
  if (r.bernoulli(0.65)) customerSays(s, r.pick(PHRASES.thanks));
  if (r.bernoulli(0.25)) agentSays(s, agent, r.pick(PHRASES.agentClose), agentTime(s, agent, 30).at);
  const close = r.bernoulli(s.channel.name === 'email' ? 0.25 : 0.05);
  emit(s, close ? 'close' : 'resolve', s.t + r.int(5, 120), { agent_id: agent.id, team: agent.team });
  return 'resolved';
}

/**
 * Exchanges before the owner acts. The first human does the diagnosis; later owners mostly apply a fix to
 * what is already known, more so after a warm handoff. Emails carry more per message, so fewer go back and forth.
 */
function turns(s: SimState, arrival: Arrival): number {
  const r = s.random;
  const first = s.humanOwners === 1;
  if (s.channel.name === 'email' && !s.behaviour.clean) return r.bernoulli(first ? 0.5 : 0.25) ? 1 : 0;
  if (first) return 1 + (r.bernoulli(0.55) ? 1 : 0) + (r.bernoulli(0.15) ? 1 : 0);
  return r.bernoulli(arrival.warm && !s.behaviour.clean ? 0.3 : 0.6) ? 1 : 0;
}
