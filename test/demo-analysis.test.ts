// `baton demo` data analysed end to end: the CLI path works, and the SQL derivation equals the brute-force recount on it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Baton } from '../src/baton.js';
import { generateDemoEvents } from '../src/demo/index.js';
import type { RefEvent } from './support/events.js';
import { referenceRecount } from './support/reference.js';
import { runCli } from './support/run-cli.js';
import { withTempDir } from './support/temp-data.js';

const OPTIONS = { conversations: 600, seed: 11 };
const orNull = (v: string) => (v === '' ? null : v);

function demoAsReference(): RefEvent[] {
  const events: RefEvent[] = [];
  for (const e of generateDemoEvents(OPTIONS)) {
    const type = e.event_type === 'transfer' ? 'assign' : e.event_type === 'close' ? 'resolve' : e.event_type;
    events.push({
      conversation_id: e.conversation_id,
      ts: Date.parse(e.timestamp),
      seq: events.length + 1,
      event_type: type as RefEvent['event_type'],
      actor: orNull(e.actor) as RefEvent['actor'],
      agent_id: orNull(e.agent_id),
      team: orNull(e.team),
      tier: orNull(e.tier),
      channel: orNull(e.channel),
      csat: e.csat === '' ? null : Number(e.csat),
      segment: orNull(e.segment),
      category: orNull(e.category),
      priority: orNull(e.priority),
      transfer_type: orNull(e.transfer_type),
      reason: orNull(e.reason),
    });
  }
  return events;
}

test('demo → analyze --json end to end', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    const demo = await runCli([
      'demo',
      '--conversations',
      String(OPTIONS.conversations),
      '--seed',
      String(OPTIONS.seed),
      '--out',
      file,
    ]);
    assert.equal(demo.code, 0);
    const run = await runCli(['analyze', file, '--json', '-q']);
    assert.equal(run.code, 0, run.err);
    const a = JSON.parse(run.out);
    assert.equal(a.data.conversations, OPTIONS.conversations);
    assert.equal(a.data.rejected_rows, 0);
    assert.ok(a.metrics.handoffs.value > 100);
    for (const [id, v] of Object.entries<{ value: number | null; ci95: [number, number] | null }>(
      a.metrics,
    )) {
      if (id.endsWith('_rate')) assert.ok(v.value !== null && v.value >= 0 && v.value <= 1, id);
      if (v.ci95 && v.value !== null)
        assert.ok(v.ci95[0] <= v.value && v.value <= v.ci95[1], `${id} inside its interval`);
    }
    assert.ok(a.metrics.ping_pong_rate.numerator > 0);
    assert.ok(a.metrics.csat_avg.value >= 1 && a.metrics.csat_avg.value <= 5);
    assert.deepEqual(a.funnel.map((f: { channel: string }) => f.channel).sort(), [
      'chat',
      'email',
      'phone',
      'social',
    ]);
  });
});

test('on demo data the SQL derivation equals the brute-force recount', async () => {
  const expected = referenceRecount(demoAsReference());
  await withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    assert.equal((await runCli(['demo', '--conversations', '600', '--seed', '11', '--out', file])).code, 0);
    const baton = await Baton.open();
    try {
      await baton.import([file]);
      const got = await baton.engine.all(
        'SELECT conversation_id, handoff_no, kind, completed, success, is_return, abandoned_after, handoff_time_s FROM handoffs ORDER BY conversation_id, handoff_no',
      );
      assert.equal(got.length, expected.handoffs.length);
      const kinds = new Set(got.map((h) => h.kind));
      for (const kind of ['bot_to_human', 'channel', 'tier', 'team', 'agent'])
        assert.ok(kinds.has(kind), kind);
      expected.handoffs.forEach((h, i) => {
        const pick = ({
          conversation_id,
          handoff_no,
          kind,
          completed,
          success,
          is_return,
          abandoned_after,
          handoff_time_s,
        }: typeof h) => ({
          conversation_id,
          handoff_no,
          kind,
          completed,
          success,
          is_return,
          abandoned_after,
          handoff_time_s,
        });
        assert.deepEqual(got[i], pick(h));
      });
    } finally {
      baton.close();
    }
  });
});
