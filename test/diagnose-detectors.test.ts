// The five newer diagnose detectors on hand-built logs: each fires on its segment with the planted size, and stays quiet without it.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { diagnoseCommand } from '../src/cli/commands/diagnose.js';
import type { Detector } from '../src/diagnose/detector.js';
import { channelRestarts } from '../src/diagnose/detectors/channel-restarts.js';
import { lostThreads } from '../src/diagnose/detectors/lost-threads.js';
import { midExchangeHandoffs } from '../src/diagnose/detectors/mid-exchange-handoffs.js';
import { REVIEW_PHRASES, reviewDelays } from '../src/diagnose/detectors/review-delays.js';
import { shiftEndHandoffs } from '../src/diagnose/detectors/shift-end-handoffs.js';
import { type Diagnosis, diagnose } from '../src/diagnose/diagnose.js';
import type { Finding } from '../src/diagnose/finding.js';
import { UsageError } from '../src/model/errors.js';
import { csvOf, withBaton, withTempDir } from './support/temp-data.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 2 March 2026, 00:00 UTC. */
const START = Date.UTC(2026, 2, 2);

interface Fields {
  actor?: string;
  agent?: string;
  team?: string;
  tier?: string;
  channel?: string;
  text?: string;
  customer?: string;
  transferType?: string;
}

/** Rows in the generic format (texts without commas); timestamps in UTC milliseconds. */
class Log {
  readonly rows: string[] = [];
  add(conversation: string, at: number, type: string, f: Fields = {}): void {
    this.rows.push(
      [
        conversation,
        new Date(at).toISOString(),
        type,
        f.actor ?? '',
        f.agent ?? '',
        f.team ?? '',
        f.tier ?? '',
        f.channel ?? '',
        f.text ?? '',
        '',
        f.customer ?? '',
        '',
        '',
        '',
        '',
        f.transferType ?? '',
      ].join(','),
    );
  }
  get csv(): string {
    return csvOf(this.rows);
  }
}

const customer = (text: string, channel = 'chat'): Fields => ({ actor: 'customer', channel, text });
const agent = (id: string, team: string, text: string, channel = 'chat'): Fields => ({
  actor: 'agent',
  agent: id,
  team,
  tier: 'L1',
  channel,
  text,
});
const owner = (id: string, team: string, channel = 'chat'): Fields => ({
  agent: id,
  team,
  tier: 'L1',
  channel,
});

async function run(csv: string, detector: Detector, options: Parameters<typeof diagnose>[1] = {}) {
  return withBaton(csv, async (baton) => {
    await baton.ensureDerived();
    return diagnose(baton.engine, { ...options, detectors: [detector] });
  });
}

function only(d: Diagnosis, id: string): Finding {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `expected finding ${id}; got ${d.findings.map((x) => x.id).join(', ') || 'none'}`);
  return f;
}

