// Bands of one's own (targets, last year's figures) from a JSON file, checked like the built-in segments.
import { readFileSync } from 'node:fs';
import { UsageError } from '../model/errors.js';
import { type Problem, problem } from '../model/problem.js';
import { BENCHMARK_METRICS, type BenchmarkMetric, type BenchmarkSegment } from './bands.js';

/** True when `--benchmark` names a file rather than a built-in segment. */
export const isBenchmarkFile = (arg: string): boolean => arg.trim().toLowerCase().endsWith('.json');

/**
 * Reads `{"label": "...", "bands": {"handoff_success_rate": [low, high], "transfer_completion_rate": [...],
 * "handoff_time_avg_s": [...]}}`: rates between 0 and 1, the time in seconds. Every defect is reported at once.
 */
export function readBenchmarkFile(path: string): BenchmarkSegment {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--benchmark ${path}: cannot read it as JSON.`, [
      problem('bad-benchmark-file', 'error', error instanceof Error ? error.message : String(error), {
        file: path,
      }),
    ]);
  }
  const problems: Problem[] = [];
  const at = (field: string) => ({ file: path, field });
  const doc = (parsed ?? {}) as { label?: unknown; bands?: Record<string, unknown> };
  const label = typeof doc.label === 'string' && doc.label.trim() ? doc.label.trim() : undefined;
  if (!label) problems.push(problem('bad-benchmark-file', 'error', 'give a "label" (text)', at('label')));
  const bands = {} as Record<BenchmarkMetric, readonly [number, number]>;
  for (const info of BENCHMARK_METRICS) {
    const band = doc.bands?.[info.id];
    const field = `bands.${info.id}`;
    const max = info.unit === 'ratio' ? 1 : Number.POSITIVE_INFINITY;
    if (
      !Array.isArray(band) ||
      band.length !== 2 ||
      !band.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max) ||
      band[0] > band[1]
    ) {
      const range = info.unit === 'ratio' ? 'between 0 and 1' : 'in seconds, 0 or more';
      problems.push(
        problem('bad-benchmark-file', 'error', `"${info.id}" must be [low, high], ${range}`, at(field)),
      );
    } else bands[info.id] = [band[0], band[1]] as const;
  }
  if (problems.length)
    throw new UsageError(`--benchmark ${path}: the bands cannot be used as written.`, problems);
  return { id: `file:${path}`, label: label!, bands };
}
