// The channel funnel of the article's worked example: per channel, conversations reached, handed on, resolved, abandoned.
import type { Dialect } from '../engine/dialect.js';
import type { SqlEngine } from '../engine/sql-engine.js';

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
 * One row per conversation, channel and stage it counts in (tables named with `prefix`, for stand-ins). The funnel counts these rows and the dashboard's
 * drill-down lists them, so a bar and its conversations cannot disagree.
 */
export function funnelMembersSql(prefix = ''): string {
  return `SELECT DISTINCT conversation_id, channel, 'reached' AS stage FROM ${prefix}ownership WHERE channel IS NOT NULL
UNION SELECT conversation_id, start_channel, 'reached' FROM ${prefix}conversations WHERE start_channel IS NOT NULL
UNION SELECT conversation_id, from_channel, 'handed_on' FROM ${prefix}handoffs
  WHERE from_channel IS NOT NULL AND to_channel IS DISTINCT FROM from_channel
UNION SELECT conversation_id, coalesce(final_channel, start_channel), 'resolved' FROM ${prefix}conversations WHERE resolved
UNION SELECT conversation_id, coalesce(final_channel, start_channel), 'abandoned' FROM ${prefix}conversations WHERE abandoned`;
}

export const FUNNEL_MEMBERS_SQL = funnelMembersSql();

/** The tables the funnel reads (ownership, conversations, handoffs), each named with `prefix` when one is given. */
export const FUNNEL_TABLES = ['conversations', 'handoffs', 'ownership'] as const;

/** The funnel counted from the membership rows, in one dialect; `prefix` names stand-ins for its tables. */
export function funnelSql(d: Dialect, prefix = ''): string {
  const stage = (name: FunnelStage) => `${d.countIf(`stage = '${name}'`)} AS ${name}`;
  return `SELECT channel, ${FUNNEL_STAGES.map(stage).join(', ')}
FROM (${funnelMembersSql(prefix)}) members GROUP BY channel HAVING ${d.countIf("stage = 'reached'")} > 0
ORDER BY reached DESC, channel`;
}

export async function channelFunnel(engine: SqlEngine): Promise<FunnelRow[]> {
  return engine.all<FunnelRow & Record<string, number | string>>(funnelSql(engine.dialect));
}
