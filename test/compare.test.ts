// `baton compare`: cohort values equal the catalog query for the same filter, and the tests separate real differences.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Baton } from '../src/baton.js';
import { compareCohorts } from '../src/compare/compare.js';
import { CLEAN, PLANTS, writeDemoCsv } from '../src/demo/index.js';
import { UsageError } from '../src/model/errors.js';
import { runCli } from './support/run-cli.js';
import { withTempDir } from './support/temp-data.js';

test('warm vs cold on demo data: values equal baton query, handoff time differs clearly', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    await writeDemoCsv(file, { conversations: 2000, seed: 21 });
    const baton = await Baton.open();
    try {
      await baton.import([file]);
      const result = await compareCohorts(baton.engine, {
        a: { label: 'warm', conditions: [{ dimension: 'transfer_type', op: '=', value: 'warm' }] },
        b: { label: 'cold', conditions: [{ dimension: 'transfer_type', op: '=', value: 'cold' }] },
      });
      const success = result.metrics.find((m) => m.metric === 'handoff_success_rate')!;
      const warm = await baton.query({ metrics: ['handoff_success_rate'], where: { transfer_type: 'warm' } });
      const cold = await baton.query({ metrics: ['handoff_success_rate'], where: { transfer_type: 'cold' } });
      assert.equal(success.a.value, warm.rows[0]?.values.handoff_success_rate?.value);
      assert.equal(success.b.n, cold.rows[0]?.values.handoff_success_rate?.denominator);
      assert.ok(
        success.difference_ci95 &&
          success.difference_ci95[0] <= success.difference! &&
          success.difference! <= success.difference_ci95[1],
      );
      assert.ok((success.sample_size?.needed_per_cohort ?? 0) > 100);
      const time = result.metrics.find((m) => m.metric === 'handoff_time_median_s')!;
      assert.ok(
        time.p_value !== null && time.p_value < 0.001,
        `cold waits longer in the demo (p=${time.p_value})`,
      );
      // CSAT is per conversation: a conversation joins a cohort through its handoffs, and one with both a warm
      // and a cold transfer is left out of both (counted here independently of the cohort SQL).
      assert.deepEqual(result.skipped, []);
      assert.deepEqual(result.through_handoffs?.metrics, [
        'resolution_rate',
        'resolution_time_median_s',
        'csat_avg',
        'ping_pong_rate',
      ]);
      const counts = await baton.engine.one<{ warm: number; cold: number; both: number }>(
        `WITH t AS (SELECT conversation_id, bool_or(transfer_type = 'warm') AS w, bool_or(transfer_type = 'cold') AS c
           FROM handoffs GROUP BY conversation_id)
         SELECT count(*) FILTER (WHERE w AND NOT c AND csat IS NOT NULL) AS warm,
           count(*) FILTER (WHERE c AND NOT w AND csat IS NOT NULL) AS cold,
           count(*) FILTER (WHERE w AND c) AS both
         FROM t JOIN conversations USING (conversation_id)`,
      );
      const csat = result.metrics.find((m) => m.metric === 'csat_avg')!;
      assert.deepEqual([csat.a.n, csat.b.n], [counts.warm, counts.cold]);
      assert.equal(result.through_handoffs?.left_out_conversations, counts.both);
      assert.ok(counts.both > 0, 'the demo has conversations with both kinds of transfer');
      await assert.rejects(
        compareCohorts(baton.engine, {
          a: { label: 'x', conditions: [{ dimension: 'nope', op: '=', value: '1' }] },
          b: { label: 'y', conditions: [] },
        }),
        (e: unknown) => e instanceof UsageError && e.problems.length === 2,
      );
    } finally {
      baton.close();
    }
  });
});

test('compare --before splits by date; the same cohort twice shows no difference', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'demo.csv');
    await writeDemoCsv(file, { conversations: 800, seed: 4 });
    const run = await runCli(['compare', file, '--before', '2026-10-01', '--json', '-q']);
    assert.equal(run.code, 0, run.err);
    const json = JSON.parse(run.out);
    assert.equal(json.metrics.length, 9);
    assert.equal(json.through_handoffs, null, 'a date splits conversations directly');
    const same = await runCli(['compare', file, '--a', 'kind=team', '--b', 'kind=team', '--json', '-q']);
    const metric = JSON.parse(same.out).metrics.find(
      (m: { metric: string }) => m.metric === 'handoff_success_rate',
    );
    assert.equal(metric.b.n, 0, 'rows of the first cohort are not counted again in the second');
    const csat = JSON.parse(same.out).metrics.find((m: { metric: string }) => m.metric === 'csat_avg');
    assert.deepEqual([csat.a.n, csat.b.n], [0, 0], 'a conversation in both cohorts is in neither');
    assert.equal((await runCli(['compare', file, '-q'])).code, 2);
  });
});

test('warm vs cold on the clean demo with planted cold transfers: abandonment and repeats rise after cold', async () => {
  await withTempDir(async (dir) => {
    const measure = async (plant: boolean) => {
      const file = join(dir, `demo-${plant}.csv`);
      await writeDemoCsv(file, {
        conversations: 3000,
        seed: 5,
        clean: true,
        ...(plant ? { plant: ['cold-transfers' as const] } : {}),
      });
      const run = await runCli([
        'compare',
        file,
        '--a',
        'transfer_type=warm',
        '--b',
        'transfer_type=cold',
        '--json',
        '-q',
      ]);
      assert.equal(run.code, 0, run.err);
      const json = JSON.parse(run.out);
      const get = (id: string) => json.metrics.find((m: { metric: string }) => m.metric === id);
      return { json, abandon: get('abandonment_after_handoff_rate'), repeat: get('repeat_explanation_rate') };
    };
    // Clean: warm and cold transfers are alike, so neither differs.
    const base = await measure(false);
    assert.ok(base.abandon.p_value > 0.01 && base.repeat.p_value > 0.01, JSON.stringify(base));
    const planted = await measure(true);
    // PLANTS.coldTransfers: the customer gives up before pick-up after 35% of cold transfers ...
    const abandon = planted.abandon.b.value;
    assert.ok(Math.abs(abandon - PLANTS.coldTransfers.abandon) < 0.04, `cold abandonment ${abandon}`);
    assert.ok(planted.abandon.difference_ci95[0] > 0.25 && planted.abandon.p_value < 1e-6);
    // ... and repeats themselves after 65% of those picked up (CLEAN.repeat after warm ones).
    const expected = PLANTS.coldTransfers.repeat * (1 - abandon);
    assert.ok(Math.abs(planted.repeat.b.value - expected) < 0.05, `cold repeats ${planted.repeat.b.value}`);
    assert.ok(
      Math.abs(planted.repeat.a.value - CLEAN.repeat) < 0.05,
      `warm repeats ${planted.repeat.a.value}`,
    );
    assert.ok(planted.repeat.p_value < 1e-6);
    assert.ok(planted.json.through_handoffs.rule.includes('at least one of its handoffs'));
    const csat = planted.json.metrics.find((m: { metric: string }) => m.metric === 'csat_avg');
    assert.ok(csat.a.n > 30 && csat.b.n > 30 && csat.p_value !== null);
  });
});
