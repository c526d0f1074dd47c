// biome-ignore-all lint/suspicious/noExplicitAny: JSON replies are checked field by field against known values.
// The HTTP API in-process (Hono's app.request, no socket): shapes, numbers from the catalog, errors, auth, limits, injection.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Hono } from 'hono';
import { Baton } from '../src/baton.js';
import { parseCommandArgs } from '../src/cli/command.js';
import { serveCommand } from '../src/cli/commands/serve.js';
import { runQuery } from '../src/metrics/query.js';
import { catalog } from '../src/metrics/registry.js';
import { UsageError } from '../src/model/errors.js';
import { createApp } from '../src/server/app.js';
import { QueryQueue } from '../src/server/limits.js';
import { workedExampleCsv } from './fixtures/worked-example.js';
import { withTempDir } from './support/temp-data.js';

const TOKEN = 'a-long-enough-token';
let baton: Baton;
let app: Hono;

before(async () => {
  baton = await Baton.open();
  await withTempDir(async (dir) => {
    const file = join(dir, 'example.csv');
    await writeFile(file, workedExampleCsv());
    await baton.import([file]);
  });
  app = createApp(baton).app;
});

after(() => baton.close());

async function get(path: string, init?: RequestInit, on: Hono = app): Promise<{ status: number; body: any }> {
  const response = await on.request(path, init);
  const text = await response.text();
  assert.match(
    response.headers.get('content-type') ?? '',
    /json|html|javascript|css/,
    `${path} content type`,
  );
  return {
    status: response.status,
    body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

async function ok(path: string): Promise<any> {
  const r = await get(path);
  assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

test('GET /api/metrics and /api/dimensions: the catalog', async () => {
  const metrics = await ok('/api/metrics');
  assert.deepEqual(
    metrics.metrics.map((m: { id: string }) => m.id),
    catalog.metrics.map((m) => m.id),
  );
  const dims = await ok('/api/dimensions');
  assert.deepEqual(
    dims.dimensions.map((d: { id: string }) => d.id),
    catalog.dimensions.map((d) => d.id),
  );
  assert.deepEqual(dims.dimensions.find((d: { id: string }) => d.id === 'transfer_type').grains, ['handoff']);
});

test('GET /api/summary: the analyze result on the worked example', async () => {
  const body = await ok('/api/summary');
  const analysis = await baton.analyze();
  assert.deepEqual(body.data, analysis.data);
  assert.deepEqual(body.metrics, analysis.metrics);
  assert.deepEqual(body.funnel, analysis.funnel);
  assert.deepEqual(body.paths, analysis.paths);
  assert.deepEqual(body.failed_team_pairs, analysis.failed_team_pairs);
  assert.equal(body.metrics.conversations.value, 1000);
  assert.equal(body.metrics.handoffs.value, 360);
  assert.equal(body.metrics.handoff_success_rate.numerator, 285);
  assert.equal(body.metrics.handoff_success_rate.denominator, 360);
  assert.deepEqual(body.not_applicable, {});
  // The distribution counts the completed handoffs behind the median: 300 at 300 s, 45 at 300 s, none open.
  const counted = body.handoff_time.reduce((s: number, b: { handoffs: number }) => s + b.handoffs, 0);
  assert.equal(counted, body.metrics.handoff_time_median_s.denominator);
  assert.equal(body.handoff_time.find((b: { from_s: number }) => b.from_s === 300).handoffs, 345);
  // A filter that keeps every conversation (all start in chat) gives analyze's paths: one definition of outcome.
  const kept = await ok('/api/summary?where.start_channel=chat');
  assert.deepEqual(kept.paths, analysis.paths);
});

test('filters give the numbers runQuery gives with the same filters', async () => {
  const tz = 'UTC';
  for (const where of [
    { start_channel: 'chat' },
    { to_team: 'Email' },
    { from_team: 'Email', to_team: 'Phone' },
  ] as Record<string, string>[]) {
    const query = new URLSearchParams(Object.entries(where).map(([k, v]) => [`where.${k}`, v]));
    const body = await ok(`/api/summary?${query}`);
    const fitting = catalog.metrics.filter((m) =>
      Object.keys(where).every((d) => catalog.dimension(d)?.sql[m.grain]),
    );
    const expected = await runQuery(baton.engine, { metrics: fitting.map((m) => m.id), where, tz });
    assert.deepEqual(body.metrics, expected.rows[0]?.values, JSON.stringify(where));
    for (const m of catalog.metrics.filter((x) => !fitting.includes(x)))
      assert.ok(body.not_applicable[m.id], m.id);
  }
  const toPhone = await ok('/api/summary?where.to_team=Phone');
  assert.equal(toPhone.metrics.handoffs.value, 60);
  assert.equal(toPhone.metrics.handoff_success_rate.numerator, 45);
  // A handoff-only filter keeps the conversations with such a handoff in the funnel: the 60 that reached phone.
  assert.deepEqual(
    toPhone.funnel.map((r: { channel: string; reached: number }) => [r.channel, r.reached]),
    [
      ['chat', 60],
      ['email', 60],
      ['phone', 60],
    ],
  );

  // A one-day range equals where.date=that day; a longer range equals the sum over its dates.
  const day = await ok('/api/query?metric=handoffs,handoff_success_rate&from=2026-10-31&to=2026-10-31');
  const sameDay = await runQuery(baton.engine, {
    metrics: ['handoffs', 'handoff_success_rate'],
    where: { date: '2026-10-31' },
    tz,
  });
  assert.deepEqual(day.rows, JSON.parse(JSON.stringify(sameDay.rows)));
  assert.equal(day.rows[0].values.handoffs.value, 24);
  const range = await ok('/api/query?metric=conversations&by=start_channel&from=2026-10-30&to=2026-11-02');
  const byDate = await runQuery(baton.engine, { metrics: ['conversations'], by: ['date'], tz });
  const inRange = byDate.rows.filter(
    (r) => String(r.dimensions.date) >= '2026-10-30' && String(r.dimensions.date) <= '2026-11-02',
  );
  assert.equal(
    range.rows[0].values.conversations.value,
    inRange.reduce((s, r) => s + (r.values.conversations?.value ?? 0), 0),
  );
  const summaryRange = await ok('/api/summary?from=2026-10-30&to=2026-11-02&where.start_channel=chat');
  assert.equal(summaryRange.metrics.conversations.value, range.rows[0].values.conversations.value);

  const query = await ok('/api/query?metric=handoff_success_rate,handoffs&by=team_pair&where.kind=channel');
  const direct = await runQuery(baton.engine, {
    metrics: ['handoff_success_rate', 'handoffs'],
    by: ['team_pair'],
    where: { kind: 'channel' },
    tz,
  });
  assert.deepEqual(query.rows, JSON.parse(JSON.stringify(direct.rows)));
  assert.deepEqual(query.metrics, ['handoff_success_rate', 'handoffs']);
});

test('GET /api/conversations: the conversations behind a cell, paged; /api/conversations/:id: the timeline', async () => {
  const cell = await ok(
    `/api/conversations?cell=${encodeURIComponent('from_team:Email')}&cell=to_team:Phone&limit=200`,
  );
  assert.equal(cell.total, 60);
  assert.equal(cell.conversations.length, 60);
  assert.equal(cell.conversations[0].conversation_id, 'W0940');
  const paged = await ok('/api/conversations?cell=team_pair:Chat%E2%86%92Email&limit=10&offset=295');
  assert.equal(paged.total, 300);
  assert.deepEqual(
    paged.conversations.map((c: { conversation_id: string }) => c.conversation_id),
    ['W0995', 'W0996', 'W0997', 'W0998', 'W0999'],
  );
  const byHour = await ok('/api/conversations?cell=weekday:Sat&cell=hour:8&grain=conversation');
  const expected = await runQuery(baton.engine, {
    metrics: ['conversations'],
    where: { weekday: 'Sat', hour: '8' },
  });
  assert.equal(byHour.total, expected.rows[0]?.values.conversations?.value);
  const bucket = await ok('/api/conversations?cell=handoff_time_bucket:4&where.to_team=Email');
  assert.equal(bucket.total, 300);
  assert.equal((await get('/api/conversations?limit=201')).status, 400);

  const t = await ok('/api/conversations/W0950');
  assert.equal(t.conversation.handoff_count, 2);
  assert.deepEqual(
    t.events.map((e: { event_type: string }) => e.event_type),
    ['message', 'assign', 'message', 'assign', 'message', 'assign', 'message', 'resolve'],
  );
  const handoffs = t.events.filter((e: { handoff: unknown }) => e.handoff);
  assert.deepEqual(
    handoffs.map((e: any) => [e.pos, e.handoff.handoff_no, e.handoff.to_team, e.handoff.handoff_time_s]),
    [
      [4, 1, 'Email', 300],
      [6, 2, 'Phone', 300],
    ],
  );
  assert.deepEqual(t.events[6].owner, { channel: 'phone', team: 'Phone', tier: null, agent: null });
  assert.equal(t.events[7].gap_s, 860);
  assert.equal(t.events[0].owner, null);
});

test('GET /api/conversations?funnel=CHANNEL:STAGE lists exactly the conversations each funnel bar counts', async () => {
  for (const filter of ['', '&where.to_team=Phone', '&where.start_channel=chat&to=2026-12-31']) {
    const summary = await ok(`/api/summary?${filter.slice(1)}`);
    assert.ok(summary.funnel.length > 0, filter);
    for (const row of summary.funnel) {
      for (const stage of ['reached', 'handed_on', 'resolved', 'abandoned']) {
        const bar = await ok(
          `/api/conversations?funnel=${encodeURIComponent(`${row.channel}:${stage}`)}&limit=1${filter}`,
        );
        assert.equal(bar.total, row[stage], `${row.channel} ${stage} ${filter}`);
      }
    }
  }
  const email = await ok('/api/conversations?funnel=email:handed_on&limit=200');
  assert.equal(email.total, 60);
  assert.equal(email.grain, 'conversation');
  for (const path of [
    '/api/conversations?funnel=email',
    '/api/conversations?funnel=email:lost',
    '/api/conversations?funnel=email:reached&cell=to_team:Phone',
  ]) {
    const r = await get(path);
    assert.equal(r.status, 400, path);
    assert.equal(r.body.error.problems[0].code, path.includes('cell') ? 'bad-cell' : 'bad-funnel', path);
  }
});

test('errors: 400 with the valid choices, 404, 405, 414, 503 with the engine still usable', async () => {
  const metric = await get('/api/query?metric=nope');
  assert.equal(metric.status, 400);
  assert.equal(metric.body.error.code, 'bad-request');
  assert.equal(metric.body.error.problems[0].code, 'unknown-metric');
  assert.match(metric.body.error.problems[0].message, /Metrics: conversations, events, handoffs/);
  const dim = await get('/api/query?metric=handoffs&by=nope');
  assert.equal(dim.status, 400);
  assert.match(dim.body.error.problems[0].message, /Dimensions: channel_pair, team_pair/);
  const misfit = await get('/api/query?metric=resolution_rate&by=channel_pair');
  assert.equal(misfit.status, 400);
  assert.match(
    misfit.body.error.problems[0].message,
    /Valid dimensions for resolution_rate: .*start_channel/,
  );
  for (const path of [
    '/api/summary?where.nope=1',
    '/api/summary?from=yesterday',
    '/api/summary?bogus=1',
    '/api/conversations?grain=event',
    '/api/conversations?cell=nope',
  ]) {
    const r = await get(path);
    assert.equal(r.status, 400, path);
    assert.ok(r.body.error.problems.length > 0, path);
  }
  const missing = await get('/api/conversations/W9999');
  assert.equal(missing.status, 404);
  assert.deepEqual(Object.keys(missing.body.error).sort(), ['code', 'message', 'problems']);
  assert.equal((await get('/api/nowhere')).status, 404);
  assert.equal((await get('/api/metrics', { method: 'POST' })).status, 405);
  assert.equal((await get(`/api/summary?where.segment=${'x'.repeat(9000)}`)).status, 414);

  const slow = createApp(baton, { limits: { queryTimeoutMs: 1 } }).app;
  const timedOut = await get('/api/summary?where.start_channel=chat', undefined, slow);
  assert.equal(timedOut.status, 503);
  assert.equal(timedOut.body.error.code, 'query-timeout');
  assert.equal((await ok('/api/summary')).metrics.handoffs.value, 360);
});

test('the query queue interrupts a slow statement instead of leaving it running', async () => {
  const queue = new QueryQueue(baton.engine, 100);
  const started = Date.now();
  await assert.rejects(
    queue.run(() => baton.engine.all('SELECT count(*) AS n FROM range(1000000000000) a')),
    (e: Error & { status?: number }) => e.status === 503,
  );
  assert.ok(Date.now() - started < 5000, 'cancelled promptly');
  // Queued work runs one at a time, in order, after the interrupted one has stopped.
  const order: number[] = [];
  await Promise.all([1, 2, 3].map((i) => queue.run(async () => order.push(i))));
  assert.deepEqual(order, [1, 2, 3]);
  assert.equal((await baton.engine.one<{ n: number }>('SELECT count(*) AS n FROM handoffs')).n, 360);
});

test('tokens: 401 without or with a wrong token, 200 with it; loopback only without one', async () => {
  const secured = createApp(baton, { token: TOKEN }).app;
  for (const init of [
    undefined,
    { headers: { Authorization: 'Bearer wrong-token-value' } },
    { headers: { Authorization: `Bearer ${TOKEN}x` } },
  ]) {
    const r = await get('/api/summary', init, secured);
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'unauthorized');
    assert.equal(r.body.metrics, undefined, 'no data');
  }
  assert.equal((await get('/api/conversations/W0001?token=nope', undefined, secured)).status, 401);
  assert.equal(
    (await get('/api/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } }, secured)).status,
    200,
  );
  assert.equal((await get(`/api/metrics?token=${TOKEN}`, undefined, secured)).status, 200);
  // A page on another site reaching the loopback server through DNS rebinding names its own host.
  assert.equal((await get('http://attacker.example/api/summary')).status, 401);
  assert.equal((await get('http://127.0.0.1:8377/api/metrics')).status, 200);
});

const PAYLOADS = [
  "'",
  "' OR '1'='1",
  "'; DROP TABLE handoffs; --",
  '"; DROP TABLE conversations; --',
  "chat' UNION SELECT * FROM events --",
  'handoffs) ; DELETE FROM events; --',
  '$tz',
  '$where_0',
  "1; ATTACH '/tmp/x.db' AS x",
  "COPY events TO '/tmp/leak.csv'",
  '%00',
  '\u0000',
  '../../etc/passwd',
  '🙂→\\',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose.
  '`${1}`',
  'NULL',
  "2026-10-01' OR 1=1 --",
];

test('injection strings through every parameter: a clean 4xx or a correct empty result, never 500, data unchanged', async () => {
  const before = await ok('/api/summary');
  const counts = async () =>
    baton.engine.one(
      'SELECT (SELECT count(*) FROM events) AS e, (SELECT count(*) FROM handoffs) AS h, (SELECT count(*) FROM conversations) AS c',
    );
  const rowsBefore = await counts();
  const e = encodeURIComponent;
  for (const p of PAYLOADS) {
    const paths = [
      `/api/query?metric=${e(p)}`,
      `/api/query?metric=handoffs&by=${e(p)}`,
      `/api/query?metric=handoffs&where.${e(p)}=1`,
      `/api/query?metric=handoffs&where.to_team=${e(p)}`,
      `/api/query?metric=handoffs&from=${e(p)}`,
      `/api/summary?where.segment=${e(p)}`,
      `/api/summary?where.transfer_type=${e(p)}&to=${e(p)}`,
      `/api/conversations?cell=${e(p)}`,
      `/api/conversations?cell=team_pair:${e(p)}`,
      `/api/conversations?cell=handoff_time_bucket:${e(p)}&where.start_channel=${e(p)}`,
      `/api/conversations?limit=${e(p)}`,
      `/api/conversations?grain=${e(p)}`,
      `/api/conversations/${e(p)}`,
      `/api/${e(p)}`,
    ];
    for (const path of paths) {
      const r = await get(path);
      assert.ok(r.status < 500, `${path} gave ${r.status}: ${JSON.stringify(r.body)}`);
      if (r.status === 200 && path.includes('/api/query')) {
        for (const row of r.body.rows) assert.equal(row.values.handoffs.value, 0, `${path} matched no rows`);
      }
      if (r.status === 200 && path.startsWith('/api/conversations?')) assert.equal(r.body.total, 0, path);
      if (r.status === 200 && path.startsWith('/api/summary'))
        assert.equal(r.body.metrics.handoffs.value, 0, path);
      if (r.status >= 400) assert.ok(r.body.error.code, path);
    }
  }
  assert.deepEqual(await counts(), rowsBefore);
  assert.deepEqual(await ok('/api/summary'), before);
});

test('the OpenAPI document lists every route, and the dashboard page and assets are served', async () => {
  const doc = await ok('/api/openapi.json');
  assert.equal(doc.openapi, '3.1.0');
  const routes = new Set(
    app.routes.filter((r) => r.method === 'GET').map((r) => r.path.replace(/:(\w+)/g, '{$1}')),
  );
  routes.delete('*');
  for (const path of routes) assert.ok(doc.paths[path]?.get, `OpenAPI lacks GET ${path}`);
  for (const path of Object.keys(doc.paths))
    assert.ok(routes.has(path), `OpenAPI documents a route the app lacks: ${path}`);
  const page = await app.request('/');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  assert.match(await page.text(), /<script type="module" src="\/assets\/dashboard.js">/);
  const js = await app.request('/assets/dashboard.js');
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type') ?? '', /javascript/);
  assert.equal((await app.request('/assets/secret.txt')).status, 404);
});

test('GET /api/ask answers as baton ask does, and refuses what it cannot read with suggestions', async () => {
  const answer = await ok(
    `/api/ask?q=${encodeURIComponent('what is the handoff success rate?')}&today=2026-11-01`,
  );
  assert.equal(answer.result.groups[0].rows[0].handoff_success_rate, 285 / 360);
  // The worked example has a channel `chat` and a team `Chat`: the question must say which, never a guess.
  const ambiguous = await get(`/api/ask?q=${encodeURIComponent('handoff success rate from chat to email')}`);
  assert.equal(ambiguous.status, 400);
  assert.match(ambiguous.body.error.message, /could be the channel chat or the team Chat/);
  const refused = await get(`/api/ask?q=${encodeURIComponent('what is the weather on mars')}`);
  assert.equal(refused.status, 400);
  assert.ok(refused.body.error.problems.some((p: { code: string }) => p.code === 'suggestion'));
  assert.equal((await get('/api/ask')).status, 400);
  assert.equal((await get('/api/ask?q=x&today=yesterday')).status, 400);
});

test('baton serve refuses a non-loopback host without a token, and a bad port', async () => {
  const run = (argv: string[]) => {
    const { values, positionals } = parseCommandArgs(serveCommand, argv);
    return serveCommand.run(values, positionals, { out: () => {}, err: () => {} });
  };
  await assert.rejects(
    run(['--db', 'unused.duckdb', '--host', '0.0.0.0']),
    (e: Error) => e instanceof UsageError && /--token/.test(e.message),
  );
  await assert.rejects(run(['--db', 'unused.duckdb', '--port', '99999']), UsageError);
  await assert.rejects(run(['--db', 'unused.duckdb', '--host', '0.0.0.0', '--token', 'short']), UsageError);
});
