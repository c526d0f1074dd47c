// Seeded generator of small adversarial event logs for checking the SQL engine against the reference recount.
import { EMPTY_FIELDS, type RefActor, type RefEvent, type RefEventType } from './events.js';

/** mulberry32: tiny, seedable, good enough for test data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [key, w] of entries) {
      if (r < w) return key;
      r -= w;
    }
    return entries[entries.length - 1]![0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }
}

const BASE_MS = Date.UTC(2024, 2, 4, 9, 0, 0);
const MINUTE = 60_000;

const HUMANS = ['ann', 'bob', 'cat', 'dan'] as const;
const BOTS = ['bot1', 'bot2'] as const;
// 'bob' is also an agent: team keys and agent keys must not collide in the return check.
const TEAMS = ['Billing', 'Tech', 'Sales', 'bob'] as const;
// Digits anywhere, no digits ('VIP'), and 'Tier 10' > 'L2' numerically but not as text.
const TIERS = ['L1', 'Tier 2', '3', 'VIP', 'L2', 'Tier 10'] as const;
const CHANNELS = ['chat', 'email', 'phone'] as const;
const SEGMENTS = ['smb', 'enterprise', 'consumer'] as const;
const CATEGORIES = ['billing', 'login', 'shipping', 'refund'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const TRANSFER_TYPES = ['warm', 'cold', 'escalation'] as const;
const REASONS = ['wrong team', 'needs specialist', 'shift end', 'customer asked'] as const;

type Draft = Omit<RefEvent, 'seq'>;
/** Owner fields an ownership event names (absent or null = not named). */
type Named = { channel?: string | null; team?: string | null; tier?: string | null; agent?: string | null };
type Fields = Partial<Omit<Draft, 'conversation_id' | 'ts' | 'event_type' | 'actor'>>;

/** Builds one conversation; keeps a rough idea of the owner only to steer towards interesting events. */
class Script {
  readonly drafts: Draft[] = [];
  private t: number;
  channel: string | null = null;
  team: string | null = null;
  tier: string | null = null;
  agent: string | null = null;
  previousAgent: string | null = null;
  readonly teamsSeen: string[] = [];
  readonly agentsSeen: string[] = [];

  constructor(
    private readonly rng: Rng,
    readonly id: string,
    start: number,
  ) {
    this.t = start;
  }

  /** Coarse clock: many ties, minute steps, now and then a sub-second step or a late (earlier) stamp. */
  private tick(): number {
    const r = this.rng.next();
    if (r < 0.35) return this.t;
    if (r < 0.75) this.t += MINUTE;
    else if (r < 0.9) this.t += (2 + this.rng.int(8)) * MINUTE;
    else if (r < 0.95) this.t += 1500;
    else if (r < 0.98) this.t += 30_000;
    else this.t -= MINUTE;
    return this.t;
  }

  add(eventType: RefEventType, actor: RefActor | null, fields: Fields = {}): void {
    this.drafts.push({
      conversation_id: this.id,
      ts: this.tick(),
      event_type: eventType,
      ...EMPTY_FIELDS,
      actor,
      ...fields,
    });
  }

  /** Rough owner update (the generator's belief only; the reference is the authority). */
  moveTo(named: Named) {
    const channel = named.channel ?? this.channel;
    const team = named.team ?? this.team;
    const tier = named.tier ?? this.tier;
    const moved = channel !== this.channel || team !== this.team || tier !== this.tier;
    const agent = named.agent ?? (moved ? null : this.agent);
    if (this.agent !== null && agent !== this.agent) this.previousAgent = this.agent;
    this.channel = channel;
    this.team = team;
    this.tier = tier;
    this.agent = agent;
    if (team !== null) this.teamsSeen.push(team);
    if (agent !== null) this.agentsSeen.push(agent);
  }
}

function maybe<T>(rng: Rng, p: number, v: T): T | null {
  return rng.chance(p) ? v : null;
}

function otherThan<T>(rng: Rng, items: readonly T[], current: T | null): T {
  const rest = items.filter((x) => x !== current);
  return rng.pick(rest.length > 0 ? rest : items);
}

