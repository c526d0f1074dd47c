// The handoff-time distribution: completed handoffs counted into fixed time buckets, in SQL over the catalog's own column.
import type { Engine, SqlParams } from '../engine/engine.js';
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
export async function handoffTimeHistogram(engine: Engine): Promise<HistogramBucket[]> {
  const metric = catalog.metric('handoff_time_median_s');
  if (metric?.kind !== 'quantile') throw new Error('catalog has no handoff_time_median_s quantile');
  const edges = HANDOFF_TIME_EDGES;
  const params: SqlParams = {};
  const values = edges.map((from, i) => {
    params[`lo${i}`] = from;
    // Bound as an integer, so the open end is a huge one rather than Infinity.
    params[`hi${i}`] = edges[i + 1] ?? 1e15;
    return `(${i}, CAST($lo${i} AS DOUBLE), CAST($hi${i} AS DOUBLE))`;
  });
  const rows = await engine.all<{ i: number; n: number }>(
    `WITH b(i, lo, hi) AS (VALUES ${values.join(', ')}),
     v AS (SELECT CAST(${metric.value} AS DOUBLE) AS v FROM ${GRAIN_TABLES[metric.grain]}
           WHERE (${metric.where ?? 'true'}) AND ${metric.value} IS NOT NULL)
     SELECT b.i, count(v.v) AS n FROM b LEFT JOIN v ON v.v >= b.lo AND v.v < b.hi GROUP BY b.i ORDER BY b.i`,
    params,
  );
  return edges.map((from, i) => {
    const to = edges[i + 1] ?? null;
    return {
      label: to === null ? `≥ ${label(from)}` : `${label(from)}–${label(to)}`,
      from_s: from,
      to_s: to,
      handoffs: rows.find((r) => r.i === i)?.n ?? 0,
    };
  });
}
