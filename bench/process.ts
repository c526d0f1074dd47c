// Shared by the benchmarks: the demo logs they read (generated once, cached in bench/out) and whole-process timing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src/engine/engine.js';
import { quoteLiteral } from '../src/engine/identifiers.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const OUT = join(ROOT, 'bench', 'out');
export const BATON = join(ROOT, 'bin', 'baton');
const EVENTS_PER_CONVERSATION = 13.6;

export interface Run {
  wall_s: number;
  max_rss_mb: number;
  profile?: Record<string, number>;
}

export function timed(command: string, args: string[]): Run & { stdout: string; stderr: string } {
  const started = performance.now();
  // GNU time reports the child's peak RSS, which includes DuckDB's native memory.
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wall_s = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  const lines = result.stderr.trim().split('\n');
  const max_rss_mb = Number(lines.at(-1)) / 1024;
  const profileLine = lines.find((l) => l.startsWith('{"profile"'));
  const profile = profileLine ? (JSON.parse(profileLine).profile as Record<string, number>) : undefined;
  return {
    wall_s,
    max_rss_mb,
    stdout: result.stdout,
    stderr: result.stderr,
    ...(profile ? { profile } : {}),
  };
}

export async function ensureData(events: number): Promise<{ csv: string; parquet: string }> {
  const conversations = Math.round(events / EVENTS_PER_CONVERSATION);
  const csv = join(OUT, `demo-${events}.csv`);
  const parquet = join(OUT, `demo-${events}.parquet`);
  if (!existsSync(csv)) {
    process.stderr.write(`generating ${csv} (${conversations} conversations)\n`);
    timed('node', [BATON, 'demo', '--conversations', String(conversations), '--seed', '1', '--out', csv]);
  }
  if (!existsSync(parquet)) {
    const engine = await Engine.open();
    try {
      await engine.run(
        `COPY (SELECT * FROM read_csv(${quoteLiteral(csv)}, header = true, all_varchar = true)) TO ${quoteLiteral(parquet)} (FORMAT parquet)`,
      );
    } finally {
      engine.close();
    }
  }
  return { csv, parquet };
}
