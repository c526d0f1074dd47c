// The library's front door: open a database, import files, derive handoffs, then analyse, query and export.
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, analyze } from './analysis/analyze.js';
import { Engine } from './engine/engine.js';
import { quoteLiteral } from './engine/identifiers.js';
import { type EngineName, openWarehouse } from './engine/open-warehouse.js';
import type { SqlEngine, WarehouseEngine } from './engine/sql-engine.js';
import { exportTable } from './export/export-table.js';
import { deriveHandoffs, isDerived } from './handoffs/derive.js';
import { type ImportOptions, type ImportReport, importFile } from './ingest/import-file.js';
import { type QueryResult, type QuerySpec, runQuery } from './metrics/query.js';
import { DataError, UsageError } from './model/errors.js';
import { problem } from './model/problem.js';
import { SCHEMA_SQL } from './model/schema.js';
import { WAREHOUSE_EVENT_COLUMNS } from './model/warehouse-events.js';

export interface OpenOptions {
  /** DuckDB file to keep the data in; in memory when absent. */
  db?: string;
  /**
   * Without `db`: give the in-memory database a temporary spill folder, deleted on close, so DuckDB can page
   * data out under its memory limit instead of failing. In memory rather than a scratch file: writing ten
   * million events to a database file cost 8 s of compression and I/O that a one-off analysis never reads back.
   */
  scratch?: boolean;
  /** Business time zone: naive timestamps are read in it, and hour/weekday/date are reported in it. */
  tz?: string;
  memoryLimit?: string;
  threads?: number;
  /**
   * Where derivation and metrics run: the embedded DuckDB (default), or PostgreSQL / ClickHouse, which read
   * `events` where they live and keep the derived tables beside it. Files given to `import` are read and
   * checked by DuckDB as always, then loaded into that engine's `events`.
   */
  engine?: EngineName;
  /** The PostgreSQL or ClickHouse server; ClickHouse without one runs embedded (chdb). */
  url?: string;
  /** Schema (PostgreSQL) or database (ClickHouse) to work in. */
  namespace?: string;
  /**
   * Write nothing to the warehouse: the derived tables are temporary tables of this session, built again by
   * each session. Needs only the right to read `events` and to create temporary tables.
   */
  readOnly?: boolean;
}

export interface ImportFilesOptions extends Omit<ImportOptions, 'tz'> {
  /** Fail (DataError) when any row is rejected. */
  strict?: boolean;
  onProgress?: (message: string) => void;
}

export class Baton {
  /** Milliseconds spent in each stage of this session's work (import, derive, metrics), for profiling. */
  readonly timings: Record<string, number> = {};

  private constructor(
    /** The embedded DuckDB session: imports, and every analysis unless a warehouse was opened. */
    readonly engine: Engine,
    readonly tz: string,
    private readonly scratchDir?: string,
    /** The engine given by `engine`, when it is not DuckDB. */
    readonly warehouse?: WarehouseEngine,
    /** Derived tables are this session's temporary tables: nothing is written to the warehouse. */
    readonly readOnly = false,
  ) {}

  // A read-only session's derived tables are its own, so "derived" is known here rather than stamped there.
  private derivedThisSession = false;

  /** The engine derivation and metrics run on. */
  get analysisEngine(): SqlEngine {
    return this.warehouse ?? this.engine;
  }

