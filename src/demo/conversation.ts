// Simulates one support conversation from first contact to resolution or abandonment, as generic-format events.
import {
  agentsOnShift,
  formatTimestamp,
  isBusinessTime,
  nextShiftStart,
  onShift,
  shiftEnd,
  teamAvailableFrom,
  teamClosesAt,
} from './calendar.js';
import { CLEAN_CHANNELS, CLEAN_TEAM_NAMES, cleanProfile, cleanTeam, nextInRing } from './clean.js';
import type { DemoEvent } from './generate.js';
import { type Behaviour, CLEAN, DEFAULT_BEHAVIOUR, PLANTS, type PlantedPattern } from './plant.js';
import { Random } from './random.js';
import {
  type Agent,
  BOT,
  BUSINESS_HOURS,
  CATEGORIES,
  type Category,
  CHANNELS,
  type ChannelName,
  type ChannelProfile,
  channelByName,
  PRIORITY_WAIT_FACTOR,
  type PriorityName,
  SEGMENTS,
  type SegmentName,
  TEAMS,
  type Team,
  type TeamName,
  teamByName,
} from './scenario.js';
import { asEmail, fill, ISSUES, type IssueScript, issueSlots, PHRASES, VOCABULARY } from './texts.js';

const MINUTE = 60;
const HOUR = 3600;
/** Past this many handoffs somebody just fixes it: keeps the tail of long conversations realistic. */
const MAX_HANDOFFS = 5;
/** Customer streams start here so they never collide with conversation streams (1, 2, 3, ...). */
const CUSTOMER_STREAM = 0x80000000;

type EventFields = Partial<Omit<DemoEvent, 'event_id' | 'conversation_id' | 'timestamp' | 'event_type'>>;

interface Owner {
  channel: ChannelName;
  team: string;
  tier: string;
  agent: string;
}

/** How the current owner got the conversation: decides how they open and how much the customer repeats. */
interface Arrival {
  via: 'routing' | 'bot' | 'team' | 'bounce' | 'channel' | 'shift';
  warm: boolean;
  previous?: Agent;
  fromTeam?: string;
}

/** What an owner does instead of resolving. */
interface HandoffPlan {
  kind: 'team' | 'bounce' | 'channel' | 'shift';
  team: TeamName;
  channel: ChannelName;
  reason: string;
  colleague?: Agent;
}

type Outcome = 'resolved' | 'abandoned';

export interface Customer {
  readonly id: string;
  readonly segment: SegmentName;
  readonly name: string;
  readonly company: string;
}

/** A customer's profile depends only on the seed and their number, so repeat contacts agree on it. */
export function customerProfile(seed: number, index: number): Customer {
  const random = new Random(seed, CUSTOMER_STREAM + index);
  return {
    id: 'CU' + String(index + 1).padStart(6, '0'),
    segment: random.weighted(SEGMENTS.shares),
    name: random.pick(VOCABULARY.firstNames),
    company: random.pick(VOCABULARY.companies),
  };
}

const AGENTS: ReadonlyMap<string, Agent> = new Map(
  TEAMS.flatMap((team) => team.agents.map((a) => [a.id, a])),
);

function agentById(id: string): Agent {
  const agent = AGENTS.get(id);
  if (!agent) throw new RangeError(`unknown agent ${id}`);
  return agent;
}

function tierNumber(tier: string): number {
  const digits = /\d+/.exec(tier);
  return digits ? Number(digits[0]) : Number.NaN;
}

export class ConversationSim {
  private readonly random: Random;
  private readonly events: DemoEvent[] = [];
  private last = Number.NEGATIVE_INFINITY;
  private t: number;
  private owner: Owner;
  private channel: ChannelProfile;
  private readonly category: Category;
  private readonly issue: IssueScript;
  private readonly priority: PriorityName;
  private readonly slots: Record<string, string>;
  private handoffs = 0;
  private cold = 0;
  private repeats = 0;
  private reAsks = 0;
  private reopened = false;
  /** Human owners so far (each pick-up or named receiver counts once). */
  private humanOwners = 0;
  private resolvedByBot = false;
  /** The diagnostic question has been asked once; later owners asking again is a re-ask, counted apart. */
  private asked = false;
  /** Teams that have owned the conversation, routing included (the clean ring never goes back to one). */
  private readonly owned = new Set<string>();
  /** Planted delay factor for the handoff just made: its queue wait and first reply take this much longer. */
  private slowdown = 1;

