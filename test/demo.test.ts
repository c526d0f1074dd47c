// The demo data set: deterministic, well-formed, shaped like a real operation, and written correctly to CSV/NDJSON.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  csvField,
  csvRow,
  DEMO_FIELDS,
  type DemoEvent,
  generateDemoEvents,
  Random,
  writeDemoCsv,
  writeDemoNdjson,
} from '../src/demo/index.js';

const dir = mkdtempSync(join(tmpdir(), 'baton-demo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function conversationsOf(events: Iterable<DemoEvent>): DemoEvent[][] {
  const out: DemoEvent[][] = [];
  for (const event of events) {
    const current = out[out.length - 1];
    if (current && current[0]!.conversation_id === event.conversation_id) current.push(event);
    else out.push([event]);
  }
  return out;
}

const SAMPLE = conversationsOf(generateDemoEvents({ conversations: 2000, seed: 42 }));

/** RFC 4180 reader, enough for the writer's output: quoted fields may hold commas, quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const BOT_ID = 'fin-bot';
const outbound = (e: DemoEvent) => e.event_type === 'message' && (e.actor === 'agent' || e.actor === 'bot');

interface Handoff {
  index: number;
  previousAgent: string;
}

/** The owner walk of docs/semantics.md §2-3, for explicit conversations (the demo's are all explicit). */
function handoffsOf(events: DemoEvent[]): { handoffs: Handoff[]; ownershipTransfersNotHandoffs: number } {
  let owner = { channel: events.find((e) => e.channel)?.channel ?? '', team: '', tier: '', agent: '' };
  let first = true;
  const handoffs: Handoff[] = [];
  let ownershipTransfersNotHandoffs = 0;
  events.forEach((e, index) => {
    if (e.event_type !== 'assign' && e.event_type !== 'transfer') return;
    const changed =
      (e.channel !== '' && e.channel !== owner.channel) ||
      (e.team !== '' && e.team !== owner.team) ||
      (e.tier !== '' && e.tier !== owner.tier);
    const isHandoff =
      !first && (changed || (e.agent_id !== '' && owner.agent !== '' && e.agent_id !== owner.agent));
    if (isHandoff) handoffs.push({ index, previousAgent: owner.agent });
    else if (e.event_type === 'transfer') ownershipTransfersNotHandoffs++;
    owner = {
      channel: e.channel || owner.channel,
      team: e.team || owner.team,
      tier: e.tier || owner.tier,
      agent: e.agent_id || (changed ? '' : owner.agent),
    };
    first = false;
  });
  return { handoffs, ownershipTransfersNotHandoffs };
}

describe('Random', () => {
  test('is deterministic per seed and stream, and stays in range', () => {
    const a = new Random(7, 3);
    const b = new Random(7, 3);
    const c = new Random(7, 4);
    const xs = Array.from({ length: 50 }, () => a.next());
    assert.deepEqual(
      xs,
      Array.from({ length: 50 }, () => b.next()),
    );
    assert.notDeepEqual(
      xs,
      Array.from({ length: 50 }, () => c.next()),
    );
    for (const x of xs) assert.ok(x >= 0 && x < 1);
    for (let i = 0; i < 1000; i++) {
      const n = a.int(2, 5);
      assert.ok(Number.isInteger(n) && n >= 2 && n <= 5);
    }
    assert.equal(a.weighted([['only', 1]]), 'only');
    assert.equal(
      a.weighted([
        ['never', 0],
        ['always', 1],
      ]),
      'always',
    );
  });
});

describe('generateDemoEvents', () => {
  test('the same seed gives identical events; another seed gives different ones', () => {
    const again = [...generateDemoEvents({ conversations: 2000, seed: 42 })];
    assert.deepEqual(again, SAMPLE.flat());
    const other = [...generateDemoEvents({ conversations: 2000, seed: 43 })];
    assert.notDeepEqual(other, again);
  });

  test('streams lazily: the first events of ten million conversations come at once', () => {
    const started = Date.now();
    const iterator = generateDemoEvents({ conversations: 10_000_000, seed: 1 });
    const first = iterator.next();
    assert.equal(first.done, false);
    assert.equal(first.value?.conversation_id, 'C00000001');
    assert.ok(Date.now() - started < 2000);
  });

  test('ids are unique, conversations are contiguous and start in time order', () => {
    const eventIds = new Set<string>();
    const conversationIds = new Set<string>();
    let previousStart = '';
    SAMPLE.forEach((events, i) => {
      const id = events[0]!.conversation_id;
      assert.equal(id, `C${String(i + 1).padStart(6, '0')}`);
      assert.ok(!conversationIds.has(id), `${id} appears twice`);
      conversationIds.add(id);
      assert.ok(events[0]!.timestamp >= previousStart);
      previousStart = events[0]!.timestamp;
      for (const e of events) {
        assert.ok(!eventIds.has(e.event_id), `duplicate ${e.event_id}`);
        eventIds.add(e.event_id);
      }
    });
    assert.equal(SAMPLE.length, 2000);
  });

  test("a conversation's events are in non-decreasing time order, stamped as ISO UTC seconds", () => {
    for (const events of SAMPLE) {
      for (let i = 0; i < events.length; i++) {
        assert.match(events[i]!.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        if (i > 0) assert.ok(events[i - 1]!.timestamp <= events[i]!.timestamp, events[i]!.event_id);
      }
    }
  });

  test('conversation attributes sit on the first event', () => {
    for (const events of SAMPLE) {
      const [first, ...rest] = events;
      assert.match(first!.customer_id, /^CU\d{6}$/);
      assert.ok(['SMB', 'Mid-market', 'Enterprise'].includes(first!.segment));
      assert.ok(['billing', 'technical', 'account', 'onboarding', 'bug'].includes(first!.category));
      assert.ok(['low', 'normal', 'high', 'urgent'].includes(first!.priority));
      for (const e of rest) assert.equal(e.customer_id + e.segment + e.category + e.priority, '');
    }
  });

  test('values stay in the documented vocabularies', () => {
    const types = new Set([
      'message',
      'assign',
      'transfer',
      'note',
      'resolve',
      'close',
      'reopen',
      'abandon',
      'csat',
    ]);
    for (const e of SAMPLE.flat()) {
      assert.ok(types.has(e.event_type), e.event_type);
      if (e.event_type === 'message' || e.event_type === 'note') {
        assert.ok(['customer', 'agent', 'bot', 'system'].includes(e.actor), e.event_id);
      }
      if (e.event_type === 'csat') assert.match(e.csat, /^[1-5]$/);
      else assert.equal(e.csat, '');
      if (e.event_type === 'transfer') {
        assert.ok(['warm', 'cold'].includes(e.transfer_type), e.event_id);
        assert.notEqual(e.reason, '');
      }
    }
  });

  test('bot messages use actor bot, and only the bot does', () => {
    let botMessages = 0;
    for (const e of SAMPLE.flat()) {
      if (e.event_type !== 'message') continue;
      if (e.actor === 'bot') {
        botMessages++;
        assert.equal(e.agent_id, BOT_ID);
        assert.equal(e.team, 'Bot');
        assert.equal(e.tier, '');
      } else {
        assert.notEqual(e.agent_id, BOT_ID);
      }
    }
    assert.ok(botMessages > 1000);
  });

  test('every transfer is a handoff and every assign is routing or a pick-up', () => {
    for (const events of SAMPLE) {
      const { handoffs, ownershipTransfersNotHandoffs } = handoffsOf(events);
      assert.equal(ownershipTransfersNotHandoffs, 0, events[0]!.conversation_id);
      const transfers = events.flatMap((e, i) => (e.event_type === 'transfer' ? [i] : []));
      assert.deepEqual(
        handoffs.map((h) => h.index),
        transfers,
      );
    }
  });

  test('transfers are followed by the new owner speaking, unless the customer gives up', () => {
    let transfers = 0;
    let answered = 0;
    let abandoned = 0;
    for (const events of SAMPLE) {
      const { handoffs } = handoffsOf(events);
      handoffs.forEach((h, k) => {
        transfers++;
        const end = handoffs[k + 1]?.index ?? events.length;
        const after = events.slice(h.index + 1, end);
        if (after.some((e) => outbound(e) && e.actor === 'agent' && e.agent_id !== h.previousAgent))
          answered++;
        else if (after.some((e) => e.event_type === 'abandon')) abandoned++;
      });
    }
    assert.ok(transfers > 500);
    assert.equal(answered + abandoned, transfers);
    assert.ok(answered / transfers > 0.85, `answered ${answered} of ${transfers}`);
    assert.ok(abandoned > 0);
  });

  test('the operation has the intended shape', () => {
    let handedOff = 0;
    let botFront = 0;
    let botResolved = 0;
    let warm = 0;
    let cold = 0;
    let repeats = 0;
    for (const events of SAMPLE) {
      const { handoffs } = handoffsOf(events);
      if (handoffs.length > 0) handedOff++;
      const viaBot = events.some((e) => e.event_type === 'assign' && e.agent_id === BOT_ID);
      if (viaBot) botFront++;
      const ended = events.some((e) => e.event_type === 'resolve' || e.event_type === 'close');
      if (viaBot && handoffs.length === 0 && ended) botResolved++;
      for (const e of events) {
        if (e.transfer_type === 'warm') warm++;
        if (e.transfer_type === 'cold') cold++;
        if (e.actor === 'customer' && /already|said before/i.test(e.text)) repeats++;
      }
    }
    const share = handedOff / SAMPLE.length;
    assert.ok(share >= 0.3 && share <= 0.7, `handoff share ${share}`);
    const botShare = botResolved / botFront;
    assert.ok(botShare >= 0.35 && botShare <= 0.45, `bot resolution share ${botShare}`);
    assert.ok(warm > 0 && cold > warm);
    assert.ok(repeats > 100);
    const perConversation = SAMPLE.flat().length / SAMPLE.length;
    assert.ok(perConversation >= 8 && perConversation <= 14, `events per conversation ${perConversation}`);
  });

  test('rejects options it cannot honour', () => {
    assert.throws(() => generateDemoEvents({ conversations: -1, seed: 1 }).next(), RangeError);
    assert.throws(() => generateDemoEvents({ conversations: 1, seed: Number.NaN }).next(), RangeError);
    assert.throws(() => generateDemoEvents({ conversations: 1, seed: 1, start: 'soon' }).next(), RangeError);
    assert.throws(() => generateDemoEvents({ conversations: 1, seed: 1, days: 0 }).next(), RangeError);
    assert.deepEqual([...generateDemoEvents({ conversations: 0, seed: 1 })], []);
  });
});

describe('writers', () => {
  test('csvField quotes commas, quotes, CR and LF and leaves the rest alone', () => {
    assert.equal(csvField('plain text'), 'plain text');
    assert.equal(csvField(''), '');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('line\nbreak'), '"line\nbreak"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  });

  test('a row with awkward text parses back to the same fields', () => {
    const event: DemoEvent = {
      ...SAMPLE[0]![0]!,
      text: 'Hello,\n\nMy invoice says "past due", again.\r\nThanks',
      reason: 'a, b',
    };
    const [row] = parseCsv(csvRow(event) + '\n');
    assert.deepEqual(
      row,
      DEMO_FIELDS.map((field) => event[field]),
    );
  });

  test('writeDemoCsv writes the header and every event, readable by a CSV parser', async () => {
    const options = { conversations: 300, seed: 5 };
    const path = join(dir, 'demo.csv');
    const result = await writeDemoCsv(path, options);
    const expected = [...generateDemoEvents(options)];
    assert.deepEqual(result, { conversations: 300, events: expected.length });
    const rows = parseCsv(readFileSync(path, 'utf8'));
    assert.deepEqual(rows[0], [...DEMO_FIELDS]);
    assert.equal(
      DEMO_FIELDS.join(','),
      'event_id,conversation_id,timestamp,event_type,actor,agent_id,team,tier,channel,text,csat,customer_id,segment,category,priority,reason,transfer_type',
    );
    assert.deepEqual(
      rows.slice(1),
      expected.map((e) => DEMO_FIELDS.map((field) => e[field])),
    );
    assert.ok(expected.some((e) => e.text.includes('\n')) && expected.some((e) => e.text.includes('"')));
  });

  test('a .gz path is gzipped and round-trips to the plain file', async () => {
    const options = { conversations: 200, seed: 9 };
    await writeDemoCsv(join(dir, 'plain.csv'), options);
    const result = await writeDemoCsv(join(dir, 'packed.csv.gz'), options);
    const packed = readFileSync(join(dir, 'packed.csv.gz'));
    assert.deepEqual([packed[0], packed[1]], [0x1f, 0x8b]);
    assert.equal(gunzipSync(packed).toString('utf8'), readFileSync(join(dir, 'plain.csv'), 'utf8'));
    assert.equal(result.conversations, 200);
  });

  test('writeDemoNdjson writes one object per event with empty fields left out', async () => {
    const options = { conversations: 150, seed: 11 };
    const path = join(dir, 'demo.ndjson.gz');
    const result = await writeDemoNdjson(path, options);
    const lines = gunzipSync(readFileSync(path)).toString('utf8').trimEnd().split('\n');
    const expected = [...generateDemoEvents(options)];
    assert.equal(lines.length, expected.length);
    assert.equal(result.events, expected.length);
    lines.forEach((line, i) => {
      const parsed = JSON.parse(line) as Record<string, string>;
      const full = expected[i]!;
      assert.deepEqual(
        parsed,
        Object.fromEntries(DEMO_FIELDS.filter((f) => full[f] !== '').map((f) => [f, full[f]])),
      );
      assert.ok(Object.values(parsed).every((v) => v !== ''));
    });
  });

  test('an unwritable path rejects instead of hanging', async () => {
    await assert.rejects(writeDemoCsv(join(dir, 'missing', 'demo.csv'), { conversations: 5000, seed: 1 }));
    await assert.rejects(writeDemoCsv(join(dir, 'missing', 'demo.csv.gz'), { conversations: 50, seed: 1 }));
  });
});
