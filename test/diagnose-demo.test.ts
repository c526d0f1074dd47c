// baton demo --plant / --clean against baton diagnose: each planted pattern is found on its segment at its size; clean finds nothing.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Baton } from '../src/baton.js';
import { CLEAN, generateDemoEvents, PLANTS, type PlantedPattern, writeDemoCsv } from '../src/demo/index.js';
import { type Diagnosis, diagnose } from '../src/diagnose/diagnose.js';
import type { Finding } from '../src/diagnose/finding.js';
import { runCli } from './support/run-cli.js';
import { withTempDir } from './support/temp-data.js';

const CONVERSATIONS = 4000;
const SEED = 7;
/** Measured sizes must be within this share of the planted ones. */
const TOLERANCE = 0.2;

async function diagnoseDemo(options: { clean?: boolean; plant?: PlantedPattern[] }): Promise<Diagnosis> {
  return withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    await writeDemoCsv(file, { conversations: CONVERSATIONS, seed: SEED, ...options });
    const baton = await Baton.open();
    try {
      await baton.import([file]);
      return await diagnose(baton.engine);
    } finally {
      baton.close();
    }
  });
}

function finding(d: Diagnosis, id: string): Finding {
  const found = d.findings.find((f) => f.id === id);
  assert.ok(found, `expected finding ${id}; got ${d.findings.map((f) => f.id).join(', ') || 'none'}`);
  return found;
}

function value(m: { value: number | null }): number {
  assert.ok(m.value !== null, 'measured value missing');
  return m.value;
}

function near(measured: number, planted: number, what: string): void {
  const error = Math.abs(measured - planted) / planted;
  assert.ok(
    error <= TOLERANCE,
    `${what}: measured ${measured.toFixed(3)}, planted ${planted.toFixed(3)} (off by ${(error * 100).toFixed(1)}%)`,
  );
}

test('clean simulation: diagnose raises nothing', async () => {
  const d = await diagnoseDemo({ clean: true });
  assert.ok(d.tests_run > 50, `diagnose should still have tested plenty, ran ${d.tests_run}`);
  assert.deepEqual(
    d.findings.map((f) => f.id),
    [],
  );
});

test('ping-pong: the planted pair, with its return share', async () => {
  const { from, to, sendBack } = PLANTS.pingPong;
  const d = await diagnoseDemo({ clean: true, plant: ['ping-pong'] });
  const pair = [from, to].sort().join('↔');
  const f = finding(d, `ping-pong:${pair}`);
  assert.equal(f.detector, 'ping-pong-pairs');
  assert.deepEqual(f.segment, { dimension: 'team_pair', value: pair });
  // Clean handoffs never return, so the pair's handoffs are n forward and sendBack × n back.
  near(value(f.evidence.segment) - value(f.evidence.rest), sendBack / (1 + sendBack), 'return share');
  assert.ok(
    !d.findings.some((x) => x.detector === 'ping-pong-pairs' && x.id !== f.id),
    'only the planted pair',
  );
});

test('cold-transfers: cold handoffs fail more and customers repeat themselves', async () => {
  const { abandon, repeat } = PLANTS.coldTransfers;
  const d = await diagnoseDemo({ clean: true, plant: ['cold-transfers'] });
  const success = finding(d, 'cold-transfer:success');
  assert.deepEqual(success.segment, { dimension: 'transfer_type', value: 'cold' });
  assert.equal(success.pattern, 'incomplete-context');
  // Cold handoffs that survive the planted drop behave like warm ones: cold success = (1 - abandon) × warm.
  near(1 - value(success.evidence.segment) / value(success.evidence.rest), abandon, 'relative success drop');
  const repeats = finding(d, 'repeat-explanation:cold');
  near(value(repeats.evidence.segment), repeat, 'cold repeat rate');
  near(value(repeats.evidence.rest), CLEAN.repeat, 'warm repeat rate');
});

test('slow-channel: the planted channel pair, with its handoff-time ratio', async () => {
  const { from, to, factor } = PLANTS.slowChannel;
  const d = await diagnoseDemo({ clean: true, plant: ['slow-channel'] });
  const f = finding(d, `slow-handoff:${from}→${to}`);
  assert.deepEqual(f.segment, { dimension: 'channel_pair', value: `${from}→${to}` });
  assert.equal(f.pattern, 'integration-gap');
  near(value(f.evidence.segment) / value(f.evidence.rest), factor, 'median handoff time ratio');
  assert.ok(
    !d.findings.some(
      (x) => x.detector === 'slow-handoff-pairs' && x.segment.dimension === 'channel_pair' && x !== f,
    ),
    'no other slow channel pair',
  );
});

