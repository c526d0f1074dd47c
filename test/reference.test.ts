// Self-test of the brute-force reference: hand-made logs with known answers for every rule of docs/semantics.md.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EMPTY_FIELDS, type RefEvent, type RefEventType } from './support/events.js';
import { CSV_HEADER, csvField, Rng, randomLog, toCsv } from './support/random-log.js';
import {
  compareEvents,
  type RefConversation,
  type RefHandoff,
  referenceRecount,
  tierNumber,
} from './support/reference.js';

let nextSeq = 1;

/** 'HH:MM' or 'HH:MM:SS(.mmm)' on 2024-01-15, UTC. */
function at(time: string): number {
  const [h, m, s] = time.split(':');
  return Date.UTC(2024, 0, 15, Number(h), Number(m)) + Math.round(Number(s ?? 0) * 1000);
}

function ev(
  conversation_id: string,
  time: string,
  event_type: RefEventType,
  fields: Partial<RefEvent> = {},
): RefEvent {
  return {
    conversation_id,
    ts: at(time),
    seq: nextSeq++,
    event_type,
    ...EMPTY_FIELDS,
    ...fields,
  };
}

interface OwnerFields {
  agent?: string;
  team?: string;
  tier?: string;
  channel?: string;
}

function assign(c: string, time: string, o: OwnerFields = {}): RefEvent {
  return ev(c, time, 'assign', {
    agent_id: o.agent ?? null,
    team: o.team ?? null,
    tier: o.tier ?? null,
    channel: o.channel ?? null,
  });
}

function customer(c: string, time: string, channel: string | null = null): RefEvent {
  return ev(c, time, 'message', { actor: 'customer', channel });
}

function agentMsg(
  c: string,
  time: string,
  agent: string | null,
  o: Omit<OwnerFields, 'agent'> = {},
): RefEvent {
  return ev(c, time, 'message', {
    actor: 'agent',
    agent_id: agent,
    team: o.team ?? null,
    tier: o.tier ?? null,
    channel: o.channel ?? null,
  });
}

function botMsg(c: string, time: string, agent: string | null, channel: string | null = null): RefEvent {
  return ev(c, time, 'message', { actor: 'bot', agent_id: agent, channel });
}

function recount(events: RefEvent[]): { handoffs: RefHandoff[]; conversations: RefConversation[] } {
  return referenceRecount(events);
}

function only<T>(items: T[]): T {
  assert.equal(items.length, 1, `expected exactly one item, got ${items.length}`);
  return items[0]!;
}

function pick<T extends object, K extends keyof T>(row: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = row[k];
  return out;
}

describe('ordering', () => {
  test('time, then event-type rank, then read order', () => {
    const events = [
      ev('c', '09:00', 'csat', { csat: 4 }),
      ev('c', '09:00', 'reopen'),
      ev('c', '09:00', 'resolve'),
      ev('c', '09:00', 'note'),
      ev('c', '09:00', 'message', { actor: 'customer' }),
      ev('c', '09:00', 'assign'),
      ev('c', '08:59', 'abandon'),
    ];
    const order = [...events].sort(compareEvents).map((e) => e.event_type);
    assert.deepEqual(order, ['abandon', 'assign', 'note', 'message', 'resolve', 'reopen', 'csat']);
  });

  test('a reply stamped with its transfer counts after it, even when read first', () => {
    const c = 'rank';
    const events = [
      assign(c, '09:00', { agent: 'ann', team: 'Billing' }),
      agentMsg(c, '09:05', 'bob'), // read before the transfer, same second
      assign(c, '09:05', { agent: 'bob', team: 'Tech' }),
    ];
    const h = only(recount(events).handoffs);
    assert.equal(h.completed, true);
    assert.equal(h.handoff_time_s, 0);
  });

  test('a reopen stamped with the resolve comes after it, whatever the read order', () => {
    const c = 'reopen';
    const events = [customer(c, '09:00'), ev(c, '09:10', 'reopen'), ev(c, '09:10', 'resolve')];
    const conv = only(recount(events).conversations);
    assert.deepEqual(pick(conv, ['resolved', 'abandoned', 'reopened', 'fcr', 'resolution_s']), {
      resolved: false,
      abandoned: true,
      reopened: true,
      fcr: false,
      resolution_s: null,
    });
  });
});

