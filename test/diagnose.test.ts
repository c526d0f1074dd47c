// baton diagnose: planted failure patterns are found on the right segment with the right size; clean data finds nothing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Baton } from '../src/baton.js';
import { diagnoseCommand } from '../src/cli/commands/diagnose.js';
import { renderDiagnosis } from '../src/cli/render/diagnose.js';
import { writeDemoCsv } from '../src/demo/index.js';
import { parseBusinessHours } from '../src/diagnose/business-hours.js';
import { type Diagnosis, diagnose } from '../src/diagnose/diagnose.js';
import type { Finding } from '../src/diagnose/finding.js';
import { UsageError } from '../src/model/errors.js';
import { Rng } from './support/random-log.js';
import { csvOf, withBaton, withTempDir } from './support/temp-data.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2026, 2, 2);
/** Conversations start over 30.44 days, so one month of data: per-month figures equal totals. */
const SPAN_DAYS = 30.44;

interface Plan {
  conversations: number;
  seed: number;
  /** Probability that the receiving team sends the conversation back to the start team. */
  returnChance?: (startTeam: string, team: string) => number;
  /** Probability that the customer gives up after the handoff, by transfer type. */
  abandonChance?: (transferType: string) => number;
  /** Minutes the new owner takes to reply, by channel pair. */
  pickupMinutes?: (fromChannel: string, toChannel: string) => number;
  /** Planted extra resolution hours. */
  extraHours?: (c: { startTeam: string; team: string; toChannel: string; transferType: string }) => number;
  /** Probability the customer says they are repeating themselves after the handoff. */
  repeatChance?: (transferType: string) => number;
}

/**
 * A support log with one handoff in most conversations (start team → Billing or Tech, chat → chat or
 * email, warm or cold), every agent telling the customer before a transfer; knobs plant one failure.
 */
function plantedLog(plan: Plan): string {
  const rng = new Rng(plan.seed);
  const rows: string[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let i = 0; i < plan.conversations; i++) {
    const id = `c${i}`;
    const start = START + Math.floor(rng.next() * SPAN_DAYS * 24 * HOUR);
    const startTeam = rng.pick(['Support', 'Sales']);
    const add = (ms: number, rest: string) => rows.push(`${id},${iso(ms)},${rest}`);
    const cust = `cust${i}`;
    add(
      start,
      `message,customer,,,,chat,Hello my order ${10000 + i} never arrived,,${cust},smb,general,normal`,
    );
    add(start + MINUTE, `assign,,${startTeam}-1,${startTeam},L1,chat`);
    add(start + 2 * MINUTE, `message,agent,${startTeam}-1,${startTeam},L1,chat,Hello I am looking into it`);
    let t = start + 2 * MINUTE;
    let abandoned = false;
    let extra = 0;
    let pickup = 0;
    if (rng.chance(0.85)) {
      const team = rng.pick(['Billing', 'Tech']);
      const toChannel = rng.pick(['chat', 'email']);
      const transferType = rng.pick(['warm', 'cold']);
      add(
        t + 2 * MINUTE,
        `message,agent,${startTeam}-1,${startTeam},L1,chat,I am passing you to a colleague`,
      );
      t += 3 * MINUTE;
      add(t, `transfer,,${team}-1,${team},L1,${toChannel},,,,,,,,${transferType}`);
      pickup = (plan.pickupMinutes?.('chat', toChannel) ?? 10) * (0.7 + 0.6 * rng.next()) * MINUTE;
      t += pickup;
      add(t, `message,agent,${team}-1,${team},L1,${toChannel},Hi I have your case now`);
      const repeat = rng.chance(plan.repeatChance?.(transferType) ?? 0);
      t += MINUTE;
      add(
        t,
        `message,customer,,,,${toChannel},${repeat ? 'As I already explained it never came' : 'ok thanks'}`,
      );
      if (rng.chance(plan.returnChance?.(startTeam, team) ?? 0.05)) {
        add(t + MINUTE, `message,agent,${team}-1,${team},L1,${toChannel},This belongs with my colleagues`);
        t += 2 * MINUTE;
        add(t, `transfer,,${startTeam}-1,${startTeam},L1,chat,,,,,,,,${transferType}`);
        t += 5 * MINUTE;
        add(t, `message,agent,${startTeam}-1,${startTeam},L1,chat,Back with me now`);
      }
      abandoned = rng.chance(plan.abandonChance?.(transferType) ?? 0.15);
      extra = plan.extraHours?.({ startTeam, team, toChannel, transferType }) ?? 0;
    }
    if (abandoned) add(t + 10 * MINUTE, 'abandon');
    else {
      // Resolution time: a random base, the wait for the new owner, and whatever the plan adds.
      const resolved = start + (3 * HOUR + rng.next() * 2 * HOUR) + pickup + extra * HOUR;
      add(Math.max(resolved, t + MINUTE), 'resolve,agent');
    }
  }
  return csvOf(rows);
}

