// Brute-force recount of docs/semantics.md: plain loops over sorted events, written for clarity, not speed.
// The SQL in src/handoffs/ is checked against this on random logs; every reading choice is commented inline.
import type { RefEvent, RefEventType } from './events.js';

export type RefHandoffKind = 'bot_to_human' | 'channel' | 'tier' | 'team' | 'agent';

export interface RefHandoff {
  conversation_id: string;
  /** 1-based within the conversation. */
  handoff_no: number;
  /** Epoch milliseconds of the ownership event that is the handoff. */
  handoff_at: number;
  from_channel: string | null;
  from_team: string | null;
  from_tier: string | null;
  from_agent: string | null;
  to_channel: string | null;
  to_team: string | null;
  to_tier: string | null;
  to_agent: string | null;
  /** Who sent the reply that completed the handoff (the new owner's agent for implicit handoffs). */
  picked_up_by: string | null;
  kind: RefHandoffKind;
  is_escalation: boolean;
  implicit: boolean;
  completed: boolean;
  handoff_time_s: number | null;
  success: boolean;
  is_return: boolean;
  abandoned_after: boolean;
}

export interface RefConversation {
  conversation_id: string;
  implicit: boolean;
  start_channel: string | null;
  handoff_count: number;
  return_count: number;
  escalation_count: number;
  resolved: boolean;
  abandoned: boolean;
  reopened: boolean;
  fcr: boolean;
  first_response_s: number | null;
  resolution_s: number | null;
  csat: number | null;
  channel_path: string;
  team_path: string;
  segment: string | null;
  category: string | null;
  priority: string | null;
}

export interface RefRecount {
  handoffs: RefHandoff[];
  conversations: RefConversation[];
}

/** Owner of a conversation: four fields, each possibly empty. */
interface Owner {
  channel: string | null;
  team: string | null;
  tier: string | null;
  agent: string | null;
}

/** What one ownership event names (null = the event does not name that field). */
type Named = Owner;

export const PATH_SEPARATOR = ' \u2192 ';
export const NONE_PATH = '(none)';

/** Same-timestamp order of event types (section 1 of the doc). */
export const EVENT_RANK: Readonly<Record<RefEventType, number>> = Object.freeze({
  assign: 0,
  message: 1,
  note: 1,
  resolve: 2,
  abandon: 2,
  reopen: 3,
  csat: 4,
});

/** Time, then event-type rank, then read order. */
export function compareEvents(a: RefEvent, b: RefEvent): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  const rank = EVENT_RANK[a.event_type] - EVENT_RANK[b.event_type];
  if (rank !== 0) return rank;
  return a.seq - b.seq;
}

/** Plain code-unit string order (ASCII ids sort the same as DuckDB's binary collation). */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

// Choice: an empty string counts as empty, exactly like null ("non-empty value", "when it has one").
function value(v: string | null): string | null {
  return v === null || v === '' ? null : v;
}

function isMessage(e: RefEvent): boolean {
  return e.event_type === 'message';
}

/** Outbound message: a `message` (not a `note`) with actor `agent` or `bot`. */
function isOutbound(e: RefEvent): boolean {
  return isMessage(e) && (e.actor === 'agent' || e.actor === 'bot');
}

function isCustomerMessage(e: RefEvent): boolean {
  return isMessage(e) && e.actor === 'customer';
}

/**
 * The agent id an event is read as carrying.
 * Choice: "a bot message with no agent_id is read as coming from the agent id `bot`" is applied everywhere
 * (bot set, implicit ownership, the completion checks, where such a message therefore names its sender `bot`),
 * and only to `message` events with actor `bot` (not to notes or assigns).
 */
function senderOf(e: RefEvent): string | null {
  const id = value(e.agent_id);
  if (id === null && isMessage(e) && e.actor === 'bot') return 'bot';
  return id;
}

/** Bot agent ids, over all events given (global across conversations). */
export function botAgentIds(events: readonly RefEvent[]): Set<string> {
  const bots = new Set<string>();
  for (const e of events) {
    if (isMessage(e) && e.actor === 'bot') {
      const id = senderOf(e);
      if (id !== null) bots.add(id);
    }
  }
  return bots;
}

/** First run of ASCII digits in the tier name, as an integer; null when the tier has no digit. */
export function tierNumber(tier: string | null): number | null {
  if (tier === null) return null;
  const match = /[0-9]+/.exec(tier);
  if (match === null) return null;
  return Number.parseInt(match[0], 10);
}

/** Key of an owner for returns: its team, else its agent; null when it has neither. */
function ownerKey(owner: Owner): string | null {
  if (owner.team !== null) return 't:' + owner.team;
  if (owner.agent !== null) return 'a:' + owner.agent;
  return null;
}

function isBot(agent: string | null, bots: Set<string>): boolean {
  return agent !== null && bots.has(agent);
}

/** Non-empty values in order, repeats in a row collapsed. */
function collapse(values: readonly (string | null)[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (v === null) continue;
    if (out.length > 0 && out[out.length - 1] === v) continue;
    out.push(v);
  }
  return out;
}