describe('owners and handoffs', () => {
  test('doc example: a queue pick-up is not a handoff', () => {
    const c = 'pickup';
    const events = [
      customer(c, '08:58'),
      assign(c, '09:00', { team: 'Billing', channel: 'chat' }),
      assign(c, '09:02', { agent: 'ann' }),
      agentMsg(c, '09:03', 'ann'),
      ev(c, '09:04', 'resolve'),
    ];
    const { handoffs, conversations } = recount(events);
    assert.deepEqual(handoffs, []);
    const conv = only(conversations);
    assert.deepEqual(
      pick(conv, ['implicit', 'handoff_count', 'team_path', 'channel_path', 'fcr', 'first_response_s']),
      {
        implicit: false,
        handoff_count: 0,
        team_path: 'Billing',
        channel_path: 'chat',
        fcr: true,
        first_response_s: 300,
      },
    );
  });

  test("doc example: transfer, previous agent's goodbye, pick-up, reply, resolve", () => {
    const c = 'goodbye';
    const events = [
      assign(c, '09:00', { agent: 'ann', team: 'Billing', tier: 'L1', channel: 'chat' }),
      agentMsg(c, '09:05', 'ann'), // goodbye, read before the transfer but stamped the same minute
      ev(c, '09:05', 'assign', { team: 'Tech', tier: 'L2', channel: 'chat', transfer_type: 'warm' }),
      assign(c, '09:09', { agent: 'bob' }),
      agentMsg(c, '09:12', 'bob'),
      ev(c, '09:30', 'resolve'),
    ];
    const { handoffs, conversations } = recount(events);
    assert.deepEqual(only(handoffs), {
      conversation_id: c,
      handoff_no: 1,
      handoff_at: at('09:05'),
      from_channel: 'chat',
      from_team: 'Billing',
      from_tier: 'L1',
      from_agent: 'ann',
      to_channel: 'chat',
      to_team: 'Tech',
      to_tier: 'L2',
      to_agent: null,
      picked_up_by: 'bob',
      kind: 'tier',
      is_escalation: true,
      implicit: false,
      completed: true,
      handoff_time_s: 420,
      success: true,
      is_return: false,
      abandoned_after: false,
    });
    const conv = only(conversations);
    assert.deepEqual(pick(conv, ['handoff_count', 'escalation_count', 'team_path', 'resolved', 'fcr']), {
      handoff_count: 1,
      escalation_count: 1,
      team_path: 'Billing \u2192 Tech',
      resolved: true,
      fcr: false,
    });
  });

  test('re-assigning the current owner is not a handoff; the agent stays unless the owner moves', () => {
    const c = 'repeat';
    const events = [
      assign(c, '09:00', { agent: 'ann', team: 'Billing', tier: 'L1' }),
      assign(c, '09:01', { agent: 'ann', team: 'Billing' }),
      assign(c, '09:02', { team: 'Billing', tier: 'L1' }), // same queue: ann stays
      assign(c, '09:03'), // names nothing
      assign(c, '09:04', { agent: 'ann' }),
      assign(c, '09:05', { agent: 'bob' }), // a different agent: handoff
    ];
    const h = only(recount(events).handoffs);
    assert.deepEqual(pick(h, ['handoff_at', 'kind', 'from_agent', 'to_agent', 'to_team', 'to_tier']), {
      handoff_at: at('09:05'),
      kind: 'agent',
      from_agent: 'ann',
      to_agent: 'bob',
      to_team: 'Billing',
      to_tier: 'L1',
    });
  });

  test('moving an unteamed conversation into a team is a handoff and clears the agent', () => {
    const c = 'intoteam';
    const events = [assign(c, '09:00', { agent: 'ann' }), assign(c, '09:01', { team: 'Billing' })];
    const h = only(recount(events).handoffs);
    assert.deepEqual(pick(h, ['kind', 'from_team', 'to_team', 'from_agent', 'to_agent']), {
      kind: 'team',
      from_team: null,
      to_team: 'Billing',
      from_agent: 'ann',
      to_agent: null,
    });
  });

  test('the first ownership event is routing even when it changes the start channel', () => {
    const c = 'routing';
    const events = [customer(c, '09:00', 'chat'), assign(c, '09:01', { channel: 'email', agent: 'ann' })];
    const { handoffs, conversations } = recount(events);
    assert.deepEqual(handoffs, []);
    const conv = only(conversations);
    assert.equal(conv.start_channel, 'chat');
    assert.equal(conv.channel_path, 'email');
  });

  test('kind is the first changed field in the order channel, tier, team, agent', () => {
    const c = 'kinds';
    const events = [
      assign(c, '09:00', { agent: 'ann', team: 'Billing', tier: 'L1', channel: 'chat' }),
      assign(c, '09:01', { agent: 'bob', team: 'Tech', tier: 'L2', channel: 'email' }),
      assign(c, '09:02', { agent: 'cat', team: 'Sales', tier: 'L3' }),
      assign(c, '09:03', { agent: 'dan', team: 'Billing' }),
      assign(c, '09:04', { agent: 'ann' }),
    ];
    assert.deepEqual(
      recount(events).handoffs.map((h) => h.kind),
      ['channel', 'tier', 'team', 'agent'],
    );
  });

  test('implicit conversation: outbound messages are the ownership events', () => {
    const c = 'implicit';
    const events = [
      customer(c, '10:00', 'chat'),
      agentMsg(c, '10:02', 'ann', { team: 'Billing' }),
      customer(c, '10:03'),
      agentMsg(c, '10:04', 'ann'),
      agentMsg(c, '10:05', null), // names no agent: ann stays, no handoff
      ev(c, '10:06', 'note', { actor: 'agent', agent_id: 'cat' }), // notes are not messages
      agentMsg(c, '10:10', 'bob'),
      agentMsg(c, '10:20', 'cat', { team: 'Tech' }),
      agentMsg(c, '10:21', 'bob', { team: 'Billing' }),
      ev(c, '10:30', 'resolve'),
    ];
    const { handoffs, conversations } = recount(events);
    assert.deepEqual(
      handoffs.map((h) =>
        pick(h, ['handoff_no', 'kind', 'implicit', 'completed', 'handoff_time_s', 'is_return', 'success']),
      ),
      [
        {
          handoff_no: 1,
          kind: 'agent',
          implicit: true,
          completed: true,
          handoff_time_s: 300,
          is_return: false,
          success: false,
        },
        {
          handoff_no: 2,
          kind: 'team',
          implicit: true,
          completed: true,
          handoff_time_s: 600,
          is_return: false,
          success: false,
        },
        {
          handoff_no: 3,
          kind: 'team',
          implicit: true,
          completed: true,
          handoff_time_s: 60,
          is_return: true,
          success: true,
        },
      ],
    );
    const conv = only(conversations);
    assert.deepEqual(
      pick(conv, [
        'implicit',
        'handoff_count',
        'return_count',
        'team_path',
        'channel_path',
        'first_response_s',
      ]),
      {
        implicit: true,
        handoff_count: 3,
        return_count: 1,
        team_path: 'Billing \u2192 Tech \u2192 Billing',
        channel_path: 'chat',
        first_response_s: 120,
      },
    );
  });

  test('a conversation with no assign and no outbound message is implicit with empty paths', () => {
    const c = 'silent';
    const conv = only(recount([customer(c, '09:00'), customer(c, '09:01', 'email')]).conversations);
    assert.deepEqual(conv, {
      conversation_id: c,
      implicit: true,
      start_channel: 'email',
      handoff_count: 0,
      return_count: 0,
      escalation_count: 0,
      resolved: false,
      abandoned: true,
      reopened: false,
      fcr: false,
      first_response_s: null,
      resolution_s: null,
      csat: null,
      channel_path: 'email',
      team_path: '(none)',
      segment: null,
      category: null,
      priority: null,
    });
    const none = only(recount([ev('x', '09:00', 'note')]).conversations);
    assert.equal(none.channel_path, '(none)');
    assert.equal(none.start_channel, null);
  });
});

