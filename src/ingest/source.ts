// The seam every importer plugs into: a source reads one file into `import_raw`, the shared pipeline does the rest.
import type { Engine, SqlParams } from '../engine/engine.js';
import type { Problem } from '../model/problem.js';
import type { ColumnMap } from './column-map.js';

export const SOURCE_IDS = Object.freeze([
  'generic',
  'zendesk',
  'intercom',
  'servicenow',
  'twitter',
  'xes',
] as const);
export type SourceId = (typeof SOURCE_IDS)[number];

export interface SourceOptions {
  /** Canonical field → the file's column or attribute. */
  map?: ColumnMap;
  /** Zone for naive timestamps (IANA name); bound as `$tz` when the pipeline parses times. */
  tz?: string;
  /** csv | ndjson | parquet, when the file name does not tell. */
  format?: string;
  /** Mask e-mail addresses, phone numbers and card-like numbers in text, and pseudonymise such ids, as rows land. */
  redact?: boolean;
  /**
   * Store no message text: it still counts in the event key, so repeats are still found. For one-off runs that
   * never read text (handoff metrics, paths): at 10 million events it is a third of what `events` holds.
   */
  withoutText?: boolean;
  /** strptime format for timestamps a spreadsheet re-formatted, e.g. '%d/%m/%Y %H:%M'; read in --tz. */
  dateFormat?: string;
  /** Regular expression whose first capture group (or whole match) gives the tier from a team name. */
  tierFrom?: string;
  /** Activity logs (process-mining exports with no event_type): the column or attribute naming the activity. */
  activity?: string;
  /** Activities (regex, case-insensitive) that resolve the case; default ACTIVITY_DEFAULTS.resolve. */
  resolveActivities?: string;
  /** Activities (regex) that reopen the case; default ACTIVITY_DEFAULTS.reopen. */
  reopenActivities?: string;
  /** Activities (regex) whose performer owns the case; others are notes (a closing clerk is not an owner). Default: all. */
  ownerActivities?: string;
}

/** A row DuckDB's CSV reader could not split into fields. */
export interface ParseError {
  /** Physical line, when the reader knows it (CSV). */
  line: number | null;
  /** 1-based record number, when the reader counts records instead (NDJSON). */
  row?: number;
  field: string | null;
  text: string | null;
  message: string;
}

export interface LoadedSource {
  /** How each canonical field was filled, for `inspect` and reports: field → column, attribute or rule. */
  mapping: Record<string, string>;
  /** Rows that could not even be read; each counts as read and rejected. */
  parseErrors: ParseError[];
  /** File-level warnings found while reading. */
  problems: Problem[];
  /** Records in the file, when one record gives zero or several events (ServiceNow snapshots). */
  sourceRows?: number;
  /**
   * Instead of an `import_raw` table: a relation the pipeline stages straight from, saving one copy of
   * the file. Rows are numbered in read order; parse errors are collected after the read. A `numbered`
   * relation has its own `source_row`, stable from one read to the next, so it is not staged at all.
   */
  relation?: {
    sql: string;
    params: SqlParams;
    parseErrors: () => Promise<ParseError[]>;
    numbered?: boolean;
    /**
     * Called after the read: SQL to read the file again when the first read set rows aside for a reason a
     * second reader fixes (CSV rows over DuckDB's default line limit), else undefined.
     */
    retry?: () => Promise<string | undefined>;
  };
}

/**
 * A source creates TEMP TABLE `import_raw` with one VARCHAR column `raw_<field>` per canonical field
 * (EVENT_FIELDS; timestamps still text, event types in the generic vocabulary) and, optionally,
 * `source_row` (1-based record number in the file); rows without it are numbered by read order.
 */
export interface Source {
  readonly id: SourceId;
  readonly title: string;
  /** True when the start of the file (decompressed text) looks like this source. */
  sniff(head: string, file: string): boolean;
  load(engine: Engine, file: string, options: SourceOptions): Promise<LoadedSource>;
}
