// baton network: exact handover matrices, variants and push-to-front on the worked example and a hand-made log, the planted ping-pong on the demo, and the CLI.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Baton } from '../src/baton.js';
import { commandHelp, type Io, parseCommandArgs } from '../src/cli/command.js';
import { networkCommand } from '../src/cli/commands/network.js';
import { PLANTS, writeDemoCsv } from '../src/demo/index.js';
import type { MetricValue } from '../src/metrics/types.js';
import { DataError, ExitCode, UsageError } from '../src/model/errors.js';
import type { MatrixCell } from '../src/network/handover-matrix.js';
import type { NetworkLevel } from '../src/network/levels.js';
import { handoverNetwork, type Network, type NetworkOptions } from '../src/network/network.js';
import { wilson } from '../src/stats/intervals.js';
import { workedExampleCsv } from './fixtures/worked-example.js';
import { csvOf, withBaton, withTempDir } from './support/temp-data.js';

async function networkOf(csv: string, options: NetworkOptions = {}): Promise<Network> {
  return withBaton(csv, async (baton) => {
    await baton.ensureDerived();
    return handoverNetwork(baton.engine, options);
  });
}

function cell(n: Network, from: string, to: string): MatrixCell {
  const c = n.matrix.cells.find((x) => x.from === from && x.to === to);
  assert.ok(c, `no cell ${from}→${to}; cells: ${n.matrix.cells.map((x) => `${x.from}→${x.to}`).join(', ')}`);
  return c;
}

function rate(v: MetricValue, k: number, n: number): void {
  assert.equal(v.numerator, k);
  assert.equal(v.denominator, n);
  assert.deepEqual(v.ci95, wilson(k, n));
}

// Runs the command the way src/cli/main.ts does (help, errors to exit codes) before it is registered there.
async function runNetwork(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t) };
  let code: number;
  try {
    const { values, positionals } = parseCommandArgs(networkCommand, argv);
    if (values.help) {
      io.out(commandHelp(networkCommand));
      code = ExitCode.ok;
    } else code = await networkCommand.run(values, positionals, io);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof DataError)) throw error;
    io.err(error.message);
    code = error instanceof UsageError ? ExitCode.usage : ExitCode.data;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('worked example: exact team and channel matrices, owners and variants', async () => {
  const levels: NetworkLevel[] = ['team', 'channel'];
  for (const level of levels) {
    const n = await networkOf(workedExampleCsv(), { level });
    const [chat, email, phone] = level === 'team' ? ['Chat', 'Email', 'Phone'] : ['chat', 'email', 'phone'];
    assert.equal(n.matrix.handoffs, 360);
    assert.deepEqual(n.matrix.nodes, [email, chat, phone]);
    assert.equal(n.matrix.cells.length, 2);
    const first = cell(n, chat!, email!);
    assert.equal(first.handoffs, 300);
    assert.equal(first.share_of_from, 1);
    rate(first.success_rate, 240, 300);
    const second = cell(n, email!, phone!);
    assert.equal(second.handoffs, 60);
    rate(second.success_rate, 45, 60);
    assert.equal(n.matrix.folded, null);
    assert.deepEqual(
      n.nodes.find((s) => s.node === email),
      {
        node: email,
        handed_out: 60,
        handed_in: 300,
        self_loops: 0,
        degree_out: 1,
        degree_in: 1,
        top_partner: phone,
        top_partner_share: 1,
      },
    );
  }
  const n = await networkOf(workedExampleCsv());
  const team = n.variants.team;
  assert.equal(team.conversations, 1000);
  assert.equal(team.variants, 3);
  assert.deepEqual(
    team.top.map((v) => [v.path, v.conversations, v.share, v.cumulative_share]),
    [
      [['Chat'], 700, 0.7, 0.7],
      [['Chat', 'Email'], 240, 0.24, 0.94],
      [['Chat', 'Email', 'Phone'], 60, 0.06, 1],
    ],
  );
  rate(team.top[2]!.resolution_rate, 45, 60);
  assert.deepEqual(
    team.top.map((v) => v.resolution_time_median_s.value),
    [1000, 1400, 1960],
  );
  assert.equal(team.tail.variants, 0);
  assert.deepEqual(
    n.variants.channel.top.map((v) => v.path.join(' → ')),
    ['chat', 'chat → email', 'chat → email → phone'],
  );
  // Push-to-front: the 700 conversations chat closed itself; no bot, so no containment sample.
  rate(n.push_to_front.overall, 700, 1000);
  assert.deepEqual(
    n.push_to_front.by_start_team.map((r) => r.value),
    ['Chat'],
  );
  rate(n.push_to_front.by_start_channel[0]!.rate, 700, 1000);
  assert.equal(n.push_to_front.bot_containment.overall.denominator, 0);
  assert.deepEqual(n.push_to_front.bot_containment.by_start_channel, []);
});