describe('completion', () => {
  test('only the picked-up agent completes; another named agent does not', () => {
    const c = 'pickedup';
    const events = [
      assign(c, '09:00', { agent: 'ann', team: 'Billing' }),
      assign(c, '09:01', { team: 'Tech' }),
      assign(c, '09:02', { agent: 'bob' }),
      agentMsg(c, '09:03', 'cat'),
      agentMsg(c, '09:04', 'bob'),
    ];
    const h = only(recount(events).handoffs);
    assert.equal(h.completed, true);
    assert.equal(h.handoff_time_s, 180);
  });

  test('a message without agent_id completes, also when the owner has an agent', () => {
    const c = 'anon';
    const events = [
      assign(c, '09:00', { agent: 'ann', team: 'Billing' }),
      assign(c, '09:01', { team: 'Tech', agent: 'bob' }),
      agentMsg(c, '09:01:30', null),
    ];
    const h = only(recount(events).handoffs);
    assert.equal(h.completed, true);
    assert.equal(h.handoff_time_s, 30);
  });

  test('a bot message does not complete a handoff to a human or a queue, but completes one to a bot', () => {
    const c = 'botreply';
    const events = [
      botMsg('other', '08:00', 'bot1'),
      assign(c, '09:00', { agent: 'ann', team: 'Billing' }),
      assign(c, '09:01', { team: 'Tech' }),
      botMsg(c, '09:02', 'bot1'),
      botMsg(c, '09:03', null),
      assign(c, '09:10', { agent: 'bot1', team: 'Sales' }),
      botMsg(c, '09:11', null), // names sender `bot`, not the owner bot1
      botMsg(c, '09:12', 'bot1'),
    ];
    const hs = recount(events).handoffs.filter((h) => h.conversation_id === c);
    assert.deepEqual(
      hs.map((h) => pick(h, ['completed', 'handoff_time_s', 'abandoned_after'])),
      [
        { completed: false, handoff_time_s: null, abandoned_after: false },
        { completed: true, handoff_time_s: 120, abandoned_after: false },
      ],
    );
  });

  test('the reply must come before the next handoff', () => {
    const c = 'next';
    const events = [
      assign(c, '09:00', { agent: 'ann', team: 'Billing' }),
      assign(c, '09:01', { team: 'Tech' }),
      ev(c, '09:02', 'resolve'),
      assign(c, '09:03', { team: 'Sales' }),
      agentMsg(c, '09:04', 'cat'),
      ev(c, '09:05', 'resolve'),
    ];
    assert.deepEqual(
      recount(events).handoffs.map((h) =>
        pick(h, ['completed', 'handoff_time_s', 'success', 'abandoned_after']),
      ),
      [
        { completed: false, handoff_time_s: null, success: false, abandoned_after: false },
        { completed: true, handoff_time_s: 60, success: true, abandoned_after: false },
      ],
    );
  });

  test('success needs the resolve before the next handoff', () => {
    const c = 'success';
    const events = [
      assign(c, '09:00', { agent: 'ann' }),
      assign(c, '09:01', { agent: 'bob' }),
      agentMsg(c, '09:02', 'bob'),
      assign(c, '09:03', { agent: 'cat' }),
      agentMsg(c, '09:04', 'cat'),
      ev(c, '09:05', 'resolve'),
    ];
    assert.deepEqual(
      recount(events).handoffs.map((h) => h.success),
      [false, true],
    );
  });

  test('handoff time keeps fractions of a second', () => {
    const c = 'frac';
    const events = [
      assign(c, '09:00', { agent: 'ann' }),
      assign(c, '09:01', { agent: 'bob' }),
      agentMsg(c, '09:01:01.5', 'bob'),
    ];
    assert.equal(only(recount(events).handoffs).handoff_time_s, 1.5);
  });
});