async function diagnosed(csv: string, options: Parameters<typeof diagnose>[1] = {}): Promise<Diagnosis> {
  return withBaton(csv, async (baton) => {
    await baton.ensureDerived();
    return diagnose(baton.engine, options);
  });
}

const find = (d: Diagnosis, id: string): Finding => {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `expected finding ${id}; got ${d.findings.map((x) => x.id).join(', ') || 'none'}`);
  return f;
};

const within = (actual: number | null, expected: number, share: number, what: string) => {
  assert.ok(actual !== null, `${what}: no value`);
  assert.ok(
    Math.abs(actual - expected) <= share * Math.abs(expected),
    `${what}: ${actual.toFixed(2)} is not within ${share * 100}% of ${expected.toFixed(2)}`,
  );
};

/** Every finding meets its stated thresholds. */
function checkThresholds(d: Diagnosis): void {
  for (const f of d.findings) {
    const e = f.evidence;
    assert.ok(e.q_value < d.thresholds.alpha, `${f.id}: q ${e.q_value}`);
    assert.ok(e.p_value <= e.q_value + 1e-12, `${f.id}: p above q`);
    assert.ok(e.segment.n >= d.thresholds.min_sample, `${f.id}: segment n ${e.segment.n}`);
    if (e.rest.n > 0) assert.ok(e.rest.n >= d.thresholds.min_sample, `${f.id}: rest n ${e.rest.n}`);
    assert.match(f.id, /^[a-z-]+:.+/);
    assert.ok(['high', 'medium', 'low'].includes(f.severity));
    assert.ok(f.recommendation.success_metric.metric.length > 0);
  }
}

test('ping-pong: a team pair with a 40% return share against 5% elsewhere is found, with its cost', async () => {
  const plan: Plan = {
    conversations: 2400,
    seed: 11,
    // Returning with chance r makes r/(1+r) of the pair's handoffs returns: 2/3 gives 40%.
    returnChance: (s, t) => (s === 'Support' && t === 'Tech' ? 2 / 3 : 0.0526),
    extraHours: (c) => (c.startTeam === 'Support' && c.team === 'Tech' ? 3 : 0),
  };
  const csv = plantedLog(plan);
  const d = await diagnosed(csv);
  checkThresholds(d);
  const f = find(d, 'ping-pong:Support↔Tech');
  assert.equal(f.pattern, 'skill-mismatch');
  assert.deepEqual(f.segment, { dimension: 'team_pair', value: 'Support↔Tech' });
  within(f.evidence.segment.value, 0.4, 0.15, 'return share');
  within(f.evidence.rest.value, 0.05, 0.4, 'rest return share');
  // Planted: 3 extra hours for every Support→Tech conversation; about 2400 × 0.85 × ¼ of them in one month.
  const pairConversations = f.impact.conversations_per_month;
  within(pairConversations, (2400 * 0.85) / 4, 0.2, 'conversations per month');
  within(f.impact.extra_hours_per_conversation, 3, 0.2, 'extra hours per conversation');
  within(f.impact.extra_resolution_hours_per_month, pairConversations * 3, 0.2, 'extra hours per month');
  assert.equal(f.recommendation.strategy, 'skill-based-matching');
  assert.ok(!d.findings.some((x) => x.detector === 'ping-pong-pairs' && x.id !== f.id));
});

