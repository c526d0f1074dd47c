// The CLI on each warehouse engine: analyze, query and export give DuckDB's answers; a second run reads the warehouse.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeDemoCsv } from '../src/demo/index.js';
import { PostgresEngine } from '../src/engine/postgres-engine.js';
import { exportTable } from '../src/export/export-table.js';
import { assertClose } from './support/assert-close.js';
import { ENGINES_UNDER_TEST, warehouseArgs, withEngineBaton } from './support/engines.js';
import { postgresUrl } from './support/postgres-server.js';
import { runCli } from './support/run-cli.js';
import { withTempDir } from './support/temp-data.js';

const WAREHOUSES = ENGINES_UNDER_TEST.filter((e) => e !== 'duckdb');

for (const engine of WAREHOUSES) {
  test(`analyze, query and export on ${engine} equal DuckDB's`, async () => {
    await withTempDir(async (dir) => {
      const csv = join(dir, 'demo.csv');
      await writeDemoCsv(csv, { conversations: 400, seed: 3 });
      const schema = `baton_cli_${randomBytes(5).toString('hex')}`;
      const args = await warehouseArgs(engine, schema);

      const local = await runCli(['analyze', csv, '--json', '-q']);
      const remote = await runCli(['analyze', csv, '--json', '-q', ...args]);
      assert.equal(remote.code, 0, remote.err);
      assertClose(JSON.parse(remote.out), JSON.parse(local.out));

      const query = [
        'query',
        '--metric',
        'handoff_success_rate,handoff_time_median_s',
        '--by',
        'team_pair,weekday',
      ];
      const localQuery = await runCli([...query, csv, '--json', '-q']);
      // A server's events and derived tables are read where they are, without files; embedded ClickHouse
      // lives as long as one command, so it is given the files again.
      const again = engine === 'postgres' ? [] : [csv];
      const remoteQuery = await runCli([...query, ...again, '--json', '-q', ...args]);
      assert.equal(remoteQuery.code, 0, remoteQuery.err);
      assertClose(JSON.parse(remoteQuery.out), JSON.parse(localQuery.out));

      // --business-hours is a session setting, set on the engine the metrics run on.
      const hours = [
        'query',
        '--metric',
        'handoffs',
        '--by',
        'business_hours',
        '--business-hours',
        'Tue-Thu 10:00-15:00',
      ];
      const localHours = JSON.parse((await runCli([...hours, csv, '--json', '-q'])).out);
      const remoteHours = await runCli([...hours, ...again, '--json', '-q', ...args]);
      assert.equal(remoteHours.code, 0, remoteHours.err);
      assertClose(JSON.parse(remoteHours.out), localHours);
      const defaultHours = JSON.parse((await runCli([...hours.slice(0, 5), csv, '--json', '-q'])).out);
      assert.notDeepEqual(localHours.rows, defaultHours.rows, 'the setting changes the answer');

      // Questions in plain English: the same interpretation, numbers and words; the SQL shown is each engine's.
      for (const question of [
        'handoff success rate by team',
        'how many handoffs from chat to email in September',
        'top 3 teams by median handoff time',
        'compare handoff success rate on weekends vs weekdays',
        // A why-question adds the diagnosis of its segment, run on temporary copies of the derived tables.
        'Why are weekend handoffs failing?',
      ]) {
        const ask = ['ask', '--json', '-q', '--today', '2026-10-15'];
        const { sql: _local, ...expected } = JSON.parse((await runCli([...ask, csv, question])).out);
        const asked = await runCli([...ask, ...again, ...args, question]);
        assert.equal(asked.code, 0, `${question}: ${asked.err}`);
        const { sql: _remote, ...answer } = JSON.parse(asked.out);
        assertClose(answer, expected);
        if (question.startsWith('Why'))
          assert.ok(answer.result.diagnosis.detectors.length > 0, 'the segment was diagnosed');
      }

      // The report, with the diagnosis: warehouse-diagnose.test.ts compares the findings themselves.
      const report = ['report', '--format', 'json', '--no-diagnosis', '-q'];
      const localReport = await runCli([...report, csv]);
      const remoteReport = await runCli([...report, ...again, ...args]);
      assert.equal(remoteReport.code, 0, remoteReport.err);
      assertClose(JSON.parse(remoteReport.out), JSON.parse(localReport.out));
      const html = await runCli(['report', ...again, ...args, '--out', join(dir, 'report.html')]);
      assert.equal(html.code, 0, html.err);
      assert.doesNotMatch(html.err, /diagnosis/);

      for (const kind of ['handoffs', 'conversations']) {
        const a = join(dir, `${kind}-duckdb.csv`);
        const b = join(dir, `${kind}-${engine}.csv`);
        assert.equal((await runCli(['export', kind, csv, '--out', a, '-q'])).code, 0);
        const exported = await runCli(['export', kind, ...again, '--out', b, '-q', ...args]);
        assert.equal(exported.code, 0, exported.err);
        assert.equal(await readFile(b, 'utf8'), await readFile(a, 'utf8'), `${kind} export`);
      }
    });
  });
}

