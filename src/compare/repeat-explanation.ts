// The repeat-explanation rate per cohort (diagnose's per-handoff context, read only), compared like any rate.
import { DEFAULT_BUSINESS_HOURS, parseBusinessHours } from '../diagnose/business-hours.js';
import { DEFAULT_THRESHOLDS, type DetectorContext } from '../diagnose/detector.js';
import { CONTEXT_TABLE, ensureHandoffContext } from '../diagnose/handoff-context.js';
import { diagnosticRate } from '../diagnose/segments.js';
import type { SqlEngine, SqlParams } from '../engine/sql-engine.js';
import type { MetricValue } from '../metrics/types.js';
import { wilson } from '../stats/intervals.js';
import { compareRates, type MetricComparison } from './cohort-tests.js';

/** Not a catalog metric: it needs the messages around each handoff, which diagnose reads into its context table. */
export const REPEAT_EXPLANATION = diagnosticRate(
  'repeat_explanation_rate',
  'Repeat explanation rate',
  'Share of handoffs after which the customer repeated what they had already said, or the new owner asked again for details the customer had given (diagnose’s repeat-explanation reading of the messages).',
  'handoff',
  'repeat_explanation',
  'down',
);

/** Compares the cohorts (a handoff-grain CASE giving 'a', 'b' or NULL) on the repeat-explanation rate. */
export async function compareRepeatExplanation(
  engine: SqlEngine,
  tz: string,
  sideSql: string,
  params: SqlParams,
  effect: number,
): Promise<MetricComparison> {
  const ctx: DetectorContext = {
    engine,
    tz,
    thresholds: DEFAULT_THRESHOLDS,
    businessHours: parseBusinessHours(DEFAULT_BUSINESS_HOURS),
  };
  await ensureHandoffContext(ctx);
  const rows = await engine.all<{ side: string; k: number; n: number }>(
    `SELECT h.side AS side, ${engine.dialect.countIf('c.repeat_explanation')} AS k, count(*) AS n
     FROM (SELECT conversation_id, handoff_no, ${sideSql} AS side FROM handoffs) h
     JOIN ${CONTEXT_TABLE} c ON c.conversation_id = h.conversation_id AND c.handoff_no = h.handoff_no
     WHERE h.side IS NOT NULL GROUP BY h.side`,
    { ...params, tz },
  );
  const value = (side: string): MetricValue | undefined => {
    const r = rows.find((x) => x.side === side);
    return r
      ? { value: r.n > 0 ? r.k / r.n : null, numerator: r.k, denominator: r.n, ci95: wilson(r.k, r.n) }
      : undefined;
  };
  return compareRates(REPEAT_EXPLANATION, value('a'), value('b'), effect);
}
