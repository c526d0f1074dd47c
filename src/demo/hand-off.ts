// Carrying out a handoff: the owner's announcement, the warm note, the transfer and the goodbye.
import { agentsOnShift, onShift } from './calendar.js';
import { type Agent, teamByName } from './scenario.js';
import { teamOf } from './sim-behaviour.js';
import { agentSays, emit, text, transfer } from './sim-events.js';
import type { Arrival, HandoffPlan, SimState } from './sim-state.js';
import { agentTime } from './sim-timing.js';
import { PHRASES } from './texts.js';

/** The announcement before the handoff, if the owner makes one. */
function leadPhrases(s: SimState, plan: HandoffPlan): readonly string[] | undefined {
  if (plan.kind === 'shift') return PHRASES.shiftEnd;
  if (plan.kind === 'bounce') return PHRASES.bounceTransfer;
  if (plan.kind === 'channel') {
    if (plan.channel === 'phone') return PHRASES.toPhone;
    return s.owner.channel === 'social' ? PHRASES.socialToEmail : PHRASES.toEmail;
  }
  return s.behaviour.clean || s.random.bernoulli(0.6) ? PHRASES.preTransfer : undefined;
}

export function handOff(s: SimState, agent: Agent, plan: HandoffPlan): Arrival {
  const r = s.random;
  // Clean: every handoff is announced, lands in the queue and gets no goodbye, warm or cold alike.
  const clean = s.behaviour.clean;
  const target = teamOf(s.behaviour, plan.team);
  const names = { team: target.label, colleague: plan.colleague?.name ?? '' };
  const fromTeam = s.owner.team;
  const enterprise = s.customer.segment === 'Enterprise' ? 0.25 : 0;
  // The owner acts when next at work. A shift handover is due now; if the shift has already ended, the
  // conversation is reassigned without a word or a note from the agent who left.
  let at = plan.kind === 'shift' ? s.t + r.lognormal(40, 0.5) : agentTime(s, agent).at;
  const present = onShift(agent.shift, at);
  const warm =
    plan.kind === 'shift' ? present : r.bernoulli(0.3 + enterprise + (s.priority === 'urgent' ? 0.1 : 0));

  const lead = leadPhrases(s, plan);
  if (lead && present) {
    agentSays(s, agent, text(s, r.pick(lead), names), at);
    at = s.t + r.lognormal(60, 0.6);
  }
  if (warm) {
    const notes = plan.kind === 'shift' ? PHRASES.shiftNote : PHRASES.warmNote;
    emit(s, 'note', at, {
      actor: 'agent',
      agent_id: agent.id,
      team: agent.team,
      tier: teamByName(agent.team).tier,
      channel: s.owner.channel,
      text: text(s, r.pick(notes), names),
    });
    at = s.t + r.int(3, 30);
  }
  // A warm transfer goes to a named colleague who is working; otherwise it lands in the team queue.
  let receiver = plan.colleague;
  if (!receiver && warm && plan.kind !== 'channel' && !clean) {
    const available = agentsOnShift(target, s.t, agent.id);
    if (available.length > 0) receiver = r.pick(available);
  }
  transfer(s, target, receiver?.id ?? '', plan.channel, at, {
    reason: plan.reason,
    transfer_type: warm ? 'warm' : 'cold',
  });
  // The previous agent's goodbye (the channel is unchanged for these kinds, so it goes where they were).
  if (!clean && plan.kind !== 'channel' && plan.kind !== 'shift' && r.bernoulli(warm ? 0.25 : 0.35)) {
    const goodbye = text(s, r.pick(receiver ? PHRASES.warmGoodbye : PHRASES.goodbye), {
      ...names,
      colleague: receiver?.name ?? '',
    });
    agentSays(s, agent, goodbye, s.t + r.int(5, 40));
  }
  const via = plan.kind === 'team' ? 'team' : plan.kind;
  return { via, warm, previous: agent, fromTeam };
}
