// A new owner's first words and the customer's reply: where cold handoffs make people repeat themselves.
import { CLEAN, PLANTS } from './plant.js';
import type { Agent } from './scenario.js';
import { planted, teamOf } from './sim-behaviour.js';
import { agentSays, customerSays, text } from './sim-events.js';
import type { Arrival, SimState } from './sim-state.js';
import { agentTime } from './sim-timing.js';
import { PHRASES } from './texts.js';

export function introduce(s: SimState, agent: Agent, arrival: Arrival): void {
  const r = s.random;
  const team = teamOf(s.behaviour, agent.team);
  const names = { agent: agent.name, team: team.label, previous: arrival.previous?.name ?? 'my colleague' };
  const first = agentTime(s, agent, s.channel.agentReplySeconds * 0.4 * s.slowdown);
  s.slowdown = 1;
  const say = (phrases: readonly string[]) =>
    agentSays(s, agent, text(s, r.pick(phrases), names), first.at, true);

  if (s.behaviour.clean && arrival.via !== 'routing') {
    // Clean: every new owner opens alike; only the planted cold transfers make customers repeat more.
    say(arrival.warm ? PHRASES.warmIntro : PHRASES.coldIntro);
    const coldPlant = planted(s.behaviour, 'cold-transfers') && !arrival.warm;
    if (r.bernoulli(coldPlant ? PLANTS.coldTransfers.repeat : CLEAN.repeat)) repeat(s, arrival);
    else customerSays(s, 'OK, thanks.');
    return;
  }
  if (arrival.via === 'routing') {
    if (s.channel.name === 'phone' && !s.behaviour.clean) {
      agentSays(s, agent, text(s, r.pick(PHRASES.phoneGreeting), names), s.t + r.int(2, 5));
      customerSays(s, text(s, s.issue.opening));
      if (r.bernoulli(0.6)) customerSays(s, text(s, s.issue.detail));
      return;
    }
    s.asked = true;
    const body = text(s, r.pick(PHRASES.firstReply), names) + ' ' + s.issue.question;
    agentSays(s, agent, body, first.at, true);
    customerSays(s, text(s, s.issue.answer));
    return;
  }
  if (arrival.warm && arrival.via !== 'channel') {
    say(arrival.via === 'bot' ? PHRASES.botIntro : PHRASES.warmIntro);
    if (r.bernoulli(0.12)) repeat(s, arrival);
    else customerSays(s, r.bernoulli(0.5) ? 'Great, thanks.' : text(s, s.issue.detail));
    return;
  }

  let generic: boolean;
  if (arrival.via === 'bounce') {
    say(PHRASES.bounceIntro);
    generic = false;
  } else if (arrival.via === 'channel') {
    say(s.channel.name === 'phone' ? PHRASES.phoneCallback : PHRASES.emailFollowUp);
    if (arrival.warm) {
      if (r.bernoulli(0.12)) repeat(s, arrival);
      else customerSays(s, s.issue.detail);
      return;
    }
    generic = false;
  } else if (arrival.via === 'bot' && r.bernoulli(0.5)) {
    say(PHRASES.botIntro);
    generic = false;
  } else if (r.bernoulli(0.5)) {
    say([`${r.pick(PHRASES.reviewIntro)} ${r.pick(PHRASES.reviewCase)}`]);
    generic = false;
  } else {
    say(PHRASES.coldIntro);
    generic = true;
  }

  if (r.bernoulli(arrival.via === 'bot' ? 0.3 : 0.4)) {
    // Asking for what the customer already gave: the cost of a transfer without context. Before anyone
    // asked for details, all they gave was the problem itself.
    const [question, answer] = s.asked ? r.pick(PHRASES.reAsk) : PHRASES.reAskProblem;
    s.reAsks++;
    agentSays(s, agent, question, agentTime(s, agent, 30).at);
    if (answer) customerSays(s, text(s, answer));
    else repeat(s, arrival);
    return;
  }
  if (planted(s.behaviour, 'cold-transfers') && !arrival.warm && r.bernoulli(PLANTS.coldTransfers.repeat)) {
    repeat(s, arrival);
  } else if (r.bernoulli(generic ? 0.8 : 0.35)) repeat(s, arrival);
  else customerSays(s, r.bernoulli(0.5) ? 'OK, thanks.' : text(s, s.issue.detail));
}

/** The customer tells the story again, more fed up each time. */
function repeat(s: SimState, arrival: Arrival): void {
  s.repeats++;
  const prefixes =
    s.repeats >= 3
      ? PHRASES.repeatPrefixFed
      : arrival.via === 'bot'
        ? PHRASES.repeatPrefixAfterBot
        : PHRASES.repeatPrefix;
  customerSays(s, s.random.pick(prefixes) + text(s, s.issue.recap) + '.');
}