test('worked example: --top folds the less busy owners into (other) with the rate re-evaluated', async () => {
  const n = await networkOf(workedExampleCsv(), { top: 1 });
  assert.deepEqual(n.matrix.nodes, ['Email', '(other)']);
  assert.deepEqual(n.matrix.folded, { nodes: 2, handoffs: 360 });
  rate(cell(n, '(other)', 'Email').success_rate, 240, 300);
  rate(cell(n, 'Email', '(other)').success_rate, 45, 60);
  assert.deepEqual(
    n.nodes.map((s) => s.node),
    ['Email'],
  );
  // Agent level: the transfers name no agent, so the receiver is whoever picked the handoff up; the
  // 15 email→phone handoffs abandoned before pick-up go to (none), which is never folded.
  const agents = await networkOf(workedExampleCsv(), { level: 'agent', top: 2 });
  assert.deepEqual(agents.matrix.nodes, ['(none)', 'mail-0', 'mail-1', '(other)']);
  assert.equal(cell(agents, '(none)', '(none)').handoffs, 15);
  // Chat agents hand 60 each to mail-0 and mail-1 (i % 5), the busiest receivers.
  assert.equal(cell(agents, '(other)', 'mail-0').handoffs, 60);
  assert.equal(cell(agents, '(other)', 'mail-1').handoffs, 60);
  // The e-mail agents reply without an assign, so they never own: the email→phone handoffs come from (none).
  assert.equal(cell(agents, '(none)', '(other)').handoffs, 45);
  assert.deepEqual(agents.matrix.folded, { nodes: 13, handoffs: 345 });
});

// c1, c2 stay in Billing; c3 Billing → Tech; c4 bounces back; c5 Tech gives up; c6 moves agent inside Billing;
// c7 the bot closes; c8 the bot hands to Billing's queue.
const TINY = csvOf([
  'c1, 09:00, message, customer, , , , chat',
  'c1, 09:01, assign, , ann, Billing, L1, chat',
  'c1, 09:02, message, agent, ann',
  'c1, 09:10, resolve',
  'c2, 10:00, message, customer, , , , chat',
  'c2, 10:01, assign, , ann, Billing, L1, chat',
  'c2, 10:02, message, agent, ann',
  'c2, 10:10, resolve',
  'c3, 11:00, assign, , ann, Billing, L1, chat',
  'c3, 11:02, message, agent, ann',
  'c3, 11:05, transfer, , bob, Tech, L1, chat',
  'c3, 11:06, message, agent, bob',
  'c3, 11:30, resolve',
  'c4, 12:00, assign, , ann, Billing, L1, chat',
  'c4, 12:02, message, agent, ann',
  'c4, 12:05, transfer, , bob, Tech, L1, chat',
  'c4, 12:06, message, agent, bob',
  'c4, 12:20, transfer, , ann, Billing, L1, chat',
  'c4, 12:50, abandon',
  'c5, 13:00, assign, , carl, Tech, L1, email',
  'c5, 13:02, message, agent, carl',
  'c5, 13:30, abandon',
  'c6, 14:00, assign, , ann, Billing, L1, chat',
  'c6, 14:02, message, agent, ann',
  'c6, 14:05, transfer, , dora, Billing, L1, chat',
  'c6, 14:06, message, agent, dora',
  'c6, 14:30, resolve',
  'c7, 15:00, message, customer, , , , chat',
  'c7, 15:00, assign, , fin, Bot, , chat',
  'c7, 15:01, message, bot, fin',
  'c7, 15:05, resolve',
  'c8, 16:00, message, customer, , , , chat',
  'c8, 16:00, assign, , fin, Bot, , chat',
  'c8, 16:01, message, bot, fin',
  'c8, 16:02, transfer, , , Billing, L1, chat',
  'c8, 16:04, assign, , ann',
  'c8, 16:05, message, agent, ann',
  'c8, 16:30, resolve',
]);

