// Step 2 of derivation: the events later steps walk (ownership, completion, outcomes) in canonical order, narrow.
import { columnsOf, type Dialect } from '../engine/dialect.js';

/** Tie-break rank for events sharing a timestamp (docs/semantics.md §1). */
export const EVENT_RANK_SQL = `CASE event_type WHEN 'assign' THEN 0 WHEN 'message' THEN 1 WHEN 'note' THEN 1
  WHEN 'resolve' THEN 2 WHEN 'abandon' THEN 2 WHEN 'reopen' THEN 3 ELSE 4 END`;

export const botsSql = (d: Dialect): string[] =>
  d.createTable(
    'bots',
    "SELECT DISTINCT coalesce(agent_id, 'bot') AS agent_id FROM events WHERE event_type = 'message' AND actor = 'bot'",
  );

const OUTBOUND = "event_type = 'message' AND actor IN ('agent', 'bot')";

/**
 * pos is the event's place among all the conversation's events (the server's timeline numbers them the same
 * way). Only assigns, outbound messages, resolves and abandons are kept, with only the columns later steps
 * read: carrying wide payloads through the window sort is what made derivation slow at ten million events.
 * The position is computed over a narrow row, then joined back by row id (seq repeats when one source record
 * gives several events; the row id, their read order, also breaks the ties seq leaves).
 */
export const orderedEventsSql = (d: Dialect): string[] => [
  ...d.createTable(
    'ordered_events',
    `WITH positions AS (
  SELECT rid, pos FROM (
    SELECT ${d.rowId} AS rid, event_type, actor,
      row_number() OVER (PARTITION BY conversation_id ORDER BY ts, ${EVENT_RANK_SQL}, seq, ${d.rowId}) AS pos
    FROM events
  ) numbered WHERE event_type IN ('assign', 'resolve', 'abandon') OR (${OUTBOUND})
)
SELECT ${columnsOf('e', ['conversation_id'])}, ${columnsOf('p', ['pos'])}, ${columnsOf('e', ['seq'])}, ${columnsOf('p', ['rid'])},
  ${columnsOf('e', ['ts', 'event_type', 'actor'])},
  CASE WHEN e.event_type = 'message' AND e.actor = 'bot' THEN coalesce(e.agent_id, 'bot') ELSE e.agent_id END AS agent_id,
  ${columnsOf('e', ['team', 'tier', 'channel', 'reason', 'transfer_type'])},
  e.event_type = 'message' AND e.actor IN ('agent', 'bot') AS outbound
FROM events e JOIN positions p ON e.${d.rowId} = p.rid`,
    { temp: true },
  ),
  ...d.indexFor('ordered_events', ['conversation_id', 'pos']),
];