for (const engine of WAREHOUSES) {
  test(`a warehouse export pages by key and gives every row once, in order [${engine}]`, async () => {
    await withTempDir(async (dir) => {
      const csv = join(dir, 'demo.csv');
      await writeDemoCsv(csv, { conversations: 60, seed: 9 });
      await withEngineBaton(engine, await readFile(csv, 'utf8'), async (baton) => {
        const paged = join(dir, 'paged.csv');
        const whole = join(dir, 'whole.csv');
        const a = await exportTable(baton.engine, 'handoffs', paged, baton.analysisEngine, 7);
        const b = await exportTable(baton.engine, 'handoffs', whole, baton.analysisEngine);
        assert.ok(a.rows > 21, `${a.rows} rows: several pages`);
        assert.equal(a.rows, b.rows);
        assert.equal(await readFile(paged, 'utf8'), await readFile(whole, 'utf8'));
        const empty = join(dir, 'empty.csv');
        await baton.analysisEngine.run('DELETE FROM conversations WHERE 1 = 1');
        assert.equal((await exportTable(baton.engine, 'conversations', empty, baton.analysisEngine)).rows, 0);
        assert.match(await readFile(empty, 'utf8'), /^conversation_id,handoff_count,/);
      });
    });
  });
}

if (WAREHOUSES.includes('postgres'))
  test('--read-only: a role that may only read events gets the same analysis, and nothing is written', async () => {
    await withTempDir(async (dir) => {
      const csv = join(dir, 'demo.csv');
      await writeDemoCsv(csv, { conversations: 300, seed: 4 });
      const suffix = randomBytes(5).toString('hex');
      const schema = `baton_ro_${suffix}`;
      const reader = `baton_reader_${suffix}`;
      const url = await postgresUrl();
      const args = ['--engine', 'postgres', '--schema', schema];
      assert.equal((await runCli(['analyze', csv, '-q', '--url', url, ...args])).code, 0);
      const admin = await PostgresEngine.open({ url, schema });
      try {
        // Only the events stay, readable by a role that may create nothing in the schema.
        await admin.run(`DROP TABLE bots, ownership, handoffs, conversations, event_buckets, baton_derived`);
        await admin.run(`CREATE ROLE ${reader} LOGIN`);
        await admin.run(`GRANT USAGE ON SCHEMA ${schema} TO ${reader}`);
        await admin.run(`GRANT SELECT ON ${schema}.events TO ${reader}`);
        const readerUrl = url.replace('//postgres@', `//${reader}@`);
        const refused = await runCli(['analyze', '--json', '-q', '--url', readerUrl, ...args]);
        assert.notEqual(refused.code, 0, 'without --read-only the derived tables cannot be written');
        const local = await runCli(['analyze', csv, '--json', '-q']);
        const remote = await runCli(['analyze', '--json', '-q', '--read-only', '--url', readerUrl, ...args]);
        assert.equal(remote.code, 0, remote.err);
        assertClose(JSON.parse(remote.out), JSON.parse(local.out));
        const tables = await admin.all<{ name: string }>(
          'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $schema',
          { schema },
        );
        assert.deepEqual(
          tables.map((t) => t.name),
          ['events'],
        );
        const withFiles = await runCli(['analyze', csv, '-q', '--read-only', '--url', readerUrl, ...args]);
        assert.equal(withFiles.code, 2);
        assert.match(withFiles.err, /read-only/);
      } finally {
        await admin.run(`DROP SCHEMA ${schema} CASCADE`);
        await admin.run(`DROP ROLE IF EXISTS ${reader}`);
        await admin.close();
      }
    });
  });