  constructor(
    seed: number,
    stream: number,
    private readonly id: string,
    private readonly start: number,
    private readonly customer: Customer,
    private readonly behaviour: Behaviour = DEFAULT_BEHAVIOUR,
  ) {
    this.random = new Random(seed, stream);
    this.t = start;
    const business = isBusinessTime(start);
    this.channel = this.profile(
      this.random.weighted(CHANNELS.map((c) => [c, business ? c.share.business : c.share.offHours] as const))
        .name,
    );
    this.owner = { channel: this.channel.name, team: '', tier: '', agent: '' };
    this.category = this.random.weighted(CATEGORIES.map((c) => [c, c.share] as const));
    const category = this.category.name;
    this.issue = this.random.pick(ISSUES.filter((issue) => issue.category === category));
    this.priority = this.random.weighted(SEGMENTS.priorities[customer.segment]);
    this.slots = issueSlots(this.random, customer.name, customer.company);
    this.slots.topic = fill(this.issue.topic, this.slots);
  }

  /** Every event of the conversation, in time order. */
  run(): DemoEvent[] {
    let next: Arrival | Outcome;
    if (this.channel.botFrontDoor) {
      next = this.botFrontDoor();
    } else {
      const clean = this.behaviour.clean;
      if (clean || this.channel.name === 'email') this.customerSays(this.issue.opening, this.start);
      const team = this.team(this.route());
      // A call is routed as it comes in; an email waits for the routing rules to run.
      const routedAt = this.channel.name === 'phone' && !clean ? this.start : this.t + this.random.int(2, 90);
      this.assign(team, '', routedAt);
      next = { via: 'routing', warm: false };
    }
    if (typeof next !== 'string') next = this.humanLoop(next);
    if (next === 'resolved') this.afterResolution();
    return this.events;
  }

  // ---- behaviour switches (plant.ts) ---------------------------------------------------------------------

  private planted(pattern: PlantedPattern): boolean {
    return this.behaviour.plants.has(pattern);
  }

  private profile(name: ChannelName): ChannelProfile {
    return this.behaviour.clean ? cleanProfile(name) : channelByName(name);
  }

  private team(name: string): Team {
    return this.behaviour.clean ? cleanTeam(name) : teamByName(name);
  }

  private agent(id: string): Agent {
    return this.behaviour.clean
      ? cleanTeam(agentById(id).team).agents.find((a) => a.id === id)!
      : agentById(id);
  }

  /** The first human team: the category's routing, uniform when clean, and the planted misrouting. */
  private route(): string {
    const misroute = PLANTS.misrouting;
    if (
      this.planted('misrouting') &&
      this.category.name === misroute.category &&
      this.random.bernoulli(misroute.routedShare)
    ) {
      return misroute.team;
    }
    return this.behaviour.clean
      ? this.random.pick(CLEAN_TEAM_NAMES)
      : this.random.weighted(this.category.routing);
  }

  // ---- events -------------------------------------------------------------------------------------------

  /** Appends an event no earlier than one second after the previous one, so no two events tie. */
  private emit(type: string, at: number, fields: EventFields = {}): number {
    const ts = Math.max(Math.round(at), this.last + 1);
    this.last = ts;
    this.t = ts;
    const first = this.events.length === 0;
    this.events.push({
      event_id: `${this.id}-${this.events.length + 1}`,
      conversation_id: this.id,
      timestamp: formatTimestamp(ts),
      event_type: type,
      actor: fields.actor ?? '',
      agent_id: fields.agent_id ?? '',
      team: fields.team ?? '',
      tier: fields.tier ?? '',
      channel: fields.channel ?? '',
      text: fields.text ?? '',
      csat: fields.csat ?? '',
      customer_id: first ? this.customer.id : '',
      segment: first ? this.customer.segment : '',
      category: first ? this.category.name : '',
      priority: first ? this.priority : '',
      reason: fields.reason ?? '',
      transfer_type: fields.transfer_type ?? '',
    });
    return ts;
  }

  private text(template: string, extra?: Readonly<Record<string, string>>): string {
    return extra ? fill(template, extra, this.slots) : fill(template, this.slots);
  }

  /** Slots are filled here, so callers pass templates; all the channel decides is how a message is wrapped. */
  private customerSays(template: string, at = this.t + this.customerDelay()): void {
    const body = this.text(template);
    const text =
      this.owner.channel === 'email' ? asEmail(body, 'Hello,', `Thanks,\n${this.slots.name}`) : body;
    this.emit('message', at, { actor: 'customer', channel: this.owner.channel, text });
  }

