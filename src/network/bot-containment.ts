// Bot containment (a catalog rate) overall and by start channel, for the network's push-to-front view.
import type { SqlEngine } from '../engine/sql-engine.js';
import { runQuery } from '../metrics/query.js';
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
  engine: SqlEngine,
  tz: string,
): Promise<{ overall: MetricValue; by_start_channel: ContainmentRow[] }> {
  const id = BOT_CONTAINMENT.id;
  const overall = (await runQuery(engine, { metrics: [id], tz })).rows[0]?.values[id];
  const byChannel = await runQuery(engine, { metrics: [id], by: ['start_channel'], tz });
  return {
    overall: overall ?? { value: null, numerator: 0, denominator: 0, ci95: null },
    by_start_channel: byChannel.rows
      .map((r) => ({ start_channel: String(r.dimensions.start_channel), rate: r.values[id]! }))
      .filter((r) => (r.rate.denominator ?? 0) > 0),
  };
}