if (WAREHOUSES.includes('postgres'))
  test('a view named events over a table of your own is read like the canonical table', async () => {
    await withTempDir(async (dir) => {
      const csv = join(dir, 'demo.csv');
      await writeDemoCsv(csv, { conversations: 250, seed: 6 });
      const suffix = randomBytes(5).toString('hex');
      const loaded = `baton_src_${suffix}`;
      const viewed = `baton_view_${suffix}`;
      const url = await postgresUrl();
      assert.equal(
        (await runCli(['analyze', csv, '-q', '--engine', 'postgres', '--url', url, '--schema', loaded])).code,
        0,
      );
      const admin = await PostgresEngine.open({ url, schema: viewed });
      try {
        // A helpdesk-shaped table: other names, a timestamptz, an integer id; the view maps it as the README shows.
        await admin.run(`CREATE TABLE ticket_audits AS SELECT conversation_id AS ticket_id, ts AT TIME ZONE 'UTC' AS created_at,
          event_type AS kind, actor AS author_role, agent_id AS assignee, team AS group_name, tier, channel AS via,
          text AS body, csat, customer_id AS requester_id, segment, category, priority, reason, transfer_type,
          rid AS audit_id, seq FROM ${loaded}.events`);
        await admin.run(`CREATE VIEW events AS SELECT ticket_id AS conversation_id, created_at AT TIME ZONE 'UTC' AS ts,
          kind AS event_type, author_role AS actor, assignee AS agent_id, group_name AS team, tier, via AS channel,
          body AS text, csat, requester_id AS customer_id, segment, category, priority, reason, transfer_type,
          seq, audit_id AS rid FROM ticket_audits`);
        const local = await runCli(['analyze', csv, '--json', '-q']);
        const remote = await runCli([
          'analyze',
          '--json',
          '-q',
          '--engine',
          'postgres',
          '--url',
          url,
          '--schema',
          viewed,
        ]);
        assert.equal(remote.code, 0, remote.err);
        const summary = JSON.parse(remote.out);
        // Rejected and repeated rows are counted where files are imported; a view has none to report.
        assertClose(summary.metrics, JSON.parse(local.out).metrics);
        assertClose(summary.funnel, JSON.parse(local.out).funnel);
      } finally {
        await admin.run(`DROP SCHEMA ${viewed} CASCADE`);
        await admin.run(`DROP SCHEMA ${loaded} CASCADE`);
        await admin.close();
      }
    });
  });

test('--url without a warehouse engine, and postgres without --url, are usage errors', async () => {
  const noEngine = await runCli(['analyze', 'x.csv', '--url', 'postgres://localhost/db']);
  assert.equal(noEngine.code, 2);
  assert.match(noEngine.err, /--engine/);
  const noUrl = await runCli(['analyze', '--engine', 'postgres']);
  assert.equal(noUrl.code, 2);
  const unknown = await runCli(['analyze', 'x.csv', '--engine', 'oracle']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /duckdb, clickhouse, postgres/);
});