test('cold transfers failing twice as often as warm ones, and repeats after them, are found', async () => {
  const d = await diagnosed(
    plantedLog({
      conversations: 2000,
      seed: 12,
      abandonChance: (type) => (type === 'cold' ? 0.4 : 0.2),
      repeatChance: (type) => (type === 'cold' ? 0.5 : 0.05),
      extraHours: (c) => (c.transferType === 'cold' ? 2 : 0),
    }),
  );
  checkThresholds(d);
  const f = find(d, 'cold-transfer:success');
  assert.equal(f.pattern, 'incomplete-context');
  assert.equal(f.evidence.metric, 'handoff_success_rate');
  within(f.evidence.segment.value, 0.6, 0.1, 'cold success');
  within(f.evidence.rest.value, 0.8, 0.1, 'warm success');
  within(f.impact.extra_hours_per_conversation, 2, 0.2, 'extra hours for cold');
  assert.equal(f.recommendation.strategy, 'warm-transfer');
  const repeat = find(d, 'repeat-explanation:cold');
  assert.deepEqual(repeat.segment, { dimension: 'transfer_type', value: 'cold' });
  within(repeat.evidence.segment.value, 0.5, 0.2, 'repeat rate after cold');
});

test('a channel pair with 3x longer handoff times is an integration gap', async () => {
  const d = await diagnosed(
    plantedLog({
      conversations: 1500,
      seed: 13,
      pickupMinutes: (_from, to) => (to === 'email' ? 30 : 10),
      extraHours: (c) => (c.toChannel === 'email' ? 1 : 0),
    }),
  );
  checkThresholds(d);
  const f = find(d, 'slow-handoff:chat→email');
  assert.equal(f.pattern, 'integration-gap');
  assert.deepEqual(f.segment, { dimension: 'channel_pair', value: 'chat→email' });
  within(f.evidence.segment.value, 30 * 60, 0.2, 'median pick-up');
  within(f.evidence.rest.value, 10 * 60, 0.2, 'rest median pick-up');
  // Planted 1 h, plus the 20 extra minutes of waiting on average.
  within(f.impact.extra_hours_per_conversation, 1 + 20 / 60, 0.2, 'extra hours');
});

test('a clean log, with no differences planted, has no finding', async () => {
  const d = await diagnosed(plantedLog({ conversations: 2000, seed: 14 }));
  assert.ok(d.tests_run >= 15, `only ${d.tests_run} tests ran`);
  assert.deepEqual(
    d.findings.map((f) => f.id),
    [],
  );
  assert.match(renderDiagnosis(d), /^No finding passes the thresholds/);
});

test('too little data tests nothing, and --min-sample lowers the bar', async () => {
  const csv = plantedLog({ conversations: 40, seed: 15 });
  const strict = await diagnosed(csv);
  assert.equal(strict.tests_run, 0);
  const loose = await diagnosed(csv, { thresholds: { min_sample: 5 } });
  assert.ok(loose.tests_run > 0);
});

test('business hours: parsing, and bad specifications are usage errors', () => {
  assert.deepEqual(parseBusinessHours('Mon-Fri 08:00-18:00'), {
    days: [1, 2, 3, 4, 5],
    startMinute: 480,
    endMinute: 1080,
    label: 'Mon-Fri 08:00-18:00',
  });
  assert.deepEqual(parseBusinessHours('Sat-Mon 09:30-17:00').days, [1, 6, 7]);
  assert.deepEqual(parseBusinessHours('mon,wed 00:00-24:00').days, [1, 3]);
  for (const bad of ['Mon-Fri', 'Mon-Fri 18:00-08:00', 'Funday 08:00-10:00', 'Mon 08:00-25:00'])
    assert.throws(() => parseBusinessHours(bad), UsageError, bad);
});

