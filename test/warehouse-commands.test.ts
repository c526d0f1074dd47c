// segments, network and compare on each warehouse engine through the CLI: the same answers as DuckDB on one demo file.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeDemoCsv } from '../src/demo/index.js';
import { PostgresEngine } from '../src/engine/postgres-engine.js';
import { assertClose } from './support/assert-close.js';
import { ENGINES_UNDER_TEST, warehouseArgs } from './support/engines.js';
import { postgresUrl } from './support/postgres-server.js';
import { runCli } from './support/run-cli.js';
import { withTempDir } from './support/temp-data.js';

const WAREHOUSES = ENGINES_UNDER_TEST.filter((e) => e !== 'duckdb');

interface ComparisonJson {
  metrics: { metric: string }[];
  skipped: { metric: string; reason: string }[];
}

for (const engine of WAREHOUSES) {
  test(`network, compare and segments on ${engine} equal DuckDB's`, async () => {
    await withTempDir(async (dir) => {
      const csv = join(dir, 'demo.csv');
      await writeDemoCsv(csv, { conversations: 400, seed: 3 });
      const schema = `baton_cmd_${randomBytes(5).toString('hex')}`;
      const args = await warehouseArgs(engine, schema);
      // The first command loads the server; later ones read it there. Embedded ClickHouse lives as long as
      // one command, so it is given the file every time.
      let loaded = false;
      const same = async (command: string[], expect?: (local: never) => unknown) => {
        const local = await runCli([...command, csv, '--json', '-q']);
        assert.equal(local.code, 0, local.err);
        const files = engine === 'postgres' && loaded ? [] : [csv];
        const remote = await runCli([...command, ...files, '--json', '-q', ...args]);
        assert.equal(remote.code, 0, `${command.join(' ')}: ${remote.err}`);
        loaded = true;
        const expected = JSON.parse(local.out);
        assertClose(JSON.parse(remote.out), expect ? expect(expected as never) : expected);
        return expected;
      };
      try {
        for (const level of ['team', 'agent', 'channel', 'tier']) {
          const network = await same(['network', '--level', level]);
          assert.ok(network.matrix.cells.length > 0, `${level}: a matrix to compare`);
        }
        // The repeat-explanation rate too: it reads the messages around each handoff in the warehouse.
        const warmCold = await same(['compare', '--a', 'transfer_type=warm', '--b', 'transfer_type=cold']);
        assert.ok(warmCold.metrics.some((m: { metric: string }) => m.metric === 'repeat_explanation_rate'));
        assert.ok(warmCold.through_handoffs, 'conversation metrics joined through handoffs');
        const before = await same(['compare', '--before', '2026-10-01']);
        const success = before.metrics.find((m: { metric: string }) => m.metric === 'handoff_success_rate');
        assert.ok(success.a.n > 0 && success.b.n > 0, 'both sides of the date hold handoffs');
        const segments = await same(['segments']);
        const tested = segments.breakdowns.flatMap((b: { groups: { test?: unknown }[] }) =>
          b.groups.filter((g) => g.test),
        );
        assert.ok(tested.length > 10, `${tested.length} groups tested against the rest`);
      } finally {
        if (engine === 'postgres') {
          const admin = await PostgresEngine.open({ url: await postgresUrl(), schema });
          try {
            await admin.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          } finally {
            await admin.close();
          }
        }
      }
    });
  });
}

test('compare on DuckDB still compares the repeat-explanation rate', async () => {
  await withTempDir(async (dir) => {
    const csv = join(dir, 'demo.csv');
    await writeDemoCsv(csv, { conversations: 200, seed: 5 });
    const run = await runCli([
      'compare',
      csv,
      '--a',
      'transfer_type=warm',
      '--b',
      'transfer_type=cold',
      '--json',
      '-q',
    ]);
    assert.equal(run.code, 0, run.err);
    const result = JSON.parse(run.out) as ComparisonJson;
    assert.ok(result.metrics.some((m) => m.metric === 'repeat_explanation_rate'));
    assert.ok(!result.skipped.some((s) => s.metric === 'repeat_explanation_rate'));
  });
});