  private agentSays(agent: Agent, template: string, at: number, greet = false): void {
    const team = teamByName(agent.team);
    const body = this.text(template, { agent: agent.name, team: team.label });
    let text = body;
    if (this.owner.channel === 'email') {
      text = asEmail(body, `Hi ${this.slots.name},`, `Best regards,\n${agent.name}\n${team.label} team`);
    } else if (greet) {
      text = `Hi ${this.slots.name}! ${body}`;
    }
    this.emit('message', at, {
      actor: 'agent',
      agent_id: agent.id,
      team: team.name,
      tier: team.tier,
      channel: this.owner.channel,
      text,
    });
  }

  private botSays(template: string, at: number): void {
    const body = this.text(template);
    this.emit('message', at, {
      actor: 'bot',
      agent_id: BOT.id,
      team: BOT.team,
      tier: BOT.tier,
      channel: this.owner.channel,
      text: body,
    });
  }

  private assign(team: Team, agent: string, at: number): void {
    this.owner = { channel: this.owner.channel, team: team.name, tier: team.tier, agent };
    this.owned.add(team.name);
    this.emit('assign', at, {
      agent_id: agent,
      team: team.name,
      tier: team.tier,
      channel: this.owner.channel,
    });
  }

  // ---- timing -------------------------------------------------------------------------------------------

  /** Messaging conversations close themselves after this long without a customer reply; 0 = never. */
  private idleClose(): number {
    const median = this.channel.idleCloseSeconds;
    return median > 0 ? this.random.lognormal(median, 0.3) : 0;
  }

  private customerDelay(): number {
    return Math.max(3, this.random.lognormal(this.channel.customerReplySeconds, 0.7));
  }

  /** When the agent can next send something; past the end of their shift it waits for the next one. */
  private agentTime(
    agent: Agent,
    median = this.channel.agentReplySeconds,
  ): { at: number; deferred: boolean } {
    const at = this.t + Math.max(3, this.random.lognormal(median, 0.7));
    if (onShift(agent.shift, at)) return { at, deferred: false };
    return { at: nextShiftStart(agent.shift, at) + this.random.lognormal(15 * MINUTE, 0.6), deferred: true };
  }

  // ---- the bot front door -------------------------------------------------------------------------------

  private botFrontDoor(): Arrival | Outcome {
    this.customerSays(this.issue.opening, this.start);
    this.owner = { channel: this.owner.channel, team: BOT.team, tier: BOT.tier, agent: BOT.id };
    this.emit('assign', this.t + this.random.int(1, 3), {
      agent_id: BOT.id,
      team: BOT.team,
      tier: BOT.tier,
      channel: this.owner.channel,
    });
    const answer = fill(this.issue.botAnswer, this.slots);
    this.botSays(
      this.text(this.random.pick(PHRASES.botGreeting), { answer }),
      this.t + this.random.int(2, 6),
    );

    if (this.random.bernoulli(0.04)) {
      // The customer reads the answer and never comes back.
      this.emit('abandon', this.t + this.random.lognormal(20 * MINUTE, 0.8));
      return 'abandoned';
    }
    if (this.random.bernoulli(this.category.botResolveRate)) {
      this.resolvedByBot = true;
      if (this.random.bernoulli(0.6)) {
        // No reply: the answer is assumed to have worked once the conversation has been idle for a while.
        this.emit('close', this.t + this.idleClose(), { agent_id: BOT.id, team: BOT.team });
        return 'resolved';
      }
      // The customer goes and tries the suggestion before confirming.
      this.customerSays(this.random.pick(PHRASES.botYes), this.t + 3 * this.customerDelay());
      if (this.random.bernoulli(0.8))
        this.botSays(this.random.pick(PHRASES.botBye), this.t + this.random.int(1, 4));
      this.emit('resolve', this.t + this.random.int(1, 60), { agent_id: BOT.id, team: BOT.team });
      return 'resolved';
    }

    const no = this.random.pick(PHRASES.botNo);
    this.customerSays(no);
    if (this.random.bernoulli(0.35)) this.customerSays(this.issue.detail);
    const team = teamByName(this.random.weighted(this.category.routing));
    const staffed = agentsOnShift(team, this.t).length > 0;
    const wait = staffed
      ? this.random.pick(PHRASES.botExpected)
      : fill(this.random.pick(PHRASES.botOffline), { hours: BUSINESS_HOURS.label });
    this.botSays(
      fill(this.random.pick(PHRASES.botHandoff), { team: team.label }) + wait,
      this.t + this.random.int(1, 4),
    );
    // Some bots pass a summary along: the bot's version of a warm transfer.
    const warm = this.random.bernoulli(0.3);
    if (warm) {
      this.emit('note', this.t + 1, {
        actor: 'bot',
        agent_id: BOT.id,
        team: BOT.team,
        tier: BOT.tier,
        channel: this.owner.channel,
        text: this.text(this.random.pick(PHRASES.botNote)),
      });
    }
    this.transfer(team, '', this.owner.channel, this.t + this.random.int(1, 3), {
      reason: no.includes('person') || no.includes('human') ? 'customer_requested_human' : 'bot_escalation',
      transfer_type: warm ? 'warm' : 'cold',
    });
    return { via: 'bot', warm, fromTeam: BOT.team };
  }

