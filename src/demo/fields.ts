// The demo files' columns, in the order the generic event-log format documents them (event_id first).
import type { DemoEvent } from './generate.js';

export const DEMO_FIELDS = Object.freeze([
  'event_id',
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
] as const satisfies readonly (keyof DemoEvent)[]);

export type DemoField = (typeof DEMO_FIELDS)[number];

// Fails to compile if DemoEvent gains a field that the list above does not name.
type Unlisted = Exclude<keyof DemoEvent, DemoField>;
export const ALL_FIELDS_LISTED: [Unlisted] extends [never] ? true : never = true;
