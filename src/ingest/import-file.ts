// Streams one file through DuckDB into the canonical `events` table: map columns, parse, reject with reasons, drop re-imports.
import { stat } from 'node:fs/promises';
import type { Engine, SqlParams } from '../engine/engine.js';
import { DataError } from '../model/errors.js';
import { type Problem, type ProblemLocation, problem } from '../model/problem.js';
import { redactIdSql, redactTextSql } from '../privacy/redact.js';
import { rejectColumnsSql } from './row-rules.js';
import type { ParseError, Source, SourceOptions } from './source.js';
import { pickSource, type SourceId } from './sources/index.js';
import { readOrFail } from './sources/read-or-fail.js';
import { hasZoneSql, parseTimestampSql } from './timestamp-sql.js';

export interface ImportOptions extends SourceOptions {
  /** Refuse the whole file (nothing lands) when any row is rejected. */
  strict?: boolean;
  /** Which importer reads the file; sniffed from its content when absent. */
  source?: string;
}

/** What happened to every row of one file: read = imported + rejected + duplicate. */
export interface ImportReport {
  file: string;
  source: SourceId;
  /** How each canonical field was filled: column, attribute or rule. */
  mapping: Record<string, string>;
  /** Events read from the file (after a source turned its records into events). */
  rowsRead: number;
  /** Records in the file, when a source makes zero or several events of one record. */
  sourceRows?: number;
  imported: number;
  rejected: number;
  duplicates: number;
  problems: Problem[];
}

export async function importFile(
  engine: Engine,
  file: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  return importWithSource(engine, file, await pickSource(file, options.source), options);
}

/** Imports `file` with a given source object (tests and callers that bring their own importer). */
export async function importWithSource(
  engine: Engine,
  file: string,
  source: Source,
  options: SourceOptions & { strict?: boolean } = {},
): Promise<ImportReport> {
  const tz = options.tz ?? 'UTC';
  await checkReadable(file);
  await engine.run('DROP TABLE IF EXISTS import_raw');
  const loaded = await source.load(engine, file, options);

  await engine.run('DROP TABLE IF EXISTS import_staged');
  const relation = loaded.relation;
  const format = options.dateFormat !== undefined;
  const formatParams: SqlParams = format ? { date_format: options.dateFormat ?? '' } : {};
  if (relation) {
    // Staged straight from the reader; insertion order is read order, so the row number is the rowid.
    await readOrFail(file, () =>
      engine.run(stagedSql(`(${relation.sql})`, 'CAST(NULL AS BIGINT)', format, options.redact === true), {
        ...relation.params,
        ...formatParams,
        tz,
      }),
    );
  } else {
    const hasRow = await engine.all(
      "SELECT 1 FROM duckdb_columns() WHERE table_name = 'import_raw' AND column_name = 'source_row'",
    );
    await engine.run(
      stagedSql(
        'import_raw',
        hasRow.length > 0 ? 'source_row' : 'rowid + 1',
        format,
        options.redact === true,
      ),
      {
        ...formatParams,
        tz,
      },
    );
  }
  // The staged copy has everything; holding both would double the memory a large file needs.
  await engine.run('DROP TABLE IF EXISTS import_raw');
  const parseErrors = [...loaded.parseErrors, ...(relation ? await relation.parseErrors() : [])];
  // Rows staged straight from a reader are numbered by rowid as they are read: no UPDATE pass over the table.
  const staged = relation ? STAGED_BY_ROWID : 'import_staged';
  try {
    return await landStaged(engine, file, source, loaded, parseErrors, staged, { ...options, tz });
  } finally {
    // The staged copy is as large as the file: holding it through derivation would crowd the memory limit.
    await engine.run('DROP TABLE IF EXISTS import_staged');
  }
}

const STAGED_BY_ROWID = '(SELECT * REPLACE (rowid + 1 AS source_row) FROM import_staged)';