function close(actual: number | null, expected: number, what: string): void {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} is not ${expected}`);
}

function quiet(d: Diagnosis): void {
  assert.ok(d.tests_run > 0, 'the detector should have had something to test');
  assert.deepEqual(
    d.findings.map((f) => f.id),
    [],
  );
}

// ---- incomplete context: "let me review your case" -----------------------------------------------------

const REVIEWS = [
  'Let me review your case one moment.',
  'Give me a moment to read through the conversation.',
  'I will catch up on the ticket history first.',
  'Let me look over your previous messages.',
];
const OPENERS = [
  'Hi I am on it now and I can see the refund.',
  'Give me a moment I will check with the billing team.',
  'Let me go through the steps with you.',
];

/**
 * 100 handoffs Support → Tech and 100 Support → Billing. `review(team, i)` says whether the new owner opens
 * by reading up; the new owner writes again `gap(team, review)` minutes later.
 */
function reviewLog(review: (team: string, i: number) => boolean, gap: (review: boolean) => number): string {
  const log = new Log();
  for (let i = 0; i < 200; i++) {
    const c = `r${i}`;
    const team = i % 2 === 0 ? 'Tech' : 'Billing';
    const n = Math.floor(i / 2);
    let t = START + i * 3 * HOUR;
    log.add(c, t, 'message', customer('My refund for order 12345 never came'));
    log.add(c, t + MINUTE, 'assign', owner('s1', 'Support'));
    log.add(c, t + 2 * MINUTE, 'message', agent('s1', 'Support', 'Thanks I will pass you to the right team'));
    t += 3 * MINUTE;
    log.add(c, t, 'transfer', owner(`${team.toLowerCase()}1`, team));
    const reviewing = review(team, n);
    const first = reviewing ? REVIEWS[n % REVIEWS.length]! : OPENERS[n % OPENERS.length]!;
    t += 4 * MINUTE;
    log.add(c, t, 'message', agent(`${team.toLowerCase()}1`, team, first));
    t += gap(reviewing) * MINUTE;
    log.add(c, t, 'message', agent(`${team.toLowerCase()}1`, team, 'The refund is on its way'));
    log.add(c, t + MINUTE, 'resolve', { actor: 'agent' });
  }
  return log.csv;
}

test('review-delays: a team that opens 60% of its handoffs by reading up, and then takes 20 minutes', async () => {
  const d = await run(
    reviewLog(
      (team, n) => n % 10 < (team === 'Tech' ? 6 : 1),
      (review) => (review ? 20 : 2),
    ),
    reviewDelays,
  );
  const share = only(d, 'review-first:Tech');
  assert.equal(share.pattern, 'incomplete-context');
  assert.deepEqual(share.segment, { dimension: 'to_team', value: 'Tech' });
  close(share.evidence.segment.value, 0.6, 'Tech review share');
  close(share.evidence.rest.value, 0.1, 'Billing review share');
  assert.equal(share.evidence.segment.n, 100);
  assert.ok(share.evidence.segment.ci95);
  assert.equal(share.recommendation.strategy, 'structured-context-transfer');
  const delay = only(d, 'review-delay:Tech');
  assert.deepEqual(delay.segment, { dimension: 'to_team', value: 'Tech' });
  assert.equal(delay.evidence.unit, 'seconds');
  close(delay.evidence.segment.value, 20 * 60, 'median wait after a review message');
  close(delay.evidence.rest.value, 2 * 60, 'median wait after other openers');
  assert.equal(delay.evidence.segment.n, 60);
  assert.equal(delay.evidence.rest.n, 40);
  // Billing reads up 10 times: too few to judge its delay.
  assert.ok(!d.findings.some((f) => f.id === 'review-delay:Billing'));
});

test('review-delays: equal shares and equal waits raise nothing', async () => {
  const d = await run(
    reviewLog(
      (_team, n) => n % 10 < 3,
      () => 5,
    ),
    reviewDelays,
  );
  quiet(d);
  // No opener at all reads as a review: every team at 0%, nothing to find.
  quiet(
    await run(
      reviewLog(
        () => false,
        () => 5,
      ),
      reviewDelays,
    ),
  );
});

test('review phrases: reading up on the case counts, other openers do not', () => {
  const review = new RegExp(REVIEW_PHRASES);
  for (const text of [
    ...REVIEWS,
    'Hi Ann! Let me review your case, one moment.',
    'Give me a minute to read through the history.',
    "I'm reading your ticket now.",
    'Bear with me while I go over the notes from my colleague.',
  ])
    assert.ok(review.test(text.toLowerCase()), text);
  for (const text of [
    ...OPENERS,
    'Let me check with the team.',
    'Give me a moment.',
    'I will review the refund policy.',
  ])
    assert.ok(!review.test(text.toLowerCase()), text);
});

// ---- integration gap: lost threads -----------------------------------------------------------------

/**
 * 100 handoffs chat → email (never picked up, abandoned) and 100 chat → chat (picked up and resolved). The
 * customer opens a new conversation `back(pair, i)` hours after the handoff (null: never). 10 more handoffs
 * have no customer id.
 */
function lostLog(back: (pair: string, i: number) => number | null): string {
  const log = new Log();
  for (let i = 0; i < 210; i++) {
    const c = `l${i}`;
    const toEmail = i % 2 === 0;
    const n = Math.floor(i / 2);
    const cust = i < 200 ? `cust${i}` : '';
    const channel = toEmail ? 'email' : 'chat';
    let t = START + i * 2 * HOUR;
    log.add(c, t, 'message', { ...customer('My invoice is wrong'), customer: cust });
    log.add(c, t + MINUTE, 'assign', owner('s1', 'Support'));
    log.add(c, t + 2 * MINUTE, 'message', agent('s1', 'Support', 'I will move this on'));
    t += 3 * MINUTE;
    log.add(c, t, 'transfer', owner('', 'Billing', channel));
    const failed = toEmail;
    if (failed) log.add(c, t + 2 * HOUR, 'abandon');
    else {
      log.add(c, t + 10 * MINUTE, 'message', agent('b1', 'Billing', 'Fixed it for you'));
      log.add(c, t + 20 * MINUTE, 'resolve', { actor: 'agent' });
    }
    const hours = i < 200 ? back(toEmail ? 'chat→email' : 'chat→chat', n) : null;
    if (hours !== null) {
      const again = `${c}-again`;
      const at = t + hours * HOUR;
      log.add(again, at, 'message', { ...customer('Me again about my invoice'), customer: cust });
      log.add(again, at + MINUTE, 'assign', owner('s2', 'Support'));
      log.add(again, at + 2 * MINUTE, 'message', agent('s2', 'Support', 'Sorted now'));
      log.add(again, at + 3 * MINUTE, 'resolve', { actor: 'agent' });
    }
  }
  return log.csv;
}

test('lost-threads: 40% of failed chat → email handoffs come back as a new conversation within 72 h', async () => {
  // chat → chat handoffs succeed, so their customers coming back is never a lost thread.
  const d = await run(
    lostLog((pair, n) => (n % 10 < 4 ? (pair === 'chat→email' ? 24 : 30) : null)),
    lostThreads,
  );
  const f = only(d, 'lost-thread:chat→email');
  assert.equal(f.pattern, 'integration-gap');
  assert.deepEqual(f.segment, { dimension: 'channel_pair', value: 'chat→email' });
  close(f.evidence.segment.value, 0.4, 'lost share chat→email');
  close(f.evidence.rest.value, 0, 'lost share chat→chat');
  assert.equal(f.evidence.segment.n, 100);
  assert.equal(f.evidence.rest.n, 100);
  assert.equal(f.recommendation.strategy, 'cross-team-visibility');
  assert.equal(f.recommendation.success_metric.metric, 'abandonment_after_handoff_rate');
  const notes = d.detectors.find((x) => x.id === 'lost-threads')?.notes ?? [];
  assert.ok(
    notes.some((n) => n.startsWith('10 of 210 handed-off conversations have no customer_id')),
    notes.join('; '),
  );
});

test('lost-threads: customers who come back after lost_thread_hours are not lost threads', async () => {
  const csv = lostLog((pair, n) => (n % 10 < 4 ? (pair === 'chat→email' ? 100 : 30) : null));
  quiet(await run(csv, lostThreads));
  // With a longer window the same returns are lost threads again.
  const wide = await run(csv, lostThreads, { thresholds: { lost_thread_hours: 120 } });
  close(only(wide, 'lost-thread:chat→email').evidence.segment.value, 0.4, 'lost share at 120 h');
});

// ---- integration gap: channel switches that restart the story ----------------------------------------

/** 100 channel handoffs (chat → email, same team) and 100 team handoffs (Support → Tech, chat); `repeat(kind, i)`. */
function channelLog(repeat: (kind: string, i: number) => boolean): string {
  const log = new Log();
  for (let i = 0; i < 200; i++) {
    const c = `k${i}`;
    const channelSwitch = i % 2 === 0;
    const n = Math.floor(i / 2);
    const channel = channelSwitch ? 'email' : 'chat';
    const team = channelSwitch ? 'Support' : 'Tech';
    let t = START + i * 2 * HOUR;
    log.add(c, t, 'message', customer('Hello my parcel never arrived'));
    log.add(c, t + MINUTE, 'assign', owner('s1', 'Support'));
    log.add(c, t + 2 * MINUTE, 'message', agent('s1', 'Support', 'Hello I am looking into it'));
    t += 3 * MINUTE;
    log.add(c, t, 'transfer', owner('x1', team, channel));
    t += 10 * MINUTE;
    log.add(c, t, 'message', agent('x1', team, 'Hi I have your case now', channel));
    const again = repeat(channelSwitch ? 'channel' : 'team', n);
    log.add(
      c,
      t + MINUTE,
      'message',
      customer(again ? 'As I already explained it never came' : 'ok thanks', channel),
    );
    log.add(c, t + 30 * MINUTE, 'resolve', { actor: 'agent' });
  }
  return log.csv;
}

test('channel-restarts: half the chat → email switches make the customer start again, 10% of other handoffs', async () => {
  const d = await run(
    channelLog((kind, n) => n % 10 < (kind === 'channel' ? 5 : 1)),
    channelRestarts,
  );
  const f = only(d, 'channel-restart:chat→email');
  assert.equal(f.pattern, 'integration-gap');
  assert.deepEqual(f.segment, { dimension: 'channel_pair', value: 'chat→email' });
  close(f.evidence.segment.value, 0.5, 'repeat rate after the switch');
  close(f.evidence.rest.value, 0.1, 'repeat rate after other handoffs');
  assert.equal(f.evidence.segment.n, 100);
  assert.equal(f.evidence.rest.n, 100);
  assert.equal(f.recommendation.strategy, 'structured-context-transfer');
});

test('channel-restarts: switches that repeat as often as other handoffs raise nothing', async () => {
  quiet(
    await run(
      channelLog((_kind, n) => n % 10 < 2),
      channelRestarts,
    ),
  );
});

// ---- unclear trigger: handoffs mid-exchange ---------------------------------------------------------

type Ending = 'mid' | 'between' | 'stale';

/**
 * 100 conversations from Support and 100 from Sales, each handed to Tech after an agent reply and a customer
 * message. `ending(team, i)`: 'mid' hands over 5 minutes after that message, unanswered; 'between' answers it
 * first; 'stale' hands over 30 minutes after it, unanswered. `fails(ending, k)` abandons the k-th such handoff.
 */
function exchangeLog(ending: (team: string, i: number) => Ending, fails: (e: Ending, k: number) => boolean) {
  const log = new Log();
  const seen: Record<Ending, number> = { mid: 0, between: 0, stale: 0 };
  for (let i = 0; i < 200; i++) {
    const c = `m${i}`;
    const team = i % 2 === 0 ? 'Support' : 'Sales';
    const e = ending(team, Math.floor(i / 2));
    const k = seen[e]++;
    let t = START + i * 2 * HOUR;
    log.add(c, t, 'message', customer('Hello the app keeps crashing'));
    log.add(c, t + MINUTE, 'assign', owner(`${team}-1`, team));
    log.add(c, t + 2 * MINUTE, 'message', agent(`${team}-1`, team, 'Which version are you on'));
    log.add(c, t + 4 * MINUTE, 'message', customer('Version eight on my phone'));
    t += 4 * MINUTE;
    if (e === 'between') {
      log.add(c, t + MINUTE, 'message', agent(`${team}-1`, team, 'Thanks I am passing you to Tech now'));
      t += 2 * MINUTE;
    } else t += (e === 'mid' ? 5 : 30) * MINUTE;
    log.add(c, t, 'transfer', owner('', 'Tech'));
    if (fails(e, k)) {
      log.add(c, t + HOUR, 'abandon');
      continue;
    }
    log.add(c, t + 10 * MINUTE, 'message', agent('t1', 'Tech', 'Hello this is Tech'));
    log.add(c, t + 20 * MINUTE, 'resolve', { actor: 'agent' });
  }
  return log.csv;
}

test('mid-exchange: a team that hands over 60% of the time with the customer unanswered, and those handoffs fail', async () => {
  // Support: 60 mid-exchange, 40 between. Sales: 10 mid-exchange, 70 between, 20 stale (unanswered but 30 min old).
  const csv = exchangeLog(
    (team, n) =>
      team === 'Support'
        ? n % 10 < 6
          ? 'mid'
          : 'between'
        : n % 10 < 1
          ? 'mid'
          : n % 10 < 8
            ? 'between'
            : 'stale',
    (e, k) => (e === 'mid' ? k % 2 === 0 : k % 10 === 0),
  );
  const d = await run(csv, midExchangeHandoffs);
  const f = only(d, 'mid-exchange:Support');
  assert.equal(f.pattern, 'unclear-trigger');
  assert.deepEqual(f.segment, { dimension: 'from_team', value: 'Support' });
  close(f.evidence.segment.value, 0.6, 'Support mid-exchange share');
  close(f.evidence.rest.value, 0.1, 'Sales mid-exchange share (stale ones are not mid-exchange)');
  assert.equal(f.recommendation.strategy, 'warm-transfer');
  const s = only(d, 'mid-exchange:success');
  assert.deepEqual(s.segment, { dimension: 'exchange', value: 'mid-exchange' });
  assert.equal(s.evidence.metric, 'handoff_success_rate');
  // 70 mid-exchange handoffs, every other one abandoned; 130 others (stale included), one in ten abandoned.
  close(s.evidence.segment.value, 35 / 70, 'mid-exchange success');
  close(s.evidence.rest.value, 117 / 130, 'other success');
  // Within 45 minutes Sales' stale handoffs are mid-exchange too: 30 of its 100.
  const wide = await run(csv, midExchangeHandoffs, { thresholds: { mid_exchange_minutes: 45 } });
  close(only(wide, 'mid-exchange:Support').evidence.rest.value, 0.3, 'Sales share at 45 minutes');
});

test('mid-exchange: teams alike and outcomes alike raise nothing', async () => {
  // Both teams: 10% mid-exchange, 10% stale, the rest answered first; one in ten of each kind abandoned.
  const csv = exchangeLog(
    (_team, n) => (n % 10 < 1 ? 'mid' : n % 10 < 9 ? 'between' : 'stale'),
    (_e, k) => k % 10 === 0,
  );
  quiet(await run(csv, midExchangeHandoffs));
});

// ---- poor timing: handoffs at the end of the shift ----------------------------------------------------

/** Weekday handoffs at 10:00-14:00 UTC (200) and at 17:40 UTC (60), waiting `wait(late)` minutes for Tech. */
function shiftLog(wait: (late: boolean) => number): string {
  const log = new Log();
  const weekdays: number[] = [];
  for (let d = 0; d < 26; d++) if (new Date(START + d * 24 * HOUR).getUTCDay() % 6 !== 0) weekdays.push(d);
  for (let i = 0; i < 260; i++) {
    const c = `s${i}`;
    const late = i >= 200;
    const day = weekdays[i % weekdays.length]!;
    const at =
      START + day * 24 * HOUR + (late ? 17 * HOUR + 40 * MINUTE : (10 + (i % 4)) * HOUR + (i % 50) * MINUTE);
    log.add(c, at - 3 * MINUTE, 'message', customer('Hello I need help'));
    log.add(c, at - 2 * MINUTE, 'assign', owner('a1', 'Support'));
    log.add(c, at - MINUTE, 'message', agent('a1', 'Support', 'Passing you to Tech'));
    log.add(c, at, 'transfer', owner('', 'Tech'));
    log.add(c, at + wait(late) * MINUTE, 'message', agent('t1', 'Tech', 'Hello from Tech'));
    log.add(c, at + wait(late) * MINUTE + HOUR, 'resolve', { actor: 'agent' });
  }
  return log.csv;
}

test('shift-end: handoffs in the last 30 minutes before 18:00 wait 40 minutes, earlier ones 10', async () => {
  const csv = shiftLog((late) => (late ? 40 : 10));
  const d = await run(csv, shiftEndHandoffs);
  const f = only(d, 'shift-end:handoff-time');
  assert.equal(f.pattern, 'poor-timing');
  assert.deepEqual(f.segment, { dimension: 'business_hours', value: 'shift-end' });
  assert.equal(f.evidence.metric, 'handoff_time_median_s');
  close(f.evidence.segment.value, 40 * 60, 'median at the end of the shift');
  close(f.evidence.rest.value, 10 * 60, 'median earlier in the day');
  assert.equal(f.evidence.segment.n, 60);
  assert.equal(f.evidence.rest.n, 200);
  // Read in Paris, 17:40 UTC is 18:40: after closing, so out of hours and not this detector's business.
  const paris = await run(csv, shiftEndHandoffs, { tz: 'Europe/Paris' });
  assert.deepEqual(paris.findings, []);
  // A 15-minute shift end leaves 17:40 outside it.
  const narrow = await run(csv, shiftEndHandoffs, { thresholds: { shift_end_minutes: 15 } });
  assert.deepEqual(narrow.findings, []);
});

test('shift-end: handoffs before closing that wait as long as the rest raise nothing', async () => {
  quiet(
    await run(
      shiftLog(() => 10),
      shiftEndHandoffs,
    ),
  );
});

test('the command: the new thresholds as options, echoed in the JSON, and bad values are usage errors', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'log.csv');
    await writeFile(
      file,
      shiftLog((late) => (late ? 40 : 10)),
    );
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => {} };
    const json = async (values: Record<string, string | boolean>) => {
      out.length = 0;
      assert.equal(await diagnoseCommand.run({ json: true, quiet: true, ...values }, [file], io), 0);
      return JSON.parse(out.join('\n'));
    };
    const ids = (d: { findings: Finding[] }) => d.findings.map((f) => f.id);
    const base = await json({});
    assert.equal(base.thresholds.shift_end_minutes, 30);
    assert.equal(base.thresholds.lost_thread_hours, 72);
    assert.equal(base.thresholds.mid_exchange_minutes, 15);
    assert.ok(ids(base).includes('shift-end:handoff-time'));
    const narrow = await json({
      'shift-end-minutes': '15',
      'lost-thread-hours': '24',
      'mid-exchange-minutes': '5',
    });
    assert.equal(narrow.thresholds.shift_end_minutes, 15);
    assert.equal(narrow.thresholds.lost_thread_hours, 24);
    assert.equal(narrow.thresholds.mid_exchange_minutes, 5);
    assert.ok(!ids(narrow).includes('shift-end:handoff-time'));
    for (const name of ['lost-thread-hours', 'mid-exchange-minutes', 'shift-end-minutes'])
      await assert.rejects(diagnoseCommand.run({ [name]: '0' }, [file], io), UsageError, name);
  });
});
