// The canonical events table as a warehouse (PostgreSQL, ClickHouse) holds it: the columns derivation reads.

export type LogicalType = 'text' | 'timestamp' | 'double' | 'bigint';

/**
 * In this order. `ts` is a naive UTC timestamp with microseconds; `seq` orders the source's records and
 * `rid` the events read from one record (DuckDB's rowid plays that part in the embedded database), so
 * `(ts, rank, seq, rid)` orders a conversation's events completely. A view over your own table must
 * give these columns; the rest may be NULL.
 */
export const WAREHOUSE_EVENT_COLUMNS: readonly { name: string; type: LogicalType; nullable: boolean }[] =
  Object.freeze([
    { name: 'conversation_id', type: 'text', nullable: false },
    { name: 'ts', type: 'timestamp', nullable: false },
    { name: 'event_type', type: 'text', nullable: false },
    { name: 'actor', type: 'text', nullable: true },
    { name: 'agent_id', type: 'text', nullable: true },
    { name: 'team', type: 'text', nullable: true },
    { name: 'tier', type: 'text', nullable: true },
    { name: 'channel', type: 'text', nullable: true },
    { name: 'text', type: 'text', nullable: true },
    { name: 'csat', type: 'double', nullable: true },
    { name: 'customer_id', type: 'text', nullable: true },
    { name: 'segment', type: 'text', nullable: true },
    { name: 'category', type: 'text', nullable: true },
    { name: 'priority', type: 'text', nullable: true },
    { name: 'reason', type: 'text', nullable: true },
    { name: 'transfer_type', type: 'text', nullable: true },
    { name: 'seq', type: 'bigint', nullable: false },
    { name: 'rid', type: 'bigint', nullable: false },
  ]);
