// The demo files' columns: the generic format's fields (src/model/schema.ts), with event_id moved first.
import { EVENT_FIELDS, type EventField } from '../model/schema.js';
import type { DemoEvent } from './generate.js';

export type DemoField = EventField;

export const DEMO_FIELDS: readonly DemoField[] = Object.freeze([
  'event_id',
  ...EVENT_FIELDS.filter((field) => field !== 'event_id'),
]);

// Fails to compile if DemoEvent and the generic format's fields ever disagree.
type Unlisted = Exclude<keyof DemoEvent, DemoField> | Exclude<DemoField, keyof DemoEvent>;
export const ALL_FIELDS_LISTED: [Unlisted] extends [never] ? true : never = true;
