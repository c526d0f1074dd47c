// The bot front door: the bot answers first, and resolves, loses the customer or hands over to a team.
import { agentsOnShift } from './calendar.js';
import { BOT, BUSINESS_HOURS, teamByName } from './scenario.js';
import { assign, botSays, customerSays, emit, text, transfer } from './sim-events.js';
import { type Arrival, MINUTE, type Outcome, type SimState } from './sim-state.js';
import { customerDelay, idleClose } from './sim-timing.js';
import { fill, PHRASES } from './texts.js';

export function botFrontDoor(s: SimState): Arrival | Outcome {
  const r = s.random;
  customerSays(s, s.issue.opening, s.start);
  assign(s, { name: BOT.team, tier: BOT.tier }, BOT.id, s.t + r.int(1, 3));
  const answer = fill(s.issue.botAnswer, s.slots);
  botSays(s, text(s, r.pick(PHRASES.botGreeting), { answer }), s.t + r.int(2, 6));

  if (r.bernoulli(0.04)) {
    // The customer reads the answer and never comes back.
    emit(s, 'abandon', s.t + r.lognormal(20 * MINUTE, 0.8));
    return 'abandoned';
  }
  if (r.bernoulli(s.category.botResolveRate)) {
    s.resolvedByBot = true;
    if (r.bernoulli(0.6)) {
      // No reply: the answer is assumed to have worked once the conversation has been idle for a while.
      emit(s, 'close', s.t + idleClose(s), { agent_id: BOT.id, team: BOT.team });
      return 'resolved';
    }
    // The customer goes and tries the suggestion before confirming.
    customerSays(s, r.pick(PHRASES.botYes), s.t + 3 * customerDelay(s));
    if (r.bernoulli(0.8)) botSays(s, r.pick(PHRASES.botBye), s.t + r.int(1, 4));
    emit(s, 'resolve', s.t + r.int(1, 60), { agent_id: BOT.id, team: BOT.team });
    return 'resolved';
  }

  const no = r.pick(PHRASES.botNo);
  customerSays(s, no);
  if (r.bernoulli(0.35)) customerSays(s, s.issue.detail);
  const team = teamByName(r.weighted(s.category.routing));
  const staffed = agentsOnShift(team, s.t).length > 0;
  const wait = staffed
    ? r.pick(PHRASES.botExpected)
    : fill(r.pick(PHRASES.botOffline), { hours: BUSINESS_HOURS.label });
  botSays(s, fill(r.pick(PHRASES.botHandoff), { team: team.label }) + wait, s.t + r.int(1, 4));
  // Some bots pass a summary along: the bot's version of a warm transfer.
  const warm = r.bernoulli(0.3);
  if (warm) botSays(s, r.pick(PHRASES.botNote), s.t + 1, 'note');
  transfer(s, team, '', s.owner.channel, s.t + r.int(1, 3), {
    reason: no.includes('person') || no.includes('human') ? 'customer_requested_human' : 'bot_escalation',
    transfer_type: warm ? 'warm' : 'cold',
  });
  return { via: 'bot', warm, fromTeam: BOT.team };
}
