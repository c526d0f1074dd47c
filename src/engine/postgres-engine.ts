// Baton's SQL on PostgreSQL: named values bound as positional parameters, rows converted to DuckDB's plain shapes.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type LogicalType, WAREHOUSE_EVENT_COLUMNS } from '../model/warehouse-events.js';
import type { Dialect } from './dialect.js';
import { POSTGRES_PRELUDE, postgresDialect } from './dialects/postgres.js';
import { Engine } from './engine.js';
import { quoteIdent, quoteLiteral } from './identifiers.js';
import { bindNamed } from './postgres-params.js';
import { firstRow, type Row, type SqlParams, type WarehouseEngine } from './sql-engine.js';

export interface PostgresOptions {
  /** Connection string, e.g. postgresql://user@host:5432/db. */
  url: string;
  /** Schema to create (if missing) and work in; the connection's default search_path when omitted. */
  schema?: string;
}

const PG_TYPES: Record<LogicalType, string> = {
  text: 'text',
  timestamp: 'timestamp',
  double: 'double precision',
  bigint: 'bigint',
};
const DUCKDB_TYPES: Record<LogicalType, string> = {
  text: 'VARCHAR',
  timestamp: 'TIMESTAMP',
  double: 'DOUBLE',
  bigint: 'BIGINT',
};

/** PostgreSQL session on one connection (Baton runs its statements one at a time). */
export class PostgresEngine implements WarehouseEngine {
  readonly dialect: Dialect = postgresDialect;

  /** The cancel under way (see interrupt), so repeated calls share one extra connection. */
  private cancelling: Promise<void> | undefined;

  /** The schema stored tables are created in (the first of the search path), read once at open. */
  private schema = 'public';

  private constructor(
    private readonly client: pg.Client,
    private readonly url: string,
  ) {}

  storedTable(name: string): string {
    return `${quoteIdent(this.schema)}.${name}`;
  }

  static async open(options: PostgresOptions): Promise<PostgresEngine> {
    const client = new pg.Client({ connectionString: options.url, types: { getTypeParser } });
    await client.connect();
    const engine = new PostgresEngine(client, options.url);
    try {
      // Instants are stored as naive UTC timestamps; the session zone must not shift them.
      await engine.run("SET TimeZone = 'UTC'");
      if (options.schema) {
        const schema = quoteIdent(options.schema);
        // Created only when missing: even IF NOT EXISTS needs the right to create, which a reader lacks.
        const found = await engine.all('SELECT 1 AS found FROM pg_namespace WHERE nspname = $name', {
          name: options.schema,
        });
        if (found.length === 0) await engine.run(`CREATE SCHEMA ${schema}`);
        await engine.run(`SET search_path TO ${schema}`);
      }
      engine.schema = (await engine.one<{ s: string }>('SELECT current_schema() AS s')).s;
      for (const statement of POSTGRES_PRELUDE) await engine.run(statement);
    } catch (error) {
      await client.end();
      throw error;
    }
    return engine;
  }

  /** Runs one statement (or, without parameters, a script of statements). */
  async run(sql: string, params?: SqlParams): Promise<void> {
    const { text, values } = bindNamed(sql, params);
    await this.client.query(text, values);
  }

