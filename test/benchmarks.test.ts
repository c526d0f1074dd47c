// The industry-estimate benchmark bands: the table as given, segment lookup, and each placement case.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { BENCHMARK_CAVEAT, BENCHMARK_METRICS, BENCHMARK_SEGMENTS } from '../src/benchmarks/bands.js';
import { compareToBenchmark, findSegment, type MetricComparison } from '../src/benchmarks/compare.js';
import { UsageError } from '../src/model/errors.js';
import { withTempDir } from './support/temp-data.js';

// The source table, transcribed once more by hand: label, success %, handoff time s, completion %.
const TABLE: Array<[string, string, [number, number], [number, number], [number, number]]> = [
  ['saas-b2b', 'SaaS B2B', [85, 92], [45, 90], [78, 85]],
  ['saas-b2c', 'SaaS B2C', [80, 88], [30, 60], [75, 82]],
  ['ecommerce', 'Ecommerce', [82, 89], [25, 45], [80, 87]],
  ['fintech', 'Fintech', [88, 95], [60, 120], [82, 90]],
  ['subscription-media', 'Subscription Media', [83, 90], [35, 75], [77, 84]],
  ['early-stage', 'Early-stage (<$10M ARR)', [75, 85], [60, 120], [70, 80]],
  ['growth-stage', 'Growth-stage ($10-100M ARR)', [85, 92], [45, 75], [80, 88]],
  ['enterprise', 'Enterprise (>$100M ARR)', [90, 96], [30, 60], [85, 92]],
  ['self-serve', 'Self-serve model', [78, 86], [30, 60], [75, 83]],
  ['enterprise-sales', 'Enterprise sales', [88, 95], [60, 90], [83, 91]],
];

const metric = (metrics: MetricComparison[], id: MetricComparison['metric']) =>
  metrics.find((m) => m.metric === id)!;

test('every segment is present with the exact bands', () => {
  assert.equal(BENCHMARK_SEGMENTS.length, TABLE.length);
  for (const [i, [id, label, success, time, completion]] of TABLE.entries()) {
    const s = BENCHMARK_SEGMENTS[i]!;
    assert.equal(s.id, id);
    assert.match(s.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.equal(s.label, label);
    // Percentages are stored as ratios; compare in whole percent to avoid 0.07 * 100 style float noise.
    assert.deepEqual(
      s.bands.handoff_success_rate.map((x) => Math.round(x * 100)),
      success,
    );
    assert.deepEqual([...s.bands.handoff_time_avg_s], time);
    assert.deepEqual(
      s.bands.transfer_completion_rate.map((x) => Math.round(x * 100)),
      completion,
    );
    for (const band of Object.values(s.bands)) assert.ok(band[0] < band[1]);
  }
  assert.deepEqual(
    BENCHMARK_METRICS.map((m) => [m.id, m.good]),
    [
      ['handoff_success_rate', 'up'],
      ['handoff_time_avg_s', 'down'],
      ['transfer_completion_rate', 'up'],
    ],
  );
});

test('the table is frozen data', () => {
  assert.ok(Object.isFrozen(BENCHMARK_SEGMENTS));
  const s = BENCHMARK_SEGMENTS[0]!;
  assert.ok(Object.isFrozen(s) && Object.isFrozen(s.bands) && Object.isFrozen(s.bands.handoff_time_avg_s));
  assert.throws(() => {
    (s.bands.handoff_time_avg_s as unknown as number[])[0] = 1;
  }, TypeError);
});

test('segments are found by id or label, ignoring case', () => {
  assert.equal(findSegment('SaaS B2B')?.id, 'saas-b2b');
  assert.equal(findSegment('saas-b2b')?.id, 'saas-b2b');
  assert.equal(findSegment('  SAAS b2b ')?.id, 'saas-b2b');
  assert.equal(findSegment('early-stage (<$10m arr)')?.id, 'early-stage');
  assert.equal(findSegment('Enterprise')?.id, 'enterprise');
  assert.equal(findSegment('enterprise sales')?.id, 'enterprise-sales');
  assert.equal(findSegment('Growth-stage ($10-100M ARR)')?.id, 'growth-stage');
  assert.equal(findSegment('saas'), undefined);
  assert.equal(compareToBenchmark('Fintech', {}).segment.label, 'Fintech');
});

test('an unknown segment is a usage error that lists the valid segments', () => {
  assert.throws(
    () => compareToBenchmark('Gaming', {}),
    (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, /Gaming/);
      for (const [id, label] of TABLE) {
        assert.ok(e.message.includes(id), `lists ${id}`);
        assert.ok(e.message.includes(label), `lists ${label}`);
      }
      return true;
    },
  );
});

