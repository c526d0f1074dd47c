// The handoff-time distribution: completed handoffs counted into fixed time buckets, in SQL over the catalog's own column.
import type { SqlEngine, SqlParams } from '../engine/sql-engine.js';
import { catalog } from '../metrics/registry.js';
import { GRAIN_TABLES } from '../metrics/types.js';

export interface HistogramBucket {
  label: string;
  from_s: number;
  /** Exclusive upper edge; null for the open last bucket. */
  to_s: number | null;
  handoffs: number;
}

/** Bucket edges in seconds: people think of waits in these steps, and they spread a skewed wait evenly. */
export const HANDOFF_TIME_EDGES = [0, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600] as const;

const label = (s: number) => (s < 60 ? `${s}s` : s < 3600 ? `${s / 60}m` : `${s / 3600}h`);

/**
 * Counts the values behind `handoff_time_median_s` (same table, column and filter) per bucket, so the
 * distribution and the catalog's median describe the same handoffs.
 */
export async function handoffTimeHistogram(engine: SqlEngine): Promise<HistogramBucket[]> {
  const metric = catalog.metric('handoff_time_median_s');
  if (metric?.kind !== 'quantile') throw new Error('catalog has no handoff_time_median_s quantile');
  const edges = HANDOFF_TIME_EDGES;
  const d = engine.dialect;
  const params: SqlParams = {};
  // One pass, one count per bucket: the same SQL on every engine.
  const counts = edges.map((from, i) => {
    params[`lo${i}`] = from;
    // Bound as an integer, so the open end is a huge one rather than Infinity.
    params[`hi${i}`] = edges[i + 1] ?? 1e15;
    return `${d.countIf(`v >= CAST($lo${i} AS ${d.doubleType}) AND v < CAST($hi${i} AS ${d.doubleType})`)} AS b${i}`;
  });
  const row = await engine.one(
    `SELECT ${counts.join(', ')} FROM (SELECT CAST(${metric.value} AS ${d.doubleType}) AS v
       FROM ${GRAIN_TABLES[metric.grain]} WHERE (${metric.where ?? 'true'}) AND ${metric.value} IS NOT NULL) valued`,
    params,
  );
  return edges.map((from, i) => {
    const to = edges[i + 1] ?? null;
    return {
      label: to === null ? `≥ ${label(from)}` : `${label(from)}–${label(to)}`,
      from_s: from,
      to_s: to,
      handoffs: Number(row[`b${i}`] ?? 0),
    };
  });
}
