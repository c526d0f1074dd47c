// The canonical model's stored tables: every importer fills `events`; derivation fills `ownership`, `handoffs`, `conversations`.

/** Canonical event types after aliases are applied (`transfer` → `assign`, `close` → `resolve`). */
export const EVENT_TYPES = Object.freeze([
  'message',
  'assign',
  'note',
  'resolve',
  'reopen',
  'abandon',
  'csat',
] as const);
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_TYPE_ALIASES: Readonly<Record<string, EventType>> = Object.freeze({
  transfer: 'assign',
  close: 'resolve',
});

export const ACTORS = Object.freeze(['customer', 'agent', 'bot', 'system'] as const);
export type Actor = (typeof ACTORS)[number];

/** Fields of the generic event-log format, in documentation order. */
export const EVENT_FIELDS = Object.freeze([
  'conversation_id',
  'timestamp',
  'event_type',
  'actor',
  'agent_id',
  'team',
  'tier',
  'channel',
  'text',
  'csat',
  'customer_id',
  'segment',
  'category',
  'priority',
  'reason',
  'transfer_type',
  'event_id',
] as const);
export type EventField = (typeof EVENT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly EventField[] = Object.freeze([
  'conversation_id',
  'timestamp',
  'event_type',
]);

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS baton_imports (
  import_id INTEGER, source_file VARCHAR, source VARCHAR, imported_at TIMESTAMP, time_zone VARCHAR,
  rows_read BIGINT, rows_imported BIGINT, rows_rejected BIGINT, rows_duplicate BIGINT
);
CREATE TABLE IF NOT EXISTS events (
  event_key UHUGEINT NOT NULL, seq BIGINT NOT NULL, import_id INTEGER NOT NULL, source_row BIGINT,
  conversation_id VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, event_type VARCHAR NOT NULL, actor VARCHAR,
  agent_id VARCHAR, team VARCHAR, tier VARCHAR, channel VARCHAR, text VARCHAR, csat DOUBLE,
  customer_id VARCHAR, segment VARCHAR, category VARCHAR, priority VARCHAR, reason VARCHAR, transfer_type VARCHAR
);
CREATE TABLE IF NOT EXISTS rejects (
  import_id INTEGER, source_file VARCHAR, source_row BIGINT, source_line BIGINT, code VARCHAR, field VARCHAR,
  value VARCHAR, message VARCHAR
);
`;
