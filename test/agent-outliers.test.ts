// Agent-level shrinkage: a weak agent with many handoffs is named, a tiny one never is, a clean operation names nobody.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Baton } from '../src/baton.js';
import { Random, writeDemoCsv } from '../src/demo/index.js';
import { agentOutliers } from '../src/diagnose/detectors/agent-outliers.js';
import { type Diagnosis, diagnose } from '../src/diagnose/diagnose.js';
import { UsageError } from '../src/model/errors.js';
import { runCli } from './support/run-cli.js';
import { HEADER, withBaton, withTempDir } from './support/temp-data.js';

type Staff = readonly [team: string, agent: string, handoffs: number, success: number][];

/** [team, agent, handoffs received, chance each succeeds]. */
const STAFF: Staff = [
  ...[1, 2, 3, 4, 5, 6].map((i): [string, string, number, number] => ['Billing', `good${i}`, 150, 0.7]),
  ['Billing', 'wes', 200, 0.4],
  ['Billing', 'tia', 5, 0],
  ...[1, 2, 3, 4].map((i): [string, string, number, number] => ['Tech', `tech${i}`, 100, 0.6]),
];

/** One conversation per handoff: routed to the front desk, handed to a named agent who replies, then resolved or abandoned. */
function staffCsv(seed: number, staff: Staff = STAFF): string {
  const random = new Random(seed);
  const lines = [HEADER];
  let c = 0;
  const start = Date.parse('2026-03-02T08:00:00Z');
  for (const [team, agent, handoffs, success] of staff) {
    for (let i = 0; i < handoffs; i++, c++) {
      const t0 = start + (c % 28) * 86_400_000 + Math.floor(random.next() * 8 * 3_600_000);
      const at = (s: number) => new Date(t0 + s * 1000).toISOString();
      const id = `c${c}`;
      lines.push(
        `${id},${at(0)},assign,,front,Front,L1,chat,,,,,,,,`,
        `${id},${at(60)},message,customer,,,,,hello,,,,,,,`,
        `${id},${at(120)},message,agent,front,,,,hi,,,,,,,`,
        `${id},${at(180)},transfer,,${agent},${team},L1,chat,,,,,,,,warm`,
        `${id},${at(300)},message,agent,${agent},,,,on it,,,,,,,`,
        `${id},${at(600)},${random.next() < success ? 'resolve' : 'abandon'},,,,,,,,,,,,,`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function diagnoseStaff(thresholds = {}): Promise<Diagnosis> {
  return withBaton(staffCsv(11), async (baton) => {
    await baton.ensureDerived();
    return diagnose(baton.engine, { detectors: [agentOutliers], thresholds });
  });
}

test('a weak agent with 200 handoffs is named; one with 5 and none successful is not', async () => {
  const d = await diagnoseStaff();
  assert.deepEqual(
    d.findings.map((f) => f.id),
    ['agent-outlier:success:Billing/wes'],
  );
  const f = d.findings[0]!;
  assert.equal(f.pattern, 'skill-mismatch');
  assert.deepEqual(f.segment, { dimension: 'to_agent', value: 'wes' });
  assert.equal(f.evidence.segment.n, 200);
  // Shrunk towards the team: above the raw rate, and the whole credible interval below the team's.
  const raw = Number(/succeed (\d+)%/.exec(f.title)?.[1]) / 100;
  assert.ok((f.evidence.segment.value ?? 0) > raw);
  assert.ok((f.evidence.segment.ci95?.[1] ?? 1) < (f.evidence.rest.value ?? 0));
  assert.equal(f.recommendation.success_metric.metric, 'handoff_success_rate');
  assert.equal(d.thresholds.agent_min_handoffs, 30);
  const detector = d.detectors.find((x) => x.id === 'agent-outliers')!;
  assert.deepEqual(detector.notes, ['1 agent with fewer than 30 handoffs not assessed']);
  // 11 agents with enough handoffs, each tested on success and on completion.
  assert.equal(detector.tests, 22);
});

test('assessed at a lower minimum, the 0-of-5 agent is still not named: shrinkage pulls it to the team', async () => {
  const d = await diagnoseStaff({ agent_min_handoffs: 5 });
  assert.ok(!d.findings.some((f) => f.segment.value === 'tia'));
  assert.ok(d.findings.some((f) => f.segment.value === 'wes'));
});

test('agents who differ only by chance are not named, whatever the seed', async () => {
  const same: Staff = STAFF.map(([team, agent, handoffs]) => [team, agent, handoffs, 0.6]);
  for (const seed of [1, 2, 3]) {
    await withBaton(staffCsv(seed, same), async (baton) => {
      await baton.ensureDerived();
      const d = await diagnose(baton.engine, { detectors: [agentOutliers] });
      assert.deepEqual(
        d.findings.map((f) => f.id),
        [],
        `seed ${seed}`,
      );
      assert.equal(d.detectors[0]!.tests, 22);
    });
  }
});

// The clean demo routes every handoff to a team queue (no to_agent), so this guards the detector against
// raising anything on it rather than exercising it; the seeded staff above do that.
test('the clean demo names no agent', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'clean.csv');
    await writeDemoCsv(file, { conversations: 3000, seed: 7, clean: true });
    const baton = await Baton.open();
    try {
      await baton.import([file]);
      const d = await diagnose(baton.engine, { detectors: [agentOutliers] });
      assert.deepEqual(
        d.findings.map((f) => f.id),
        [],
      );
    } finally {
      baton.close();
    }
  });
});

test('query --shrink: each agent shrunk towards all of them, small agents the most', async () => {
  await withBaton(staffCsv(11), async (baton) => {
    const q = await baton.query({ metrics: ['handoff_success_rate'], by: ['to_agent'], shrink: true });
    const row = (agent: string) => q.rows.find((r) => r.dimensions.to_agent === agent)!;
    const prior = q.priors!.handoff_success_rate!;
    const tia = row('tia').shrunk!.handoff_success_rate!;
    const wes = row('wes').shrunk!.handoff_success_rate!;
    assert.ok(tia.posterior_mean > 0 && tia.posterior_mean < prior.mean);
    assert.ok(tia.weight < wes.weight);
    close(tia.weight, 5 / (5 + prior.strength));
    close(tia.posterior_mean, (0 + prior.alpha) / (5 + prior.strength));
    await assert.rejects(
      baton.query({ metrics: ['handoffs'], by: ['to_agent'], shrink: true }),
      (e: unknown) => e instanceof UsageError && e.problems[0]?.code === 'shrink-needs-rate',
    );
  });
});

test('baton query --shrink adds shrunk columns to the table and the JSON', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'staff.csv');
    await writeFile(file, staffCsv(11));
    const args = ['query', file, '--metric', 'handoff_success_rate,handoffs', '--by', 'to_agent', '--shrink'];
    const json = await runCli([...args, '--json', '--quiet']);
    assert.equal(json.code, 0, json.err);
    const out = JSON.parse(json.out);
    const tia = out.rows.find((r: { to_agent: string }) => r.to_agent === 'tia');
    assert.deepEqual(Object.keys(tia.shrunk_handoff_success_rate), ['posterior_mean', 'ci95', 'weight']);
    assert.ok(!('shrunk_handoffs' in tia));
    assert.ok(out.priors.handoff_success_rate.strength > 0);
    const text = await runCli([...args, '--quiet']);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /shrunk +95% credible +weight/);
  });
});

function close(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);
}
