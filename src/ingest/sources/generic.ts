// The generic event-log format (CSV, NDJSON, Parquet): columns named after canonical fields, or mapped with --map.
import type { Engine, SqlParams } from '../../engine/engine.js';
import { quoteIdent } from '../../engine/identifiers.js';
import { EVENT_FIELDS, type EventField } from '../../model/schema.js';
import { type ColumnMap, resolveColumns } from '../column-map.js';
import { detectFormat, type FileFormat, readerSql } from '../formats.js';
import type { LoadedSource, ParseError, Source, SourceOptions } from '../source.js';
import { readOrFail } from './read-or-fail.js';

export const genericSource: Source = {
  id: 'generic',
  title: 'Generic event log (CSV, NDJSON or Parquet)',
  sniff: () => true,
  async load(engine: Engine, file: string, options: SourceOptions): Promise<LoadedSource> {
    const format = detectFormat(file, options.format);
    const params: SqlParams = { path: file };
    const columns = await readOrFail(file, () => listColumns(engine, format, params));
    const resolved = resolveColumns(file, columns, options.map ?? {});
    const fieldSql = EVENT_FIELDS.map(
      (field) => `${rawValueSql(format, resolved, field, params)} AS raw_${field}`,
    );
    // Parse errors of an earlier file must not be counted against this one.
    await engine.run('DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans');
    await readOrFail(file, () =>
      engine.run(
        `CREATE TEMP TABLE import_raw AS SELECT ${fieldSql.join(', ')} FROM ${readerSql(format)}`,
        params,
      ),
    );
    const mapping: Record<string, string> = {};
    for (const field of EVENT_FIELDS) if (resolved[field] !== undefined) mapping[field] = resolved[field]!;
    return { mapping, parseErrors: format === 'csv' ? await csvParseErrors(engine) : [], problems: [] };
  },
};

async function listColumns(engine: Engine, format: FileFormat, params: SqlParams): Promise<string[]> {
  if (format === 'ndjson') {
    const rows = await engine.all<{ k: string }>(
      'SELECT DISTINCT unnest(json_keys(json)) AS k FROM (SELECT json FROM read_ndjson_objects($path) LIMIT 10000)',
      params,
    );
    return rows.map((r) => r.k);
  }
  const rows = await engine.all<{ column_name: string }>(
    `DESCRIBE SELECT * FROM ${readerSql(format)}`,
    params,
  );
  return rows.map((r) => r.column_name);
}

function rawValueSql(format: FileFormat, resolved: ColumnMap, field: EventField, params: SqlParams): string {
  const column = resolved[field];
  if (column === undefined) return 'CAST(NULL AS VARCHAR)';
  if (format === 'ndjson') {
    // A JSON Pointer, bound as a value, reads keys with any characters in them.
    const key = `key_${field}`;
    params[key] = `/${column.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    return `nullif(trim(json_extract_string(json, $${key})), '')`;
  }
  return `nullif(trim(CAST(${quoteIdent(column)} AS VARCHAR)), '')`;
}

export async function csvParseErrors(engine: Engine): Promise<ParseError[]> {
  const exists = await engine.all("SELECT 1 FROM duckdb_tables() WHERE table_name = 'reject_errors'");
  if (exists.length === 0) return [];
  // DuckDB reports one error per missing column; a row is rejected once.
  const rows = await engine.all<{ line: number; field: string | null; text: string | null; message: string }>(
    `SELECT line, arg_min(column_name, column_idx) AS field, any_value(csv_line) AS text,
       arg_min(error_message, column_idx) AS message FROM reject_errors GROUP BY line ORDER BY line`,
  );
  return rows;
}
