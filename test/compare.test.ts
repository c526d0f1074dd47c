// `baton compare`: cohort values equal the catalog query for the same filter, and the tests separate real differences.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Baton } from '../src/baton.js';
import { compareCohorts } from '../src/compare/compare.js';
import { writeDemoCsv } from '../src/demo/index.js';
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
      assert.ok(result.skipped.some((s) => s.metric === 'csat_avg'));
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
    assert.equal(json.metrics.length, 6);
    const same = await runCli(['compare', file, '--a', 'kind=team', '--b', 'kind=team', '--json', '-q']);
    const metric = JSON.parse(same.out).metrics.find(
      (m: { metric: string }) => m.metric === 'handoff_success_rate',
    );
    assert.equal(metric.b.n, 0, 'rows of the first cohort are not counted again in the second');
    assert.equal((await runCli(['compare', file, '-q'])).code, 2);
  });
});
