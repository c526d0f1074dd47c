// Bot containment, declared in the catalog's shape so it can move into src/metrics/catalog.ts unchanged.
import type { Engine } from '../engine/engine.js';
import { compileMetric } from '../metrics/compile.js';
import { metricValue } from '../metrics/evaluate.js';
import { catalog } from '../metrics/registry.js';
import type { MetricValue, RateMetric } from '../metrics/types.js';

/** Conversations whose first owner (routing) was a bot: the bot's front line. */
const FIRST_OWNER_IS_BOT =
  'conversation_id IN (SELECT conversation_id FROM ownership WHERE own_no = 1 AND agent IN (SELECT agent_id FROM bots))';

/**
 * Not in the catalog yet (src/metrics belongs to other work): it is run through the catalog's own compiler
 * and evaluator, so its SQL, interval and n follow exactly the rules every catalog rate follows.
 */
export const BOT_CONTAINMENT: RateMetric = Object.freeze({
  kind: 'rate',
  id: 'bot_containment_rate',
  title: 'Bot containment',
  definition:
    'Share of conversations first routed to a bot that were resolved without ever being handed from a bot to a human.',
  grain: 'conversation',
  numerator: 'resolved AND bot_handoffs = 0',
  denominator: FIRST_OWNER_IS_BOT,
  unit: 'ratio',
  good: 'up',
  interval: 'wilson',
});

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