test('hand-made log: self-loops, degrees, variants with the tail folded, push-to-front and bot containment', async () => {
  const n = await networkOf(TINY, { variants: 2 });
  assert.equal(n.matrix.handoffs, 5);
  assert.deepEqual(
    n.matrix.cells.map((c) => [c.from, c.to, c.handoffs, c.success_rate.numerator]),
    [
      ['Billing', 'Tech', 2, 1],
      ['Billing', 'Billing', 1, 1],
      ['Bot', 'Billing', 1, 1],
      ['Tech', 'Billing', 1, 0],
    ],
  );
  assert.equal(cell(n, 'Billing', 'Tech').share_of_from, 2 / 3);
  assert.deepEqual(n.nodes[0], {
    node: 'Billing',
    handed_out: 2,
    handed_in: 2,
    self_loops: 1,
    degree_out: 1,
    degree_in: 2,
    top_partner: 'Tech',
    top_partner_share: 1,
  });
  const team = n.variants.team;
  assert.equal(team.variants, 6);
  assert.deepEqual(
    team.top.map((v) => [v.path.join(' → '), v.conversations, v.cumulative_share]),
    [
      ['Billing', 3, 3 / 8],
      ['Billing → Tech', 1, 4 / 8],
    ],
  );
  rate(team.top[0]!.resolution_rate, 3, 3);
  assert.deepEqual(
    { variants: team.tail.variants, conversations: team.tail.conversations, share: team.tail.share },
    { variants: 4, conversations: 4, share: 0.5 },
  );
  rate(team.tail.resolution_rate, 2, 4);
  assert.deepEqual(
    n.variants.channel.top.map((v) => [v.path.join(' → '), v.conversations]),
    [
      ['chat', 7],
      ['email', 1],
    ],
  );
  const front = n.push_to_front;
  rate(front.overall, 3, 8);
  assert.deepEqual(
    front.by_start_team.map((r) => [r.value, r.rate.numerator, r.rate.denominator]),
    [
      ['Billing', 2, 5],
      ['Bot', 1, 2],
      ['Tech', 0, 1],
    ],
  );
  // The bot has no tier, so a start tier is the first one reached: c8 (bot, then Billing L1) counts under L1
  // with c1-c6, where c1 and c2 are the front line's own closes; c7, closed by the bot, never had a tier.
  assert.deepEqual(
    front.by_start_tier.map((r) => [r.value, r.rate.numerator, r.rate.denominator]),
    [
      ['(none)', 1, 1],
      ['L1', 2, 7],
    ],
  );
  rate(front.bot_containment.overall, 1, 2);
  assert.deepEqual(
    front.bot_containment.by_start_channel.map((r) => r.start_channel),
    ['chat'],
  );
  // Tier level: the bot has no tier; the agent move inside Billing and the bounce stay on L1 (self-loops).
  const tiers = await networkOf(TINY, { level: 'tier' });
  assert.deepEqual(
    tiers.matrix.cells.map((c) => [c.from, c.to, c.handoffs]),
    [
      ['L1', 'L1', 4],
      ['(none)', 'L1', 1],
    ],
  );
});