/** Lands the staged rows in one transaction: rejects with reasons, events once each, the import's counts. */
async function landStaged(
  engine: Engine,
  file: string,
  source: Source,
  loaded: Awaited<ReturnType<Source['load']>>,
  parseErrors: ParseError[],
  staged: string,
  options: SourceOptions & { strict?: boolean; tz: string },
): Promise<ImportReport> {
  const tz = options.tz;
  return engine.transaction(async () => {
    const importId = (
      await engine.one<{ id: number }>('SELECT coalesce(max(import_id), 0) + 1 AS id FROM baton_imports')
    ).id;
    const ids = { import_id: importId, file };
    await engine.run(
      `INSERT INTO rejects SELECT $import_id, $file, source_row, NULL, reject_code, reject_field, reject_value, reject_message
       FROM ${staged} WHERE reject_code IS NOT NULL`,
      ids,
    );
    for (const e of parseErrors) {
      await engine.run(
        `INSERT INTO rejects VALUES ($import_id, $file, $row, $line, $code, $field, ${options.redact ? redactTextSql('$value') : '$value'}, $message)`,
        {
          ...ids,
          row: e.row ?? null,
          line: e.line,
          code: 'malformed-row',
          field: e.field,
          value: e.text,
          message: e.message,
        },
      );
    }
    const before = (await engine.one<{ n: number }>('SELECT count(*) AS n FROM events')).n;
    // One scan gives the row counts and whether the file repeats an event.
    const counts = await engine.one<{ total: number; rejected: number; distinct_keys: number }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE reject_code IS NOT NULL) AS rejected,
         count(DISTINCT event_key) FILTER (WHERE reject_code IS NULL) AS distinct_keys FROM ${staged}`,
    );
    const accepted = counts.total - counts.rejected;
    await engine.run(insertEventsSql(staged, accepted !== counts.distinct_keys, before > 0), ids);
    const after = (await engine.one<{ n: number }>('SELECT count(*) AS n FROM events')).n;
    const imported = after - before;
    const rejected = counts.rejected + parseErrors.length;
    const rowsRead = counts.total + parseErrors.length;
    const duplicates = counts.total - counts.rejected - imported;
    if (options.strict && rejected > 0) {
      // Thrown inside the transaction, so nothing of this file lands.
      throw new DataError(
        `${file}: ${rejected} rows were rejected and --strict is set; nothing was imported.`,
        [
          ...(await rejectSummary(engine, file, staged)),
          ...parseErrors.map((e) => problem('malformed-row', 'error', e.message, parseErrorAt(file, e))),
        ],
      );
    }
    await engine.run(
      `INSERT INTO baton_imports VALUES ($import_id, $file, $format, now()::TIMESTAMP, $tz, $read, $imported, $rejected, $dup)`,
      { ...ids, format: source.id, tz, read: rowsRead, imported, rejected, dup: duplicates },
    );
    const problems = [
      ...(await rejectSummary(engine, file, staged)),
      ...parseErrors.map((e) =>
        problem('malformed-row', 'error', `${e.message}; the row was skipped`, parseErrorAt(file, e)),
      ),
      ...loaded.problems,
      ...(await warnings(engine, file, tz, staged)),
    ];
    if (duplicates > 0) {
      problems.push(
        problem(
          'duplicate-event',
          'info',
          'rows repeating an event already imported (same event_id, or identical content) were skipped',
          { file },
          duplicates,
        ),
      );
    }
    return {
      file,
      source: source.id,
      mapping: loaded.mapping,
      rowsRead,
      ...(loaded.sourceRows !== undefined ? { sourceRows: loaded.sourceRows } : {}),
      imported,
      rejected,
      duplicates,
      problems,
    };
  });
}

function stagedSql(from: string, sourceRow: string, dateFormat: boolean, redact: boolean): string {
  const text = (c: string) => (redact ? redactTextSql(c) : c);
  const id = (c: string) => (redact ? redactIdSql(c) : c);
  // The raw text of parsed fields is kept only where a reject or a warning shows it: the staged copy stays narrow.
  return `CREATE TEMP TABLE import_staged AS
  SELECT * EXCLUDE (raw_conversation_id, raw_timestamp, raw_event_type, raw_actor, raw_csat, event_id),
    ${EVENT_KEY_SQL} AS event_key,
    CASE reject_field WHEN 'conversation_id' THEN raw_conversation_id WHEN 'timestamp' THEN raw_timestamp
      WHEN 'event_type' THEN raw_event_type WHEN 'actor' THEN raw_actor WHEN 'csat' THEN raw_csat END AS reject_value,
    CASE WHEN NOT ${hasZoneSql('raw_timestamp')} THEN raw_timestamp END AS naive_timestamp
  FROM (
    SELECT *, ${rejectColumnsSql()}
    FROM (
      SELECT ${sourceRow} AS source_row, raw_conversation_id, raw_timestamp, raw_event_type, raw_actor, raw_csat,
        raw_conversation_id AS conversation_id,
        ${parseTimestampSql('raw_timestamp', dateFormat)} AS ts,
        CASE lower(raw_event_type) WHEN 'transfer' THEN 'assign' WHEN 'close' THEN 'resolve' ELSE lower(raw_event_type) END AS event_type,
        lower(raw_actor) AS actor,
        ${id('raw_agent_id')} AS agent_id, raw_team AS team, raw_tier AS tier, lower(raw_channel) AS channel,
        ${text('raw_text')} AS text,
        TRY_CAST(raw_csat AS DOUBLE) AS csat,
        ${id('raw_customer_id')} AS customer_id, raw_segment AS segment, raw_category AS category, lower(raw_priority) AS priority,
        ${text('raw_reason')} AS reason, lower(raw_transfer_type) AS transfer_type, raw_event_id AS event_id
      FROM ${from}
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
 * Lands accepted rows, once each. The dedup window and the anti-join are only paid for when they can matter:
 * a file with repeated keys, or a database that already holds events.
 */
function insertEventsSql(staged: string, repeatsInFile: boolean, eventsExist: boolean): string {
  const accepted = `SELECT * FROM ${staged} WHERE reject_code IS NULL`;
  const once = repeatsInFile
    ? `SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY event_key ORDER BY source_row) AS copy_no FROM (${accepted})) WHERE copy_no = 1`
    : accepted;
  const fresh = eventsExist
    ? ' WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_key = s.event_key)'
    : '';
  return `INSERT INTO events
  SELECT event_key, base.seq0 + source_row, $import_id, source_row, conversation_id, ts, event_type, actor, agent_id,
    team, tier, channel, text, CASE WHEN event_type = 'csat' THEN csat END, customer_id, segment, category, priority,
    reason, transfer_type
  FROM (${once}) s, (SELECT coalesce(max(seq), 0) AS seq0 FROM events) base${fresh}`;
}

async function rejectSummary(engine: Engine, file: string, staged: string): Promise<Problem[]> {
  const rows = await engine.all<{
    code: string;
    field: string;
    message: string;
    n: number;
    first_row: number;
    value: string | null;
  }>(
    `SELECT reject_code AS code, reject_field AS field, reject_message AS message, count(*) AS n,
       min(source_row) AS first_row, arg_min(reject_value, source_row) AS value
     FROM ${staged} WHERE reject_code IS NOT NULL GROUP BY ALL ORDER BY n DESC, code`,
  );
  return rows.map((r) =>
    problem(
      r.code,
      'error',
      `${r.message}${r.value !== null ? ` (first value: '${r.value}')` : ''}; rejected rows are kept with reasons`,
      { file, row: r.first_row, field: r.field },
      r.n,
    ),
  );
}

interface WarningRule {
  code: string;
  field: string;
  /** Rows (of the accepted ones) the warning is about. */
  when: string;
  /** The value shown as an example. */
  value: string;
  message: (example: string) => string;
}

// Accepted rows that are still worth a word: they import, but the user should know.
const WARNING_RULES: readonly WarningRule[] = [
  {
    code: 'unknown-transfer-type',
    field: 'transfer_type',
    when: "transfer_type IS NOT NULL AND transfer_type NOT IN ('warm', 'cold')",
    value: 'transfer_type',
    message: (v) => `transfer_type should be warm or cold (first value: '${v}'); kept as written`,
  },
  {
    code: 'naive-timestamp',
    field: 'timestamp',
    when: 'naive_timestamp IS NOT NULL',
    value: 'naive_timestamp',
    message: (v) => `timestamps without a zone (first: '${v}') were read in the --tz zone ($tz)`,
  },
];

async function warnings(engine: Engine, file: string, tz: string, staged: string): Promise<Problem[]> {
  // Every rule in one scan of the staged rows.
  const columns = WARNING_RULES.map(
    (rule, i) =>
      `count(*) FILTER (WHERE ${rule.when}) AS n_${i}, min(source_row) FILTER (WHERE ${rule.when}) AS row_${i},
       arg_min(${rule.value}, source_row) FILTER (WHERE ${rule.when}) AS value_${i}`,
  );
  const counts = await engine.one(`SELECT ${columns.join(', ')} FROM ${staged} WHERE reject_code IS NULL`);
  const found: Problem[] = [];
  WARNING_RULES.forEach((rule, i) => {
    const n = Number(counts[`n_${i}`]);
    if (n === 0) return;
    found.push(
      problem(
        rule.code,
        'warning',
        rule.message(String(counts[`value_${i}`])).replace('$tz', tz),
        { file, row: Number(counts[`row_${i}`]), field: rule.field },
        n,
      ),
    );
  });
  return found;
}

/** A missing or empty file gets one plain sentence instead of a reader's error. */
async function checkReadable(file: string): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (!info) {
    throw new DataError(`Cannot read ${file}: there is no such file.`, [
      problem('missing-file', 'error', 'no such file; check the path', { file }),
    ]);
  }
  if (info.isDirectory()) {
    throw new DataError(`Cannot read ${file}: it is a folder; name the files in it.`, [
      problem('not-a-file', 'error', 'a folder, not a file', { file }),
    ]);
  }
  if (info.size === 0) {
    throw new DataError(`Cannot read ${file}: the file is empty.`, [
      problem('empty-file', 'error', 'the file has no content, not even a header row', { file }),
    ]);
  }
}

function parseErrorAt(file: string, e: ParseError): ProblemLocation {
  return e.line !== null ? { file, line: e.line } : e.row !== undefined ? { file, row: e.row } : { file };
}