function customerMessage(rng: Rng, s: Script): void {
  s.add('message', 'customer', { channel: maybe(rng, 0.6, s.channel ?? rng.pick(CHANNELS)) });
}

function botMessage(rng: Rng, s: Script): void {
  // A bot message with no agent_id is read as the agent id `bot`.
  s.add('message', 'bot', { agent_id: rng.pick([...BOTS, null]), channel: maybe(rng, 0.3, s.channel) });
}

/** Reply from the current owner (or whoever, when the slot is empty). */
function ownerReply(rng: Rng, s: Script): void {
  const agent = s.agent ?? rng.pick([...HUMANS, ...BOTS]);
  const isBot = (BOTS as readonly string[]).includes(agent);
  // Now and then a human sends one message as actor `bot`: bot-ness is global across the whole log.
  const actor: RefActor = isBot || (agent === 'dan' && rng.chance(0.03)) ? 'bot' : 'agent';
  s.add('message', actor, {
    agent_id: rng.chance(0.12) ? null : agent,
    channel: maybe(rng, 0.3, s.channel),
    team: maybe(rng, 0.2, s.team),
  });
}

/** Implicit conversations: every outbound message names its sender and maybe a team, tier, channel. */
function implicitReply(rng: Rng, s: Script, routing: boolean): void {
  const r = rng.next();
  let agent: string | null;
  if (routing || r < 0.55) agent = s.agent ?? rng.pick(HUMANS);
  else if (r < 0.8) agent = otherThan(rng, HUMANS, s.agent);
  else if (r < 0.9) agent = s.previousAgent ?? rng.pick(HUMANS);
  else agent = rng.pick(BOTS);
  const isBot = (BOTS as readonly string[]).includes(agent);
  const fields = {
    agent_id: rng.chance(0.08) ? null : agent,
    team: rng.chance(0.35) ? (rng.chance(0.7) && s.team !== null ? s.team : rng.pick(TEAMS)) : null,
    tier: rng.chance(0.2) ? rng.pick(TIERS) : null,
    channel: rng.chance(0.4)
      ? rng.chance(0.8)
        ? (s.channel ?? rng.pick(CHANNELS))
        : rng.pick(CHANNELS)
      : null,
  };
  s.add('message', isBot ? 'bot' : 'agent', fields);
  s.moveTo({ ...fields, agent: fields.agent_id ?? (isBot ? 'bot' : null) });
}

type AssignKind =
  | 'pickup'
  | 'repeat'
  | 'transfer'
  | 'tier'
  | 'channel'
  | 'bounce'
  | 'agent'
  | 'to_bot'
  | 'empty'
  | 'full';

function assign(rng: Rng, s: Script, kind: AssignKind): void {
  let named: Named = {};
  switch (kind) {
    case 'pickup':
      named = { agent: rng.pick(HUMANS) };
      break;
    case 'repeat':
      named = {
        channel: maybe(rng, 0.5, s.channel),
        team: maybe(rng, 0.7, s.team),
        tier: maybe(rng, 0.5, s.tier),
        agent: maybe(rng, 0.6, s.agent),
      };
      break;
    case 'transfer':
      named = {
        team: otherThan(rng, TEAMS, s.team),
        tier: maybe(rng, 0.5, rng.pick(TIERS)),
        agent: maybe(rng, 0.35, rng.pick(HUMANS)),
      };
      break;
    case 'tier':
      named = { tier: otherThan(rng, TIERS, s.tier), agent: maybe(rng, 0.2, rng.pick(HUMANS)) };
      break;
    case 'channel':
      named = { channel: otherThan(rng, CHANNELS, s.channel), agent: maybe(rng, 0.3, s.agent) };
      break;
    case 'bounce': {
      const earlier = s.teamsSeen.filter((t) => t !== s.team);
      if (earlier.length > 0) named = { team: rng.pick(earlier) };
      else {
        const agents = s.agentsSeen.filter((a) => a !== s.agent);
        named = agents.length > 0 ? { agent: rng.pick(agents) } : { team: rng.pick(TEAMS) };
      }
      break;
    }
    case 'agent':
      named = { agent: otherThan(rng, [...HUMANS, 'bot2'], s.agent) };
      break;
    case 'to_bot':
      named = { agent: rng.pick(BOTS), team: maybe(rng, 0.3, rng.pick(TEAMS)) };
      break;
    case 'empty':
      named = {};
      break;
    case 'full':
      named = {
        channel: rng.pick(CHANNELS),
        team: rng.pick(TEAMS),
        tier: rng.pick(TIERS),
        agent: rng.pick([...HUMANS, ...BOTS]),
      };
      break;
  }
  s.add('assign', rng.pick<RefActor | null>([null, 'system', 'agent']), {
    channel: named.channel ?? null,
    team: named.team ?? null,
    tier: named.tier ?? null,
    agent_id: named.agent ?? null,
    transfer_type: maybe(rng, 0.3, rng.pick(TRANSFER_TYPES)),
    reason: maybe(rng, 0.25, rng.pick(REASONS)),
  });
  s.moveTo(named);
}

