// The generic event-log format (CSV, NDJSON, Parquet): columns named after canonical fields, or mapped with --map; activity logs with --activity.
import type { Engine, SqlParams } from '../../engine/engine.js';
import { quoteIdent } from '../../engine/identifiers.js';
import { type Problem, problem } from '../../model/problem.js';
import { EVENT_FIELDS } from '../../model/schema.js';
import { activityColumns, resolveColumns } from '../column-map.js';
import {
  DROP_CSV_REJECTS_SQL,
  detectFormat,
  type FileFormat,
  isLongLineError,
  type ReaderOptions,
  readerSql,
} from '../formats.js';
import type { LoadedSource, ParseError, Source, SourceOptions } from '../source.js';
import { trimmedSql } from '../trim-sql.js';
import { derivedMapping, importRawSelect, importRawSql } from './activity-log.js';
import { readOrFail } from './read-or-fail.js';

export const genericSource: Source = {
  id: 'generic',
  title: 'Generic event log (CSV, NDJSON or Parquet)',
  sniff: () => true,
  async load(engine: Engine, file: string, options: SourceOptions): Promise<LoadedSource> {
    const format = detectFormat(file, options.format);
    const params: SqlParams = { path: file };
    const { columns, reader } = await readOrFail(file, () => listColumns(engine, format, params));
    const resolved = resolveColumns(file, columns, options.map ?? {}, options.activity);
    const activity = options.activity ? activityColumns(columns, options.activity) : null;
    const fieldSql = EVENT_FIELDS.map(
      (field) => `${valueSql(format, resolved[field], `key_${field}`, params)} AS raw_${field}`,
    );
    if (activity) {
      const parts = activity.map((column, i) => valueSql(format, column, `key_activity_${i}`, params));
      fieldSql.push(`nullif(concat_ws('/', ${parts.join(', ')}), '') AS raw_activity`);
    }
    if (format === 'ndjson') fieldSql.push('json IS NULL AS invalid_record');
    const numbered = format === 'parquet';
    const shape = {
      activity: activity !== null,
      withSourceRow: numbered,
      extra: format === 'ndjson' ? ['invalid_record'] : [],
    };
    // Parse errors of an earlier file must not be counted against this one.
    await engine.run(DROP_CSV_REJECTS_SQL);
    const problems: Problem[] = [];
    if (reader.lenient) {
      problems.push(
        problem(
          'lenient-csv',
          'warning',
          'read leniently (mixed line endings or irregular quoting); check the row counts',
          {
            file,
          },
        ),
      );
    }
    if (numbered) fieldSql.unshift('file_row_number + 1 AS source_row');
    const inner = (read: ReaderOptions) =>
      `SELECT ${fieldSql.join(', ')} FROM ${readerSql(format, { ...read, numbered })}`;
    // A CSV read with DuckDB's default line limit is read again, allowing long rows, if it set some aside.
    const longLinesSql =
      format === 'csv' && !reader.longLines
        ? importRawSelect(inner({ ...reader, longLines: true }), options, params, shape)
        : undefined;
    // NDJSON needs its own table to set invalid records aside; CSV and Parquet are staged straight from the reader.
    const relation =
      format === 'ndjson'
        ? undefined
        : {
            sql: importRawSelect(inner(reader), options, params, shape),
            params,
            parseErrors: () => (format === 'csv' ? csvParseErrors(engine) : Promise.resolve([])),
            numbered,
            ...(longLinesSql ? { retry: () => longLinesRetry(engine, longLinesSql) } : {}),
          };
    if (format === 'ndjson')
      await readOrFail(file, () => engine.run(importRawSql(inner(reader), options, params, shape), params));
    const parseErrors = format === 'ndjson' ? await invalidJson(engine) : [];
    const mapping: Record<string, string> = {};
    for (const field of EVENT_FIELDS) if (resolved[field] !== undefined) mapping[field] = resolved[field]!;
    return {
      mapping: derivedMapping(options, activity ? activity.join('+') : null, mapping),
      parseErrors,
      problems,
      ...(relation ? { relation } : {}),
    };
  },
};

