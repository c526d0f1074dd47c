// Step 1 of derivation: each conversation's events in their canonical order, with the facts later steps key on.

/** Tie-break rank for events sharing a timestamp (docs/semantics.md §1). */
export const EVENT_RANK_SQL = `CASE event_type WHEN 'assign' THEN 0 WHEN 'message' THEN 1 WHEN 'note' THEN 1
  WHEN 'resolve' THEN 2 WHEN 'abandon' THEN 2 WHEN 'reopen' THEN 3 ELSE 4 END`;

export const BOTS_SQL = `CREATE OR REPLACE TABLE bots AS
SELECT DISTINCT coalesce(agent_id, 'bot') AS agent_id FROM events WHERE event_type = 'message' AND actor = 'bot'`;

export const ORDERED_EVENTS_SQL = `CREATE OR REPLACE TEMP TABLE ordered_events AS
SELECT conversation_id,
  row_number() OVER (PARTITION BY conversation_id ORDER BY ts, ${EVENT_RANK_SQL}, seq) AS pos,
  ts, event_type, actor,
  CASE WHEN event_type = 'message' AND actor = 'bot' THEN coalesce(agent_id, 'bot') ELSE agent_id END AS agent_id,
  team, tier, channel, csat, customer_id, segment, category, priority, reason, transfer_type,
  event_type = 'message' AND actor IN ('agent', 'bot') AS outbound
FROM events`;

/** Per conversation: does it have assign events (explicit) and where did it start. */
export const CONVERSATION_BASIS_SQL = `CREATE OR REPLACE TEMP TABLE conversation_basis AS
SELECT conversation_id,
  bool_or(event_type = 'assign') AS explicit,
  arg_min(channel, pos) FILTER (WHERE channel IS NOT NULL) AS start_channel
FROM ordered_events GROUP BY conversation_id`;