function generateConversation(rng: Rng, id: string): Draft[] {
  const s = new Script(rng, id, BASE_MS + rng.int(90) * MINUTE);
  const implicit = rng.chance(0.3);
  s.channel = rng.chance(0.85) ? rng.pick(CHANNELS) : null;

  // Opening.
  const opening = rng.weighted({ customer: 70, botFirst: 15, silent: 8, noteFirst: 7 });
  if (opening === 'botFirst') {
    botMessage(rng, s);
    if (rng.chance(0.7)) customerMessage(rng, s);
  } else if (opening === 'noteFirst') {
    s.add('note', 'system', { channel: maybe(rng, 0.5, s.channel) });
  } else if (opening === 'customer') {
    customerMessage(rng, s);
  }

  // Routing.
  if (implicit) {
    if (rng.chance(0.9)) implicitReply(rng, s, true);
  } else {
    assign(rng, s, rng.weighted({ transfer: 40, full: 20, to_bot: 15, pickup: 10, empty: 5, channel: 10 }));
  }

  const steps = 1 + rng.int(12);
  for (let k = 0; k < steps; k++) {
    const action = rng.weighted({
      customer: 18,
      reply: 20,
      goodbye: 6,
      bot: 6,
      handover: implicit ? 12 : 26,
      note: 5,
      resolve: 6,
      reopen: 4,
      abandon: 3,
      csat: 3,
    });
    switch (action) {
      case 'customer':
        customerMessage(rng, s);
        break;
      case 'reply':
        if (implicit) implicitReply(rng, s, false);
        else ownerReply(rng, s);
        break;
      case 'goodbye':
        if (s.previousAgent !== null) {
          s.add('message', (BOTS as readonly string[]).includes(s.previousAgent) ? 'bot' : 'agent', {
            agent_id: s.previousAgent,
          });
        } else ownerReply(rng, s);
        break;
      case 'bot':
        botMessage(rng, s);
        break;
      case 'handover':
        if (implicit) implicitReply(rng, s, false);
        else
          assign(
            rng,
            s,
            rng.weighted({
              pickup: 18,
              repeat: 14,
              transfer: 20,
              tier: 12,
              channel: 8,
              bounce: 12,
              agent: 10,
              to_bot: 4,
              empty: 2,
            }),
          );
        break;
      case 'note':
        s.add('note', rng.pick<RefActor | null>(['agent', 'system', null]), {
          agent_id: maybe(rng, 0.5, s.agent),
        });
        break;
      case 'resolve':
        s.add('resolve', rng.pick<RefActor | null>(['agent', 'system', null]), {
          agent_id: maybe(rng, 0.4, s.agent),
        });
        break;
      case 'reopen':
        s.add('reopen', rng.pick<RefActor | null>(['customer', 'system']));
        break;
      case 'abandon':
        s.add('abandon', rng.pick<RefActor | null>(['customer', 'system', null]));
        break;
      case 'csat':
        s.add('csat', 'customer', { csat: 1 + rng.int(5) });
        break;
    }
  }

  // Ending: resolved (maybe rated, maybe reopened), abandoned, or left open.
  const ending = rng.weighted({ resolve: 50, abandon: 20, open: 20, reopened: 10 });
  if (ending === 'resolve' || ending === 'reopened') {
    s.add('resolve', 'agent', { agent_id: s.agent });
    if (rng.chance(0.5)) s.add('csat', 'customer', { csat: 1 + rng.int(5) });
    if (ending === 'reopened') s.add('reopen', 'customer');
  } else if (ending === 'abandon') {
    s.add('abandon', rng.pick<RefActor | null>(['customer', 'system']));
  }

  // Attributes: absent, on the first event, or on a later one; sometimes a second, conflicting value.
  for (const [field, values] of [
    ['segment', SEGMENTS],
    ['category', CATEGORIES],
    ['priority', PRIORITIES],
  ] as const) {
    const where = rng.weighted({ none: 30, first: 40, later: 30 });
    if (where === 'none' || s.drafts.length === 0) continue;
    const at = where === 'first' ? 0 : rng.int(s.drafts.length);
    s.drafts[at]![field] = rng.pick(values);
    if (rng.chance(0.25)) s.drafts[rng.int(s.drafts.length)]![field] = rng.pick(values);
  }
  return s.drafts;
}

