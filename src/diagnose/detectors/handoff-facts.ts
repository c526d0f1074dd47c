// Per-handoff facts a detector builds into its own temp table, and the SQL that reads them back by handoff.
import type { QuantileMetric } from '../../metrics/types.js';
import type { DetectorContext } from '../detector.js';
import { groupCounts } from '../segments.js';

/**
 * A fact table has one row per handoff keyed by `fact_conversation` and `fact_handoff`: names the handoffs
 * table does not use, so a correlated lookup inside the catalog's compiled SQL (which selects from handoffs)
 * binds `conversation_id` and `handoff_no` to the handoff row being measured.
 */
export const FACT_KEY = 'fact_conversation, fact_handoff';

/** A fact's value for the current handoff row, NULL when the table has no row for it. */
export const factSql = (table: string, column: string) =>
  `(SELECT f.${column} FROM ${table} f WHERE f.fact_conversation = conversation_id AND f.fact_handoff = handoff_no)`;

const JOIN = (table: string) =>
  `handoffs h JOIN ${table} f ON f.fact_conversation = h.conversation_id AND f.fact_handoff = h.handoff_no`;

/** Counts per group over handoffs joined to their facts: k rows where `hit` holds out of n where `scope` does. */
export async function factCounts(
  ctx: DetectorContext,
  table: string,
  groupSql: string,
  hit: string,
  scope: string,
): Promise<Map<string, { k: number; n: number }>> {
  return groupCounts(ctx, JOIN(table), groupSql, hit, scope);
}

/** Conversations with a handoff (joined to its facts) where `condition` holds: a population query. */
export const factConversations = (table: string, condition: string) =>
  `SELECT h.conversation_id AS conversation_id FROM ${JOIN(table)} WHERE ${condition}`;

/** A diagnostic median of seconds at the handoff grain, compiled by the catalog like its own medians. */
export function diagnosticMedian(
  id: string,
  title: string,
  definition: string,
  value: string,
): QuantileMetric {
  return {
    kind: 'quantile',
    id,
    title,
    definition,
    grain: 'handoff',
    value,
    q: 0.5,
    unit: 'seconds',
    good: 'down',
    interval: 'order-statistic',
  };
}
