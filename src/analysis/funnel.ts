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

export const FUNNEL_SQL = `WITH visits AS (
  SELECT DISTINCT conversation_id, channel FROM ownership WHERE channel IS NOT NULL
  UNION SELECT conversation_id, start_channel FROM conversations WHERE start_channel IS NOT NULL
),
reached AS (SELECT channel, count(*) AS reached FROM visits GROUP BY channel),
handed AS (
  SELECT from_channel AS channel, count(DISTINCT conversation_id) AS handed_on FROM handoffs
  WHERE from_channel IS NOT NULL AND to_channel IS DISTINCT FROM from_channel GROUP BY from_channel
),
ends AS (
  SELECT coalesce(final_channel, start_channel) AS channel,
    count(*) FILTER (WHERE resolved) AS resolved, count(*) FILTER (WHERE abandoned) AS abandoned
  FROM conversations GROUP BY ALL
)
SELECT r.channel, r.reached, coalesce(h.handed_on, 0) AS handed_on, coalesce(e.resolved, 0) AS resolved,
  coalesce(e.abandoned, 0) AS abandoned
FROM reached r LEFT JOIN handed h USING (channel) LEFT JOIN ends e USING (channel)
ORDER BY r.reached DESC, r.channel`;

export async function channelFunnel(engine: Engine): Promise<FunnelRow[]> {
  return engine.all<FunnelRow & Record<string, number | string>>(FUNNEL_SQL);
}