describe('returns', () => {
  test('a bounce back is a return, counted per handoff', () => {
    const c = 'bounce';
    const events = [
      assign(c, '09:00', { team: 'Billing', agent: 'ann' }),
      assign(c, '09:01', { team: 'Tech', agent: 'bob' }),
      assign(c, '09:02', { team: 'Billing', agent: 'cat' }),
      assign(c, '09:03', { team: 'Billing', agent: 'ann' }), // same team: leaves Billing for Billing
      assign(c, '09:04', { team: 'Tech' }),
    ];
    const { handoffs, conversations } = recount(events);
    assert.deepEqual(
      handoffs.map((h) => h.is_return),
      [false, true, false, true],
    );
    assert.equal(only(conversations).return_count, 2);
    assert.equal(only(conversations).team_path, 'Billing \u2192 Tech \u2192 Billing \u2192 Tech');
  });

  test('without a team the key is the agent; a team and an agent of the same name differ', () => {
    const c = 'keys';
    const events = [
      assign(c, '09:00', { agent: 'ann' }),
      assign(c, '09:01', { agent: 'bob' }),
      assign(c, '09:02', { agent: 'ann' }), // a:ann owned before: return
      assign(c, '09:03', { team: 'bob' }), // t:bob never owned (a:bob did): no return
      assign(c, '09:04', { team: 'Tech' }),
      assign(c, '09:05', { team: 'bob' }), // t:bob owned before: return
    ];
    assert.deepEqual(
      recount(events).handoffs.map((h) => h.is_return),
      [false, true, false, false, true],
    );
  });

  test('a queue with neither team nor agent is never a return', () => {
    const c = 'nullkey';
    const events = [
      assign(c, '09:00', { channel: 'chat' }),
      assign(c, '09:01', { channel: 'email' }),
      assign(c, '09:02', { channel: 'chat' }),
    ];
    assert.deepEqual(
      recount(events).handoffs.map((h) => h.is_return),
      [false, false],
    );
    assert.equal(only(recount(events).conversations).channel_path, 'chat \u2192 email \u2192 chat');
  });
});

