// Step 5: one row per conversation with its outcome, times, paths and handoff counts.

const seconds = (from: string, to: string) => `date_diff('microsecond', ${from}, ${to}) / 1e6`;

/** Owner values over ownership events, repeats in a row collapsed ('chat → email'); the walk marks the steps. */
const path = (field: string) =>
  `string_agg(${field}, ' → ' ORDER BY own_no) FILTER (WHERE ${field}_step) AS ${field}_path`;

// conversation_facts holds what needs every event; the first response compares order keys, as pos would.
export const CONVERSATIONS_SQL = `CREATE OR REPLACE TABLE conversations AS
WITH response AS (
  SELECT o.conversation_id, min(o.ts) AS first_response_ts
  FROM ordered_events o JOIN conversation_facts f USING (conversation_id)
  WHERE o.outbound AND {'ts': o.ts, 'r': 1, 'seq': o.seq, 'rid': o.rid} > f.first_customer_k
  GROUP BY o.conversation_id
),
hstats AS (
  SELECT conversation_id, count(*) AS handoff_count, count(*) FILTER (WHERE is_return) AS return_count,
    count(*) FILTER (WHERE is_escalation) AS escalation_count, count(*) FILTER (WHERE kind = 'bot_to_human') AS bot_handoffs
  FROM handoffs_base GROUP BY conversation_id
),
owners AS (
  SELECT conversation_id, arg_min(team, own_no) AS start_team, arg_min(tier, own_no) AS start_tier,
    arg_max(channel, own_no) AS final_channel, arg_max(team, own_no) AS final_team, arg_max(agent, own_no) AS final_agent,
    ${path('channel')}, ${path('team')}
  FROM ownership_walk GROUP BY conversation_id
),
ev AS (
  SELECT *, last_resolve_k IS NOT NULL AND (last_reopen_k IS NULL OR last_reopen_k < last_resolve_k) AS resolved
  FROM conversation_facts
)
SELECT ev.conversation_id, NOT ev.explicit AS implicit, ev.start_channel, w.start_team, w.start_tier,
  w.final_channel, w.final_team, w.final_agent,
  ev.customer_id, ev.segment, ev.category, ev.priority, ev.started_at, ev.ended_at, ev.events,
  coalesce(hs.handoff_count, 0) AS handoff_count, coalesce(hs.return_count, 0) AS return_count,
  coalesce(hs.escalation_count, 0) AS escalation_count, coalesce(hs.bot_handoffs, 0) AS bot_handoffs,
  ev.resolved, ev.has_abandon OR NOT ev.resolved AS abandoned, ev.reopened,
  ev.resolved AND coalesce(hs.handoff_count, 0) = 0 AND NOT ev.reopened AS fcr,
  CASE WHEN ev.resolved THEN ev.last_resolve_ts END AS resolved_at,
  CASE WHEN ev.resolved THEN ${seconds('ev.started_at', 'ev.last_resolve_ts')} END AS resolution_s,
  ${seconds('ev.first_customer_ts', 'r.first_response_ts')} AS first_response_s,
  ev.csat,
  coalesce(w.channel_path, ev.start_channel, '(none)') AS channel_path,
  coalesce(w.team_path, '(none)') AS team_path,
  CASE WHEN ev.resolved THEN 'resolved' ELSE 'abandoned' END AS outcome
FROM ev
LEFT JOIN response r USING (conversation_id)
LEFT JOIN hstats hs USING (conversation_id)
LEFT JOIN owners w USING (conversation_id)
ORDER BY ev.conversation_id`;
