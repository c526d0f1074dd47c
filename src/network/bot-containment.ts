// Bot containment (a catalog rate) overall and by start channel, for the network's push-to-front view.
import type { Engine } from '../engine/engine.js';
import { compileMetric } from '../metrics/compile.js';
import { metricValue } from '../metrics/evaluate.js';
import { catalog } from '../metrics/registry.js';
import type { MetricValue, RateMetric } from '../metrics/types.js';

/** The catalog's bot containment rate; network reports it overall and per start channel. */
export const BOT_CONTAINMENT = catalog.metric('bot_containment_rate') as RateMetric;

export interface ContainmentRow {
  start_channel: string;
  rate: MetricValue;
}

/** Overall, and by start channel (channels with no bot-first conversation are left out). */
export async function botContainment(
  engine: Engine,
  tz: string,
): Promise<{ overall: MetricValue; by_start_channel: ContainmentRow[] }> {
  const overallSql = compileMetric(BOT_CONTAINMENT, [], [], tz);
  const overall = metricValue(BOT_CONTAINMENT, await engine.one(overallSql.sql, overallSql.params));
  const channel = catalog.dimension('start_channel')!;
  const byChannel = compileMetric(BOT_CONTAINMENT, [channel], [], tz);
  const rows = await engine.all(byChannel.sql, byChannel.params);
  return {
    overall,
    by_start_channel: rows
      .map((r) => ({
        start_channel: String(r[byChannel.dimensionColumns[0]!]),
        rate: metricValue(BOT_CONTAINMENT, r),
      }))
      .filter((r) => (r.rate.denominator ?? 0) > 0),
  };
}