describe('abandonment', () => {
  test('the customer leaves while waiting after a handoff', () => {
    const c = 'waiting';
    const events = [
      customer(c, '09:00'),
      assign(c, '09:00', { agent: 'ann', team: 'Billing' }),
      agentMsg(c, '09:01', 'ann'),
      assign(c, '09:02', { team: 'Tech' }),
      agentMsg(c, '09:03', 'ann'), // goodbye
      customer(c, '09:10'),
      ev(c, '09:20', 'abandon', { actor: 'customer' }),
    ];
    const { handoffs, conversations } = recount(events);
    assert.deepEqual(pick(only(handoffs), ['completed', 'success', 'abandoned_after']), {
      completed: false,
      success: false,
      abandoned_after: true,
    });
    assert.deepEqual(pick(only(conversations), ['resolved', 'abandoned']), {
      resolved: false,
      abandoned: true,
    });
  });

  test('an abandon before the next handoff marks an earlier, uncompleted handoff', () => {
    const c = 'midway';
    const events = [
      assign(c, '09:00', { agent: 'ann' }),
      assign(c, '09:01', { agent: 'bob' }),
      ev(c, '09:02', 'abandon', { actor: 'customer' }),
      assign(c, '09:03', { agent: 'cat' }),
      agentMsg(c, '09:04', 'cat'),
      assign(c, '09:05', { agent: 'dan' }),
      ev(c, '09:06', 'resolve'),
    ];
    assert.deepEqual(
      recount(events).handoffs.map((h) => pick(h, ['completed', 'abandoned_after'])),
      [
        { completed: false, abandoned_after: true },
        { completed: true, abandoned_after: false },
        // Last handoff, not completed, and the conversation is abandoned (it has an abandon event, earlier).
        { completed: false, abandoned_after: true },
      ],
    );
  });

  test('an uncompleted last handoff of a conversation left open counts as abandoned after it', () => {
    const c = 'open';
    const events = [assign(c, '09:00', { agent: 'ann' }), assign(c, '09:01', { agent: 'bob' })];
    assert.equal(only(recount(events).handoffs).abandoned_after, true);
  });

  test('an uncompleted handoff followed by another handoff and a resolve is not abandoned after', () => {
    const c = 'notabandoned';
    const events = [
      assign(c, '09:00', { agent: 'ann' }),
      assign(c, '09:01', { agent: 'bob' }),
      assign(c, '09:02', { agent: 'cat' }),
      ev(c, '09:03', 'resolve'),
    ];
    assert.deepEqual(
      recount(events).handoffs.map((h) => pick(h, ['completed', 'abandoned_after'])),
      [
        { completed: false, abandoned_after: false },
        { completed: false, abandoned_after: false },
      ],
    );
  });

  test('a resolved conversation with an abandon event is abandoned', () => {
    const c = 'both';
    const conv = only(recount([ev(c, '09:00', 'abandon'), ev(c, '09:01', 'resolve')]).conversations);
    assert.deepEqual(pick(conv, ['resolved', 'abandoned', 'resolution_s']), {
      resolved: true,
      abandoned: true,
      resolution_s: 60,
    });
  });
});

