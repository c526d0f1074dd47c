// Whether an owner resolves or passes the conversation on, and where: channel switches, bounces, escalations.
import { CLEAN_CHANNELS, nextInRing } from './clean.js';
import { CLEAN, PLANTS } from './plant.js';
import { BOT, type ChannelName, type TeamName, teamByName } from './scenario.js';
import { planted, teamOf } from './sim-behaviour.js';
import { type Arrival, type HandoffPlan, MAX_HANDOFFS, type SimState } from './sim-state.js';

function tierNumber(tier: string): number {
  const digits = /\d+/.exec(tier);
  return digits ? Number(digits[0]) : Number.NaN;
}

/** The reason a move between two tiers is given: up escalates, down hands back, sideways was the wrong team. */
function tierReason(from: string, to: string): string {
  const step = tierNumber(to) - tierNumber(from);
  return step > 0 ? 'escalation' : step < 0 ? 'handback' : 'wrong_team';
}

/** Resolve here (undefined) or pass it on: channel switches, bounces back, escalations, wrong teams. */
export function decide(s: SimState, arrival: Arrival): HandoffPlan | undefined {
  if (s.handoffs >= MAX_HANDOFFS) return undefined;
  const here = s.owner.team as TeamName;
  const channel = s.owner.channel;
  const r = s.random;
  const ping = PLANTS.pingPong;
  if (
    planted(s.behaviour, 'ping-pong') &&
    here === ping.to &&
    arrival.fromTeam === ping.from &&
    arrival.via === 'team' &&
    r.bernoulli(ping.sendBack)
  ) {
    return { kind: 'bounce', team: ping.from, channel, reason: 'wrong_team' };
  }
  if (s.behaviour.clean) return decideClean(s, here, channel);
  if (channel === 'chat' && r.bernoulli(0.05)) {
    return { kind: 'channel', team: here, channel: 'email', reason: 'follow_up_by_email' };
  }
  if (channel === 'email' && r.bernoulli(0.06)) {
    return { kind: 'channel', team: here, channel: 'phone', reason: 'callback_requested' };
  }
  if (channel === 'social' && r.bernoulli(0.12)) {
    return { kind: 'channel', team: here, channel: 'email', reason: 'moved_to_private_channel' };
  }
  const from = arrival.fromTeam;
  if (from && from !== here && from !== BOT.team && arrival.via === 'team' && r.bernoulli(0.09)) {
    return { kind: 'bounce', team: from as TeamName, channel, reason: 'wrong_team' };
  }
  // A team that just got a case back tries harder before sending it on again.
  const resolveHere = Math.max(resolveChance(s, here, 0.08), arrival.via === 'bounce' ? 0.5 : 0);
  if (r.bernoulli(resolveHere)) return undefined;
  const next = s.category.next[here];
  const reason =
    s.category.name === 'billing' && next === 'Accounts L2'
      ? 'refund_approval'
      : tierReason(teamByName(here).tier, teamByName(next).tier);
  return { kind: 'team', team: next, channel, reason };
}

/** Clean: a uniform channel switch, else resolve at one chance for all, else on round the ring. */
function decideClean(s: SimState, here: TeamName, channel: ChannelName): HandoffPlan | undefined {
  const r = s.random;
  if (r.bernoulli(CLEAN.channelSwitch)) {
    const to = r.pick(CLEAN_CHANNELS.filter((c) => c !== channel));
    return { kind: 'channel', team: here, channel: to, reason: 'channel_switch' };
  }
  if (r.bernoulli(resolveChance(s, here, CLEAN.resolve))) return undefined;
  const next = nextInRing(here, s.owned);
  if (!next) return undefined;
  const reason = tierReason(teamOf(s.behaviour, here).tier, teamOf(s.behaviour, next).tier);
  return { kind: 'team', team: next, channel, reason };
}

/** Chance the team resolves this category in one pass: the scenario's (or the clean one), or the planted misrouting's. */
function resolveChance(s: SimState, here: TeamName, otherwise: number): number {
  const misroute = PLANTS.misrouting;
  if (planted(s.behaviour, 'misrouting') && s.category.name === misroute.category && here === misroute.team) {
    return misroute.resolve;
  }
  return s.behaviour.clean ? otherwise : (s.category.resolveAt[here] ?? otherwise);
}
