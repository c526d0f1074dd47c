// Checks every imported row must pass, as data: the first failing rule names the reject's code, field and fix.
import { ACTORS, EVENT_TYPES } from '../model/schema.js';

export interface RowRule {
  readonly code: string;
  readonly field: string;
  /** SQL condition over the staged columns that marks a row as failing. */
  readonly when: string;
  readonly message: string;
}

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

export const ROW_RULES: readonly RowRule[] = Object.freeze([
  {
    code: 'missing-conversation-id',
    field: 'conversation_id',
    when: 'conversation_id IS NULL',
    message: 'conversation_id is empty; every event must name the conversation or ticket it belongs to',
  },
  {
    code: 'missing-timestamp',
    field: 'timestamp',
    when: 'raw_timestamp IS NULL',
    message: 'timestamp is empty',
  },
  {
    code: 'bad-timestamp',
    field: 'timestamp',
    when: 'ts IS NULL',
    message:
      'timestamp is neither ISO 8601 (2026-10-01T09:30:00Z, or naive and read in --tz) nor epoch seconds or milliseconds; a spreadsheet-formatted time needs --date-format, e.g. --date-format "%d/%m/%Y %H:%M"',
  },
  {
    code: 'missing-event-type',
    field: 'event_type',
    when: 'event_type IS NULL',
    message: 'event_type is empty',
  },
  {
    code: 'unknown-event-type',
    field: 'event_type',
    when: `event_type NOT IN (${list(EVENT_TYPES)})`,
    message:
      'event_type must be one of message, assign, transfer, note, resolve, close, reopen, abandon, csat',
  },
  {
    code: 'unknown-actor',
    field: 'actor',
    when: `actor IS NOT NULL AND actor NOT IN (${list(ACTORS)})`,
    message: 'actor must be one of customer, agent, bot, system',
  },
  {
    code: 'missing-actor',
    field: 'actor',
    when: "event_type = 'message' AND actor IS NULL",
    message: 'a message needs an actor (customer, agent, bot or system) to tell who spoke',
  },
  {
    code: 'bad-csat',
    field: 'csat',
    when: "event_type = 'csat' AND (csat IS NULL OR csat < 1 OR csat > 5)",
    message: 'a csat event needs a score from 1 to 5 in the csat column',
  },
]);

/** CASE expression giving the first failing rule's code (NULL when the row is good). */
export function rejectCodeSql(): string {
  return `CASE ${ROW_RULES.map((r) => `WHEN ${r.when} THEN '${r.code}'`).join(' ')} END`;
}

/**
 * The failing rule's field and message, looked up by `reject_code`: the rules themselves run once per row, and
 * good rows leave at the first branch.
 */
export function rejectDetailsSql(): string {
  const pick = (key: 'field' | 'message') =>
    `CASE WHEN reject_code IS NULL THEN NULL ${ROW_RULES.map((r) => `WHEN reject_code = '${r.code}' THEN '${r[key].replaceAll("'", "''")}'`).join(' ')} END`;
  return `${pick('field')} AS reject_field, ${pick('message')} AS reject_message`;
}