  private transfer(team: Team, agent: string, channel: ChannelName, at: number, fields: EventFields): void {
    const fromChannel = this.owner.channel;
    this.owner = { channel, team: team.name, tier: team.tier, agent };
    this.owned.add(team.name);
    this.channel = this.profile(channel);
    this.handoffs++;
    if (fields.transfer_type === 'cold') this.cold++;
    const ts = this.emit('transfer', at, {
      ...fields,
      agent_id: agent,
      team: team.name,
      tier: team.tier,
      channel,
    });
    const slow = PLANTS.slowChannel;
    this.slowdown = 1;
    if (this.planted('slow-channel') && fromChannel === slow.from && channel === slow.to)
      this.slowdown *= slow.factor;
    if (this.planted('out-of-hours') && !isBusinessTime(ts)) this.slowdown *= PLANTS.outOfHours.factor;
  }

  // ---- human teams --------------------------------------------------------------------------------------

  private humanLoop(first: Arrival): Outcome {
    let arrival = first;
    for (;;) {
      if (this.coldDrop(arrival)) return 'abandoned';
      const agent = this.owner.agent ? this.agent(this.owner.agent) : this.pickUp(arrival);
      if (!agent) return 'abandoned';
      this.humanOwners++;
      this.introduce(agent, arrival);
      const outcome = this.work(agent, arrival);
      if (typeof outcome === 'string') return outcome;
      arrival = this.handOff(agent, outcome);
    }
  }

  /** Planted: after a cold transfer the customer sometimes gives up before anyone picks it up. */
  private coldDrop(arrival: Arrival): boolean {
    if (!this.planted('cold-transfers') || arrival.via === 'routing' || arrival.warm) return false;
    if (!this.random.bernoulli(PLANTS.coldTransfers.abandon)) return false;
    this.emit('abandon', this.t + this.random.lognormal(10 * MINUTE, 0.6));
    return true;
  }

  /** Waits in the team queue until an agent picks the conversation up, or the customer gives up. */
  private pickUp(arrival: Arrival): Agent | undefined {
    const clean = this.behaviour.clean;
    const team = this.team(this.owner.team);
    const except = arrival.previous?.id ?? '';
    const median =
      this.channel.pickupSeconds *
      team.pickupFactor *
      PRIORITY_WAIT_FACTOR[this.priority] *
      (arrival.warm && !clean ? 0.4 : 1) *
      this.slowdown;
    let wait = this.random.lognormal(median, 0.8);
    const from = this.t;
    let at: number;
    let closed = false;
    const opens = teamAvailableFrom(team, from, except);
    if (opens > from) {
      closed = true;
      // Nobody is working: the queue waits for the next shift, behind what piled up overnight.
      at = opens + wait + this.random.lognormal(20 * MINUTE, 0.7);
    } else {
      // The last hour of the last shift is thin: people wrap up instead of taking new work.
      if (!clean && teamClosesAt(team, from) - from < 45 * MINUTE) wait *= this.random.uniform(2, 4);
      at = from + wait;
      if (agentsOnShift(team, at, except).length === 0) {
        closed = true;
        at = teamAvailableFrom(team, at, except) + wait * 0.5 + this.random.lognormal(20 * MINUTE, 0.7);
      }
    }
    const waited = at - from;
    const chatty = !clean && (this.channel.name === 'chat' || this.channel.name === 'social');
    if (this.random.bernoulli(this.abandonChance(arrival, waited, closed))) {
      const gone = from + waited * this.random.uniform(0.2, 0.9);
      if (chatty && this.random.bernoulli(0.45)) {
        this.customerSays(
          this.random.pick(PHRASES.waiting),
          from + (gone - from) * this.random.uniform(0.3, 0.8),
        );
      }
      this.emit('abandon', gone);
      return undefined;
    }
    if (chatty && waited > 10 * MINUTE && this.random.bernoulli(0.3)) {
      this.customerSays(this.random.pick(PHRASES.waiting), from + waited * this.random.uniform(0.2, 0.7));
    }
    const candidates = agentsOnShift(team, at, except);
    const agent = this.random.pick(
      candidates.length > 0 ? candidates : team.agents.filter((a) => a.id !== except),
    );
    this.assign(team, agent.id, at);
    return agent;
  }

