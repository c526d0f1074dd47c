// Step 5: one row per conversation with its outcome, times, paths and handoff counts.
import { columnsOf, type Dialect } from '../engine/dialect.js';

// conversation_facts holds what needs every event; the first response compares order keys, as pos would.
export function conversationsSql(d: Dialect): string[] {
  const seconds = (from: string, to: string) => d.secondsBetween(from, to);
  /** Owner values over ownership events, repeats in a row collapsed ('chat → email'); the walk marks the steps. */
  const path = (field: string) => `${d.stringAgg(field, ' → ', 'own_no', `${field}_step`)} AS ${field}_path`;
  const key = d.orderKey({ ts: 'o.ts', rank: '1', seq: 'o.seq', rid: 'o.rid' });
  return d.createTable(
    'conversations',
    `WITH response AS (
  SELECT ${columnsOf('o', ['conversation_id'])}, min(o.ts) AS first_response_ts
  FROM ordered_events o JOIN conversation_facts f ON f.conversation_id = o.conversation_id
  WHERE o.outbound AND ${key} > f.first_customer_k
  GROUP BY o.conversation_id
),
hstats AS (
  SELECT conversation_id, count(*) AS handoff_count, ${d.countIf('is_return')} AS return_count,
    ${d.countIf('is_escalation')} AS escalation_count, ${d.countIf("kind = 'bot_to_human'")} AS bot_handoffs
  FROM handoffs_base GROUP BY conversation_id
),
owners AS (
  SELECT conversation_id, ${d.argMin('team', 'own_no')} AS start_team, ${d.argMin('tier', 'own_no')} AS start_tier,
    ${d.argMax('channel', 'own_no')} AS final_channel, ${d.argMax('team', 'own_no')} AS final_team,
    ${d.argMax('agent', 'own_no')} AS final_agent,
    ${path('channel')}, ${path('team')}
  FROM ownership_walk GROUP BY conversation_id
),
ev AS (
  SELECT conversation_facts.*,
    last_resolve_k IS NOT NULL AND (last_reopen_k IS NULL OR last_reopen_k < last_resolve_k) AS resolved
  FROM conversation_facts
)
SELECT ${columnsOf('ev', ['conversation_id'])}, NOT ev.explicit AS implicit, ${columnsOf('ev', ['start_channel'])},
  ${columnsOf('w', ['start_team', 'start_tier', 'final_channel', 'final_team', 'final_agent'])},
  ${columnsOf('ev', ['customer_id', 'segment', 'category', 'priority', 'started_at', 'ended_at', 'events'])},
  coalesce(hs.handoff_count, 0) AS handoff_count, coalesce(hs.return_count, 0) AS return_count,
  coalesce(hs.escalation_count, 0) AS escalation_count, coalesce(hs.bot_handoffs, 0) AS bot_handoffs,
  ${columnsOf('ev', ['resolved'])}, ev.has_abandon OR NOT ev.resolved AS abandoned, ${columnsOf('ev', ['reopened'])},
  ev.resolved AND coalesce(hs.handoff_count, 0) = 0 AND NOT ev.reopened AS fcr,
  CASE WHEN ev.resolved THEN ev.last_resolve_ts END AS resolved_at,
  CASE WHEN ev.resolved THEN ${seconds('ev.started_at', 'ev.last_resolve_ts')} END AS resolution_s,
  ${seconds('ev.first_customer_ts', 'r.first_response_ts')} AS first_response_s,
  ${columnsOf('ev', ['csat'])},
  coalesce(w.channel_path, ev.start_channel, '(none)') AS channel_path,
  coalesce(w.team_path, '(none)') AS team_path,
  CASE WHEN ev.resolved THEN 'resolved' ELSE 'abandoned' END AS outcome
FROM ev
LEFT JOIN response r ON r.conversation_id = ev.conversation_id
LEFT JOIN hstats hs ON hs.conversation_id = ev.conversation_id
LEFT JOIN owners w ON w.conversation_id = ev.conversation_id
ORDER BY ev.conversation_id`,
  );
}