test('out-of-hours: handoffs outside business hours, with their handoff-time ratio', async () => {
  const d = await diagnoseDemo({ clean: true, plant: ['out-of-hours'] });
  const f = finding(d, 'out-of-hours:handoff-time');
  assert.deepEqual(f.segment, { dimension: 'business_hours', value: 'out-of-hours' });
  assert.equal(f.pattern, 'poor-timing');
  near(
    value(f.evidence.segment) / value(f.evidence.rest),
    PLANTS.outOfHours.factor,
    'median handoff time ratio',
  );
  assert.deepEqual(
    d.findings.map((x) => x.id),
    [f.id],
  );
});

test('misrouting: the planted category and team, with its resolution gap', async () => {
  const { category, team, resolve } = PLANTS.misrouting;
  const d = await diagnoseDemo({ clean: true, plant: ['misrouting'] });
  const f = finding(d, `misrouted:${category}→${team}`);
  assert.deepEqual(f.segment, { dimension: 'category×team', value: `${category}×${team}` });
  assert.equal(f.pattern, 'skill-mismatch');
  near(value(f.evidence.rest) - value(f.evidence.segment), CLEAN.resolve - resolve, 'resolution share gap');
  assert.ok(
    !d.findings.some((x) => x.detector === 'misrouted-categories' && x !== f),
    'only the planted pair',
  );
});

test('no options: the default demo is unchanged by the switches existing', () => {
  // An explicit empty plant list and clean: false take the default path, event for event.
  const a = [...generateDemoEvents({ conversations: 200, seed: SEED })];
  const b = [...generateDemoEvents({ conversations: 200, seed: SEED, plant: [], clean: false })];
  assert.deepEqual(a, b);
  const planted = [...generateDemoEvents({ conversations: 200, seed: SEED, plant: ['ping-pong'] })];
  assert.notDeepEqual(planted, a);
  assert.throws(
    () => [...generateDemoEvents({ conversations: 1, seed: 1, plant: ['nope' as PlantedPattern] })],
    /unknown pattern to plant: nope/,
  );
});

test('CLI: --clean and --plant NAME[,NAME] write the planted demo; unknown names are usage errors', async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, 'cli.csv');
    const run = await runCli([
      'demo',
      '--conversations',
      '50',
      '--seed',
      '3',
      '--clean',
      '--plant',
      'ping-pong,misrouting',
      '--out',
      out,
    ]);
    assert.equal(run.code, 0, run.err);
    assert.match(run.err, /\(clean, planted ping-pong, planted misrouting\)/);
    const direct = join(dir, 'direct.csv');
    await writeDemoCsv(direct, {
      conversations: 50,
      seed: 3,
      clean: true,
      plant: ['ping-pong', 'misrouting'],
    });
    assert.equal(await readFile(out, 'utf8'), await readFile(direct, 'utf8'));
    const bad = await runCli(['demo', '--plant', 'ping-pong,sideways', '--out', join(dir, 'bad.csv')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown pattern 'sideways'/);
    const help = await runCli(['demo', '--help']);
    for (const name of [
      'ping-pong',
      'cold-transfers',
      'slow-channel',
      'out-of-hours',
      'misrouting',
      '--clean',
    ])
      assert.ok(help.out.includes(name), `help lists ${name}`);
  });
});

test('premature-handoffs: the planted team hands on before any reply, the planted share of what it owns first', async () => {
  const { from, share, reason } = PLANTS.premature;
  const options = { clean: true, plant: ['premature-handoffs'] as PlantedPattern[] };
  // The truth from the generator itself: the planted transfers, and the conversations the team owned first.
  let planted = 0;
  const firstOwner = new Map<string, string>();
  for (const e of generateDemoEvents({ conversations: CONVERSATIONS, seed: SEED, ...options })) {
    if (e.event_type === 'transfer' && e.reason === reason) planted++;
    if ((e.event_type === 'assign' || e.event_type === 'transfer') && !firstOwner.has(e.conversation_id))
      firstOwner.set(e.conversation_id, e.team);
  }
  const ownedFirst = [...firstOwner.values()].filter((t) => t === from).length;
  const d = await diagnoseDemo(options);
  const f = finding(d, `before-first-reply:${from}`);
  assert.equal(f.detector, 'premature-handoffs');
  assert.deepEqual(f.segment, { dimension: 'from_team', value: from });
  // Clean owners always write before handing on, so every handoff before a reply is a planted one.
  assert.equal(value(f.evidence.rest), 0);
  const found = Math.round(value(f.evidence.segment) * f.evidence.segment.n);
  assert.equal(found, planted, 'each planted transfer is found, and nothing else');
  near(found / ownedFirst, share, 'share of first-owned conversations passed on');
});
