// Loads the catalog once: checks every entry, then serves look-ups by id; a bad entry is a bug and fails at import time.

import { type Problem, problem } from '../model/problem.js';
import { METRICS } from './catalog.js';
import { DIMENSIONS } from './dimensions.js';
import type { Dimension, Grain, Metric } from './types.js';

const KINDS = new Set(['count', 'rate', 'mean', 'quantile', 'growth']);
const UNITS = new Set(['count', 'ratio', 'seconds', 'score', 'per-conversation']);
const GOOD = new Set(['up', 'down', 'neutral']);
const GRAINS = new Set(['conversation', 'handoff', 'event']);
const ID = /^[a-z][a-z0-9_]*$/;

/** Returns the list of catalog defects; empty when the catalog is sound. */
export function validateCatalog(metrics: readonly Metric[], dimensions: readonly Dimension[]): string[] {
  const defects: string[] = [];
  const seen = new Set<string>();
  for (const m of metrics) {
    if (!ID.test(m.id)) defects.push(`metric id '${m.id}' must be snake_case`);
    if (seen.has(m.id)) defects.push(`metric id '${m.id}' is declared twice`);
    seen.add(m.id);
    if (!KINDS.has(m.kind)) defects.push(`metric ${m.id}: unknown kind`);
    if (!UNITS.has(m.unit)) defects.push(`metric ${m.id}: unknown unit ${m.unit}`);
    if (!GOOD.has(m.good)) defects.push(`metric ${m.id}: unknown good direction ${m.good}`);
    if (!GRAINS.has(m.grain)) defects.push(`metric ${m.id}: unknown grain ${m.grain}`);
    if (!m.title || !m.definition) defects.push(`metric ${m.id}: needs a title and a definition`);
    if (m.kind === 'quantile' && !(m.q > 0 && m.q < 1)) defects.push(`metric ${m.id}: q must be in (0, 1)`);
    if (m.kind === 'rate' && m.interval !== 'wilson')
      defects.push(`metric ${m.id}: rates carry a Wilson interval`);
    if (m.kind === 'growth') {
      const within = (m.strata?.length ?? 0) > 0;
      if (m.interval !== (within ? 'ols-within' : 'ols'))
        defects.push(
          `metric ${m.id}: a growth metric ${within ? 'with' : 'without'} strata carries the '${within ? 'ols-within' : 'ols'}' interval`,
        );
      if (m.strata?.some((s) => !s.trim())) defects.push(`metric ${m.id}: empty stratum expression`);
    }
  }
  const dimIds = new Set<string>();
  for (const d of dimensions) {
    if (d.kind !== 'dimension') defects.push(`dimension ${d.id}: kind must be 'dimension'`);
    if (!ID.test(d.id)) defects.push(`dimension id '${d.id}' must be snake_case`);
    if (dimIds.has(d.id)) defects.push(`dimension id '${d.id}' is declared twice`);
    dimIds.add(d.id);
    if (Object.keys(d.sql).length === 0) defects.push(`dimension ${d.id}: slices no grain`);
  }
  return defects;
}

const defects = validateCatalog(METRICS, DIMENSIONS);
if (defects.length) throw new Error(`The metric catalog is invalid:\n${defects.join('\n')}`);

const metricById = new Map(METRICS.map((m) => [m.id, m]));
const dimensionById = new Map(DIMENSIONS.map((d) => [d.id, d]));

export const catalog = Object.freeze({
  metrics: METRICS,
  dimensions: DIMENSIONS,
  metric: (id: string): Metric | undefined => metricById.get(id),
  dimension: (id: string): Dimension | undefined => dimensionById.get(id),
  dimensionsFor: (grain: Grain): Dimension[] => DIMENSIONS.filter((d) => d.sql[grain] !== undefined),
});

/** The catalog metrics named by `ids`; each unknown id adds an 'unknown-metric' problem listing the choices. */
export function lookupMetrics(ids: readonly string[], problems: Problem[]): Metric[] {
  const found: Metric[] = [];
  for (const id of ids) {
    const m = metricById.get(id);
    if (m) found.push(m);
    else
      problems.push(
        problem(
          'unknown-metric',
          'error',
          `no metric '${id}'. Metrics: ${METRICS.map((x) => x.id).join(', ')}`,
          {
            field: 'metric',
          },
        ),
      );
  }
  return found;
}
