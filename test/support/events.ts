// Input of the brute-force reference recount: canonical events, one object per row of the `events` table.

export type RefEventType = 'message' | 'assign' | 'note' | 'resolve' | 'reopen' | 'abandon' | 'csat';
export type RefActor = 'customer' | 'agent' | 'bot' | 'system';

export interface RefEvent {
  conversation_id: string;
  /** Epoch milliseconds (UTC). */
  ts: number;
  /** Read order: unique, the last tie-breaker after the event-type rank. */
  seq: number;
  /** Already canonical (`transfer` → `assign`, `close` → `resolve`). */
  event_type: RefEventType;
  actor: RefActor | null;
  agent_id: string | null;
  team: string | null;
  tier: string | null;
  channel: string | null;
  csat: number | null;
  segment: string | null;
  category: string | null;
  priority: string | null;
  transfer_type: string | null;
  reason: string | null;
}

/** Every optional field of an event, empty: events name only what they carry. */
export const EMPTY_FIELDS: Readonly<
  Pick<
    RefEvent,
    | 'actor'
    | 'agent_id'
    | 'team'
    | 'tier'
    | 'channel'
    | 'csat'
    | 'segment'
    | 'category'
    | 'priority'
    | 'transfer_type'
    | 'reason'
  >
> = Object.freeze({
  actor: null,
  agent_id: null,
  team: null,
  tier: null,
  channel: null,
  csat: null,
  segment: null,
  category: null,
  priority: null,
  transfer_type: null,
  reason: null,
});