  /**
   * A caller on hold hangs up after a while. A call that cannot be answered before the team goes home becomes
   * a callback, as does a switch to phone: the customer is not holding, so email patience applies.
   */
  private abandonChance(arrival: Arrival, waited: number, callback: boolean): number {
    if (this.behaviour.clean) {
      const { maxShare, scaleSeconds } = this.channel.patience;
      return maxShare * (1 - Math.exp(-waited / scaleSeconds));
    }
    const holding = this.channel.name === 'phone' && arrival.via !== 'channel' && !callback;
    if (holding && waited > 45 * MINUTE) return 0.97;
    const patience =
      this.channel.name === 'phone' && !holding ? channelByName('email').patience : this.channel.patience;
    return patience.maxShare * (1 - Math.exp(-waited / patience.scaleSeconds));
  }

  /** The new owner's first words, and the customer's reply: where cold handoffs make people repeat themselves. */
  private introduce(agent: Agent, arrival: Arrival): void {
    const team = this.team(agent.team);
    const names = { agent: agent.name, team: team.label, previous: arrival.previous?.name ?? 'my colleague' };
    const first = this.agentTime(agent, this.channel.agentReplySeconds * 0.4 * this.slowdown);
    this.slowdown = 1;
    const say = (phrases: readonly string[]) =>
      this.agentSays(agent, this.text(this.random.pick(phrases), names), first.at, true);

    if (this.behaviour.clean && arrival.via !== 'routing') {
      // Clean: every new owner opens alike; only the planted cold transfers make customers repeat more.
      say(arrival.warm ? PHRASES.warmIntro : PHRASES.coldIntro);
      const coldPlant = this.planted('cold-transfers') && !arrival.warm;
      if (this.random.bernoulli(coldPlant ? PLANTS.coldTransfers.repeat : CLEAN.repeat)) this.repeat(arrival);
      else this.customerSays('OK, thanks.');
      return;
    }
    if (arrival.via === 'routing') {
      if (this.channel.name === 'phone' && !this.behaviour.clean) {
        this.agentSays(
          agent,
          this.text(this.random.pick(PHRASES.phoneGreeting), names),
          this.t + this.random.int(2, 5),
        );
        this.customerSays(this.text(this.issue.opening));
        if (this.random.bernoulli(0.6)) this.customerSays(this.text(this.issue.detail));
        return;
      }
      this.asked = true;
      const body = this.text(this.random.pick(PHRASES.firstReply), names) + ' ' + this.issue.question;
      this.agentSays(agent, body, first.at, true);
      this.customerSays(this.text(this.issue.answer));
      return;
    }
    if (arrival.warm && arrival.via !== 'channel') {
      say(arrival.via === 'bot' ? PHRASES.botIntro : PHRASES.warmIntro);
      if (this.random.bernoulli(0.12)) this.repeat(arrival);
      else this.customerSays(this.random.bernoulli(0.5) ? 'Great, thanks.' : this.text(this.issue.detail));
      return;
    }

    let generic: boolean;
    if (arrival.via === 'bounce') {
      say(PHRASES.bounceIntro);
      generic = false;
    } else if (arrival.via === 'channel') {
      say(this.channel.name === 'phone' ? PHRASES.phoneCallback : PHRASES.emailFollowUp);
      if (arrival.warm) {
        if (this.random.bernoulli(0.12)) this.repeat(arrival);
        else this.customerSays(this.issue.detail);
        return;
      }
      generic = false;
    } else if (arrival.via === 'bot' && this.random.bernoulli(0.5)) {
      say(PHRASES.botIntro);
      generic = false;
    } else if (this.random.bernoulli(0.5)) {
      say([`${this.random.pick(PHRASES.reviewIntro)} ${this.random.pick(PHRASES.reviewCase)}`]);
      generic = false;
    } else {
      say(PHRASES.coldIntro);
      generic = true;
    }

    if (this.random.bernoulli(arrival.via === 'bot' ? 0.3 : 0.4)) {
      // Asking for what the customer already gave: the cost of a transfer without context. Before anyone
      // asked for details, all they gave was the problem itself.
      const [question, answer] = this.asked ? this.random.pick(PHRASES.reAsk) : PHRASES.reAskProblem;
      this.reAsks++;
      this.agentSays(agent, question, this.agentTime(agent, 30).at);
      if (answer) this.customerSays(this.text(answer));
      else this.repeat(arrival);
      return;
    }
    if (
      this.planted('cold-transfers') &&
      !arrival.warm &&
      this.random.bernoulli(PLANTS.coldTransfers.repeat)
    ) {
      this.repeat(arrival);
    } else if (this.random.bernoulli(generic ? 0.8 : 0.35)) this.repeat(arrival);
    else this.customerSays(this.random.bernoulli(0.5) ? 'OK, thanks.' : this.text(this.issue.detail));
  }

