// Push-to-front: how much work the front line (whoever a conversation was first routed to) closes itself.
import type { SqlEngine } from '../engine/sql-engine.js';
import { runQuery } from '../metrics/query.js';
import { catalog } from '../metrics/registry.js';
import type { MetricValue } from '../metrics/types.js';
import { BOT_CONTAINMENT, botContainment, type ContainmentRow } from './bot-containment.js';

/** The catalog metric that is push-to-front: resolved by the first owner, no handoff, never reopened. */
export const PUSH_TO_FRONT_METRIC = 'first_contact_resolution_rate';

export interface FrontRow {
  value: string;
  rate: MetricValue;
}

export interface PushToFront {
  metric: string;
  definition: string;
  overall: MetricValue;
  by_start_channel: FrontRow[];
  by_start_team: FrontRow[];
  by_start_tier: FrontRow[];
  bot_containment: {
    metric: string;
    definition: string;
    overall: MetricValue;
    by_start_channel: ContainmentRow[];
  };
  /** What is deliberately not computed here, and why. */
  not_measured: string[];
}

export const NOT_MEASURED: readonly string[] = Object.freeze([
  'How many handed-off conversations the front line could have closed: the close rate on conversations a team keeps is biased upwards (it keeps the ones it can solve); `baton diagnose` (avoidable-handoffs) tests it per team and category instead.',
]);

export async function pushToFront(engine: SqlEngine, tz: string): Promise<PushToFront> {
  const metric = catalog.metric(PUSH_TO_FRONT_METRIC)!;
  const by = async (dimension: string): Promise<FrontRow[]> =>
    (await runQuery(engine, { metrics: [metric.id], by: [dimension], tz })).rows.map((r) => ({
      value: String(r.dimensions[dimension]),
      rate: r.values[metric.id]!,
    }));
  const overall = (await runQuery(engine, { metrics: [metric.id], tz })).rows[0]?.values[metric.id];
  const bots = await botContainment(engine, tz);
  return {
    metric: metric.id,
    definition: metric.definition,
    overall: overall ?? { value: null, numerator: 0, denominator: 0, ci95: null },
    by_start_channel: await by('start_channel'),
    by_start_team: await by('start_team'),
    by_start_tier: await by('start_tier'),
    bot_containment: { metric: BOT_CONTAINMENT.id, definition: BOT_CONTAINMENT.definition, ...bots },
    not_measured: [...NOT_MEASURED],
  };
}
