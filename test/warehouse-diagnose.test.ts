// diagnose on each warehouse: the ported detectors give DuckDB's findings and tests; the others are listed as not run.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Baton } from '../src/baton.js';
import { writeDemoCsv } from '../src/demo/index.js';
import { notRunReason } from '../src/diagnose/detector.js';
import { DETECTORS } from '../src/diagnose/detectors/index.js';
import { diagnose } from '../src/diagnose/diagnose.js';
import type { Finding } from '../src/diagnose/finding.js';
import { withSegmentScope } from '../src/diagnose/segment-scope.js';
import type { DialectName } from '../src/engine/dialect.js';
import { assertClose } from './support/assert-close.js';
import { ENGINES_UNDER_TEST, warehouseArgs, withEngineBaton } from './support/engines.js';
import { runCli } from './support/run-cli.js';
import { withTempDir } from './support/temp-data.js';

const WAREHOUSES = ENGINES_UNDER_TEST.filter((e) => e !== 'duckdb');
/** Detectors that run on `engine`, and the ids of those listed as not run there. */
const ported = (engine: DialectName) => DETECTORS.filter((d) => notRunReason(d, engine) === undefined);
const unported = (engine: DialectName) =>
  DETECTORS.filter((d) => notRunReason(d, engine) !== undefined).map((d) => d.id);

const byId = (findings: Finding[]) => [...findings].sort((a, b) => a.id.localeCompare(b.id));

test('every detector is ported to the dialect; one that is not would be listed as not run', () => {
  assert.deepEqual(unported('duckdb'), []);
  assert.deepEqual(unported('postgres'), []);
  assert.deepEqual(unported('clickhouse'), []);
  const fake = { ...DETECTORS[0]!, portable: undefined };
  assert.match(notRunReason(fake, 'postgres') ?? '', /DuckDB only for now, not on postgres/);
  assert.equal(notRunReason(fake, 'duckdb'), undefined);
  const partly = { ...DETECTORS[0]!, notOn: { clickhouse: 'no such function' } };
  assert.equal(notRunReason(partly, 'postgres'), undefined);
  assert.equal(notRunReason(partly, 'clickhouse'), 'not run on clickhouse yet: no such function');
});

for (const engine of WAREHOUSES) {
  test(`diagnose on ${engine} equals DuckDB's for every ported detector and lists the others`, async () => {
    await withTempDir(async (dir) => {
      const csv = join(dir, 'demo.csv');
      await writeDemoCsv(csv, { conversations: 1500, seed: 7, plant: ['slow-channel', 'ping-pong'] });
      const PORTED = ported(engine);
      const UNPORTED = unported(engine);
      // DuckDB restricted to the ported detectors: the Benjamini-Hochberg correction then counts the same tests.
      const expected = await withEngineBaton('duckdb', await readFile(csv, 'utf8'), async (baton) => {
        await baton.ensureDerived();
        return diagnose(baton.analysisEngine, { tz: baton.tz, detectors: PORTED });
      });
      assert.deepEqual(expected.not_run, []);

      const args = await warehouseArgs(engine, `baton_diag_${randomBytes(5).toString('hex')}`);
      const run = await runCli(['diagnose', csv, '--json', '-q', ...args]);
      assert.equal(run.code, 0, run.err);
      const got = JSON.parse(run.out);
      // not_run is in the JSON only where something did not run.
      assert.equal(got.not_run === undefined, UNPORTED.length === 0);
      got.not_run ??= [];

      assert.deepEqual(
        got.not_run.map((d: { id: string }) => d.id),
        UNPORTED,
      );
      for (const d of got.not_run) assert.match(d.reason, new RegExp(`not (run )?on ${engine}`));
      assert.equal(got.tests_run, expected.tests_run);
      assert.ok(got.tests_run > 0);
      assertClose(got.detectors, expected.detectors);
      assertClose(byId(got.findings), byId(JSON.parse(JSON.stringify(expected.findings))));
      assert.ok(
        got.findings.some((f: Finding) => f.detector === 'ping-pong-pairs'),
        'the planted ping-pong is found on the warehouse',
      );
      assertClose(got.handoff_cost, JSON.parse(JSON.stringify(expected.handoff_cost)));
      assertClose(got.thresholds, expected.thresholds);

      // The text says which detectors did not run; embedded ClickHouse is given the file again.
      const text = await runCli(['diagnose', csv, '-q', ...args]);
      assert.equal(text.code, 0, text.err);
      if (UNPORTED.length > 0)
        assert.match(
          text.out,
          new RegExp(`Not run on ${engine} yet \\(see --json not_run for why\\): ${UNPORTED[0]}`),
        );
      else assert.doesNotMatch(text.out, /Not run on/);
    });
  });
}

test('diagnose on DuckDB runs every detector and lists none as not run', async () => {
  await withTempDir(async (dir) => {
    const csv = join(dir, 'demo.csv');
    await writeDemoCsv(csv, { conversations: 300, seed: 7 });
    const run = await runCli(['diagnose', csv, '--json', '-q']);
    assert.equal(run.code, 0, run.err);
    const got = JSON.parse(run.out);
    assert.equal(got.not_run, undefined, 'DuckDB runs every detector, so its JSON keeps its shape');
    assert.deepEqual(
      got.detectors.map((d: { id: string }) => d.id),
      DETECTORS.map((d) => d.id),
    );
  });
});

for (const engine of WAREHOUSES) {
  test(`a segment's diagnosis on ${engine} (temporary copies of the derived tables) equals DuckDB's`, async () => {
    await withTempDir(async (dir) => {
      const csv = join(dir, 'demo.csv');
      await writeDemoCsv(csv, { conversations: 1500, seed: 7, plant: ['slow-channel', 'ping-pong'] });
      const text = await readFile(csv, 'utf8');
      const scoped = (baton: Baton) =>
        withSegmentScope(baton.analysisEngine, baton.tz, { day_type: ['weekday'] }, () =>
          diagnose(baton.analysisEngine, { tz: baton.tz }),
        );
      const whole = async (baton: Baton) => diagnose(baton.analysisEngine, { tz: baton.tz });
      const expected = await withEngineBaton('duckdb', text, async (b) => {
        await b.ensureDerived();
        return { segment: await scoped(b), after: await whole(b) };
      });
      const got = await withEngineBaton(engine, text, async (b) => ({
        segment: await scoped(b),
        after: await whole(b),
      }));
      assert.ok(expected.segment.tests_run > 0 && expected.segment.tests_run < expected.after.tests_run);
      assert.equal(got.segment.tests_run, expected.segment.tests_run);
      assertClose(byId(got.segment.findings), byId(expected.segment.findings));
      // The copies are gone afterwards: the whole operation is diagnosed again, not the segment.
      assert.equal(got.after.tests_run, expected.after.tests_run);
      assertClose(byId(got.after.findings), byId(expected.after.findings));
    });
  });
}
