// Each group of a dimension against the rest on a time or score metric (Mann-Whitney on binned counts), on any engine.

import type { SqlEngine } from '../engine/sql-engine.js';
import { metricByExpression } from '../metrics/by-expression.js';
import { GRAIN_TABLES, type Metric } from '../metrics/types.js';
import { mannWhitneyGrouped } from '../stats/mann-whitney.js';

export interface DistributionTest {
  group: string;
  /** The catalog value of every other row the dimension slices. */
  rest: { value: number | null; ci95: [number, number] | null; n: number };
  pValue: number;
}

/**
 * The same test as diagnose's distributionVersusRest (which segments used before warehouses), written through
 * the dialect: (group, bin, count) rows from SQL, `bin` order-preserving (log bins for durations), groups and
 * their rest both needing `minSample` rows. `groupSql` is the dimension's SQL for the engine's dialect.
 */
export async function distributionTests(
  engine: SqlEngine,
  tz: string,
  metric: Metric & { value: string },
  groupSql: string,
  bin: (value: string) => string,
  minSample: number,
): Promise<DistributionTest[]> {
  const text = engine.dialect.textType;
  const where = [`(${metric.value}) IS NOT NULL`, `(${groupSql}) IS NOT NULL`];
  if (metric.where) where.push(`(${metric.where})`);
  const rows = await engine.all<{ g: string; bin: number; n: number }>(
    `SELECT CAST((${groupSql}) AS ${text}) AS g, ${bin(metric.value)} AS bin, count(*) AS n
     FROM ${GRAIN_TABLES[metric.grain]} WHERE ${where.join(' AND ')} GROUP BY 1, 2`,
    { tz },
  );
  const totals = new Map<number, number>();
  const byGroup = new Map<string, Map<number, number>>();
  for (const r of rows) {
    totals.set(r.bin, (totals.get(r.bin) ?? 0) + r.n);
    const m = byGroup.get(r.g) ?? new Map<number, number>();
    m.set(r.bin, (m.get(r.bin) ?? 0) + r.n);
    byGroup.set(r.g, m);
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  const out: DistributionTest[] = [];
  for (const [group, counts] of byGroup) {
    const n = [...counts.values()].reduce((a, b) => a + b, 0);
    if (n < minSample || all - n < minSample) continue;
    const test = mannWhitneyGrouped(
      [...totals].map(([value, total]) => {
        const countA = counts.get(value) ?? 0;
        return { value, countA, countB: total - countA };
      }),
    );
    if (!test) continue;
    const side = `CASE WHEN CAST((${groupSql}) AS ${text}) = $segment_value THEN 'segment' WHEN (${groupSql}) IS NOT NULL THEN 'rest' END`;
    const rest = (await metricByExpression(engine, tz, metric, side, { segment_value: group })).get('rest');
    out.push({
      group,
      rest: { value: rest?.value ?? null, ci95: rest?.ci95 ?? null, n: rest?.denominator ?? 0 },
      pValue: test.pValue,
    });
  }
  return out;
}
