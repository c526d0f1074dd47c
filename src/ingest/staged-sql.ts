// The SQL that turns a source's raw text columns into canonical events with reject reasons, and lands them.
import { redactIdSql, redactTextSql } from '../privacy/redact.js';
import { rejectCodeSql, rejectDetailsSql } from './row-rules.js';
import { hasZoneSql, parseTimestampSql, timestampShape } from './timestamp-sql.js';

// Each regular expression runs once per row: its result is a column both the parse and the zone check read.
const SHAPE = { epoch: 'ts_epoch', offset: 'ts_offset' };
const TESTS = timestampShape('raw_timestamp');

export interface StagedOptions {
  /** `$date_format` is bound: try it first. */
  dateFormat: boolean;
  redact: boolean;
  withoutText: boolean;
}

/**
 * One row per source row: the canonical columns parsed, the event key, and the first failing rule (NULL when
 * the row is good). `from` has `raw_<field>` columns; `sourceRow` numbers the rows.
 */
export function stagedSelectSql(from: string, sourceRow: string, options: StagedOptions): string {
  const text = (c: string) => (options.redact ? redactTextSql(c) : c);
  const id = (c: string) => (options.redact ? redactIdSql(c) : c);
  // The text is dropped after the key is made of it: the key reads the inner column, not the replaced one.
  const dropText = options.withoutText ? ' REPLACE (CAST(NULL AS VARCHAR) AS text)' : '';
  // The raw text of parsed fields is kept only where a reject or a warning shows it: the staged copy stays narrow.
  return `SELECT * EXCLUDE (raw_conversation_id, raw_timestamp, raw_event_type, raw_actor, raw_csat, event_id, ts_epoch, ts_offset)${dropText},
    ${EVENT_KEY_SQL} AS event_key,
    CASE WHEN reject_code IS NOT NULL THEN CASE reject_field WHEN 'conversation_id' THEN raw_conversation_id
      WHEN 'timestamp' THEN raw_timestamp WHEN 'event_type' THEN raw_event_type WHEN 'actor' THEN raw_actor
      WHEN 'csat' THEN raw_csat END END AS reject_value,
    CASE WHEN NOT ${hasZoneSql(SHAPE)} THEN raw_timestamp END AS naive_timestamp
  FROM (
    SELECT *, ${rejectDetailsSql()}
    FROM (
    SELECT *, ${rejectCodeSql()} AS reject_code
    FROM (
      SELECT row_no AS source_row, raw_conversation_id, raw_timestamp, raw_event_type, raw_actor, raw_csat,
        ts_epoch, ts_offset,
        raw_conversation_id AS conversation_id,
        ${parseTimestampSql('raw_timestamp', options.dateFormat, SHAPE)} AS ts,
        CASE lower(raw_event_type) WHEN 'transfer' THEN 'assign' WHEN 'close' THEN 'resolve' ELSE lower(raw_event_type) END AS event_type,
        lower(raw_actor) AS actor,
        ${id('raw_agent_id')} AS agent_id, raw_team AS team, raw_tier AS tier, lower(raw_channel) AS channel,
        ${text('raw_text')} AS text,
        TRY_CAST(raw_csat AS DOUBLE) AS csat,
        ${id('raw_customer_id')} AS customer_id, raw_segment AS segment, raw_category AS category, lower(raw_priority) AS priority,
        ${text('raw_reason')} AS reason, lower(raw_transfer_type) AS transfer_type, raw_event_id AS event_id
      FROM (
        SELECT ${sourceRow} AS row_no, *, ${TESTS.epoch} AS ts_epoch, ${TESTS.offset} AS ts_offset
        FROM ${from}
      )
    )
    )
  )`;
}

// Identical content is one event: exported twice, it must not count twice. 128-bit keys make collisions a non-issue.
const CONTENT_KEY = `md5_number(concat_ws(chr(31), conversation_id, CAST(ts AS VARCHAR), event_type,
  ${[
    'actor',
    'agent_id',
    'team',
    'tier',
    'channel',
    'text',
    'CAST(csat AS VARCHAR)',
    'reason',
    'transfer_type',
  ]
    .map((c) => `coalesce(${c}, chr(0))`)
    .join(', ')}))`;
const ID_KEY = "md5_number('id' || chr(30) || conversation_id || chr(31) || event_id)";
export const EVENT_KEY_SQL = `CASE WHEN event_id IS NOT NULL THEN ${ID_KEY} ELSE ${CONTENT_KEY} END`;

/**
 * Lands the accepted rows of `staged`. The anti-join is only paid for when a database already holds events;
 * repeats inside the file are removed afterwards (removeRepeatsSql), only when there are any. `parsesRows`:
 * `staged` is the staged select over a reader, not a table the select was stored in.
 */
export function insertEventsSql(
  staged: string,
  options: { eventsExist: boolean; parsesRows: boolean },
): string {
  const fresh = options.eventsExist
    ? ' AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_key = s.event_key)'
    : '';
  // Tied to `base` (seq0 is never NULL), the test stays above the parse: pushed below it, DuckDB parsed every
  // row twice, once for the test and once for the columns (10M Parquet rows: 7.4 s, 6.3 s with the tie).
  const accepted = options.parsesRows
    ? '(s.reject_code IS NULL OR base.seq0 IS NULL)'
    : 's.reject_code IS NULL';
  return `INSERT INTO events
  SELECT event_key, base.seq0 + source_row, $import_id, source_row, conversation_id, ts, event_type, actor, agent_id,
    team, tier, channel, text, CASE WHEN event_type = 'csat' THEN csat END, customer_id, segment, category, priority,
    reason, transfer_type
  FROM ${staged} s, (SELECT coalesce(max(seq), 0) AS seq0 FROM events) base
  WHERE ${accepted}${fresh}`;
}

// Rows beyond the first of each event key, among the rows `where` picks.
const repeatsSql = (from: string, where: string): string =>
  `SELECT count(*) - count(DISTINCT event_key) AS n FROM ${from} WHERE ${where}`;

/** How many rows of this import repeat an event key of the same import. */
export const REPEATS_SQL = repeatsSql('events', 'import_id = $import_id');

/** REPEATS_SQL for a file landed into an empty database, where the landed rows are the accepted staged ones. */
export const stagedRepeatsSql = (staged: string): string => repeatsSql(staged, 'reject_code IS NULL');

/** Keeps the first copy (in file order) of each event the file repeats. */
export const REMOVE_REPEATS_SQL = `DELETE FROM events WHERE rowid IN (
  SELECT rowid FROM (
    SELECT rowid, row_number() OVER (PARTITION BY event_key ORDER BY source_row, rowid) AS copy_no
    FROM events WHERE import_id = $import_id
  ) numbered WHERE copy_no > 1
)`;