describe('escalation and tiers', () => {
  test('the tier number is the first run of digits', () => {
    assert.equal(tierNumber('2'), 2);
    assert.equal(tierNumber('L2'), 2);
    assert.equal(tierNumber('Tier 2'), 2);
    assert.equal(tierNumber('Tier 10'), 10);
    assert.equal(tierNumber('L2b3'), 2);
    assert.equal(tierNumber('VIP'), null);
    assert.equal(tierNumber(null), null);
  });

  test("'L1' → 'Tier 2' escalates; tiers without digits never do; numbers compare as numbers", () => {
    const c = 'tiers';
    const tiers = ['L1', 'Tier 2', 'VIP', 'L3', '3', 'Tier 10', 'L2'];
    const events = tiers.map((tier, i) => assign(c, `09:0${i}`, { tier }));
    const { handoffs, conversations } = recount(events);
    assert.deepEqual(
      handoffs.map((h) => [h.from_tier, h.to_tier, h.is_escalation]),
      [
        ['L1', 'Tier 2', true],
        ['Tier 2', 'VIP', false],
        ['VIP', 'L3', false],
        ['L3', '3', false],
        ['3', 'Tier 10', true],
        ['Tier 10', 'L2', false],
      ],
    );
    assert.equal(only(conversations).escalation_count, 2);
    assert.ok(handoffs.every((h) => h.kind === 'tier'));
  });
});

describe('bots', () => {
  test('bot → human is bot_to_human, before any changed field', () => {
    const c = 'b2h';
    const events = [
      botMsg(c, '09:00', 'bot1', 'chat'),
      assign(c, '09:00', { agent: 'bot1', channel: 'chat' }),
      assign(c, '09:05', { agent: 'ann', channel: 'phone' }),
      agentMsg(c, '09:06', 'ann'),
    ];
    const h = only(recount(events).handoffs);
    assert.deepEqual(pick(h, ['kind', 'from_agent', 'to_agent', 'completed', 'handoff_time_s']), {
      kind: 'bot_to_human',
      from_agent: 'bot1',
      to_agent: 'ann',
      completed: true,
      handoff_time_s: 60,
    });
  });

  test('bot → human queue is bot_to_human; bot → bot and human → bot are not', () => {
    const c = 'b2q';
    const events = [
      botMsg(c, '08:59', 'bot1'),
      botMsg(c, '08:59', 'bot2'),
      assign(c, '09:00', { agent: 'bot1' }),
      assign(c, '09:01', { agent: 'bot2' }),
      assign(c, '09:02', { team: 'Billing' }),
      assign(c, '09:03', { agent: 'ann' }), // pick-up
      assign(c, '09:04', { agent: 'bot1' }),
    ];
    assert.deepEqual(
      recount(events).handoffs.map((h) => [h.kind, h.to_agent]),
      [
        ['agent', 'bot2'],
        ['bot_to_human', null],
        ['agent', 'bot1'],
      ],
    );
  });

  test('a bot message without agent_id comes from the agent id `bot`', () => {
    const c = 'anonbot';
    const events = [customer(c, '09:00'), botMsg(c, '09:01', null), agentMsg(c, '09:03', 'ann')];
    const h = only(recount(events).handoffs);
    assert.deepEqual(pick(h, ['kind', 'from_agent', 'to_agent', 'implicit', 'handoff_time_s']), {
      kind: 'bot_to_human',
      from_agent: 'bot',
      to_agent: 'ann',
      implicit: true,
      handoff_time_s: 120,
    });
  });

  test('bot agent ids are global across conversations', () => {
    const events = [
      botMsg('a', '09:00', 'zed'),
      assign('b', '09:00', { agent: 'zed' }),
      assign('b', '09:01', { agent: 'ann' }),
    ];
    assert.equal(only(recount(events).handoffs).kind, 'bot_to_human');
    // Without the other conversation, zed is a human.
    assert.equal(only(recount(events.slice(1)).handoffs).kind, 'agent');
    // A note from a bot does not make a bot.
    const noted = [ev('a', '09:00', 'note', { actor: 'bot', agent_id: 'zed' }), ...events.slice(1)];
    assert.equal(only(recount(noted).handoffs).kind, 'agent');
  });
});

