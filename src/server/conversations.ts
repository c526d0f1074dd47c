// The conversations behind a chart cell (paged), and one conversation's timeline with owners, handoffs and waits.
import { FUNNEL_MEMBERS_SQL, type FunnelStage } from '../analysis/funnel.js';
import type { Dialect } from '../engine/dialect.js';
import type { Row, SqlEngine, SqlParams, SqlValue } from '../engine/sql-engine.js';
import { canonicalOrderSql, SENDER_AGENT_SQL, WALKED_EVENTS_SQL } from '../handoffs/ordered-events-sql.js';
import type { Grain } from '../metrics/types.js';
import { GRAIN_TABLES } from '../metrics/types.js';
import { keptConversations, rowConditions } from './conditions.js';
import { notFound } from './errors.js';
import type { Filters } from './filters.js';

export interface ConversationPage {
  total: number;
  limit: number;
  offset: number;
  conversations: Row[];
}

const listColumns = (
  d: Dialect,
) => `conversation_id, ${d.isoText('started_at')} AS started_at, start_channel, start_team,
  final_team, segment, category, priority, handoff_count, outcome, resolution_s, csat, channel_path, team_path`;

/** A funnel bar: the conversations that count in `stage` of `channel`, as the funnel counts them. */
export interface FunnelBar {
  channel: string;
  stage: FunnelStage;
}

/**
 * Conversations with at least one row of `grain` matching the filters and the cell, oldest first; or, for a
 * funnel bar, the conversations the filters keep that count in that bar.
 */
export async function listConversations(
  engine: SqlEngine,
  grain: Grain,
  filters: Filters,
  cell: Record<string, string>,
  page: { limit: number; offset: number },
  tz: string,
  funnel?: FunnelBar,
): Promise<ConversationPage> {
  const d = engine.dialect;
  let from: string;
  let params: SqlParams;
  if (funnel) {
    const kept = keptConversations(d, filters, tz);
    from = `FROM conversations WHERE conversation_id IN (${kept.sql}) AND conversation_id IN (
      SELECT conversation_id FROM (${FUNNEL_MEMBERS_SQL}) members WHERE channel = $f_channel AND stage = $f_stage)`;
    params = { ...kept.params, f_channel: funnel.channel, f_stage: funnel.stage };
  } else {
    const c = rowConditions(d, grain, { ...filters.where, ...cell }, filters, tz);
    const kept = `SELECT conversation_id FROM ${GRAIN_TABLES[grain]}${c.sql.length ? ` WHERE ${c.sql.join(' AND ')}` : ''}`;
    from = `FROM conversations WHERE conversation_id IN (${kept})`;
    params = c.params;
  }
  const total = await engine.one<{ n: number }>(`SELECT count(*) AS n ${from}`, params);
  // Qualified: the timestamp, not the text column of the same name, orders the list.
  const conversations = await engine.all(
    `SELECT ${listColumns(d)} ${from} ORDER BY conversations.started_at, conversation_id LIMIT $limit OFFSET $offset`,
    { ...params, limit: page.limit, offset: page.offset },
  );
  return { total: total.n, ...page, conversations };
}

export interface TimelineEvent {
  pos: number;
  ts: string;
  event_type: string;
  actor: string | null;
  agent_id: string | null;
  channel: string | null;
  team: string | null;
  text: string | null;
  /** Seconds since the previous event of the conversation. */
  gap_s: number | null;
  /** Who owned the conversation once this event had happened. */
  owner: { channel: SqlValue; team: SqlValue; tier: SqlValue; agent: SqlValue } | null;
  /** Set on the event that handed the conversation on. */
  handoff: Row | null;
}

export interface Timeline {
  conversation: Row;
  events: TimelineEvent[];
}

/**
 * Events in the canonical order (time, then event rank, then read order), each with the owner in force; an
 * ownership event is the n-th handoff when it is the n-th owner change, the rule the derivation uses. The owner
 * in force is the ownership row at the latest position at or before the event: its position (counted, as the
 * derivation counts it, among the walked events only) is carried forward over the events with a window, which
 * every engine has (an outer ASOF join is DuckDB's alone).
 */