async function invalidJson(engine: Engine): Promise<ParseError[]> {
  const rows = await engine.all<{ row: number }>(
    'SELECT rowid + 1 AS row FROM import_raw WHERE invalid_record ORDER BY row',
  );
  // Gone from the table, the record stays counted: read = imported + rejected.
  await engine.run('DELETE FROM import_raw WHERE invalid_record');
  return rows.map((r) => ({
    line: null,
    row: r.row,
    field: null,
    text: null,
    message: `record ${r.row} is not valid JSON`,
  }));
}

/** The file's columns, and the reader options DuckDB's sniffer needed to find them. */
async function listColumns(
  engine: Engine,
  format: FileFormat,
  params: SqlParams,
): Promise<{ columns: string[]; reader: ReaderOptions }> {
  if (format === 'ndjson') {
    const rows = await engine.all<{ k: string }>(
      `SELECT DISTINCT unnest(json_keys(json)) AS k
       FROM (SELECT json FROM read_ndjson_objects($path, ignore_errors = true) WHERE json IS NOT NULL LIMIT 10000)`,
      params,
    );
    return { columns: rows.map((r) => r.k), reader: {} };
  }
  let reader: ReaderOptions = {};
  for (;;) {
    try {
      const rows = await engine.all<{ column_name: string }>(
        `DESCRIBE SELECT * FROM ${readerSql(format, reader)}`,
        params,
      );
      return { columns: rows.map((r) => r.column_name), reader };
    } catch (error) {
      if (format !== 'csv') throw error;
      // A long row among the sniffed ones needs the long-line reader; mixed line endings and irregular
      // quoting defeat the sniffer, and a lenient read recovers them.
      if (!reader.longLines && isLongLineError(error)) reader = { ...reader, longLines: true };
      else if (!reader.lenient && String(error).includes('sniffing')) reader = { ...reader, lenient: true };
      else throw error;
    }
  }
}

/**
 * After a CSV read with DuckDB's default line limit: when rows were set aside for being longer, clears the
 * read's rejects and returns `again`, the read that allows them.
 */
async function longLinesRetry(engine: Engine, again: string): Promise<string | undefined> {
  if (!(await csvRejectsExist(engine))) return undefined;
  const { n } = await engine.one<{ n: number }>(
    "SELECT count(*) AS n FROM reject_errors WHERE error_type = 'LINE SIZE OVER MAXIMUM'",
  );
  if (n === 0) return undefined;
  await engine.run(DROP_CSV_REJECTS_SQL);
  return again;
}

function valueSql(format: FileFormat, column: string | undefined, key: string, params: SqlParams): string {
  if (column === undefined) return 'CAST(NULL AS VARCHAR)';
  if (format === 'ndjson') {
    // A JSON Pointer, bound as a value, reads keys with any characters in them.
    params[key] = `/${column.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    return `nullif(trim(json_extract_string(json, $${key})), '')`;
  }
  return trimmedSql(`CAST(${quoteIdent(column)} AS VARCHAR)`);
}

// The reader creates its reject tables only when it read with store_rejects since they were last dropped.
async function csvRejectsExist(engine: Engine): Promise<boolean> {
  return (await engine.all("SELECT 1 FROM duckdb_tables() WHERE table_name = 'reject_errors'")).length > 0;
}

export async function csvParseErrors(engine: Engine): Promise<ParseError[]> {
  if (!(await csvRejectsExist(engine))) return [];
  // DuckDB reports one error per missing column; a row is rejected once.
  const rows = await engine.all<{ line: number; field: string | null; text: string | null; message: string }>(
    `SELECT line, arg_min(column_name, column_idx) AS field, any_value(csv_line) AS text,
       arg_min(error_message, column_idx) AS message FROM reject_errors GROUP BY line ORDER BY line`,
  );
  return rows;
}
