// The channel funnel of the article's worked example: per channel, conversations reached, handed on, resolved, abandoned.
import type { Engine } from '../engine/engine.js';

export interface FunnelRow {
  channel: string;
  /** Conversations that were in this channel at some point. */
  reached: number;
  /** Conversations handed from this channel to another channel. */
  handed_on: number;
  /** Conversations resolved while this was their last channel. */
  resolved: number;
  /** Conversations abandoned while this was their last channel. */
  abandoned: number;
}

export const FUNNEL_STAGES = ['reached', 'handed_on', 'resolved', 'abandoned'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/**
 * One row per conversation, channel and stage it counts in. The funnel counts these rows and the dashboard's
 * drill-down lists them, so a bar and its conversations cannot disagree.
 */
export const FUNNEL_MEMBERS_SQL = `SELECT DISTINCT conversation_id, channel, 'reached' AS stage FROM ownership WHERE channel IS NOT NULL
UNION SELECT conversation_id, start_channel, 'reached' FROM conversations WHERE start_channel IS NOT NULL
UNION SELECT conversation_id, from_channel, 'handed_on' FROM handoffs
  WHERE from_channel IS NOT NULL AND to_channel IS DISTINCT FROM from_channel
UNION SELECT conversation_id, coalesce(final_channel, start_channel), 'resolved' FROM conversations WHERE resolved
UNION SELECT conversation_id, coalesce(final_channel, start_channel), 'abandoned' FROM conversations WHERE abandoned`;

export const FUNNEL_SQL = `SELECT channel, count(*) FILTER (WHERE stage = 'reached') AS reached,
  count(*) FILTER (WHERE stage = 'handed_on') AS handed_on, count(*) FILTER (WHERE stage = 'resolved') AS resolved,
  count(*) FILTER (WHERE stage = 'abandoned') AS abandoned
FROM (${FUNNEL_MEMBERS_SQL}) GROUP BY channel HAVING count(*) FILTER (WHERE stage = 'reached') > 0
ORDER BY reached DESC, channel`;

export async function channelFunnel(engine: Engine): Promise<FunnelRow[]> {
  return engine.all<FunnelRow & Record<string, number | string>>(FUNNEL_SQL);
}
