// One test per handoff rule of docs/semantics.md, run through the SQL engine on tiny logs with known answers.
import assert from 'node:assert/strict';
import type { Baton, OpenOptions } from '../src/baton.js';
import type { EngineName } from '../src/engine/open-warehouse.js';
import type { Row } from '../src/engine/sql-engine.js';
import { engineTest, withEngineBaton } from './support/engines.js';
import { csvOf } from './support/temp-data.js';

// Read with plain SQL every engine speaks; the handoff time is compared as hours and minutes.
const handoffs = async (b: Baton) =>
  (await b.analysisEngine.all('SELECT * FROM handoffs ORDER BY conversation_id, handoff_no')).map(
    ({ handoff_at, ...rest }): Row => ({ ...rest, at: String(handoff_at).slice(11, 16) }),
  );
const run = <T>(engine: EngineName, csv: string, work: (b: Baton) => Promise<T>, options: OpenOptions = {}) =>
  withEngineBaton(engine, csv, work, options);
const conversations = (b: Baton) =>
  b.analysisEngine.all('SELECT * FROM conversations ORDER BY conversation_id');

engineTest('a queue pick-up is not a handoff; the routing assignment is not either', async (engine) => {
  const csv = csvOf([
    'c1, 09:00, message, customer, , , , chat',
    'c1, 09:00, assign, , , Billing, , chat',
    'c1, 09:02, assign, , ann',
    'c1, 09:03, message, agent, ann, , , chat',
    'c1, 09:10, resolve',
  ]);
  await run(engine, csv, async (b) => {
    assert.deepEqual(await handoffs(b), []);
    const [c] = await conversations(b);
    assert.equal(c?.fcr, true);
    assert.equal(c?.first_response_s, 180);
  });
});

engineTest('re-assigning the current owner is not a handoff', async (engine) => {
  const csv = csvOf([
    'c1, 09:00, assign, , ann, Billing, L1, chat',
    'c1, 09:05, assign, , ann, Billing, L1, chat',
    'c1, 09:06, transfer, , ann, Billing',
  ]);
  await run(engine, csv, async (b) => assert.equal((await handoffs(b)).length, 0));
});

engineTest(
  "a transfer to a queue, then the previous agent's goodbye, then a pick-up and reply",
  async (engine) => {
    const csv = csvOf([
      'c1, 09:00, assign, , ann, Billing, L1, chat',
      'c1, 09:05, transfer, , , Tech, L2, chat',
      'c1, 09:05, message, agent, ann, , , chat',
      'c1, 09:09, assign, , bob',
      'c1, 09:12, message, agent, bob, , , chat',
      'c1, 09:30, resolve',
    ]);
    await run(engine, csv, async (b) => {
      const [h, ...rest] = await handoffs(b);
      assert.equal(rest.length, 0);
      assert.equal(h?.kind, 'tier');
      assert.equal(h?.is_escalation, true);
      assert.equal(h?.from_agent, 'ann');
      assert.equal(h?.to_agent, null);
      assert.equal(h?.completed, true);
      assert.equal(h?.handoff_time_s, 420);
      assert.equal(h?.success, true);
    });
  },
);

engineTest('a goodbye from the previous agent alone does not complete the handoff', async (engine) => {
  const csv = csvOf([
    'c1, 09:00, assign, , ann, Billing, , chat',
    'c1, 09:05, transfer, , bob, Tech, , chat',
    'c1, 09:06, message, agent, ann, , , chat',
    'c1, 09:30, abandon',
  ]);
  await run(engine, csv, async (b) => {
    const [h] = await handoffs(b);
    assert.equal(h?.completed, false);
    assert.equal(h?.handoff_time_s, null);
    assert.equal(h?.abandoned_after, true);
  });
});

engineTest('implicit handoffs: conversations without assigns follow who replied', async (engine) => {
  const csv = csvOf([
    'c1, 09:00, message, customer, , , , email',
    'c1, 09:10, message, agent, ann, Support, , email',
    'c1, 09:20, message, customer, , , , email',
    'c1, 09:50, message, agent, bob, Support, , email',
    'c1, 10:00, message, agent, bob, Support, , email',
    'c1, 10:05, resolve',
  ]);
  await run(engine, csv, async (b) => {
    const hs = await handoffs(b);
    assert.equal(hs.length, 1);
    assert.equal(hs[0]?.implicit, true);
    assert.equal(hs[0]?.kind, 'agent');
    assert.equal(hs[0]?.handoff_time_s, 2400);
    assert.equal(hs[0]?.success, true);
    const a = await b.analyze();
    assert.equal(a.data.implicit_conversations, 1);
  });
});

engineTest('a bounce back to an earlier team is a return, counted once per conversation', async (engine) => {
  const csv = csvOf([
    'c1, 09:00, assign, , ann, Billing, , chat',
    'c1, 09:10, transfer, , bob, Tech, , chat',
    'c1, 09:11, message, agent, bob, , , chat',
    'c1, 09:20, transfer, , cat, Billing, , chat',
    'c1, 09:21, message, agent, cat, , , chat',
    'c1, 09:30, transfer, , bob, Tech, , chat',
    'c1, 09:31, message, agent, bob, , , chat',
    'c1, 09:40, resolve',
    'c2, 09:00, assign, , ann, Billing, , chat',
    'c2, 09:10, transfer, , dan, Tech, , chat',
    'c2, 09:11, message, agent, dan, , , chat',
    'c2, 09:40, resolve',
  ]);
  await run(engine, csv, async (b) => {
    const hs = await handoffs(b);
    assert.deepEqual(
      hs.map((h) => [h.conversation_id, h.is_return, h.success]),
      [
        ['c1', false, false],
        ['c1', true, false],
        ['c1', true, true],
        ['c2', false, true],
      ],
    );
    const q = await b.query({ metrics: ['ping_pong_rate'] });
    assert.deepEqual(
      [q.rows[0]?.values.ping_pong_rate?.numerator, q.rows[0]?.values.ping_pong_rate?.denominator],
      [1, 2],
    );
  });
});