  private repeat(arrival: Arrival): void {
    this.repeats++;
    const prefixes =
      this.repeats >= 3
        ? PHRASES.repeatPrefixFed
        : arrival.via === 'bot'
          ? PHRASES.repeatPrefixAfterBot
          : PHRASES.repeatPrefix;
    this.customerSays(this.random.pick(prefixes) + this.text(this.issue.recap) + '.');
  }

  /** Back and forth with the customer, then the owner resolves or hands off. */
  private work(agent: Agent, arrival: Arrival): Outcome | HandoffPlan {
    const turns = this.turns(arrival);
    for (let turn = 0; turn < turns; turn++) {
      const reply = this.agentTime(agent);
      if (
        reply.deferred &&
        this.endingShift(agent) &&
        this.handoffs < MAX_HANDOFFS &&
        this.random.bernoulli(0.5)
      ) {
        const colleagues = agentsOnShift(teamByName(agent.team), this.t, agent.id);
        if (colleagues.length > 0) {
          return {
            kind: 'shift',
            team: agent.team,
            channel: this.owner.channel,
            reason: 'shift_end',
            colleague: this.random.pick(colleagues),
          };
        }
      }
      const asking = turn === 0 && !this.asked;
      if (asking) this.asked = true;
      const email = this.channel.name === 'email';
      const update = this.random.pick(email ? PHRASES.workingEmail : PHRASES.working);
      this.agentSays(agent, asking ? this.issue.question : update, reply.at);
      const ack = this.random.pick(email ? PHRASES.customerAckEmail : PHRASES.customerAck);
      // A status update does not always get an answer.
      if (asking || this.random.bernoulli(0.6)) this.customerSays(asking ? this.issue.answer : ack);
      const messaging =
        this.behaviour.clean || this.channel.name === 'chat' || this.channel.name === 'social';
      if (messaging && this.random.bernoulli(0.012)) {
        this.emit('abandon', this.t + this.random.lognormal(30 * MINUTE, 0.8));
        return 'abandoned';
      }
    }
    const plan = this.decide(arrival);
    if (plan) return plan;
    this.agentSays(agent, this.text(this.issue.fix), this.agentTime(agent).at);
    const idle = this.idleClose();
    if (idle > 0 && this.random.bernoulli(0.4)) {
      // The customer never confirms: the conversation closes itself after the idle timeout.
      this.emit('close', this.t + idle);
      return 'resolved';
    }
    if (this.random.bernoulli(0.65)) this.customerSays(this.random.pick(PHRASES.thanks));
    if (this.random.bernoulli(0.25))
      this.agentSays(agent, this.random.pick(PHRASES.agentClose), this.agentTime(agent, 30).at);
    const close = this.random.bernoulli(this.channel.name === 'email' ? 0.25 : 0.05);
    this.emit(close ? 'close' : 'resolve', this.t + this.random.int(5, 120), {
      agent_id: agent.id,
      team: agent.team,
    });
    return 'resolved';
  }