test('demo with --plant ping-pong: Billing L1 → Support L1 becomes a large cell', async () => {
  const teamNetwork = (plant: boolean) =>
    withTempDir(async (dir) => {
      const file = join(dir, 'demo.csv');
      await writeDemoCsv(file, { conversations: 3000, seed: 11, ...(plant ? { plant: ['ping-pong'] } : {}) });
      const baton = await Baton.open();
      try {
        await baton.import([file]);
        return await handoverNetwork(baton.engine, { level: 'team' });
      } finally {
        baton.close();
      }
    });
  const base = await teamNetwork(false);
  const planted = await teamNetwork(true);
  const before = cell(base, 'Billing L1', 'Support L1');
  const after = cell(planted, 'Billing L1', 'Support L1');
  const sent = cell(planted, 'Support L1', 'Billing L1').handoffs;
  // The plant sends back half of what Billing L1 picks up from Support L1: at least half of that shows as new returns.
  const grown = after.handoffs - before.handoffs;
  assert.ok(
    grown >= 0.5 * PLANTS.pingPong.sendBack * sent,
    `Billing L1 → Support L1: ${before.handoffs} without the plant, ${after.handoffs} with it (${sent} sent over)`,
  );
  assert.ok(
    after.share_of_from > before.share_of_from + 0.1,
    `${before.share_of_from} → ${after.share_of_from}`,
  );
  assert.equal(planted.nodes.find((s) => s.node === 'Billing L1')!.top_partner, 'Support L1');
  assert.notEqual(base.nodes.find((s) => s.node === 'Billing L1')!.top_partner, 'Support L1');
  // Every cell's rate is the catalog's: counts add up to the matrix total.
  assert.equal(
    planted.matrix.cells.reduce((s, c) => s + (c.success_rate.denominator ?? 0), 0),
    planted.matrix.handoffs,
  );
});

test('CLI: help with definitions, --json shape, text sections, bad options', async () => {
  const help = await runNetwork(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage: baton network /);
  for (const word of [
    '--level',
    '--top',
    '--variants',
    'self-loop',
    'push-to-front',
    'bot containment',
    'variant',
  ])
    assert.ok(help.out.includes(word), `help mentions ${word}`);
  await withTempDir(async (dir) => {
    const file = join(dir, 'example.csv');
    await writeFile(file, workedExampleCsv());
    const json = await runNetwork([file, '--json', '-q']);
    assert.equal(json.code, 0);
    const parsed = JSON.parse(json.out);
    assert.deepEqual(Object.keys(parsed), ['level', 'matrix', 'nodes', 'variants', 'push_to_front']);
    assert.deepEqual(Object.keys(parsed.matrix), ['level', 'nodes', 'cells', 'handoffs', 'folded']);
    assert.deepEqual(Object.keys(parsed.matrix.cells[0]), [
      'from',
      'to',
      'handoffs',
      'share_of_from',
      'success_rate',
    ]);
    assert.deepEqual(Object.keys(parsed.matrix.cells[0].success_rate), [
      'value',
      'numerator',
      'denominator',
      'ci95',
    ]);
    assert.deepEqual(Object.keys(parsed.variants), ['team', 'channel', 'not_measured']);
    assert.deepEqual(Object.keys(parsed.variants.team.top[0]), [
      'path',
      'conversations',
      'resolution_rate',
      'resolution_time_median_s',
      'share',
      'cumulative_share',
    ]);
    assert.equal(parsed.push_to_front.metric, 'first_contact_resolution_rate');
    assert.equal(parsed.push_to_front.bot_containment.metric, 'bot_containment_rate');
    const text = await runNetwork([file, '--level', 'channel', '-q']);
    assert.equal(text.code, 0);
    assert.match(text.out, /HANDOVER MATRIX BY CHANNEL: 360 handoffs/);
    assert.match(text.out, /^A {2}email +· +· +60$/m);
    assert.match(text.out, /^B {2}chat +300 +· +·$/m);
    assert.match(text.out, /VARIANTS: TEAM PATHS \(3 distinct over 1,000 conversations\)/);
    assert.match(text.out, /PUSH-TO-FRONT .*\nOverall 70\.0% /);
    assert.match(text.out, /No conversation was first routed to a bot\./);
    assert.equal((await runNetwork([file, '--level', 'queue', '-q'])).code, 2);
    assert.equal((await runNetwork([file, '--top', '0', '-q'])).code, 2);
    assert.equal((await runNetwork([])).code, 2);
  });
});
