// `baton analyze`: import files (or the demo) and print the headline summary, or JSON with --json.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareToBenchmark } from '../../benchmarks/compare.js';
import { writeDemoCsv } from '../../demo/index.js';
import type { Command } from '../command.js';
import { str } from '../command.js';
import { renderBenchmark } from '../render/benchmark.js';
import { renderSummary } from '../render/summary.js';
import { DATA_OPTIONS, ENGINE_OPTIONS, openWithData, writeJson } from '../shared-options.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary:
    'Import support events and print handoff metrics, the channel funnel, top paths and failing team pairs.',
  usage: 'baton analyze FILE... [options]   |   baton analyze --db FILE   |   baton analyze --demo',
  options: {
    ...DATA_OPTIONS,
    ...ENGINE_OPTIONS,
    json: {
      type: 'boolean',
      description: 'Print JSON only on stdout (progress and warnings stay on stderr).',
    },
    top: { type: 'string', value: 'N', description: 'Rows in each top list (default 10).' },
    benchmark: {
      type: 'string',
      value: 'SEGMENT|FILE.json',
      description:
        "Compare with an industry band, e.g. 'SaaS B2B', fintech, enterprise (an unknown name lists them all), or with bands of your own in a JSON file.",
    },
    profile: {
      type: 'boolean',
      description: 'Print stage timings and peak memory as one JSON line on stderr (used by npm run bench).',
    },
    demo: {
      type: 'boolean',
      description: 'Analyse a generated demo operation (5,000 conversations, seed 7).',
    },
  },
  details: [
    'Input: the generic event log (CSV, NDJSON or Parquet, gzip accepted), one row per event; see README.',
    'Examples:',
    '  baton analyze export.csv --tz Europe/Paris',
    '  baton analyze tickets.csv --map conversation_id=ticket --map timestamp=created_at --json',
    '  baton analyze events.parquet --db support.duckdb     (then: baton query --db support.duckdb ...)',
  ].join('\n'),
  async run(values, positionals, io) {
    const segment = str(values.benchmark);
    // An unknown segment is a usage error before any data is read.
    if (segment) compareToBenchmark(segment, {});
    let files = positionals;
    let demoDir: string | undefined;
    if (values.demo) {
      demoDir = await mkdtemp(join(tmpdir(), 'baton-demo-'));
      const path = join(demoDir, 'demo-events.csv');
      if (!values.quiet) io.err('baton: generating a demo operation of 5,000 conversations');
      await writeDemoCsv(path, { conversations: 5000, seed: 7 });
      files = [...files, path];
    }
    try {
      const { baton } = await openWithData(values, files, io, { text: false });
      try {
        const top = Number(str(values.top) ?? 10);
        const analysis = await baton.analyze({ top: Number.isInteger(top) && top > 0 ? top : 10 });
        const benchmark = segment
          ? compareToBenchmark(segment, {
              handoff_success_rate: analysis.metrics.handoff_success_rate ?? null,
              transfer_completion_rate: analysis.metrics.transfer_completion_rate ?? null,
              handoff_time_avg_s: analysis.metrics.handoff_time_avg_s ?? null,
            })
          : undefined;
        const renderStart = performance.now();
        if (values.json) {
          writeJson(io, benchmark ? { ...analysis, benchmark } : analysis);
        } else io.out(renderSummary(analysis) + (benchmark ? `\n\n${renderBenchmark(benchmark)}` : ''));
        if (values.profile) {
          const profile = {
            ...baton.timings,
            report_ms: performance.now() - renderStart,
            events: analysis.data.events,
            max_rss_mb: process.resourceUsage().maxRSS / 1024,
          };
          io.err(JSON.stringify({ profile }));
        }
        return 0;
      } finally {
        await baton.close();
      }
    } finally {
      if (demoDir) await rm(demoDir, { recursive: true, force: true });
    }
  },
};
