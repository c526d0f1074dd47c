// Which reader a file needs, from its name (or the user's --format), and the DuckDB table function that streams it.
import { UsageError } from '../model/errors.js';

export const FORMATS = Object.freeze(['csv', 'ndjson', 'parquet'] as const);
export type FileFormat = (typeof FORMATS)[number];

const EXTENSIONS: Readonly<Record<string, FileFormat>> = Object.freeze({
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  json: 'ndjson',
  parquet: 'parquet',
  pq: 'parquet',
});

export function detectFormat(path: string, override?: string): FileFormat {
  if (override) {
    if ((FORMATS as readonly string[]).includes(override)) return override as FileFormat;
    throw new UsageError(`Unknown --format '${override}'. Use one of: ${FORMATS.join(', ')}.`);
  }
  const name = path.toLowerCase().replace(/\.(gz|gzip)$/, '');
  const ext = name.slice(name.lastIndexOf('.') + 1);
  const format = EXTENSIONS[ext];
  if (!format) {
    throw new UsageError(
      `Cannot tell the format of '${path}' from its name. Name it .csv, .ndjson or .parquet (optionally .gz), or pass --format csv|ndjson|parquet.`,
    );
  }
  return format;
}

export interface ReaderOptions {
  /** CSV: DuckDB's lenient reader, for mixed line endings and irregular quoting. */
  lenient?: boolean;
  /** Parquet: the file's own row numbers as `file_row_number`. */
  numbered?: boolean;
  /** CSV: rows up to 64 MB instead of DuckDB's 2 MB default, which reads about 15% faster and so is tried first. */
  longLines?: boolean;
}

/** SQL for a relation with one VARCHAR column per field of the file; `$path` is bound by the caller. */
export function readerSql(format: FileFormat, options: ReaderOptions = {}): string {
  switch (format) {
    case 'csv':
      // all_varchar: values are parsed by Baton's own rules, not guessed per file.
      return `read_csv($path, header = true, all_varchar = true, store_rejects = true, filename = false, encoding = 'utf-8'${options.longLines ? `, max_line_size = ${LONG_LINE_BYTES}` : ''}${options.lenient ? ', strict_mode = false' : ''})`;
    case 'ndjson':
      // A line that is not JSON becomes a NULL record, rejected with its number instead of failing the file.
      return 'read_ndjson_objects($path, ignore_errors = true)';
    case 'parquet':
      // The file's own row numbers let an import read it twice (checks, then events) with the same numbering.
      return options.numbered ? 'read_parquet($path, file_row_number = true)' : 'read_parquet($path)';
  }
}

/** Clears the tables where the CSV reader (store_rejects) sets aside the rows it could not read. */
export const DROP_CSV_REJECTS_SQL = 'DROP TABLE IF EXISTS reject_errors; DROP TABLE IF EXISTS reject_scans';

// Transcripts can be long: a row may hold a whole chat.
const LONG_LINE_BYTES = 64 * 1024 * 1024;

/** True when DuckDB's CSV sniffer stopped at a row over the default line limit. */
export const isLongLineError = (error: unknown): boolean =>
  /Maximum line size of \d+ bytes exceeded/.test(error instanceof Error ? error.message : String(error));