  async all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const { text, values } = bindNamed(sql, params);
    const result = await this.client.query(text, values);
    // A script gives one result per statement; its rows are the last one's, as DuckDB's are.
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    return (last?.rows ?? []) as T[];
  }

  one<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T> {
    return firstRow(this.all<T>(sql, params), sql);
  }

  /**
   * Cancels this session's running statement with pg_cancel_backend from a second, short-lived connection
   * (the session's own is busy waiting for the statement). Failures are ignored: the caller times out anyway.
   */
  interrupt(): Promise<void> {
    const pid = (this.client as unknown as { processID: number | null }).processID;
    if (pid === null) return Promise.resolve();
    this.cancelling ??= (async () => {
      const canceller = new pg.Client({ connectionString: this.url });
      try {
        await canceller.connect();
        await canceller.query('SELECT pg_cancel_backend($1)', [pid]);
      } finally {
        await canceller.end();
      }
    })()
      .catch(() => undefined)
      .finally(() => {
        this.cancelling = undefined;
      });
    return this.cancelling;
  }

  async tableExists(name: string): Promise<boolean> {
    const rows = await this.all(
      'SELECT 1 AS found FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $name',
      { name },
    );
    return rows.length > 0;
  }

  async columns(table: string): Promise<string[]> {
    const rows = await this.all<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $table ORDER BY ordinal_position`,
      { table },
    );
    return rows.map((r) => r.name);
  }

  /**
   * The Parquet file goes through CSV (an in-memory DuckDB writes it) into COPY: the fastest way into
   * PostgreSQL without a Parquet reader on the server. DuckDB writes NULL as an empty field and '' as "",
   * which PostgreSQL's CSV format reads back as NULL and '' again.
   */
  async loadEvents(parquetFile: string): Promise<number> {
    const dir = await mkdtemp(join(tmpdir(), 'baton-pg-load-'));
    try {
      const csv = join(dir, 'events.csv');
      const duck = await Engine.open({ threads: 2 });
      try {
        // Cast to the canonical types, so a file with a zoned ts or narrower numbers still writes plain text
        // PostgreSQL reads as the same values (DuckDB's session zone is UTC).
        const names = WAREHOUSE_EVENT_COLUMNS.map(
          (c) => `CAST(${quoteIdent(c.name)} AS ${DUCKDB_TYPES[c.type]}) AS ${quoteIdent(c.name)}`,
        ).join(', ');
        await duck.run(
          `COPY (SELECT ${names} FROM read_parquet($file)) TO ${quoteLiteral(csv)} (FORMAT CSV, HEADER)`,
          { file: parquetFile },
        );
      } finally {
        duck.close();
      }
      const columns = WAREHOUSE_EVENT_COLUMNS.map(
        (c) => `${quoteIdent(c.name)} ${PG_TYPES[c.type]}${c.nullable ? '' : ' NOT NULL'}`,
      );
      // One transaction: the old events stay until the new ones are in, and FREEZE (allowed on a table created
      // in the same transaction) writes rows already frozen, so the first scan does not rewrite every page.
      let loaded = 0;
      await this.run('BEGIN');
      try {
        await this.run('DROP TABLE IF EXISTS events');
        await this.run(`CREATE TABLE events (${columns.join(', ')})`);
        const copy = this.client.query(
          copyFrom('COPY events FROM STDIN (FORMAT csv, HEADER true, FREEZE true)'),
        );
        await pipeline(createReadStream(csv), copy);
        loaded = copy.rowCount;
        await this.run('COMMIT');
      } catch (error) {
        await this.run('ROLLBACK');
        throw error;
      }
      // Fresh statistics: the planner's row estimates for everything derived from events start here.
      await this.run('ANALYZE events');
      return loaded;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

// Row conventions of SqlEngine: the types DuckDB's engine gives as numbers or ISO text come back the same here.
const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  json: 114,
  jsonb: 3802,
  int8Array: 1016,
  numericArray: 1231,
} as const;

// pg types the OID as an enum of the built-in types; any OID may arrive here.
const builtinParser = pg.types.getTypeParser as (
  oid: number,
  format: 'text' | 'binary',
) => (value: string) => unknown;

function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (format === undefined || format === 'text') {
    switch (oid) {
      case OID.int8:
      case OID.numeric:
        return Number;
      case OID.timestamp:
      case OID.timestamptz:
      case OID.date:
        return isoTimestamp;
      case OID.json:
      case OID.jsonb:
        return (value) => value;
      case OID.int8Array:
      case OID.numericArray: {
        const parseArray = builtinParser(oid, 'text');
        // Arrays have no place in a row of scalars: JSON text, as DuckDB's engine gives lists.
        return (value) => JSON.stringify(numbersDeep(parseArray(value)));
      }
    }
  }
  return builtinParser(oid, format ?? 'text');
}

function numbersDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(numbersDeep);
  return typeof value === 'string' ? Number(value) : value;
}

/** PostgreSQL's text for a timestamp (session zone UTC) or date → '2026-10-01T09:00:00.123Z', sub-milliseconds cut. */
export function isoTimestamp(text: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d+))?)?(\+00(?::00)?)?$/.exec(text);
  if (m) {
    const ms = (m[7] ?? '').padEnd(3, '0').slice(0, 3);
    return `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}.${ms}Z`;
  }
  // Infinity, years past 9999 or before Christ: rare enough for the Date parser's best effort.
  const date = new Date(text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}
