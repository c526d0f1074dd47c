// `npm run bench:load`: 50 concurrent dashboard clients for 60 s against a server over 1 million events, on loopback
// only, bounded in time and count; prints throughput, p50/p99 latency, errors and memory at the start and the end.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Baton } from '../src/baton.js';
import { writeDemoCsv } from '../src/demo/index.js';
import { createApp } from '../src/server/app.js';
import { listen } from '../src/server/listen.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const MAX_REQUESTS = Number(process.env.BENCH_LOAD_MAX_REQUESTS ?? 200_000);
const CONVERSATIONS = Number(process.env.BENCH_LOAD_CONVERSATIONS ?? 73_500); // about 1 million events

/** What a dashboard session asks for: the summary, breakdowns behind its charts, a drill-down and a timeline. */
const PATHS = [
  '/api/summary',
  '/api/query?metric=handoffs,handoff_success_rate&by=team_pair',
  '/api/query?metric=handoffs&by=hour,weekday',
  '/api/query?metric=handoff_time_median_s&by=channel_pair',
  '/api/summary?where.start_channel=chat',
  '/api/conversations?cell=to_team:Billing%20L1&limit=50',
  '/api/conversations/C000001',
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const db = join(OUT, `load-${CONVERSATIONS}.duckdb`);
  if (!existsSync(db)) {
    const csv = join(OUT, `load-${CONVERSATIONS}.csv`);
    await writeDemoCsv(csv, { conversations: CONVERSATIONS, seed: 3 });
    const baton = await Baton.open({ db, memoryLimit: '3GB' });
    await baton.import([csv]);
    baton.close();
  }
  const baton = await Baton.open({ db, memoryLimit: '3GB' });
  await baton.ensureDerived();
  const events = (await baton.engine.one<{ n: number }>('SELECT count(*) AS n FROM events')).n;
  const { app } = createApp(baton);
  // Loopback only: this load never leaves the machine.
  const server = await listen(app, '127.0.0.1', 0);
  const rssStart = process.memoryUsage().rss;
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const client = async (id: number) => {
    let i = id;
    while (performance.now() < deadline && sent < MAX_REQUESTS) {
      sent++;
      const path = PATHS[i++ % PATHS.length]!;
      const started = performance.now();
      try {
        const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        if (!response.ok) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  const wall = (performance.now() - started) / 1000;
  const rssEnd = process.memoryUsage().rss;
  await server.close();
  baton.close();
  latencies.sort((a, b) => a - b);
  const pct = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
  const result = {
    events,
    clients: CLIENTS,
    seconds: Math.round(wall * 10) / 10,
    requests: latencies.length,
    throughput_per_s: Math.round((latencies.length / wall) * 10) / 10,
    p50_ms: pct(0.5),
    p99_ms: pct(0.99),
    errors,
    rss_start_mb: Math.round(rssStart / 2 ** 20),
    rss_end_mb: Math.round(rssEnd / 2 ** 20),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(OUT, 'load.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (errors > 0) process.exitCode = 1;
}

await main();
