// The cost of a handoff: the like-for-like (fixed-effects) slope against a closed form and a reference fit, and
// the monthly hours diagnose reports (customer waiting, agent handling, extra resolution time) on hand-made logs.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { diagnose } from '../src/diagnose/diagnose.js';
import { handoffCost } from '../src/diagnose/handoff-cost.js';
import { catalog, validateCatalog } from '../src/metrics/registry.js';
import { runCli } from './support/run-cli.js';
import { csvOf, HEADER, withBaton, withTempDir } from './support/temp-data.js';

const ADJUSTED = 'resolution_time_increase_per_handoff_adjusted';
const RAW = 'resolution_time_increase_per_handoff';

type Stratum = [category: string, channel: string, priority: string];
/** [stratum, handoffs, resolution seconds]. Tech by e-mail is both handed off more and slower: the confounder. */
const KNOWN: readonly [Stratum, number, number][] = [
  [['billing', 'chat', 'normal'], 0, 600],
  [['billing', 'chat', 'normal'], 0, 900],
  [['billing', 'chat', 'normal'], 1, 1500],
  [['billing', 'chat', 'normal'], 1, 1100],
  [['billing', 'chat', 'normal'], 2, 2600],
  [['tech', 'email', 'high'], 1, 7200],
  [['tech', 'email', 'high'], 2, 9000],
  [['tech', 'email', 'high'], 2, 14000],
  [['tech', 'email', 'high'], 3, 20000],
  [['tech', 'email', 'high'], 3, 15000],
  [['tech', 'email', 'high'], 4, 30000],
  // No category and no priority: one stratum of its own, "(none)".
  [['', 'chat', ''], 0, 300],
  [['', 'chat', ''], 1, 700],
  [['', 'chat', ''], 1, 500],
  [['billing', 'email', 'normal'], 0, 4000],
  [['billing', 'email', 'normal'], 2, 8000],
];

/** One conversation per KNOWN row: routing, h team changes ten seconds apart, resolved T seconds after the start. */
function knownCsv(): string {
  const lines: string[] = [HEADER];
  const start = Date.parse('2026-03-02T08:00:00Z');
  KNOWN.forEach(([[category, channel, priority], h, seconds], i) => {
    const t0 = start + i * 3_600_000;
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const row = (s: number, type: string, team = '') =>
      `k${i},${at(s)},${type},,,${team},,${channel},,,,,${category},${priority},,`;
    lines.push(row(0, 'assign', 'T0'));
    for (let j = 1; j <= h; j++) lines.push(row(j * 10, 'transfer', `T${j % 2}`));
    lines.push(row(seconds, 'resolve'));
  });
  return `${lines.join('\n')}\n`;
}

/** Σxy/Σxx over values demeaned within each stratum: the fixed-effects slope in closed form. */
function withinSlope(rows: readonly [Stratum, number, number][]): number {
  const groups = new Map<string, { x: number[]; y: number[] }>();
  for (const [s, h, t] of rows) {
    const g = groups.get(s.join('|')) ?? { x: [], y: [] };
    g.x.push(h);
    g.y.push(Math.log(t));
    groups.set(s.join('|'), g);
  }
  let sxy = 0;
  let sxx = 0;
  for (const { x, y } of groups.values()) {
    const mx = x.reduce((a, b) => a + b, 0) / x.length;
    const my = y.reduce((a, b) => a + b, 0) / y.length;
    x.forEach((xi, i) => {
      sxy += (xi - mx) * (y[i]! - my);
      sxx += (xi - mx) ** 2;
    });
  }
  return sxy / sxx;
}

function close(actual: number | null | undefined, expected: number, tolerance: number, what: string) {
  assert.ok(actual !== null && actual !== undefined, `${what} missing`);
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );
}

test('the catalog declares the like-for-like cost once, with its strata and interval method', () => {
  const m = catalog.metric(ADJUSTED);
  assert.ok(m && m.kind === 'growth');
  assert.deepEqual(m.strata, ['category', 'start_channel', 'priority']);
  assert.equal(m.interval, 'ols-within');
  assert.match(m.definition, /category × start channel × priority/);
  // Strata without the within interval (or the reverse) would print a wrong interval: refused at load.
  const defects = validateCatalog(
    [
      { ...m, interval: 'ols' },
      { ...catalog.metric(RAW)!, interval: 'ols-within' },
    ],
    catalog.dimensions,
  );
  assert.equal(defects.length, 2, defects.join('\n'));
});

