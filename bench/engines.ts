// `npm run bench:engines`: the same `baton analyze` (load, derivation, every catalog metric) on DuckDB, embedded
// ClickHouse (chdb) and PostgreSQL, same file, same machine, one after another; figures to bench/out/engines.json.
// BENCH_SIZES picks sizes (default 10M events), BENCH_ENGINES the engines; BATON_PG_URL a PostgreSQL server to
// use instead of a private one started here.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresUrl } from '../test/support/postgres-server.js';
import { BATON, ensureData, OUT, timed } from './process.js';

const SIZES = (process.env.BENCH_SIZES ?? '10000000').split(',').map(Number);
const ENGINES = (process.env.BENCH_ENGINES ?? 'duckdb,clickhouse,postgres').split(',');

async function engineArgs(engine: string): Promise<string[]> {
  if (engine === 'duckdb') return [];
  if (engine === 'postgres')
    return ['--engine', 'postgres', '--url', await postgresUrl(), '--schema', 'baton_bench'];
  return ['--engine', engine];
}

async function main(): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  for (const size of SIZES) {
    const { parquet } = await ensureData(size);
    for (const engine of ENGINES) {
      const run = timed('node', [
        BATON,
        'analyze',
        parquet,
        '--json',
        '-q',
        '--profile',
        ...(await engineArgs(engine)),
      ]);
      const p = run.profile ?? {};
      const analysis = JSON.parse(run.stdout) as { metrics: Record<string, { value: number | null }> };
      const row = {
        engine,
        events: p.events ?? size,
        wall_s: round(run.wall_s),
        // The Baton process only: a PostgreSQL server's memory is its own.
        max_rss_mb: Math.round(run.max_rss_mb),
        import_s: round((p.import_ms ?? 0) / 1000),
        load_s: round((p.load_ms ?? 0) / 1000),
        derive_s: round((p.derive_ms ?? 0) / 1000),
        metrics_s: round((p.metrics_ms ?? 0) / 1000),
        handoffs: analysis.metrics.handoffs?.value ?? null,
        handoff_success_rate: analysis.metrics.handoff_success_rate?.value ?? null,
      };
      rows.push(row);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
  }
  const file = join(OUT, 'engines.json');
  writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
  process.stdout.write(`figures written to ${file}\n`);
  // The private PostgreSQL server, if one was started, stops when this process exits.
  process.exit(0);
}

const round = (n: number) => Math.round(n * 100) / 100;

await main();
