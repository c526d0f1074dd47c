// biome-ignore-all lint/suspicious/noExplicitAny: JSON replies are compared whole and picked from by known fields.
// The HTTP API on each warehouse engine answers as it does on DuckDB, over the same demo data.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Hono } from 'hono';
import { parseCommandArgs } from '../src/cli/command.js';
import { serveCommand } from '../src/cli/commands/serve.js';
import { writeDemoCsv } from '../src/demo/index.js';
import { PostgresEngine } from '../src/engine/postgres-engine.js';
import { createApp } from '../src/server/app.js';
import { QueryQueue } from '../src/server/limits.js';
import { assertClose } from './support/assert-close.js';
import { ENGINES_UNDER_TEST, withEngineBaton } from './support/engines.js';
import { postgresUrl, withPostgres } from './support/postgres-server.js';
import { withTempDir } from './support/temp-data.js';

const WAREHOUSES = ENGINES_UNDER_TEST.filter((e) => e !== 'duckdb');

async function json(app: Hono, path: string): Promise<{ status: number; body: any }> {
  const response = await app.request(`http://127.0.0.1${path}`);
  return { status: response.status, body: await response.json() };
}

async function ok(app: Hono, path: string): Promise<any> {
  const r = await json(app, path);
  assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Requests whose answers depend on the data, built from what DuckDB's answers hold. */
async function requests(duck: Hono): Promise<string[]> {
  const summary = await ok(duck, '/api/summary');
  const day = String(summary.data.first_event).slice(0, 10);
  const later = new Date(Date.parse(`${day}T00:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
  const pairs = await ok(duck, '/api/query?metric=handoffs&by=team_pair');
  const pair = encodeURIComponent(pairs.rows[0].dimensions.team_pair);
  const teams = await ok(duck, '/api/query?metric=conversations&by=start_team');
  const team = encodeURIComponent(teams.rows[0].dimensions.start_team);
  const channel = encodeURIComponent(summary.funnel[0].channel);
  const first = async (metric: string, by: string) =>
    encodeURIComponent((await ok(duck, `/api/query?metric=${metric}&by=${by}`)).rows[0].dimensions[by]);
  const segment = await first('conversations', 'segment');
  const transfer = await first('handoffs', 'transfer_type');
  const list = [
    '/api/metrics',
    '/api/dimensions',
    '/api/summary',
    `/api/summary?where.start_team=${team}`,
    `/api/summary?from=${day}&to=${later}`,
    `/api/summary?from=${day}&to=${later}&where.team_pair=${pair}`,
    `/api/summary?where.transfer_type=${transfer}&where.segment=${segment}`,
    '/api/query?metric=handoff_success_rate,handoff_time_median_s&by=team_pair',
    '/api/query?metric=conversations,resolution_rate&by=weekday,hour',
    `/api/query?metric=handoffs,handoff_time_median_s&by=date&from=${day}&to=${later}`,
    `/api/query?metric=handoff_success_rate&by=channel_pair,business_hours&where.start_channel=${channel}`,
    '/api/query?metric=conversations&by=month,outcome',
    `/api/conversations?where.team_pair=${pair}`,
    `/api/conversations?grain=conversation&where.start_team=${team}&from=${day}&to=${later}&limit=7&offset=3`,
    '/api/conversations?limit=9&offset=18',
    '/api/conversations?cell=hour_weekday:Tue%2010&grain=handoff',
    `/api/conversations?funnel=${channel}:handed_on`,
    `/api/conversations?funnel=${channel}:resolved&limit=5&offset=5&where.segment=${segment}`,
  ];
  // Timelines: conversations with handoffs, and one without.
  const handed = await ok(duck, `/api/conversations?where.team_pair=${pair}&limit=3`);
  for (const c of handed.conversations)
    list.push(`/api/conversations/${encodeURIComponent(c.conversation_id)}`);
  const quiet = await ok(duck, '/api/conversations?grain=conversation&where.handoff_count=0&limit=1');
  for (const c of quiet.conversations)
    list.push(`/api/conversations/${encodeURIComponent(c.conversation_id)}`);
  return list;
}

for (const engine of WAREHOUSES) {
  test(`the API on ${engine} answers as on DuckDB`, async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'demo.csv');
      await writeDemoCsv(file, { conversations: 300, seed: 2 });
      const csv = await readFile(file, 'utf8');
      await withEngineBaton('duckdb', csv, async (local) => {
        await withEngineBaton(engine, csv, async (remote) => {
          const duck = createApp(local).app;
          const other = createApp(remote).app;
          const paths = await requests(duck);
          for (const path of paths) {
            const expected = await ok(duck, path);
            assertClose(await ok(other, path), expected, path);
          }
          // The lists and timelines compared are not empty: the comparison could fail.
          const summary = await ok(other, '/api/summary');
          assert.ok(summary.metrics.handoffs.value > 100);
          for (const path of paths.filter((p) => p.startsWith('/api/conversations?'))) {
            const page = await ok(other, path);
            assert.ok(page.total > 0 && page.conversations.length > 0, `${path}: an empty page`);
          }
          const narrowed = await ok(other, paths.find((p) => p.includes('where.transfer_type'))!);
          assert.ok(narrowed.metrics.handoffs.value > 0);
          const timeline = await ok(other, paths.find((p) => /conversations\/[^?]+$/.test(p))!);
          assert.ok(timeline.events.some((e: any) => e.handoff !== null));
          assert.ok(timeline.events.some((e: any) => e.text !== null));

          // The same answer, but for the SQL shown, which is each engine's own.
          const question =
            '/api/ask?q=handoff%20success%20rate%20by%20team%20in%20September&today=2026-10-15';
          const { sql: _a, ...asked } = (await ok(other, question)) as Record<string, unknown>;
          const { sql: _b, ...expected } = (await ok(duck, question)) as Record<string, unknown>;
          assertClose(asked, expected);
          const bad = await json(other, '/api/query?metric=nope');
          assertClose(bad, await json(duck, '/api/query?metric=nope'));
          const missing = await json(other, '/api/conversations/no-such-conversation');
          assertClose(missing, await json(duck, '/api/conversations/no-such-conversation'));
        });
      });
    });
  });
}

if (WAREHOUSES.includes('postgres'))
  test('a PostgreSQL query past the deadline is cancelled, and the cancel spares the next one', async () => {
    await withPostgres(async (engine) => {
      const queue = new QueryQueue(engine, 100);
      const started = Date.now();
      await assert.rejects(
        queue.run(() => engine.all('SELECT pg_sleep(20) AS slept')),
        (e: Error & { status?: number }) => e.status === 503,
      );
      assert.ok(Date.now() - started < 10_000, 'cancelled promptly');
      assert.deepEqual(await queue.run(() => engine.all('SELECT 1 AS n')), [{ n: 1 }]);
    });
  });

for (const engine of WAREHOUSES) {
  test(`baton serve --engine ${engine} serves DuckDB's summary`, async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'demo.csv');
      await writeDemoCsv(file, { conversations: 120, seed: 5 });
      const schema = `baton_serve_${randomBytes(5).toString('hex')}`;
      const url = engine === 'postgres' ? ['--url', await postgresUrl()] : [];
      const argv = [file, '-q', '--port', '0', '--engine', engine, ...url, '--schema', schema];
      const { values, positionals } = parseCommandArgs(serveCommand, argv);
      let served: (url: string) => void = () => {};
      const address = new Promise<string>((resolve) => {
        served = resolve;
      });
      const before = process.listeners('SIGTERM');
      const running = serveCommand.run(values, positionals, { out: (t) => served(t), err: () => {} });
      try {
        const base = await Promise.race([address, running.then(() => 'stopped early')]);
        assert.match(base, /^http:/);
        const remote = await (await fetch(`${base}/api/summary`)).json();
        const expected = await withEngineBaton('duckdb', await readFile(file, 'utf8'), (local) =>
          ok(createApp(local).app, '/api/summary'),
        );
        assertClose(remote, expected);
      } finally {
        // serve stops on SIGTERM: its own listener is called, not the test runner's (which would end the run).
        for (const listener of process.listeners('SIGTERM'))
          if (!before.includes(listener)) listener('SIGTERM');
        assert.equal(await running, 0);
        if (engine === 'postgres') {
          const admin = await PostgresEngine.open({ url: await postgresUrl() });
          await admin.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await admin.close();
        }
      }
    });
  });
}