test('adjusted cost: the within-strata slope to 1e-9, its interval as lm(log(T) ~ h + factor(stratum))', async () => {
  await withBaton(knownCsv(), async (baton) => {
    const q = await baton.query({ metrics: [RAW, ADJUSTED] });
    const adjusted = q.rows[0]!.values[ADJUSTED]!;
    const raw = q.rows[0]!.values[RAW]!;
    assert.equal(adjusted.denominator, KNOWN.length);
    close(adjusted.value, Math.expm1(withinSlope(KNOWN)), 1e-9, 'adjusted exp(b) - 1');
    // Reference, independent of Baton's formula (dummy-variable least squares, t quantile from scipy):
    //   X = [h, one 0/1 column per stratum]; b, *_ = numpy.linalg.lstsq(X, log(T)); df = n - k - 1 = 16 - 4 - 1 = 11
    //   se = sqrt((r·r / df) · inv(XᵀX)[0, 0]) = 0.061238799396976205; t = scipy.stats.t.ppf(0.975, 11) = 2.200985160091639
    //   b = 0.4978721151135026, interval for b [0.3630864264189292, 0.632657803808076]
    // which is what R's confint(lm(log(T) ~ h + factor(stratum))) prints for h.
    close(adjusted.value, Math.expm1(0.4978721151135026), 1e-9, 'adjusted against reference');
    close(adjusted.ci95?.[0], 0.4377601143296318, 1e-9, 'lower end exp(b_lo) - 1');
    close(adjusted.ci95?.[1], 0.8826075373375842, 1e-9, 'upper end exp(b_hi) - 1');
    // The plain slope carries the confounding: tech by e-mail is both slower and handed off more.
    close(raw.value, Math.expm1(1.0053800986664334), 1e-9, 'raw exp(b) - 1');
    assert.ok((raw.value ?? 0) > 2 * (adjusted.value ?? 0), 'raw is confounded upwards');
  });
});

test('adjusted cost by a dimension demeans within each group, and a group of one stratum equals its own slope', async () => {
  await withBaton(knownCsv(), async (baton) => {
    const q = await baton.query({ metrics: [ADJUSTED], by: ['category'] });
    const billing = q.rows.find((r) => r.dimensions.category === 'billing')!.values[ADJUSTED]!;
    close(billing.value, Math.expm1(withinSlope(KNOWN.filter(([s]) => s[0] === 'billing'))), 1e-9, 'billing');
    // One stratum of three conversations: n - k - 1 = 1 degree of freedom, still an interval.
    const none = q.rows.find((r) => r.dimensions.category === '(none)')!.values[ADJUSTED]!;
    close(none.value, Math.expm1(withinSlope(KNOWN.filter(([s]) => s[0] === ''))), 1e-9, '(none)');
    assert.ok(none.ci95);
  });
});

test('baton query takes the adjusted metric with --by, and analyze lists it', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'known.csv');
    await writeFile(file, knownCsv());
    const q = await runCli([
      'query',
      file,
      '--metric',
      ADJUSTED,
      '--by',
      'start_channel',
      '--json',
      '--quiet',
    ]);
    assert.equal(q.code, 0, q.err);
    const rows = JSON.parse(q.out).rows as { start_channel: string; n: number }[];
    assert.deepEqual(
      rows.map((r) => [r.start_channel, r.n]),
      [
        ['chat', 8],
        ['email', 8],
      ],
    );
    const a = await runCli(['analyze', file, '--json', '--quiet']);
    assert.equal(a.code, 0, a.err);
    close(JSON.parse(a.out).metrics[ADJUSTED].value, Math.expm1(withinSlope(KNOWN)), 1e-9, 'analyze');
  });
});

test('extra resolution hours: Σ T(1 - e^{-b·h}) per month, its interval from the ends of b', async () => {
  await withBaton(knownCsv(), async (baton) => {
    await baton.ensureDerived();
    const cost = await handoffCost(baton.engine);
    const b = withinSlope(KNOWN);
    const extra = (slope: number) => KNOWN.reduce((s, [, h, t]) => s + t * (1 - Math.exp(-slope * h)), 0);
    // Conversations start an hour apart over 15 hours: less than a day counts as one day.
    const months = 1 / 30.44;
    close(cost.months, months, 1e-12, 'months');
    close(cost.extra_resolution_hours_per_month.value, extra(b) / 3600 / months, 1e-9, 'extra hours');
    const [lo, hi] = cost.extra_resolution_hours_per_month.ci95!;
    close(lo, extra(0.3630864264189292) / 3600 / months, 1e-9, 'extra hours, lower end');
    close(hi, extra(0.632657803808076) / 3600 / months, 1e-9, 'extra hours, upper end');
    const handoffs = KNOWN.reduce((s, [, h]) => s + h, 0);
    close(cost.handoffs_per_month, handoffs / months, 1e-12, 'handoffs per month');
  });
});