export async function timeline(engine: SqlEngine, id: string): Promise<Timeline> {
  const d = engine.dialect;
  const conversation = (
    await engine.all(
      `SELECT ${listColumns(d)}, ${d.isoText('resolved_at')} AS resolved_at FROM conversations WHERE conversation_id = $id`,
      { id },
    )
  )[0];
  if (!conversation) throw notFound('id', `There is no conversation '${id}'.`);
  const changed = 'own_no > 1 AND (channel_changed OR tier_changed OR team_changed OR agent_changed)';
  const rows = await engine.all(
    `WITH ev AS (
       SELECT row_number() OVER (ORDER BY ${canonicalOrderSql(d)}) AS pos,
         CASE WHEN ${WALKED_EVENTS_SQL} THEN row_number() OVER (
           PARTITION BY CASE WHEN ${WALKED_EVENTS_SQL} THEN 1 ELSE 0 END ORDER BY ${canonicalOrderSql(d)})
         END AS walk_pos, ts, event_type, actor,
         ${SENDER_AGENT_SQL} AS agent_id,
         channel, team, text
       FROM events WHERE conversation_id = $id
     ),
     own AS (
       SELECT pos AS own_pos, channel AS owner_channel, team AS owner_team, tier AS owner_tier, agent AS owner_agent,
         CASE WHEN ${changed} THEN row_number() OVER (PARTITION BY ${changed} ORDER BY own_no) END AS handoff_no
       FROM ownership WHERE conversation_id = $id
     ),
     carried AS (
       SELECT ev.pos AS pos, ev.walk_pos AS walk_pos, ev.ts AS ts, ev.event_type AS event_type, ev.actor AS actor, ev.agent_id AS agent_id,
         ev.channel AS channel, ev.team AS team, ev.text AS text,
         ${d.lag('ev.ts', '(ORDER BY ev.pos)')} AS prev_ts,
         ${d.lastNonNull('o.own_pos', '(ORDER BY ev.pos ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)')} AS owner_pos
       FROM ev LEFT JOIN own o ON o.own_pos = ev.walk_pos
     )
     SELECT c.pos AS pos, ${d.isoText('c.ts')} AS ts, c.event_type AS event_type, c.actor AS actor,
       c.agent_id AS agent_id, c.channel AS channel, c.team AS team, c.text AS text,
       ${d.secondsBetween('c.prev_ts', 'c.ts')} AS gap_s,
       o.own_pos IS NOT NULL AS has_owner, o.owner_channel AS owner_channel, o.owner_team AS owner_team,
       o.owner_tier AS owner_tier, o.owner_agent AS owner_agent,
       CASE WHEN o.own_pos = c.walk_pos THEN o.handoff_no END AS handoff_no
     FROM carried c LEFT JOIN own o ON o.own_pos = c.owner_pos
     ORDER BY c.pos`,
    { id },
  );
  const handoffs = await engine.all(
    `SELECT handoff_no, kind, from_channel, to_channel, from_team, to_team, from_tier, to_tier, from_agent, to_agent,
       transfer_type, reason, completed, handoff_time_s, success, is_return, abandoned_after
     FROM handoffs WHERE conversation_id = $id ORDER BY handoff_no`,
    { id },
  );
  const byNo = new Map(handoffs.map((h) => [h.handoff_no, h]));
  const events = rows.map((r) => ({
    pos: Number(r.pos),
    ts: String(r.ts),
    event_type: String(r.event_type),
    actor: r.actor as string | null,
    agent_id: r.agent_id as string | null,
    channel: r.channel as string | null,
    team: r.team as string | null,
    text: r.text as string | null,
    gap_s: r.gap_s as number | null,
    owner: r.has_owner
      ? {
          channel: r.owner_channel ?? null,
          team: r.owner_team ?? null,
          tier: r.owner_tier ?? null,
          agent: r.owner_agent ?? null,
        }
      : null,
    handoff: r.handoff_no === null ? null : (byNo.get(r.handoff_no ?? null) ?? null),
  }));
  return { conversation, events };
}
