// `npm run bench`: generate demo logs of 100k, 1M and 10M events, time `baton analyze` and the hand-written baseline
// as whole processes (wall, peak RSS), report stage shares from inside, the ratio to the baseline, and 1M→10M growth.
// BENCH_SIZES picks sizes; BENCH_REPEATS runs each command that many times, alternating, and reports min and median.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BATON, ensureData, OUT, ROOT, type Run, timed } from './process.js';
import { measureQueries } from './query-latency.js';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000,10000000').split(',').map(Number);
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 1));

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const results: Record<string, unknown>[] = [];
  for (const size of SIZES) {
    const files = await ensureData(size);
    for (const [format, file] of Object.entries(files)) {
      // Alternating runs, so a machine that slows down mid-way slows both sides alike.
      const batons: Run[] = [];
      const baselines: Run[] = [];
      for (let i = 0; i < REPEATS; i++) {
        batons.push(timed('node', [BATON, 'analyze', file, '--json', '-q', '--profile']));
        baselines.push(timed('node', [join(ROOT, 'dist', 'bench', 'baseline.js'), file]));
      }
      const baton = medianRun(batons);
      const baseline = medianRun(baselines);
      const events = baton.profile?.events ?? size;
      const p = baton.profile ?? {};
      const row = {
        events,
        format,
        runs: REPEATS,
        wall_s: round(baton.wall_s),
        wall_min_s: round(Math.min(...batons.map((r) => r.wall_s))),
        max_rss_mb: Math.round(Math.max(...batons.map((r) => r.max_rss_mb))),
        events_per_s: Math.round(events / baton.wall_s),
        import_s: round((p.import_ms ?? 0) / 1000),
        derive_s: round((p.derive_ms ?? 0) / 1000),
        metrics_s: round((p.metrics_ms ?? 0) / 1000),
        report_s: round((p.report_ms ?? 0) / 1000),
        baseline_wall_s: round(baseline.wall_s),
        baseline_wall_min_s: round(Math.min(...baselines.map((r) => r.wall_s))),
        baseline_rss_mb: Math.round(baseline.max_rss_mb),
        ratio_to_baseline: round(baton.wall_s / baseline.wall_s),
      };
      results.push(row);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
  }
  const growth = (format: string) => {
    const at = (n: number) =>
      results.find((r) => r.format === format && Math.abs(Number(r.events) / n - 1) < 0.05);
    const small = at(1_000_000);
    const large = at(10_000_000);
    return small && large ? round(Number(large.wall_s) / Number(small.wall_s)) : null;
  };
  const queries = await queryLatency(SIZES.at(-1)!);
  const summary = {
    results,
    growth_1m_to_10m: { csv: growth('csv'), parquet: growth('parquet') },
    query_latency: queries,
  };
  printTable(results);
  process.stdout.write(
    `growth 1M → 10M events: csv ${summary.growth_1m_to_10m.csv}x, parquet ${summary.growth_1m_to_10m.parquet}x\n`,
  );
  process.stdout.write(
    `--db query latency on ${queries.events} events, every catalog metric by every dimension (${queries.queries} queries): median ${queries.median_ms} ms, max ${queries.max_ms} ms (${queries.slowest})\n`,
  );
  const file = join(OUT, 'results.json');
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`figures written to ${file}\n`);
}

/** The run with the median wall time (the lower middle one for an even count). */
function medianRun(runs: Run[]): Run {
  const sorted = [...runs].sort((a, b) => a.wall_s - b.wall_s);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Imports the largest CSV into a fresh --db, then times every catalog metric by every dimension in-process. */
async function queryLatency(events: number) {
  const { csv } = await ensureData(events);
  const db = join(OUT, `demo-${events}.duckdb`);
  // Rebuilt every time: a --db left by an earlier build holds that build's derived tables.
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  timed('node', [BATON, 'analyze', csv, '--db', db, '--json', '-q']);
  return measureQueries(db);
}

function printTable(rows: Record<string, unknown>[]): void {
  const columns = [
    'events',
    'format',
    'wall_s',
    'wall_min_s',
    'max_rss_mb',
    'events_per_s',
    'import_s',
    'derive_s',
    'metrics_s',
    'baseline_wall_s',
    'ratio_to_baseline',
  ];
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  process.stdout.write(
    `\n${line(columns)}\n${rows.map((r) => line(columns.map((c) => String(r[c])))).join('\n')}\n`,
  );
}

const round = (n: number) => Math.round(n * 100) / 100;

await main();
