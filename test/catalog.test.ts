// The catalog: required ids exist, it validates, and every metric by every applicable dimension runs on real SQL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalog, validateCatalog } from '../src/metrics/registry.js';
import { UsageError } from '../src/model/errors.js';
import { workedExampleCsv } from './fixtures/worked-example.js';
import { withBaton } from './support/temp-data.js';

const REQUIRED = [
  'conversations',
  'events',
  'handoffs',
  'handoff_rate',
  'handoffs_per_conversation',
  'transfer_completion_rate',
  'handoff_success_rate',
  'handoff_time_avg_s',
  'handoff_time_median_s',
  'handoff_time_p90_s',
  'ping_pong_rate',
  'abandonment_after_handoff_rate',
  'escalation_rate',
  'resolution_rate',
  'first_contact_resolution_rate',
  'first_response_time_median_s',
  'resolution_time_median_s',
  'csat_avg',
  'resolution_time_increase_per_handoff',
];

const REQUIRED_DIMENSIONS = [
  'channel_pair',
  'team_pair',
  'kind',
  'from_team',
  'to_team',
  'from_agent',
  'to_agent',
  'transfer_type',
  'start_channel',
  'segment',
  'category',
  'priority',
  'hour',
  'weekday',
  'date',
  'handoff_count',
];

test('every required metric and dimension is in the catalog, frozen', () => {
  for (const id of REQUIRED) assert.ok(catalog.metric(id), `metric ${id}`);
  for (const id of REQUIRED_DIMENSIONS) assert.ok(catalog.dimension(id), `dimension ${id}`);
  assert.ok(Object.isFrozen(catalog.metrics));
  assert.deepEqual(validateCatalog(catalog.metrics, catalog.dimensions), []);
});

test('validation catches a duplicated id and a bad quantile', () => {
  const m = catalog.metric('handoff_time_median_s')!;
  const defects = validateCatalog([m, { ...m, q: 2 } as typeof m], catalog.dimensions);
  assert.equal(defects.length, 2);
});

test('every metric by every applicable dimension runs', async () => {
  await withBaton(workedExampleCsv(), async (baton) => {
    for (const metric of catalog.metrics) {
      for (const dim of catalog.dimensionsFor(metric.grain)) {
        const result = await baton.query({ metrics: [metric.id], by: [dim.id] });
        // A metric that only looks at some rows (rated conversations) may have no group at all.
        if (!metric.where) assert.ok(result.rows.length > 0, `${metric.id} by ${dim.id}`);
        assert.equal(result.sql.length, 1);
      }
    }
  });
});

test('events by local time, counted from quarter-hour buckets, equal a count over every event in any zone', async () => {
  // Events every 7 minutes for two days: buckets hold several events and cross every half and quarter hour.
  const rows = ['conversation_id,timestamp,event_type,actor'];
  for (let i = 0; i < 420; i++) {
    const ts = new Date(Date.parse('2026-10-03T20:01:00Z') + i * 7 * 60_000).toISOString();
    rows.push(`c${i % 9},${ts},${i % 3 ? 'message' : 'note'},${i % 2 ? 'customer' : 'agent'}`);
  }
  for (const tz of ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns']) {
    await withBaton(
      `${rows.join('\n')}\n`,
      async (baton) => {
        for (const dim of ['hour', 'date', 'weekday', 'hour_weekday', 'event_type']) {
          const viaCatalog = await baton.query({ metrics: ['events'], by: [dim] });
          const got = Object.fromEntries(
            viaCatalog.rows.map((r) => [String(r.dimensions[dim]), r.values.events?.value]),
          );
          const sql = catalog.dimension(dim)!.sql.event!;
          const direct = await baton.engine.all<{ k: string; n: number }>(
            `SELECT CAST(${sql} AS VARCHAR) AS k, count(*) AS n FROM events GROUP BY ALL`,
            { tz },
          );
          assert.deepEqual(got, Object.fromEntries(direct.map((r) => [r.k, r.n])), `${dim} in ${tz}`);
        }
      },
      { tz },
    );
  }
});

test('a metric and dimension that do not fit are refused with the valid choices', async () => {
  await withBaton(workedExampleCsv(), async (baton) => {
    await assert.rejects(
      baton.query({ metrics: ['resolution_rate'], by: ['channel_pair'] }),
      (error: unknown) =>
        error instanceof UsageError &&
        error.problems[0]?.code === 'dimension-not-applicable' &&
        error.problems[0].message.includes('start_channel'),
    );
    await assert.rejects(
      baton.query({ metrics: ['nope'], by: ['nada'] }),
      (error: unknown) => error instanceof UsageError && error.problems.length === 2,
    );
  });
});

test('filters bind values: a quote in a value is just a value', async () => {
  await withBaton(workedExampleCsv(), async (baton) => {
    const q = await baton.query({ metrics: ['handoffs'], where: { to_team: "Email' OR 1=1 --" } });
    assert.equal(q.rows[0]?.values.handoffs?.value, 0);
    const email = await baton.query({ metrics: ['handoffs'], where: { to_team: 'Email' } });
    assert.equal(email.rows[0]?.values.handoffs?.value, 300);
  });
});
