// Times every catalog metric by every dimension it fits on a --db file, as the dashboard would ask them.
// Standalone: `node dist/bench/query-latency.js FILE.duckdb` (the file is derived first if it needs to be).
import { fileURLToPath } from 'node:url';
import { Baton } from '../src/baton.js';
import { catalog } from '../src/metrics/registry.js';

export interface QueryLatency {
  events: number;
  queries: number;
  median_ms: number;
  p95_ms: number;
  max_ms: number;
  slowest: string;
  over_1s: string[];
}

export async function measureQueries(db: string): Promise<QueryLatency> {
  const baton = await Baton.open({ db });
  const times: { ms: number; label: string }[] = [];
  try {
    await baton.ensureDerived();
    for (const metric of catalog.metrics) {
      for (const dim of catalog.dimensionsFor(metric.grain)) {
        const started = performance.now();
        await baton.query({ metrics: [metric.id], by: [dim.id] });
        times.push({ ms: performance.now() - started, label: `${metric.id} by ${dim.id}` });
      }
    }
    const data = await baton.analyze();
    const sorted = [...times].sort((a, b) => a.ms - b.ms);
    const at = (q: number) =>
      Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.ms);
    return {
      events: data.data.events,
      queries: times.length,
      median_ms: at(0.5),
      p95_ms: at(0.95),
      max_ms: Math.round(sorted.at(-1)!.ms),
      slowest: sorted.at(-1)!.label,
      over_1s: sorted.filter((t) => t.ms >= 1000).map((t) => `${t.label} ${Math.round(t.ms)} ms`),
    };
  } finally {
    baton.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const db = process.argv[2];
  if (!db) throw new Error('usage: node dist/bench/query-latency.js FILE.duckdb');
  process.stdout.write(`${JSON.stringify(await measureQueries(db), null, 2)}\n`);
}