  /** The agent is at work but leaves within the hour: the moment for a shift handover. */
  private endingShift(agent: Agent): boolean {
    return onShift(agent.shift, this.t) && shiftEnd(agent.shift, this.t) - this.t < HOUR;
  }

  /**
   * Exchanges before the owner acts. The first human does the diagnosis; later owners mostly apply a fix to
   * what is already known, more so after a warm handoff. Emails carry more per message, so fewer go back and forth.
   */
  private turns(arrival: Arrival): number {
    const r = this.random;
    const first = this.humanOwners === 1;
    if (this.channel.name === 'email' && !this.behaviour.clean)
      return r.bernoulli(first ? 0.5 : 0.25) ? 1 : 0;
    if (first) return 1 + (r.bernoulli(0.55) ? 1 : 0) + (r.bernoulli(0.15) ? 1 : 0);
    return r.bernoulli(arrival.warm && !this.behaviour.clean ? 0.3 : 0.6) ? 1 : 0;
  }

  /** Resolve here (undefined) or pass it on: channel switches, bounces back, escalations, wrong teams. */
  private decide(arrival: Arrival): HandoffPlan | undefined {
    if (this.handoffs >= MAX_HANDOFFS) return undefined;
    const here = this.owner.team as TeamName;
    const channel = this.owner.channel;
    const r = this.random;
    const ping = PLANTS.pingPong;
    if (
      this.planted('ping-pong') &&
      here === ping.to &&
      arrival.fromTeam === ping.from &&
      arrival.via === 'team' &&
      r.bernoulli(ping.sendBack)
    ) {
      return { kind: 'bounce', team: ping.from, channel, reason: 'wrong_team' };
    }
    if (this.behaviour.clean) return this.decideClean(here, channel);
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
    const resolveHere = Math.max(this.resolveChance(here, 0.08), arrival.via === 'bounce' ? 0.5 : 0);
    if (r.bernoulli(resolveHere)) return undefined;
    const next = this.category.next[here];
    const up = tierNumber(teamByName(next).tier) > tierNumber(teamByName(here).tier);
    const down = tierNumber(teamByName(next).tier) < tierNumber(teamByName(here).tier);
    const reason =
      this.category.name === 'billing' && next === 'Accounts L2'
        ? 'refund_approval'
        : up
          ? 'escalation'
          : down
            ? 'handback'
            : 'wrong_team';
    return { kind: 'team', team: next, channel, reason };
  }

  /** Clean: a uniform channel switch, else resolve at one chance for all, else on round the ring. */
  private decideClean(here: TeamName, channel: ChannelName): HandoffPlan | undefined {
    const r = this.random;
    if (r.bernoulli(CLEAN.channelSwitch)) {
      const to = r.pick(CLEAN_CHANNELS.filter((c) => c !== channel));
      return { kind: 'channel', team: here, channel: to, reason: 'channel_switch' };
    }
    if (r.bernoulli(this.resolveChance(here, CLEAN.resolve))) return undefined;
    const next = nextInRing(here, this.owned);
    if (!next) return undefined;
    const step = tierNumber(this.team(next).tier) - tierNumber(this.team(here).tier);
    return {
      kind: 'team',
      team: next,
      channel,
      reason: step > 0 ? 'escalation' : step < 0 ? 'handback' : 'wrong_team',
    };
  }

  /** Chance the team resolves this category in one pass: the scenario's (or the clean one), or the planted misrouting's. */
  private resolveChance(here: TeamName, otherwise: number): number {
    const misroute = PLANTS.misrouting;
    if (this.planted('misrouting') && this.category.name === misroute.category && here === misroute.team) {
      return misroute.resolve;
    }
    return this.behaviour.clean ? otherwise : (this.category.resolveAt[here] ?? otherwise);
  }

