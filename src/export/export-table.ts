// Writes the derived handoff or conversation table to CSV, NDJSON or Parquet: the export helpdesks rarely give.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Dialect } from '../engine/dialect.js';
import { duckdbDialect } from '../engine/dialects/duckdb.js';
import type { Engine } from '../engine/engine.js';
import { quoteLiteral } from '../engine/identifiers.js';
import type { SqlEngine, SqlValue } from '../engine/sql-engine.js';
import { UsageError } from '../model/errors.js';

type ColumnType = 'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN';

interface ExportColumn {
  name: string;
  /** DuckDB type the file gets, also when the rows come from another engine. */
  type: ColumnType;
  /** SQL when it is not the column of that name. */
  sql?: (d: Dialect) => string;
}

interface ExportSpec {
  columns: readonly ExportColumn[];
  table: string;
  /** Ordering key, also the key a warehouse export pages by. */
  key: readonly string[];
}

const text = (...names: string[]): ExportColumn[] => names.map((name) => ({ name, type: 'VARCHAR' }));
const flags = (...names: string[]): ExportColumn[] => names.map((name) => ({ name, type: 'BOOLEAN' }));
const iso = (name: string, column = name): ExportColumn => ({
  name,
  type: 'VARCHAR',
  sql: (d) => d.isoText(column),
});

const SPECS: Readonly<Record<'handoffs' | 'conversations' | 'rejects', ExportSpec>> = Object.freeze({
  handoffs: {
    columns: [
      ...text('conversation_id'),
      { name: 'handoff_no', type: 'BIGINT' },
      iso('handoff_at'),
      ...text(
        'from_agent',
        'to_agent',
        'from_team',
        'to_team',
        'from_tier',
        'to_tier',
        'from_channel',
        'to_channel',
      ),
      ...text('kind'),
      ...flags('is_escalation', 'implicit', 'completed'),
      { name: 'handoff_time_s', type: 'DOUBLE' },
      ...flags('success', 'is_return', 'abandoned_after'),
      ...text('transfer_type', 'reason'),
    ],
    table: 'handoffs',
    key: ['conversation_id', 'handoff_no'],
  },
  conversations: {
    columns: [
      ...text('conversation_id'),
      { name: 'handoff_count', type: 'BIGINT' },
      { name: 'return_count', type: 'BIGINT' },
      { name: 'escalation_count', type: 'BIGINT' },
      ...text('channel_path', 'team_path', 'outcome'),
      ...flags('resolved', 'abandoned', 'reopened'),
      { name: 'first_contact_resolution', type: 'BOOLEAN', sql: () => 'fcr' },
      iso('started_at'),
      iso('resolved_at'),
      { name: 'first_response_s', type: 'DOUBLE' },
      { name: 'resolution_s', type: 'DOUBLE' },
      { name: 'csat', type: 'DOUBLE' },
      ...text(
        'start_channel',
        'final_channel',
        'start_team',
        'final_team',
        'customer_id',
        'segment',
        'category',
      ),
      ...text('priority'),
      ...flags('implicit'),
      { name: 'events', type: 'BIGINT' },
    ],
    table: 'conversations',
    key: ['conversation_id'],
  },
  rejects: {
    columns: [
      ...text('source_file'),
      { name: 'source_row', type: 'BIGINT' },
      { name: 'source_line', type: 'BIGINT' },
      ...text('code', 'field', 'value', 'message'),
    ],
    table: 'rejects',
    key: ['import_id', 'source_row', 'source_line'],
  },
});
export type ExportKind = keyof typeof SPECS;

const selectList = (spec: ExportSpec, d: Dialect) =>
  spec.columns.map((c) => (c.sql ? `${c.sql(d)} AS ${c.name}` : c.name)).join(', ');

const exportSql = (spec: ExportSpec, d: Dialect) =>
  `SELECT ${selectList(spec, d)} FROM ${spec.table} ORDER BY ${spec.key.join(', ')}`;

const FORMATS: Readonly<Record<string, string>> = Object.freeze({
  csv: 'FORMAT csv, HEADER true',
  ndjson: 'FORMAT json',
  jsonl: 'FORMAT json',
  parquet: 'FORMAT parquet',
});

/** Rows a warehouse export reads at a time. */
const PAGE = 50_000;

/**
 * Writes one export with DuckDB's writers. The table is read from `source` (the analysis engine); when that is
 * a warehouse, its rows come over in pages by key, through a temporary NDJSON file DuckDB reads back with types.
 */
export async function exportTable(
  engine: Engine,
  kind: string,
  out: string,
  source: SqlEngine = engine,
  pageSize = PAGE,
): Promise<{ rows: number; path: string }> {
  const spec = SPECS[kind as ExportKind];
  if (!spec)
    throw new UsageError(`Cannot export '${kind}'. Export one of: ${Object.keys(SPECS).join(', ')}.`);
  const ext = out.toLowerCase().slice(out.lastIndexOf('.') + 1);
  const format = FORMATS[ext];
  if (!format) throw new UsageError(`Name the output .csv, .ndjson or .parquet (got '${out}').`);
  // Rejects are the import's own bookkeeping, kept where the files were read.
  if (source === engine || kind === 'rejects') {
    const query = exportSql(spec, duckdbDialect);
    await engine.run(`COPY (${query}) TO ${quoteLiteral(out)} (${format})`);
    const rows = (await engine.one<{ n: number }>(`SELECT count(*) AS n FROM (${query})`)).n;
    return { rows, path: out };
  }
  const dir = await mkdtemp(join(tmpdir(), 'baton-export-'));
  try {
    const staged = join(dir, 'rows.ndjson');
    const rows = await pageToNdjson(source, spec, staged, pageSize);
    const types = spec.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ');
    const read = `SELECT * FROM read_json(${quoteLiteral(staged)}, format = 'newline_delimited', columns = {${types}})`;
    // The declared types hold with no rows too: an empty export still has its header and schema.
    await engine.run(`COPY (${read}) TO ${quoteLiteral(out)} (${format})`);
    return { rows, path: out };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Keyset paging: each page starts after the last key seen, so no page is read twice and memory stays one page.
async function pageToNdjson(
  source: SqlEngine,
  spec: ExportSpec,
  file: string,
  pageSize: number,
): Promise<number> {
  const stream = createWriteStream(file);
  let rows = 0;
  let after: SqlValue[] | undefined;
  const keys = spec.key;
  const base = `SELECT ${selectList(spec, source.dialect)} FROM ${spec.table}`;
  for (;;) {
    const params = Object.fromEntries((after ?? []).map((v, i) => [`k${i}`, v]));
    const where = after ? ` WHERE (${keys.join(', ')}) > (${keys.map((_, i) => `$k${i}`).join(', ')})` : '';
    const page = await source.all(`${base}${where} ORDER BY ${keys.join(', ')} LIMIT ${pageSize}`, params);
    for (const row of page) stream.write(`${JSON.stringify(row)}\n`);
    rows += page.length;
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    after = keys.map((k) => last[k] ?? null);
  }
  stream.end();
  await finished(stream);
  return rows;
}