describe('conversation metrics', () => {
  test('first response, resolution, csat, attributes, fcr, paths', () => {
    const c = 'metrics';
    const events = [
      ev(c, '08:55', 'note', { actor: 'system', priority: 'high' }),
      agentMsg(c, '08:56', 'ann'), // before any customer message: not a response
      ev(c, '09:00', 'message', { actor: 'customer', channel: 'chat', segment: 'smb', category: '' }),
      ev(c, '09:00', 'message', { actor: 'customer', segment: 'enterprise', category: 'refund' }),
      assign(c, '09:01', { team: 'Billing', channel: 'chat', agent: 'ann' }),
      ev(c, '09:02', 'note', { actor: 'agent', agent_id: 'ann' }),
      agentMsg(c, '09:04', 'ann'),
      assign(c, '09:05', { team: 'Billing', agent: 'ann' }),
      ev(c, '09:30', 'resolve'),
      ev(c, '09:31', 'csat', { csat: 2 }),
      ev(c, '09:31', 'csat', { csat: 5 }),
    ];
    const conv = only(recount(events).conversations);
    assert.deepEqual(conv, {
      conversation_id: c,
      implicit: false,
      start_channel: 'chat',
      handoff_count: 0,
      return_count: 0,
      escalation_count: 0,
      resolved: true,
      abandoned: false,
      reopened: false,
      fcr: true,
      first_response_s: 240,
      resolution_s: 35 * 60,
      csat: 5,
      channel_path: 'chat',
      team_path: 'Billing',
      segment: 'smb',
      category: 'refund',
      priority: 'high',
    });
  });

  test('a reopen anywhere prevents first contact resolution; resolved at is the last resolve', () => {
    const c = 'reopened';
    const events = [
      customer(c, '09:00'),
      ev(c, '09:10', 'resolve'),
      ev(c, '09:20', 'reopen'),
      ev(c, '09:40', 'resolve'),
    ];
    const conv = only(recount(events).conversations);
    assert.deepEqual(pick(conv, ['resolved', 'reopened', 'fcr', 'resolution_s', 'abandoned']), {
      resolved: true,
      reopened: true,
      fcr: false,
      resolution_s: 2400,
      abandoned: false,
    });
  });

  test('outputs are sorted by conversation then handoff number', () => {
    const events = [
      assign('b', '09:00', { agent: 'ann' }),
      assign('b', '09:01', { agent: 'bob' }),
      assign('a', '10:00', { agent: 'ann' }),
      assign('b', '09:02', { agent: 'cat' }),
      assign('a', '10:01', { agent: 'bob' }),
    ];
    const { handoffs, conversations } = recount(events);
    assert.deepEqual(
      handoffs.map((h) => `${h.conversation_id}${h.handoff_no}`),
      ['a1', 'b1', 'b2'],
    );
    assert.deepEqual(
      conversations.map((x) => x.conversation_id),
      ['a', 'b'],
    );
  });
});

describe('random logs', () => {
  test('randomLog is deterministic, seq is a permutation, and read order is not time order', () => {
    const log = randomLog(42, 30);
    assert.deepEqual(randomLog(42, 30), log);
    assert.notDeepEqual(randomLog(43, 30), log);
    const seqs = log.map((e) => e.seq).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      log.map((_, i) => i + 1),
    );
    const bySeq = [...log].sort((a, b) => a.seq - b.seq);
    assert.ok(bySeq.some((e, i) => i > 0 && e.ts < bySeq[i - 1]!.ts));
    assert.equal(new Set(log.map((e) => e.conversation_id)).size, 30);
  });

  test('the result does not depend on the order events are given in', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const log = randomLog(seed, 25);
      const expected = referenceRecount(log);
      const rng = new Rng(seed * 7919);
      assert.deepEqual(referenceRecount(rng.shuffle([...log])), expected, `seed ${seed}`);
      assert.deepEqual(referenceRecount([...log].reverse()), expected, `seed ${seed} reversed`);
    }
  });

  test('random logs exercise every rule', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 10; seed++) {
      const log = randomLog(seed, 40);
      for (const e of log) {
        seen.add(`type:${e.event_type}`);
        if (e.event_type === 'message' && e.actor === 'bot' && e.agent_id === null) seen.add('anonymous bot');
        if (e.event_type === 'message' && e.actor === 'agent' && e.agent_id === null)
          seen.add('anonymous agent');
      }
      const sorted = [...log].sort(compareEvents);
      for (let i = 1; i < sorted.length; i++) {
        const a = sorted[i - 1]!;
        const b = sorted[i]!;
        if (a.conversation_id === b.conversation_id && a.ts === b.ts) {
          seen.add(a.event_type === b.event_type ? 'tie same type' : 'tie across ranks');
        }
      }
      const { handoffs, conversations } = referenceRecount(log);
      for (const h of handoffs) {
        seen.add(`kind:${h.kind}`);
        if (h.is_escalation) seen.add('escalation');
        if (h.is_return) seen.add('return');
        if (h.implicit) seen.add('implicit handoff');
        else if (h.completed) seen.add('explicit completed');
        else seen.add('explicit not completed');
        if (h.success) seen.add('success');
        if (h.abandoned_after) seen.add('abandoned after');
        if (h.to_agent === null) seen.add('handoff to a queue');
        if (h.handoff_time_s === 0) seen.add('zero handoff time');
        if (h.handoff_time_s !== null && !Number.isInteger(h.handoff_time_s)) seen.add('fractional time');
      }
      for (const c of conversations) {
        seen.add(c.implicit ? 'implicit conversation' : 'explicit conversation');
        if (c.fcr) seen.add('fcr');
        if (c.reopened && c.resolved) seen.add('reopened then resolved');
        if (c.reopened && !c.resolved) seen.add('reopened and open');
        if (!c.resolved && !c.abandoned) seen.add('impossible');
        if (c.team_path === '(none)') seen.add('no team');
        if (c.team_path.includes('\u2192')) seen.add('team path');
        if (c.channel_path.includes('\u2192')) seen.add('channel path');
        if (c.first_response_s === null) seen.add('no first response');
        if (c.csat !== null) seen.add('csat');
        if (c.start_channel === null) seen.add('no start channel');
      }
    }
    const expected = [
      'type:message',
      'type:assign',
      'type:note',
      'type:resolve',
      'type:reopen',
      'type:abandon',
      'type:csat',
      'anonymous bot',
      'anonymous agent',
      'tie same type',
      'tie across ranks',
      'kind:bot_to_human',
      'kind:channel',
      'kind:tier',
      'kind:team',
      'kind:agent',
      'escalation',
      'return',
      'implicit handoff',
      'explicit completed',
      'explicit not completed',
      'success',
      'abandoned after',
      'handoff to a queue',
      'zero handoff time',
      'fractional time',
      'implicit conversation',
      'explicit conversation',
      'fcr',
      'reopened then resolved',
      'reopened and open',
      'no team',
      'team path',
      'channel path',
      'no first response',
      'csat',
      'no start channel',
    ];
    for (const label of expected) assert.ok(seen.has(label), `random logs never produce: ${label}`);
    assert.ok(!seen.has('impossible'));
  });
});

