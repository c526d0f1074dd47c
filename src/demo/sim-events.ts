// The conversation's events: appending them in time order, and who says what on the current channel.
import { formatTimestamp, isBusinessTime } from './calendar.js';
import { PLANTS } from './plant.js';
import { type Agent, BOT, type ChannelName, type Team, teamByName } from './scenario.js';
import { planted, profileOf } from './sim-behaviour.js';
import type { EventFields, SimState } from './sim-state.js';
import { customerDelay } from './sim-timing.js';
import { asEmail, fill } from './texts.js';

/** Appends an event no earlier than one second after the previous one, so no two events tie. */
export function emit(s: SimState, type: string, at: number, fields: EventFields = {}): number {
  const ts = Math.max(Math.round(at), s.last + 1);
  s.last = ts;
  s.t = ts;
  const first = s.events.length === 0;
  s.events.push({
    event_id: `${s.id}-${s.events.length + 1}`,
    conversation_id: s.id,
    timestamp: formatTimestamp(ts),
    event_type: type,
    actor: fields.actor ?? '',
    agent_id: fields.agent_id ?? '',
    team: fields.team ?? '',
    tier: fields.tier ?? '',
    channel: fields.channel ?? '',
    text: fields.text ?? '',
    csat: fields.csat ?? '',
    customer_id: first ? s.customer.id : '',
    segment: first ? s.customer.segment : '',
    category: first ? s.category.name : '',
    priority: first ? s.priority : '',
    reason: fields.reason ?? '',
    transfer_type: fields.transfer_type ?? '',
  });
  return ts;
}

/** A template filled with the conversation's slots (and any extra ones, which take precedence). */
export function text(s: SimState, template: string, extra?: Readonly<Record<string, string>>): string {
  return extra ? fill(template, extra, s.slots) : fill(template, s.slots);
}

/** Slots are filled here, so callers pass templates; all the channel decides is how a message is wrapped. */
export function customerSays(s: SimState, template: string, at = s.t + customerDelay(s)): void {
  const body = text(s, template);
  const wrapped = s.owner.channel === 'email' ? asEmail(body, 'Hello,', `Thanks,\n${s.slots.name}`) : body;
  emit(s, 'message', at, { actor: 'customer', channel: s.owner.channel, text: wrapped });
}

export function agentSays(s: SimState, agent: Agent, template: string, at: number, greet = false): void {
  const team = teamByName(agent.team);
  const body = text(s, template, { agent: agent.name, team: team.label });
  let wrapped = body;
  if (s.owner.channel === 'email') {
    wrapped = asEmail(body, `Hi ${s.slots.name},`, `Best regards,\n${agent.name}\n${team.label} team`);
  } else if (greet) {
    wrapped = `Hi ${s.slots.name}! ${body}`;
  }
  emit(s, 'message', at, {
    actor: 'agent',
    agent_id: agent.id,
    team: team.name,
    tier: team.tier,
    channel: s.owner.channel,
    text: wrapped,
  });
}

/** A message or a note from the bot; a note (the bot's handoff summary) is written as is. */
export function botSays(
  s: SimState,
  template: string,
  at: number,
  type: 'message' | 'note' = 'message',
): void {
  emit(s, type, at, {
    actor: 'bot',
    agent_id: BOT.id,
    team: BOT.team,
    tier: BOT.tier,
    channel: s.owner.channel,
    text: text(s, template),
  });
}

/** The owner's assignment, to the bot or a team's queue or agent ('' = the queue). */
export function assign(
  s: SimState,
  team: { readonly name: string; readonly tier: string },
  agent: string,
  at: number,
): void {
  s.owner = { channel: s.owner.channel, team: team.name, tier: team.tier, agent };
  s.owned.add(team.name);
  emit(s, 'assign', at, {
    agent_id: agent,
    team: team.name,
    tier: team.tier,
    channel: s.owner.channel,
  });
}

/** Moves ownership (and maybe the channel), and sets the planted slowdown the new owner's queue and reply get. */
export function transfer(
  s: SimState,
  team: Team,
  agent: string,
  channel: ChannelName,
  at: number,
  fields: EventFields,
): void {
  const fromChannel = s.owner.channel;
  s.owner = { channel, team: team.name, tier: team.tier, agent };
  s.owned.add(team.name);
  s.channel = profileOf(s.behaviour, channel);
  s.handoffs++;
  if (fields.transfer_type === 'cold') s.cold++;
  const ts = emit(s, 'transfer', at, {
    ...fields,
    agent_id: agent,
    team: team.name,
    tier: team.tier,
    channel,
  });
  const slow = PLANTS.slowChannel;
  s.slowdown = 1;
  if (planted(s.behaviour, 'slow-channel') && fromChannel === slow.from && channel === slow.to)
    s.slowdown *= slow.factor;
  if (planted(s.behaviour, 'out-of-hours') && !isBusinessTime(ts)) s.slowdown *= PLANTS.outOfHours.factor;
}