  static async open(options: OpenOptions = {}): Promise<Baton> {
    const scratchDir = !options.db && options.scratch ? await mkdtemp(join(tmpdir(), 'baton-')) : undefined;
    const engine = await Engine.open({
      ...(options.db ? { path: options.db } : {}),
      ...(scratchDir ? { tempDirectory: join(scratchDir, 'spill') } : {}),
      ...(options.memoryLimit ? { memoryLimit: options.memoryLimit } : {}),
      ...(options.threads ? { threads: options.threads } : {}),
    });
    let warehouse: WarehouseEngine | undefined;
    try {
      const tz = options.tz ?? 'UTC';
      await checkTimeZone(engine, tz);
      await engine.run(SCHEMA_SQL);
      if (options.engine && options.engine !== 'duckdb')
        warehouse = await openWarehouse({
          engine: options.engine,
          ...(options.url ? { url: options.url } : {}),
          ...(options.namespace ? { namespace: options.namespace } : {}),
        });
      if (options.readOnly && !warehouse)
        throw new UsageError('readOnly applies to a warehouse engine (postgres or clickhouse).', [
          problem('read-only-needs-warehouse', 'error', 'DuckDB files are written by design', {
            field: 'read-only',
          }),
        ]);
      return new Baton(engine, tz, scratchDir, warehouse, options.readOnly === true);
    } catch (error) {
      await warehouse?.close();
      engine.close();
      if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Imports files (each all-or-nothing), then rebuilds the derived tables once. */
  async import(files: readonly string[], options: ImportFilesOptions = {}): Promise<ImportReport[]> {
    if (this.warehouse && this.readOnly)
      throw new UsageError(
        'A read-only warehouse is read, not written: give no files, or drop --read-only.',
        [
          problem('read-only-import', 'error', 'importing files writes the events table', {
            field: 'read-only',
          }),
        ],
      );
    const reports: ImportReport[] = [];
    const started = performance.now();
    for (const file of files) {
      options.onProgress?.(`importing ${file}`);
      const { onProgress: _progress, ...sourceOptions } = options;
      const report = await importFile(this.engine, file, { tz: this.tz, ...sourceOptions });
      options.onProgress?.(
        `${file}: ${report.rowsRead} rows read, ${report.imported} imported, ${report.rejected} rejected, ${report.duplicates} repeated`,
      );
      reports.push(report);
    }
    if (this.warehouse) {
      options.onProgress?.('loading events into the analysis engine');
      const loading = performance.now();
      await loadIntoWarehouse(this.engine, this.warehouse);
      this.timings.load_ms = performance.now() - loading;
    }
    this.timings.import_ms = performance.now() - started;
    await this.derive(options.onProgress);
    return reports;
  }

  /** Rebuilds handoffs and conversations from the events table. */
  async derive(onProgress?: (message: string) => void): Promise<void> {
    const started = performance.now();
    await deriveHandoffs(this.analysisEngine, (step) => onProgress?.(`deriving ${step}`), {
      temporary: this.readOnly,
    });
    this.derivedThisSession = true;
    this.timings.derive_ms = performance.now() - started;
  }

  /** Makes sure derived tables exist (a --db file from an earlier import may be opened without new files). */
  async ensureDerived(): Promise<void> {
    const engine = this.analysisEngine;
    const events = (await engine.tableExists('events'))
      ? (await engine.one<{ n: number }>('SELECT count(*) AS n FROM events')).n
      : 0;
    if (events === 0) {
      throw new DataError('There is no data: import at least one file, or open a --db that holds some.', [
        problem('no-data', 'error', 'the events table is empty or missing'),
      ]);
    }
    if (this.readOnly ? !this.derivedThisSession : !(await isDerived(engine))) await this.derive();
  }

  async analyze(options: { top?: number } = {}): Promise<Analysis> {
    await this.ensureDerived();
    const started = performance.now();
    const result = await analyze(this.analysisEngine, { tz: this.tz, imports: this.engine, ...options });
    this.timings.metrics_ms = performance.now() - started;
    return result;
  }

  async query(spec: QuerySpec): Promise<QueryResult> {
    await this.ensureDerived();
    return runQuery(this.analysisEngine, { tz: this.tz, ...spec });
  }

  async export(kind: string, out: string): Promise<{ rows: number; path: string }> {
    await this.ensureDerived();
    return exportTable(this.engine, kind, out, this.analysisEngine);
  }

  /** Rejected rows with their reasons, oldest import first. */
  async rejects(limit = 1000) {
    return this.engine.all(
      'SELECT source_file, source_row, source_line, code, field, value, message FROM rejects ORDER BY import_id, source_row, source_line LIMIT $limit',
      { limit },
    );
  }

  /** Closes both sessions; DuckDB's at once, so only a warehouse connection needs the returned promise awaited. */
  close(): Promise<void> {
    const closing = Promise.resolve(this.warehouse?.close());
    this.engine.close();
    if (this.scratchDir) rmSync(this.scratchDir, { recursive: true, force: true });
    return closing;
  }
}

/**
 * Hands the imported events to the analysis engine as Parquet, with the columns derivation reads; DuckDB's rowid
 * goes along as rid, the read order that breaks ties between events of one source record.
 */
async function loadIntoWarehouse(engine: Engine, warehouse: WarehouseEngine): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'baton-load-'));
  try {
    const file = join(dir, 'events.parquet');
    const columns = WAREHOUSE_EVENT_COLUMNS.map((c) => (c.name === 'rid' ? 'rowid AS rid' : c.name)).join(
      ', ',
    );
    await engine.run(
      `COPY (SELECT ${columns} FROM events ORDER BY conversation_id, ts) TO ${quoteLiteral(file)} (FORMAT PARQUET)`,
    );
    await warehouse.loadEvents(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function checkTimeZone(engine: Engine, tz: string): Promise<void> {
  const rows = await engine.all('SELECT 1 FROM pg_timezone_names() WHERE name = $tz', { tz });
  if (rows.length === 0) {
    throw new UsageError(
      `Unknown time zone '${tz}'. Use an IANA name such as UTC, Europe/Paris or America/New_York.`,
      [problem('unknown-time-zone', 'error', `'${tz}' is not an IANA time zone name`, { field: 'tz' })],
    );
  }
}