/**
 * A seeded log of `conversations` small adversarial conversations, in shuffled order. `seq` is a random
 * permutation of 1..N, so read order says nothing about time: the consumer must sort.
 */
export function randomLog(seed: number, conversations: number): RefEvent[] {
  const rng = new Rng(seed);
  const drafts: Draft[] = [];
  const width = String(Math.max(conversations - 1, 0)).length;
  for (let i = 0; i < conversations; i++) {
    drafts.push(...generateConversation(rng, `c${String(i).padStart(width, '0')}`));
  }
  const seqs = rng.shuffle(drafts.map((_, i) => i + 1));
  const events = drafts.map((d, i): RefEvent => ({ ...d, seq: seqs[i]! }));
  return rng.shuffle(events);
}

export const CSV_HEADER =
  'event_id,conversation_id,timestamp,event_type,actor,agent_id,team,tier,channel,text,csat,customer_id,segment,category,priority,reason,transfer_type';

export interface CsvOptions {
  /** Write some assigns as `transfer` and some resolves as `close` (the importer's aliases). Default true. */
  aliases?: boolean;
}

/** RFC 4180 field: quoted when it holds a quote, comma, line break or edge whitespace. */
export function csvField(v: string): string {
  if (/[",\r\n]/.test(v) || v !== v.trim()) return '"' + v.replace(/"/g, '""') + '"';
  return v;
}

function eventTypeText(e: RefEvent, aliases: boolean): string {
  if (aliases && e.event_type === 'assign' && e.transfer_type !== null) return 'transfer';
  if (aliases && e.event_type === 'resolve' && e.seq % 2 === 0) return 'close';
  return e.event_type;
}

function messageText(e: RefEvent): string {
  if (e.event_type !== 'message' && e.event_type !== 'note') return '';
  // Commas and quotes on purpose: the importer must honour CSV quoting.
  return `${e.event_type} #${e.seq}, from "${e.agent_id ?? e.actor ?? 'someone'}"`;
}

/** The generic CSV format, rows in ascending `seq` (file read order = seq), `event_id` = `e${seq}`. */
export function toCsv(events: RefEvent[], options: CsvOptions = {}): string {
  const aliases = options.aliases ?? true;
  const rows = [...events].sort((a, b) => a.seq - b.seq);
  const lines = [CSV_HEADER];
  for (const e of rows) {
    const cells: (string | null)[] = [
      `e${e.seq}`,
      e.conversation_id,
      new Date(e.ts).toISOString(),
      eventTypeText(e, aliases),
      e.actor,
      e.agent_id,
      e.team,
      e.tier,
      e.channel,
      messageText(e),
      e.csat === null ? null : String(e.csat),
      e.event_type === 'message' && e.actor === 'customer' ? `u-${e.conversation_id}` : null,
      e.segment,
      e.category,
      e.priority,
      e.reason,
      e.transfer_type,
    ];
    lines.push(cells.map((c) => csvField(c ?? '')).join(','));
  }
  return lines.join('\n') + '\n';
}
