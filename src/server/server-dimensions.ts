// Dimensions the dashboard needs beyond the catalog's: the handoff-time bucket, built from the report's own edges.
import type { Dimension } from '../metrics/types.js';
import { HANDOFF_TIME_EDGES } from '../report/handoff-time-histogram.js';

/** Bucket i holds handoff times in [edge i, edge i+1); the edges are constants, never request values. */
export const HANDOFF_TIME_BUCKET: Dimension = Object.freeze({
  kind: 'dimension',
  id: 'handoff_time_bucket',
  title: 'Handoff-time bucket',
  description: 'Index of the handoff-time distribution bucket (0 = under 30 s).',
  sql: {
    handoff: `CASE WHEN handoff_time_s IS NULL THEN NULL ${HANDOFF_TIME_EDGES.slice(1)
      .map((edge, i) => `WHEN handoff_time_s < ${Number(edge)} THEN ${i}`)
      .join(' ')} ELSE ${HANDOFF_TIME_EDGES.length - 1} END`,
  },
});

export const SERVER_DIMENSIONS: readonly Dimension[] = Object.freeze([HANDOFF_TIME_BUCKET]);