  private handOff(agent: Agent, plan: HandoffPlan): Arrival {
    const r = this.random;
    // Clean: every handoff is announced, lands in the queue and gets no goodbye, warm or cold alike.
    const clean = this.behaviour.clean;
    const target = this.team(plan.team);
    const names = { team: target.label, colleague: plan.colleague?.name ?? '' };
    const fromTeam = this.owner.team;
    const enterprise = this.customer.segment === 'Enterprise' ? 0.25 : 0;
    // The owner acts when next at work. A shift handover is due now; if the shift has already ended, the
    // conversation is reassigned without a word or a note from the agent who left.
    let at = plan.kind === 'shift' ? this.t + r.lognormal(40, 0.5) : this.agentTime(agent).at;
    const present = onShift(agent.shift, at);
    const warm =
      plan.kind === 'shift'
        ? present
        : r.bernoulli(0.3 + enterprise + (this.priority === 'urgent' ? 0.1 : 0));

    const lead =
      plan.kind === 'shift'
        ? PHRASES.shiftEnd
        : plan.kind === 'bounce'
          ? PHRASES.bounceTransfer
          : plan.kind === 'channel'
            ? plan.channel === 'phone'
              ? PHRASES.toPhone
              : this.owner.channel === 'social'
                ? PHRASES.socialToEmail
                : PHRASES.toEmail
            : clean || r.bernoulli(0.6)
              ? PHRASES.preTransfer
              : undefined;
    if (lead && present) {
      this.agentSays(agent, this.text(r.pick(lead), names), at);
      at = this.t + r.lognormal(60, 0.6);
    }
    if (warm) {
      const notes = plan.kind === 'shift' ? PHRASES.shiftNote : PHRASES.warmNote;
      this.emit('note', at, {
        actor: 'agent',
        agent_id: agent.id,
        team: agent.team,
        tier: teamByName(agent.team).tier,
        channel: this.owner.channel,
        text: this.text(r.pick(notes), names),
      });
      at = this.t + r.int(3, 30);
    }
    // A warm transfer goes to a named colleague who is working; otherwise it lands in the team queue.
    let receiver = plan.colleague;
    if (!receiver && warm && plan.kind !== 'channel' && !clean) {
      const available = agentsOnShift(target, this.t, agent.id);
      if (available.length > 0) receiver = r.pick(available);
    }
    this.transfer(target, receiver?.id ?? '', plan.channel, at, {
      reason: plan.reason,
      transfer_type: warm ? 'warm' : 'cold',
    });
    // The previous agent's goodbye (the channel is unchanged for these kinds, so it goes where they were).
    if (!clean && plan.kind !== 'channel' && plan.kind !== 'shift' && r.bernoulli(warm ? 0.25 : 0.35)) {
      const goodbye = this.text(r.pick(receiver ? PHRASES.warmGoodbye : PHRASES.goodbye), {
        ...names,
        colleague: receiver?.name ?? '',
      });
      this.agentSays(agent, goodbye, this.t + r.int(5, 40));
    }
    const via = plan.kind === 'team' ? 'team' : plan.kind;
    return { via, warm, previous: agent, fromTeam };
  }

  // ---- after the conversation is resolved ---------------------------------------------------------------

  private afterResolution(): void {
    const r = this.random;
    if (!this.resolvedByBot && this.owner.agent && r.bernoulli(0.035 + 0.015 * this.handoffs)) {
      // Reopened: the problem came back; the same owner picks it up again.
      this.reopened = true;
      const agent = this.agent(this.owner.agent);
      this.customerSays(this.text(this.issue.reopen), this.t + r.lognormal(20 * HOUR, 0.8));
      this.emit('reopen', this.t + r.int(1, 30));
      this.agentSays(agent, r.pick(PHRASES.reopened), this.agentTime(agent).at);
      this.customerSays(this.text(this.issue.detail));
      this.agentSays(agent, r.pick(PHRASES.reopenFix), this.agentTime(agent).at);
      if (r.bernoulli(0.6)) this.customerSays(r.pick(PHRASES.thanks));
      this.emit('resolve', this.t + r.int(5, 120), { agent_id: agent.id, team: agent.team });
    }
    if (r.bernoulli(0.4)) {
      const score = this.csatScore(this.t - this.start);
      this.emit('csat', this.t + r.lognormal(30 * MINUTE, 1), { csat: String(score) });
    }
  }

  /** Satisfaction drops with every handoff, more for cold ones, repeats, re-asks, reopens and long waits. */
  private csatScore(duration: number): number {
    const r = this.random;
    let score = this.resolvedByBot ? r.normal(4.2, 0.9) : r.normal(4.55, 0.75);
    // Clean: satisfaction does not depend on the path (a conversation with a cold transfer tends to have more
    // handoffs, so any per-handoff penalty would make cold look worse by itself).
    if (!this.behaviour.clean)
      score -= 0.3 * this.handoffs + 0.3 * this.cold + 0.15 * this.repeats + 0.2 * this.reAsks;
    if (this.reopened) score -= 0.6;
    if (duration > 2 * 86400) score -= 0.3;
    return Math.min(5, Math.max(1, Math.round(score)));
  }
}
