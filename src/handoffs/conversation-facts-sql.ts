// Step 1: per conversation, the facts that need every event (outcome, times, attributes), in one pass over `events`.
import { EVENT_RANK_SQL } from './ordered-events-sql.js';

/** An event's place in the canonical order (docs/semantics.md §1) as a comparable row, the same as ordered_events' pos. */
const ORDER_KEY = `{'ts': ts, 'r': ${EVENT_RANK_SQL}, 'seq': seq, 'rid': rowid}`;
const first = (field: string) => `arg_min(${field}, k) FILTER (WHERE ${field} IS NOT NULL) AS ${field}`;

/**
 * Aggregated straight from `events` with the order key instead of a position, so the wide attribute
 * columns never go through a window sort. `first_customer_k` lets the first response be found later.
 */
export const CONVERSATION_FACTS_SQL = `CREATE OR REPLACE TEMP TABLE conversation_facts AS
SELECT conversation_id,
  bool_or(event_type = 'assign') AS explicit,
  arg_min(channel, k) FILTER (WHERE channel IS NOT NULL) AS start_channel,
  min(ts) AS started_at, max(ts) AS ended_at, count(*) AS events,
  max(k) FILTER (WHERE event_type = 'resolve') AS last_resolve_k,
  max(k) FILTER (WHERE event_type = 'reopen') AS last_reopen_k,
  arg_max(ts, k) FILTER (WHERE event_type = 'resolve') AS last_resolve_ts,
  bool_or(event_type = 'abandon') AS has_abandon,
  bool_or(event_type = 'reopen') AS reopened,
  arg_max(csat, k) FILTER (WHERE event_type = 'csat') AS csat,
  min(k) FILTER (WHERE event_type = 'message' AND actor = 'customer') AS first_customer_k,
  arg_min(ts, k) FILTER (WHERE event_type = 'message' AND actor = 'customer') AS first_customer_ts,
  ${['customer_id', 'segment', 'category', 'priority'].map(first).join(',\n  ')}
FROM (
  SELECT conversation_id, ts, event_type, actor, channel, csat, customer_id, segment, category, priority,
    ${ORDER_KEY} AS k
  FROM events
) GROUP BY conversation_id`;