test('positions, clarity and which side is good', () => {
  // SaaS B2B: success 0.85-0.92, time 45-90 s, completion 0.78-0.85.
  const cases: Array<{
    name: string;
    id: MetricComparison['metric'];
    value: number;
    ci95?: [number, number];
    position: MetricComparison['position'];
    clear: boolean;
    good: boolean | null;
  }> = [
    {
      name: 'rate clearly above',
      id: 'handoff_success_rate',
      value: 0.95,
      ci95: [0.93, 0.97],
      position: 'above',
      clear: true,
      good: true,
    },
    {
      name: 'rate above, interval crosses',
      id: 'handoff_success_rate',
      value: 0.93,
      ci95: [0.9, 0.96],
      position: 'above',
      clear: false,
      good: true,
    },
    {
      name: 'rate clearly below',
      id: 'handoff_success_rate',
      value: 0.7,
      ci95: [0.65, 0.75],
      position: 'below',
      clear: true,
      good: false,
    },
    {
      name: 'rate below, interval touches',
      id: 'handoff_success_rate',
      value: 0.8,
      ci95: [0.75, 0.85],
      position: 'below',
      clear: false,
      good: false,
    },
    {
      name: 'rate clearly within',
      id: 'handoff_success_rate',
      value: 0.88,
      ci95: [0.86, 0.9],
      position: 'within',
      clear: true,
      good: null,
    },
    {
      name: 'rate within, interval spills',
      id: 'handoff_success_rate',
      value: 0.88,
      ci95: [0.8, 0.95],
      position: 'within',
      clear: false,
      good: null,
    },
    {
      name: 'rate on the edge counts within',
      id: 'handoff_success_rate',
      value: 0.85,
      ci95: [0.85, 0.85],
      position: 'within',
      clear: true,
      good: null,
    },
    {
      name: 'rate without interval',
      id: 'handoff_success_rate',
      value: 0.99,
      position: 'above',
      clear: false,
      good: true,
    },
    {
      name: 'time clearly below is good',
      id: 'handoff_time_avg_s',
      value: 30,
      ci95: [25, 35],
      position: 'below',
      clear: true,
      good: true,
    },
    {
      name: 'time clearly above is bad',
      id: 'handoff_time_avg_s',
      value: 120,
      ci95: [100, 140],
      position: 'above',
      clear: true,
      good: false,
    },
    {
      name: 'time within',
      id: 'handoff_time_avg_s',
      value: 60,
      ci95: [50, 70],
      position: 'within',
      clear: true,
      good: null,
    },
    {
      name: 'completion above, unclear',
      id: 'transfer_completion_rate',
      value: 0.86,
      ci95: [0.84, 0.88],
      position: 'above',
      clear: false,
      good: true,
    },
  ];
  for (const c of cases) {
    const r = compareToBenchmark('saas-b2b', { [c.id]: { value: c.value, ci95: c.ci95 ?? null } });
    const m = metric(r.metrics, c.id);
    assert.deepEqual([m.position, m.clear, m.good], [c.position, c.clear, c.good], c.name);
    assert.equal(m.value, c.value);
    assert.match(m.caveat, /industry estimate, not a measurement/, c.name);
  }
});

test('missing values are unknown, and every output carries the caveat', () => {
  const r = compareToBenchmark('Ecommerce', {
    handoff_success_rate: { value: null, ci95: null },
    transfer_completion_rate: { value: 0.9, ci95: [0.88, 0.92] },
  });
  assert.deepEqual(r.segment, { id: 'ecommerce', label: 'Ecommerce' });
  assert.equal(r.metrics.length, 3);
  for (const id of ['handoff_success_rate', 'handoff_time_avg_s'] as const) {
    const m = metric(r.metrics, id);
    assert.deepEqual([m.position, m.clear, m.good, m.value], ['unknown', false, null, null]);
  }
  const done = metric(r.metrics, 'transfer_completion_rate');
  assert.deepEqual([done.position, done.clear, done.good], ['above', true, true]);
  assert.deepEqual(done.band, [0.8, 0.87]);
  assert.equal(metric(r.metrics, 'handoff_time_avg_s').unit, 'seconds');
  assert.equal(r.caveat, BENCHMARK_CAVEAT);
  assert.match(r.caveat, /industry estimates, not measurements/);
  assert.match(metric(r.metrics, 'handoff_success_rate').caveat, /No value/);
  assert.match(done.caveat, /whole 95% interval is above/);
  const unclear = metric(
    compareToBenchmark('Ecommerce', { handoff_time_avg_s: { value: 50, ci95: [40, 60] } }).metrics,
    'handoff_time_avg_s',
  );
  assert.match(unclear.caveat, /crosses a band edge/);
  const bare = metric(
    compareToBenchmark('Ecommerce', { handoff_time_avg_s: { value: 50 } }).metrics,
    'handoff_time_avg_s',
  );
  assert.match(bare.caveat, /No 95% interval/);
});

test('--benchmark FILE.json: bands of your own, checked, with every defect reported at once', async () => {
  await withTempDir(async (dir) => {
    const good = join(dir, 'targets.json');
    await writeFile(
      good,
      JSON.stringify({
        label: 'Our 2027 targets',
        bands: {
          handoff_success_rate: [0.8, 0.9],
          transfer_completion_rate: [0.9, 0.97],
          handoff_time_avg_s: [60, 300],
        },
      }),
    );
    const c = compareToBenchmark(good, {
      handoff_success_rate: { value: 0.75, ci95: [0.7, 0.78] },
      handoff_time_avg_s: { value: 200, ci95: [150, 250] },
    });
    assert.equal(c.segment.label, 'Our 2027 targets');
    const success = c.metrics.find((m) => m.metric === 'handoff_success_rate')!;
    assert.deepEqual([success.position, success.clear, success.good], ['below', true, false]);
    assert.equal(c.metrics.find((m) => m.metric === 'handoff_time_avg_s')!.position, 'within');
    assert.match(c.caveat, /your own figures/);
    assert.match(success.caveat, /your own/);
    assert.doesNotMatch(success.caveat, /industry estimate/);

    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({ bands: { handoff_success_rate: [0.9, 0.8], handoff_time_avg_s: [60] } }),
    );
    assert.throws(
      () => compareToBenchmark(bad, {}),
      (e: unknown) =>
        e instanceof UsageError &&
        e.problems.map((p) => p.at?.field).join() ===
          'label,bands.handoff_success_rate,bands.handoff_time_avg_s,bands.transfer_completion_rate',
    );
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ not json');
    assert.throws(
      () => compareToBenchmark(broken, {}),
      (e: unknown) => e instanceof UsageError && e.problems[0]?.code === 'bad-benchmark-file',
    );
  });
});
