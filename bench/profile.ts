// Per-statement profile of one `analyze` run, opened like the CLI (scratch file, default memory limit):
// node dist/bench/profile.js FILE [--db FILE] prints each statement's milliseconds slowest first, then stage totals.
import { Baton } from '../src/baton.js';
import { DEFAULT_MEMORY_LIMIT } from '../src/cli/shared-options.js';
import type { Engine } from '../src/engine/engine.js';

interface Timed {
  ms: number;
  sql: string;
}

/** Wraps the engine's statement methods so every statement is timed where it runs. */
function instrument(engine: Engine, log: Timed[]): void {
  for (const method of ['run', 'all'] as const) {
    const original = engine[method].bind(engine) as (...args: unknown[]) => Promise<unknown>;
    (engine as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...args);
      } finally {
        log.push({
          ms: performance.now() - started,
          sql: String(args[0]).replace(/\s+/g, ' ').slice(0, 110),
        });
      }
    };
  }
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node dist/bench/profile.js FILE [--db FILE]');
  const dbAt = process.argv.indexOf('--db');
  const db = dbAt > 0 ? process.argv[dbAt + 1] : undefined;
  const baton = await Baton.open({
    ...(db ? { db } : { scratch: true }),
    memoryLimit: process.env.BATON_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT,
  });
  const log: Timed[] = [];
  instrument(baton.engine, log);
  try {
    // As `baton analyze` does: a scratch database keeps no message text, a --db file keeps it.
    await baton.import([file], { withoutText: !db });
    await baton.analyze();
    const top = [...log].sort((a, b) => b.ms - a.ms).slice(0, Number(process.env.PROFILE_TOP ?? 25));
    for (const t of top) process.stdout.write(`${(t.ms / 1000).toFixed(2).padStart(7)} s  ${t.sql}\n`);
    const stages = Object.entries(baton.timings).map(([k, v]) => `${k}=${(v / 1000).toFixed(2)}s`);
    process.stdout.write(
      `${stages.join(' ')} statements=${log.length} max_rss_mb=${Math.round(process.resourceUsage().maxRSS / 1024)}\n`,
    );
  } finally {
    baton.close();
  }
}

await main();