function seconds(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / 1000;
}

function firstValue(events: readonly RefEvent[], field: 'segment' | 'category' | 'priority'): string | null {
  for (const e of events) {
    const v = value(e[field]);
    if (v !== null) return v;
  }
  return null;
}

interface OwnershipStep {
  /** Position of the ownership event in the sorted conversation. */
  pos: number;
  before: Owner;
  after: Owner;
  isHandoff: boolean;
}

function recountConversation(
  conversationId: string,
  events: readonly RefEvent[],
  bots: Set<string>,
): { handoffs: RefHandoff[]; conversation: RefConversation } {
  const n = events.length;

  // Start channel: the first non-empty channel on any event, in event order.
  let startChannel: string | null = null;
  for (const e of events) {
    const ch = value(e.channel);
    if (ch !== null) {
      startChannel = ch;
      break;
    }
  }

  // Choice: a conversation is implicit when it has no assign event, even if it has no outbound message either.
  const implicit = !events.some((e) => e.event_type === 'assign');
  const isOwnershipEvent = (e: RefEvent): boolean => (implicit ? isOutbound(e) : e.event_type === 'assign');

  // Walk the ownership events; ownerAt[i] is the owner once every event up to position i has been applied.
  let owner: Owner = { channel: startChannel, team: null, tier: null, agent: null };
  const ownerAt: Owner[] = [];
  const steps: OwnershipStep[] = [];
  for (let pos = 0; pos < n; pos++) {
    const e = events[pos]!;
    if (isOwnershipEvent(e)) {
      const named: Named = {
        channel: value(e.channel),
        team: value(e.team),
        tier: value(e.tier),
        // Implicit: the outbound message assigns the conversation to its sender (bot message without id → `bot`).
        agent: implicit ? senderOf(e) : value(e.agent_id),
      };
      const after: Owner = {
        channel: named.channel ?? owner.channel,
        team: named.team ?? owner.team,
        tier: named.tier ?? owner.tier,
        agent: null,
      };
      const moved = after.channel !== owner.channel || after.team !== owner.team || after.tier !== owner.tier;
      if (named.agent !== null) after.agent = named.agent;
      else if (moved) after.agent = null;
      else after.agent = owner.agent;

      const isRouting = steps.length === 0;
      const isHandoff =
        !isRouting &&
        ((named.channel !== null && named.channel !== owner.channel) ||
          (named.team !== null && named.team !== owner.team) ||
          (named.tier !== null && named.tier !== owner.tier) ||
          (named.agent !== null && owner.agent !== null && named.agent !== owner.agent));
      steps.push({ pos, before: owner, after, isHandoff });
      owner = after;
    }
    ownerAt.push(owner);
  }

  // Conversation outcome (needed by "abandoned after handoff").
  let lastResolve = -1;
  let lastReopen = -1;
  let hasAbandon = false;
  for (let pos = 0; pos < n; pos++) {
    const t = events[pos]!.event_type;
    if (t === 'resolve') lastResolve = pos;
    if (t === 'reopen') lastReopen = pos;
    if (t === 'abandon') hasAbandon = true;
  }
  const resolved = lastResolve >= 0 && lastReopen < lastResolve;
  const abandoned = hasAbandon || !resolved;
  const reopened = lastReopen >= 0;

  const handoffSteps = steps.filter((s) => s.isHandoff);
  const handoffs: RefHandoff[] = [];
  for (let j = 0; j < handoffSteps.length; j++) {
    const step = handoffSteps[j]!;
    const { before, after } = step;
    const p = step.pos;
    const e = events[p]!;
    const nextHandoffPos = j + 1 < handoffSteps.length ? handoffSteps[j + 1]!.pos : n;
    const isLast = j === handoffSteps.length - 1;

    // Kind.
    let kind: RefHandoffKind;
    // Choice: "new owner's agent is not a bot" holds when the new owner has no agent (moved to a queue).
    if (isBot(before.agent, bots) && !isBot(after.agent, bots)) kind = 'bot_to_human';
    else if (after.channel !== before.channel) kind = 'channel';
    else if (after.tier !== before.tier) kind = 'tier';
    else if (after.team !== before.team) kind = 'team';
    else if (after.agent !== before.agent) kind = 'agent';
    else throw new Error(`handoff without a changed field in ${conversationId} at position ${p}`);

    // Escalation. Choice: both the old and the new tier must have a number (no number → never an escalation).
    const oldTier = tierNumber(before.tier);
    const newTier = tierNumber(after.tier);
    const isEscalation = oldTier !== null && newTier !== null && newTier > oldTier;

    // Completion.
    let completed = false;
    let handoffTime: number | null = null;
    let pickedUpBy: string | null = null;
    if (implicit) {
      // The handoff is the new owner's own message; time since the previous outbound message.
      let prevOutbound: RefEvent | null = null;
      for (let i = p - 1; i >= 0; i--) {
        const candidate = events[i]!;
        if (isOutbound(candidate)) {
          prevOutbound = candidate;
          break;
        }
      }
      completed = true;
      pickedUpBy = after.agent;
      handoffTime = prevOutbound === null ? null : seconds(prevOutbound.ts, e.ts);
    } else {
      for (let i = p + 1; i < nextHandoffPos; i++) {
        const m = events[i]!;
        if (!isOutbound(m)) continue;
        const sender = senderOf(m);
        // Choice: a message with no agent_id (and not a bot message) is not "sent by the previous owner's agent".
        if (before.agent !== null && sender === before.agent) continue;
        // Owner at the moment of the message: after every ownership event ordered before it (pick-ups included).
        const current = ownerAt[i]!;
        if (current.agent !== null && sender !== null && sender !== current.agent) continue;
        // Choice: "bot message" = actor `bot`; "the new owner" = the owner right after the handoff event.
        if (m.actor === 'bot' && !isBot(after.agent, bots)) continue;
        completed = true;
        pickedUpBy = sender;
        handoffTime = seconds(e.ts, m.ts);
        break;
      }
    }

    // Success: completed and a resolve after the handoff, before the next handoff (not necessarily after the reply).
    let resolveBeforeNext = false;
    let abandonBeforeNext = false;
    for (let i = p + 1; i < nextHandoffPos; i++) {
      const t = events[i]!.event_type;
      if (t === 'resolve') resolveBeforeNext = true;
      if (t === 'abandon') abandonBeforeNext = true;
    }
    const success = completed && resolveBeforeNext;

    // Return: the new key owned the conversation after an earlier ownership event and is not the owner it leaves.
    const key = ownerKey(after);
    let ownedEarlier = false;
    for (const earlier of steps) {
      if (earlier.pos >= p) break;
      if (ownerKey(earlier.after) === key) ownedEarlier = true;
    }
    const isReturn = key !== null && ownedEarlier && ownerKey(before) !== key;

    const abandonedAfter = !completed && (abandonBeforeNext || (isLast && abandoned));

    handoffs.push({
      conversation_id: conversationId,
      handoff_no: j + 1,
      handoff_at: e.ts,
      from_channel: before.channel,
      from_team: before.team,
      from_tier: before.tier,
      from_agent: before.agent,
      to_channel: after.channel,
      to_team: after.team,
      to_tier: after.tier,
      to_agent: after.agent,
      picked_up_by: pickedUpBy,
      kind,
      is_escalation: isEscalation,
      implicit,
      completed,
      handoff_time_s: handoffTime,
      success,
      is_return: isReturn,
      abandoned_after: abandonedAfter,
    });
  }

  // First response: first customer message → first outbound message after it.
  let firstResponse: number | null = null;
  const firstCustomer = events.findIndex(isCustomerMessage);
  if (firstCustomer >= 0) {
    for (let i = firstCustomer + 1; i < n; i++) {
      const m = events[i]!;
      if (isOutbound(m)) {
        firstResponse = seconds(events[firstCustomer]!.ts, m.ts);
        break;
      }
    }
  }

  const resolution = resolved ? seconds(events[0]!.ts, events[lastResolve]!.ts) : null;

  // Choice: CSAT is the last non-null `csat` value in event order, on whatever event type carries it.
  let csat: number | null = null;
  for (const e of events) if (e.csat !== null) csat = e.csat;

  const channels = collapse(steps.map((s) => s.after.channel));
  const teams = collapse(steps.map((s) => s.after.team));
  const channelPath = channels.length > 0 ? channels.join(PATH_SEPARATOR) : (startChannel ?? NONE_PATH);
  const teamPath = teams.length > 0 ? teams.join(PATH_SEPARATOR) : NONE_PATH;

  const conversation: RefConversation = {
    conversation_id: conversationId,
    implicit,
    start_channel: startChannel,
    handoff_count: handoffs.length,
    return_count: handoffs.filter((h) => h.is_return).length,
    escalation_count: handoffs.filter((h) => h.is_escalation).length,
    resolved,
    abandoned,
    reopened,
    fcr: resolved && handoffs.length === 0 && !reopened,
    first_response_s: firstResponse,
    resolution_s: resolution,
    csat,
    channel_path: channelPath,
    team_path: teamPath,
    segment: firstValue(events, 'segment'),
    category: firstValue(events, 'category'),
    priority: firstValue(events, 'priority'),
  };
  return { handoffs, conversation };
}

/** Recounts handoffs and conversations from canonical events given in any order. */
export function referenceRecount(events: RefEvent[]): RefRecount {
  const bots = botAgentIds(events);
  const byConversation = new Map<string, RefEvent[]>();
  for (const e of events) {
    let list = byConversation.get(e.conversation_id);
    if (list === undefined) {
      list = [];
      byConversation.set(e.conversation_id, list);
    }
    list.push(e);
  }
  const ids = [...byConversation.keys()].sort(compareStrings);
  const handoffs: RefHandoff[] = [];
  const conversations: RefConversation[] = [];
  for (const id of ids) {
    const sorted = [...byConversation.get(id)!].sort(compareEvents);
    const result = recountConversation(id, sorted, bots);
    handoffs.push(...result.handoffs);
    conversations.push(result.conversation);
  }
  return { handoffs, conversations };
}