test('out-of-hours handoffs that wait longer are found in the business time zone', async () => {
  // Every handoff made before 08:00 UTC waits 60 minutes instead of 10.
  const rows: string[] = [];
  const rng = new Rng(16);
  for (let i = 0; i < 600; i++) {
    const night = i % 2 === 0;
    const day = new Date(START + (i % 20) * 24 * HOUR);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 2);
    const at = day.getTime() + (night ? 3 : 11) * HOUR + rng.int(50) * MINUTE;
    const iso = (ms: number) => new Date(ms).toISOString();
    const wait = (night ? 60 : 10) * MINUTE * (0.7 + 0.6 * rng.next());
    rows.push(
      `c${i},${iso(at)},message,customer,,,,chat,help me`,
      `c${i},${iso(at + MINUTE)},assign,,a1,Support,L1,chat`,
      `c${i},${iso(at + 2 * MINUTE)},message,agent,a1,Support,L1,chat,one moment`,
      `c${i},${iso(at + 3 * MINUTE)},transfer,,b1,Tech,L2,chat`,
      `c${i},${iso(at + 3 * MINUTE + wait)},message,agent,b1,Tech,L2,chat,hello`,
      `c${i},${iso(at + 3 * MINUTE + wait + HOUR)},resolve,agent`,
    );
  }
  const d = await diagnosed(csvOf(rows));
  checkThresholds(d);
  const f = find(d, 'out-of-hours:handoff-time');
  assert.equal(f.pattern, 'poor-timing');
  within(f.evidence.segment.value, 60 * 60, 0.2, 'night median');
  // Read in a zone where 03:00 UTC is 11:00 local, the night shift is in hours and nothing is out of hours.
  const shifted = await diagnosed(csvOf(rows), {
    tz: 'Asia/Singapore',
    businessHours: 'Mon-Sun 00:00-24:00',
  });
  assert.ok(!shifted.findings.some((x) => x.detector === 'out-of-hours'));
});

test('the command: JSON shape, text output and option errors', async () => {
  await withTempDir(async (dir) => {
    const { writeFile } = await import('node:fs/promises');
    const file = join(dir, 'log.csv');
    await writeFile(
      file,
      plantedLog({
        conversations: 2400,
        seed: 11,
        returnChance: (s, t) => (s === 'Support' && t === 'Tech' ? 2 / 3 : 0.0526),
      }),
    );
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => {} };
    assert.equal(await diagnoseCommand.run({ json: true, quiet: true }, [file], io), 0);
    const json = JSON.parse(out.join('\n'));
    assert.deepEqual(Object.keys(json).sort(), [
      'detectors',
      'findings',
      'handoff_cost',
      'tests_run',
      'thresholds',
    ]);
    assert.equal(json.thresholds.min_sample, 30);
    assert.equal(json.thresholds.alpha, 0.05);
    const f = json.findings.find((x: Finding) => x.id === 'ping-pong:Support↔Tech');
    assert.ok(f);
    assert.deepEqual(Object.keys(f.evidence).sort(), [
      'measure',
      'metric',
      'p_value',
      'q_value',
      'rest',
      'segment',
      'test',
      'unit',
    ]);
    out.length = 0;
    assert.equal(await diagnoseCommand.run({ quiet: true, 'min-sample': '40' }, [file], io), 0);
    const text = out.join('\n');
    assert.match(text, /Skill mismatch/);
    assert.match(text, /\[(high|medium|low)\] Conversations bounce between Support and Tech/);
    assert.match(text, /evidence: .*two-proportion z p=.* q=/);
    assert.match(text, /fix: Skill-based matching/);
    await assert.rejects(diagnoseCommand.run({ alpha: '2' }, [file], io), UsageError);
    await assert.rejects(diagnoseCommand.run({ 'min-sample': 'x' }, [file], io), UsageError);
    await assert.rejects(
      diagnoseCommand.run({ 'business-hours': 'soon', quiet: true }, [file], io),
      UsageError,
    );
  });
});

test('demo data (seed 7, 3000 conversations): runs, and every finding passes its own thresholds', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    await writeDemoCsv(file, { conversations: 3000, seed: 7 });
    const baton = await Baton.open();
    try {
      await baton.import([file]);
      const d = await diagnose(baton.engine);
      checkThresholds(d);
      console.log(`demo: ${d.findings.length} findings from ${d.tests_run} tests`);
      console.log(renderDiagnosis(d));
    } finally {
      baton.close();
    }
  });
});
