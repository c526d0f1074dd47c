// Step 1: per conversation, the facts that need every event (outcome, times, attributes), in one pass over `events`.
import type { Dialect } from '../engine/dialect.js';
import { EVENT_RANK_SQL } from './ordered-events-sql.js';

/**
 * Aggregated straight from `events` with the order key (docs/semantics.md §1) instead of a position, so the
 * wide attribute columns never go through a window sort. `first_customer_k` lets the first response be found later.
 */
export function conversationFactsSql(d: Dialect): string[] {
  const first = (field: string) => `${d.argMin(field, 'k', `${field} IS NOT NULL`)} AS ${field}`;
  const key = d.orderKey({ ts: 'ts', rank: EVENT_RANK_SQL, seq: 'seq', rid: d.rowId });
  // The key leads with ts, so the time of the last resolve or first customer message is a plain max or min.
  return d.createTable(
    'conversation_facts',
    `SELECT conversation_id,
  ${d.boolOr("event_type = 'assign'")} AS explicit,
  ${d.argMin('channel', 'k', 'channel IS NOT NULL')} AS start_channel,
  min(ts) AS started_at, max(ts) AS ended_at, count(*) AS events,
  ${d.maxKey('k', "event_type = 'resolve'")} AS last_resolve_k,
  ${d.maxKey('k', "event_type = 'reopen'")} AS last_reopen_k,
  ${d.maxKey('ts', "event_type = 'resolve'")} AS last_resolve_ts,
  ${d.boolOr("event_type = 'abandon'")} AS has_abandon,
  ${d.boolOr("event_type = 'reopen'")} AS reopened,
  ${d.argMax('csat', 'k', "event_type = 'csat'")} AS csat,
  ${d.minKey('k', "event_type = 'message' AND actor = 'customer'")} AS first_customer_k,
  ${d.minKey('ts', "event_type = 'message' AND actor = 'customer'")} AS first_customer_ts,
  ${['customer_id', 'segment', 'category', 'priority'].map(first).join(',\n  ')}
FROM (
  SELECT conversation_id, ts, event_type, actor, channel, csat, customer_id, segment, category, priority,
    ${key} AS k
  FROM events
) keyed GROUP BY conversation_id`,
    { temp: true },
  );
}