describe('toCsv', () => {
  test('generic format: header, rows in seq order, ISO UTC timestamps, quoting, empty for null', () => {
    const e1 = ev('c,1', '09:00:00.250', 'assign', { seq: 20, agent_id: 'ann', transfer_type: 'warm' });
    const e2 = ev('c"2', '09:01', 'csat', { seq: 3, csat: 4, segment: ' smb' });
    const e3 = ev('c3', '09:02', 'resolve', { seq: 8, actor: 'agent' });
    const csv = toCsv([e1, e2, e3]);
    const lines = csv.split('\n');
    assert.equal(lines[0], CSV_HEADER);
    const row = (cells: string[]): string => cells.join(',');
    const blanks = (n: number): string[] => new Array<string>(n).fill('');
    assert.equal(
      lines[1],
      row([
        'e3',
        '"c""2"',
        '2024-01-15T09:01:00.000Z',
        'csat',
        ...blanks(6),
        '4',
        '',
        '" smb"',
        ...blanks(4),
      ]),
    );
    assert.equal(lines[2], row(['e8', 'c3', '2024-01-15T09:02:00.000Z', 'close', 'agent', ...blanks(12)]));
    assert.equal(
      lines[3],
      row(['e20', '"c,1"', '2024-01-15T09:00:00.250Z', 'transfer', '', 'ann', ...blanks(10), 'warm']),
    );
    assert.equal(lines[4], '');
    assert.equal(lines.length, 5);
    const plain = toCsv([e1, e3], { aliases: false }).split('\n');
    assert.ok(plain[1]!.startsWith('e8,c3,2024-01-15T09:02:00.000Z,resolve,'));
    assert.ok(plain[2]!.startsWith('e20,"c,1",2024-01-15T09:00:00.250Z,assign,'));
  });

  test('csvField quotes only when needed', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(''), '');
  });

  test('every random event becomes one row with the right column count', () => {
    const log = randomLog(5, 20);
    const lines = toCsv(log).trimEnd().split('\n');
    assert.equal(lines.length, log.length + 1);
    const columns = CSV_HEADER.split(',').length;
    for (const line of lines.slice(1)) {
      // Message text holds quoted commas: strip quoted fields before counting.
      const unquoted = line.replace(/"(?:[^"]|"")*"/g, 'Q');
      assert.equal(unquoted.split(',').length, columns, line);
    }
    assert.ok(lines.slice(1).every((line, i) => line.startsWith(`e${i + 1},`)));
  });
});
