// Step 2 of derivation: the events later steps walk (ownership, completion, outcomes) in canonical order, narrow.
import type { Dialect } from '../engine/dialect.js';

/** Tie-break rank for events sharing a timestamp (docs/semantics.md §1). */
export const EVENT_RANK_SQL = `CASE event_type WHEN 'assign' THEN 0 WHEN 'message' THEN 1 WHEN 'note' THEN 1
  WHEN 'resolve' THEN 2 WHEN 'abandon' THEN 2 WHEN 'reopen' THEN 3 ELSE 4 END`;

export const botsSql = (d: Dialect): string[] =>
  d.createTable(
    'bots',
    "SELECT DISTINCT coalesce(agent_id, 'bot') AS agent_id FROM events WHERE event_type = 'message' AND actor = 'bot'",
  );

/** The canonical order of events (docs/semantics.md §1): time, rank, then read order; the timeline numbers by it too. */
export const canonicalOrderSql = (d: Dialect): string => `ts, ${EVENT_RANK_SQL}, seq, ${d.rowId}`;

const OUTBOUND = "event_type = 'message' AND actor IN ('agent', 'bot')";

/** Who sent or was assigned: a bot message without an agent id is sent by 'bot', as `bots` lists it. */
export const SENDER_AGENT_SQL =
  "CASE WHEN event_type = 'message' AND actor = 'bot' THEN coalesce(agent_id, 'bot') ELSE agent_id END";

/** The events the later steps walk: assigns, outbound messages, resolves and abandons. */
export const WALKED_EVENTS_SQL = `event_type IN ('assign', 'resolve', 'abandon') OR (${OUTBOUND})`;

/**
 * pos is the event's place among the conversation's walked events (WALKED_EVENTS_SQL), in canonical order; the
 * server's timeline numbers them the same way. Numbering only those, with the few columns later steps read
 * carried through the sort, costs one sort of two thirds of the events: numbering every event and joining the
 * walked ones back by row id was 0.5 s slower at ten million events. seq repeats when one source record gives
 * several events; the row id, their read order, breaks the ties seq leaves.
 */
export const orderedEventsSql = (d: Dialect): string[] => [
  ...d.createTable(
    'ordered_events',
    `SELECT conversation_id,
  row_number() OVER (PARTITION BY conversation_id ORDER BY ${canonicalOrderSql(d)}) AS pos,
  seq, ${d.rowId} AS rid, ts, event_type, actor,
  ${SENDER_AGENT_SQL} AS agent_id,
  team, tier, channel, reason, transfer_type,
  ${OUTBOUND} AS outbound
FROM events
WHERE ${WALKED_EVENTS_SQL}`,
    { temp: true },
  ),
  ...d.indexFor('ordered_events', ['conversation_id', 'pos']),
];