engineTest('abandonment while waiting in the queue after a handoff', async (engine) => {
  const csv = csvOf([
    'c1, 09:00, assign, , ann, Billing, , chat',
    'c1, 09:10, transfer, , , Tech, , chat',
    'c1, 09:40, abandon',
  ]);
  await run(engine, csv, async (b) => {
    const [h] = await handoffs(b);
    assert.equal(h?.completed, false);
    assert.equal(h?.abandoned_after, true);
    const [c] = await conversations(b);
    assert.equal(c?.abandoned, true);
    assert.equal(c?.resolved, false);
  });
});

engineTest('bot to human handoff, and bot messages do not complete it', async (engine) => {
  const csv = csvOf([
    'c1, 09:00, message, customer, , , , chat',
    'c1, 09:00, assign, , fin, Bot, 0, chat',
    'c1, 09:01, message, bot, fin, , , chat',
    'c1, 09:02, transfer, , , Support, 1, chat',
    'c1, 09:03, message, bot, fin, , , chat',
    'c1, 09:08, assign, , ann',
    'c1, 09:09, message, agent, ann, , , chat',
    'c1, 09:20, resolve',
  ]);
  await run(engine, csv, async (b) => {
    const [h] = await handoffs(b);
    assert.equal(h?.kind, 'bot_to_human');
    assert.equal(h?.handoff_time_s, 420);
    assert.equal(h?.is_escalation, true);
  });
});

engineTest('unsorted input gives the same handoffs as sorted input', async (engine) => {
  const rows = [
    'c1, 09:00, assign, , ann, Billing, , chat',
    'c1, 09:05, transfer, , , Tech, , email',
    'c1, 09:05, message, agent, ann, , , chat',
    'c1, 09:09, message, agent, bob, Tech, , email',
    'c1, 09:30, resolve',
  ];
  const sorted = await run(engine, csvOf(rows), handoffs);
  const shuffled = await run(engine, csvOf([rows[3]!, rows[2]!, rows[4]!, rows[0]!, rows[1]!]), handoffs);
  assert.deepEqual(shuffled, sorted);
  assert.equal(sorted[0]?.kind, 'channel');
  assert.equal(sorted[0]?.handoff_time_s, 240);
});

engineTest(
  'within one instant the canonical rank decides, not file order: a resolve comes before a reopen',
  async (engine) => {
    // Filed reopen first; ranked, the resolve comes first, so the conversation ends reopened and unresolved.
    const csv = (first: string, second: string) =>
      csvOf([
        'c1, 09:00, message, customer, , , , chat',
        'c1, 09:01, assign, , ann, Billing, , chat',
        'c1, 09:02, message, agent, ann, , , chat',
        `c1, 09:10, ${first}`,
        `c1, 09:10, ${second}`,
      ]);
    const outcome = async (b: Baton) => {
      const [c] = await conversations(b);
      return [c?.resolved, c?.reopened, c?.outcome];
    };
    assert.deepEqual(await run(engine, csv('reopen', 'resolve'), outcome), [false, true, 'abandoned']);
    assert.deepEqual(await run(engine, csv('resolve', 'reopen'), outcome), [false, true, 'abandoned']);
  },
);

engineTest('time zones: offsets and naive times read in --tz give the same instants', async (engine) => {
  const csv = [
    'conversation_id,timestamp,event_type,actor,agent_id,team,channel',
    'c1,2026-10-01T09:00:00+02:00,assign,,ann,Billing,chat',
    'c1,2026-10-01 03:05:00,transfer,,bob,Tech,chat',
    'c1,1790838600,message,agent,bob,,chat',
    'c1,1790838900000,resolve,,,,',
  ].join('\n');
  // 09:00+02:00 = 07:00Z; 03:05 New York (EDT) = 07:05Z; 1790838600 = 07:10Z; 1790838900000 ms = 07:15Z
  await run(
    engine,
    csv,
    async (b) => {
      const [h] = await handoffs(b);
      assert.equal(h?.at, '07:05');
      assert.equal(h?.handoff_time_s, 300);
      const [c] = await conversations(b);
      assert.equal(c?.resolution_s, 900);
      const byHour = await b.query({ metrics: ['handoffs'], by: ['hour'] });
      assert.equal(byHour.rows[0]?.dimensions.hour, 3);
    },
    { tz: 'America/New_York' },
  );
});

engineTest('the same event twice is imported once, by event_id or by identical content', async (engine) => {
  const csv = [
    'event_id,conversation_id,timestamp,event_type,actor,agent_id,team,channel',
    'e1,c1,2026-10-01T09:00:00Z,assign,,ann,Billing,chat',
    'e2,c1,2026-10-01T09:05:00Z,transfer,,bob,Tech,chat',
    'e2,c1,2026-10-01T09:05:00Z,transfer,,bob,Tech,chat',
    ',c1,2026-10-01T09:06:00Z,message,agent,bob,,chat',
    ',c1,2026-10-01T09:06:00Z,message,agent,bob,,chat',
  ].join('\n');
  await run(engine, csv, async (b) => {
    const a = await b.analyze();
    assert.equal(a.data.events, 3);
    assert.equal(a.data.duplicate_rows, 2);
    assert.equal(a.metrics.handoffs?.value, 1);
  });
});