// Picked up after 420 s; ann's goodbye is not receiving work; bob works 180 s + 300 s + a capped 600 s.
const WAIT_ROWS = [
  'w1, 09:00, assign, , ann, Billing, L1, chat',
  'w1, 09:01, message, customer',
  'w1, 09:02, message, agent, ann',
  'w1, 09:05, transfer, , , Tech, L2, chat',
  'w1, 09:05:30, message, agent, ann',
  'w1, 09:09, assign, , bob',
  'w1, 09:12, message, agent, bob',
  'w1, 09:15, message, customer',
  'w1, 09:20, message, agent, bob',
  'w1, 09:40, message, customer',
  'w1, 10:30, message, agent, bob',
  'w1, 10:31, resolve',
  // Never picked up: the customer waits from 10:10 until they give up at 10:40.
  'w2, 10:00, assign, , cat, Billing, L1, chat',
  'w2, 10:01, message, customer',
  'w2, 10:02, message, agent, cat',
  'w2, 10:10, transfer, , , Tech, L2, chat',
  'w2, 10:40, abandon',
  // Never picked up, then handed on again: the wait ends at the next handoff (11:20), 15 minutes.
  'w3, 11:00, assign, , dan, Billing, L1, chat',
  'w3, 11:02, message, agent, dan',
  'w3, 11:05, transfer, , , Tech, L2, chat',
  'w3, 11:20, transfer, , , Accounts, L2, chat',
  'w3, 11:25, message, agent, eve',
  'w3, 11:30, resolve',
];

test('customer and agent hours: exact seconds on a hand-made log, per month of data', async () => {
  await withBaton(csvOf(WAIT_ROWS), async (baton) => {
    await baton.ensureDerived();
    const cost = await handoffCost(baton.engine);
    const perMonth = (seconds: number) => (seconds / 3600) * 30.44;
    const w = cost.customer_wait_hours_per_month;
    // w3's second handoff is picked up by eve 5 minutes later (300 s).
    close(w.picked_up, perMonth(420 + 300), 1e-12, 'waited until picked up');
    close(w.never_picked_up, perMonth(1800 + 900), 1e-12, 'waited at handoffs never picked up');
    close(w.value, perMonth(420 + 300 + 1800 + 900), 1e-12, 'customer hours');
    assert.ok(w.ci95 && w.ci95[0] <= (w.value ?? 0) && (w.value ?? 0) <= w.ci95[1]);
    const a = cost.agent_hours_per_month;
    assert.equal(a.message_cap_minutes, 10);
    // bob: 180 (since the 09:09 pick-up) + 300 + 600 (50 minutes capped at 10); eve: 300 since the 11:20 handoff.
    close(a.value, perMonth(180 + 300 + 600 + 300), 1e-12, 'agent hours');
    const capped = await handoffCost(baton.engine, { messageCapMinutes: 60 });
    close(
      capped.agent_hours_per_month.value,
      perMonth(180 + 300 + 3000 + 300),
      1e-12,
      'agent hours, 60-min cap',
    );
  });
});

test('diagnose carries the cost summary in JSON and text', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'known.csv');
    await writeFile(file, knownCsv());
    const j = await runCli(['diagnose', file, '--json', '--quiet']);
    assert.equal(j.code, 0, j.err);
    const cost = JSON.parse(j.out).handoff_cost;
    close(cost.cost_per_handoff.value, Math.expm1(withinSlope(KNOWN)), 1e-9, 'JSON cost');
    assert.equal(cost.cost_per_handoff.metric, ADJUSTED);
    assert.ok(cost.definitions.agent_hours.includes('capped at 10 minutes'));
    const t = await runCli(['diagnose', file, '--quiet']);
    assert.equal(t.code, 0, t.err);
    assert.match(t.out, /What handoffs cost a month/);
    assert.match(t.out, /each handoff adds 64\.5% \[43\.8% – 88\.3%\] like for like/);
    await withBaton(knownCsv(), async (baton) => {
      await baton.ensureDerived();
      const d = await diagnose(baton.engine, { detectors: [] });
      close(d.handoff_cost.cost_per_handoff.value, Math.expm1(withinSlope(KNOWN)), 1e-9, 'API cost');
    });
  });
});
