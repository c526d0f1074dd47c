// Baton's SQL on ClickHouse: embedded chdb, or a server through @clickhouse/client; rows in DuckDB's plain shapes.
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import type { Session } from 'chdb';
import { WAREHOUSE_EVENT_COLUMNS } from '../model/warehouse-events.js';
import type { Dialect } from './dialect.js';
import { clickhouseDialect, clickhouseText, VARIABLES_TABLE } from './dialects/clickhouse.js';
import { firstRow, type Row, type SqlParams, type SqlValue, type WarehouseEngine } from './sql-engine.js';

export interface ClickHouseOptions {
  /** http(s)://host:8123 of a server; embedded chdb when omitted. */
  url?: string;
  /** Database to create (if missing) and work in; embedded without one, a database of this engine's own. */
  database?: string;
  /** Embedded only: a data directory to keep (created if missing); a temporary one, removed on close, without it. */
  path?: string;
  username?: string;
  password?: string;
}

/**
 * What the dialect's SQL assumes of every statement: SQL's NULLs where ClickHouse would give a type's default
 * (outer joins, aggregates over no rows), column names before aliases as in standard SQL, instants in UTC,
 * and JSON output that parses into numbers, booleans and ISO instants.
 */
export const CLICKHOUSE_SETTINGS: Readonly<Record<string, string | number>> = Object.freeze({
  join_use_nulls: 1,
  aggregate_functions_null_for_empty: 1,
  prefer_column_name_to_alias: 1,
  cast_keep_nullable: 1,
  union_default_mode: 'DISTINCT',
  joined_subquery_requires_alias: 0,
  session_timezone: 'UTC',
  date_time_input_format: 'best_effort',
  date_time_output_format: 'iso',
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_denormals: 1,
});

const EVENT_TYPES = { text: 'String', timestamp: "DateTime64(6, 'UTC')", double: 'Float64', bigint: 'Int64' };
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface JsonResult {
  meta: { name: string; type: string }[];
  data: Record<string, unknown>[];
}

/** One ClickHouse session: statements with `{name:Type}` values, JSON results. */
interface Backend {
  run(sql: string, params: Record<string, unknown>): Promise<void>;
  rows(sql: string, params: Record<string, unknown>): Promise<JsonResult>;
  /** Appends a Parquet file's columns of these names to `table`. */
  insertParquet(table: string, file: string, columns: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** ClickHouse session, embedded or on a server. */
export class ClickHouseEngine implements WarehouseEngine {
  readonly dialect: Dialect = clickhouseDialect;

  private constructor(
    private readonly backend: Backend,
    /** Dropped on close: the database this engine made up for itself. */
    private readonly ownDatabase: string | null,
  ) {}

  static async open(options: ClickHouseOptions = {}): Promise<ClickHouseEngine> {
    if (options.database !== undefined && !IDENTIFIER.test(options.database))
      throw new Error(`Not a ClickHouse database name Baton uses: '${options.database}'`);
    // A session in a temporary directory works in a database of its own, so engines in one process stay apart.
    const own =
      options.url || options.database || options.path
        ? null
        : `baton_${process.pid}_${randomBytes(6).toString('hex')}`;
    const database = options.database ?? own;
    const backend = options.url
      ? await ServerBackend.open(options.url, database, options)
      : await ChdbBackend.open(database ?? 'default', options.path);
    const engine = new ClickHouseEngine(backend, own);
    try {
      await engine.run(
        `CREATE TEMPORARY TABLE IF NOT EXISTS ${VARIABLES_TABLE} (name String, value Int64, n UInt64) ENGINE = Memory`,
      );
    } catch (error) {
      await engine.close();
      throw error;
    }
    return engine;
  }

  /** Runs a statement, or a script of statements separated by semicolons. */
  async run(sql: string, params?: SqlParams): Promise<void> {
    for (const statement of bindNamed(sql, params)) {
      const created = CREATED_TABLE.exec(statement.sql);
      if (created) await this.createWithBooleans(created, statement.params);
      else await this.backend.run(statement.sql, statement.params);
    }
  }

  async all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const statements = bindNamed(sql, params);
    const last = statements.pop();
    if (!last) return [];
    for (const statement of statements) await this.backend.run(statement.sql, statement.params);
    const result = await this.backend.rows(last.sql, last.params);
    const convert = result.meta.map((column) => [column.name, converter(column.type)] as const);
    return result.data.map((raw) => {
      const row: Row = {};
      for (const [name, to] of convert) row[name] = to(raw[name]);
      return row as T;
    });
  }

  one<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T> {
    return firstRow(this.all<T>(sql, params), sql);
  }

  async tableExists(name: string): Promise<boolean> {
    const rows = await this.all(
      'SELECT 1 AS found FROM system.tables WHERE (database = currentDatabase() OR is_temporary) AND name = $name',
      { name },
    );
    return rows.length > 0;
  }

  async columns(table: string): Promise<string[]> {
    if (!IDENTIFIER.test(table) || !(await this.tableExists(table))) return [];
    const rows = await this.all<{ name: string }>(`DESCRIBE TABLE ${table}`);
    return rows.map((r) => r.name);
  }

  async loadEvents(parquetFile: string): Promise<number> {
    const columns = WAREHOUSE_EVENT_COLUMNS.map((c) => {
      const type = EVENT_TYPES[c.type];
      return `${c.name} ${c.nullable ? `Nullable(${type})` : type}`;
    });
    await this.run('DROP TABLE IF EXISTS events SYNC');
    // Sorted as derivation partitions and orders its windows.
    await this.run(
      `CREATE TABLE events (${columns.join(', ')}) ENGINE = MergeTree ORDER BY (conversation_id, ts)`,
    );
    await this.backend.insertParquet(
      'events',
      parquetFile,
      WAREHOUSE_EVENT_COLUMNS.map((c) => c.name),
    );
    return (await this.one<{ n: number }>('SELECT count() AS n FROM events')).n;
  }

  async close(): Promise<void> {
    try {
      if (this.ownDatabase) await this.backend.run(`DROP DATABASE IF EXISTS ${this.ownDatabase} SYNC`, {});
    } finally {
      await this.backend.close();
    }
  }

  /**
   * ClickHouse types a condition as UInt8, so a table of them would give 1 and 0 where every other engine gives
   * true and false. The dialect's CREATE ... AS statements come here: the SELECT's columns are described first
   * and UInt8 ones declared Bool. So a stored UInt8 is read as a condition: whole numbers to keep must be cast
   * wider (the dialect's time parts are Int32; a literal like `3 AS version` needs CAST(3 AS INTEGER)).
   */
  private async createWithBooleans(created: RegExpExecArray, params: Record<string, unknown>): Promise<void> {
    const [, temporary = '', name, engine, select] = created;
    const described = await this.backend.rows(`DESCRIBE TABLE (${select})`, params);
    const types = described.data.map((c) => ({ name: String(c.name), type: String(c.type) }));
    const columns = types.map(
      (c) => `${quoteName(c.name)} ${c.type.replace(/^(Nullable\()?UInt8(\)?)$/, '$1Bool$2')}`,
    );
    await this.backend.run(
      `CREATE ${temporary}TABLE ${name} (${columns.join(', ')}) ENGINE = ${engine} AS\n${select}`,
      params,
    );
  }
}

// The shape of the dialect's createTable statements (see clickhouseDialect.createTable).
const CREATED_TABLE = /^CREATE (TEMPORARY )?TABLE (\w+) ENGINE = ([^\n]+) AS\n([\s\S]+)$/;

const quoteName = (name: string) => `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;

/**
 * Splits a script into statements and turns `$name` into ClickHouse's `{name:Type}`, the type from the value
 * bound to it. Quoted text, quoted names and comments are passed over, so a `$` or `;` in them stays.
 */
export function bindNamed(
  sql: string,
  params: SqlParams = {},
): { sql: string; params: Record<string, unknown> }[] {
  const statements: { sql: string; params: Record<string, unknown> }[] = [];
  let text = '';
  let used: Record<string, unknown> = {};
  const end = () => {
    if (text.trim()) statements.push({ sql: text.trim(), params: used });
    text = '';
    used = {};
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    let j = i + 1;
    if (c === "'" || c === '"' || c === '`') {
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' ? 2 : 1;
      j += 1; // the closing quote; a doubled quote reads as two quoted runs back to back
    } else if (c === '-' && next === '-') {
      while (j < sql.length && sql[j] !== '\n') j++;
    } else if (c === '/' && next === '*') {
      j = sql.indexOf('*/', i + 2);
      j = j < 0 ? sql.length : j + 2;
    } else if (c === ';') {
      end();
      i = j;
      continue;
    } else if (c === '$' && next !== undefined && /[A-Za-z_]/.test(next)) {
      while (j < sql.length && /\w/.test(sql[j] as string)) j++;
      const name = sql.slice(i + 1, j);
      if (!Object.hasOwn(params, name))
        throw new Error(`No value given for $${name} in: ${sql.slice(0, 120)}`);
      const value = params[name] as SqlValue;
      used[name] = value;
      text += `{${name}:${paramType(value)}}`;
      i = j;
      continue;
    }
    text += sql.slice(i, j);
    i = j;
  }
  end();
  return statements;
}

function paramType(value: SqlValue): string {
  if (value === null) return 'Nullable(String)';
  if (typeof value === 'boolean') return 'Bool';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'Int64' : 'Float64';
  return 'String';
}

const FLOATS: Record<string, number> = {
  nan: Number.NaN,
  '-nan': Number.NaN,
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
};

/** How a JSON value of a ClickHouse type becomes a plain value, the shape DuckDB's engine gives. */
function converter(type: string): (value: unknown) => SqlValue {
  const base = type.replace(/^(?:LowCardinality\(|Nullable\()+/, '').replace(/\)+$/, '');
  const plain = (to: (value: unknown) => SqlValue) => (value: unknown) =>
    value === null || value === undefined ? null : to(value);
  // date_time_output_format = 'iso' gives UTC with a Z; JavaScript's Date, as DuckDB's rows, keeps milliseconds.
  if (base.startsWith('DateTime'))
    return plain((v) =>
      String(v).replace(/(?:\.(\d{1,3})\d*)?Z$/, (_m, ms: string = '') => `.${ms.padEnd(3, '0')}Z`),
    );
  if (/^U?Int\d+$/.test(base) || base.startsWith('Decimal')) return plain(Number);
  if (base.startsWith('Float'))
    return plain((v) => (typeof v === 'string' ? (FLOATS[v] ?? Number(v)) : Number(v)));
  if (base === 'Bool') return plain(Boolean);
  if (/^(Tuple|Array|Map|Nested|JSON|Object|Variant|Dynamic)/.test(base))
    return plain((v) => JSON.stringify(v));
  return plain((v) => (typeof v === 'string' ? v : String(v)));
}

/**
 * chdb binds one data directory per process, so every embedded engine opens its session in one shared
 * directory, each in its own database; a temporary directory goes when the last of them closes.
 */
class ChdbBackend implements Backend {
  private static shared: { path: string; users: number; temporary: boolean } | null = null;
  private readonly pending = new Set<Promise<unknown>>();

  private constructor(private readonly session: Session) {}

  static async open(database: string, path?: string): Promise<ChdbBackend> {
    const { Session } = await import('chdb');
    const open = ChdbBackend.shared;
    if (open && path && resolve(path) !== open.path)
      throw new Error(`chdb keeps one data directory per process, and ${open.path} is open: close it first`);
    if (path) await mkdir(path, { recursive: true });
    const shared = open ?? {
      path: path ? resolve(path) : await mkdtemp(join(tmpdir(), 'baton-chdb-')),
      users: 0,
      temporary: !path,
    };
    ChdbBackend.shared = shared;
    const session = new Session(shared.path);
    shared.users += 1;
    const backend = new ChdbBackend(session);
    try {
      for (const [name, value] of Object.entries(CLICKHOUSE_SETTINGS))
        await backend.run(`SET ${name} = ${typeof value === 'number' ? value : clickhouseText(value)}`, {});
      await backend.run(`CREATE DATABASE IF NOT EXISTS ${database}`, {});
      await backend.run(`USE ${database}`, {});
    } catch (error) {
      await backend.close();
      throw error;
    }
    return backend;
  }

  async run(sql: string, params: Record<string, unknown>): Promise<void> {
    await this.track(this.session.queryBindAsync(sql, params, { format: 'Null' }));
  }

  async rows(sql: string, params: Record<string, unknown>): Promise<JsonResult> {
    const result = await this.track(this.session.queryBindAsync(sql, params, { format: 'JSON' }));
    return JSON.parse(result.text()) as JsonResult;
  }

  async insertParquet(table: string, file: string, columns: readonly string[]): Promise<void> {
    const list = columns.join(', ');
    await this.run(`INSERT INTO ${table} (${list}) SELECT ${list} FROM file({file:String}, Parquet)`, {
      file,
    });
  }

  async close(): Promise<void> {
    // Closing a session with a statement still running on it would abort the engine for the whole process.
    await Promise.allSettled(this.pending);
    this.session.close();
    const shared = ChdbBackend.shared;
    if (!shared) return;
    shared.users -= 1;
    if (shared.users > 0) return;
    ChdbBackend.shared = null;
    const { drainPending } = await import('chdb');
    await drainPending();
    if (shared.temporary) await rm(shared.path, { recursive: true, force: true });
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }
}

/**
 * A server over HTTP. Temporary tables and variables need a ClickHouse session, and a session takes one
 * statement at a time, so statements queue; settings travel with each of them.
 */
class ServerBackend implements Backend {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly client: ClickHouseClient) {}

  static async open(
    url: string,
    database: string | null,
    options: ClickHouseOptions,
  ): Promise<ServerBackend> {
    const { createClient } = await import('@clickhouse/client');
    const auth = {
      ...(options.username ? { username: options.username } : {}),
      ...(options.password ? { password: options.password } : {}),
    };
    if (database) {
      const admin = createClient({ url, ...auth });
      try {
        await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
      } finally {
        await admin.close();
      }
    }
    const client = createClient({
      url,
      ...auth,
      ...(database ? { database } : {}),
      session_id: randomUUID(),
      clickhouse_settings: { ...CLICKHOUSE_SETTINGS, session_timeout: '3600' } as ClickHouseSettings,
    });
    return new ServerBackend(client);
  }

  run(sql: string, params: Record<string, unknown>): Promise<void> {
    return this.next(async () => {
      await this.client.command({ query: sql, query_params: params });
    });
  }

  rows(sql: string, params: Record<string, unknown>): Promise<JsonResult> {
    return this.next(async () => {
      const result = await this.client.query({ query: sql, query_params: params, format: 'JSON' });
      return (await result.json()) as unknown as JsonResult;
    });
  }

  insertParquet(table: string, file: string, columns: readonly string[]): Promise<void> {
    return this.next(async () => {
      const [first, ...rest] = columns;
      await this.client.insert({
        table,
        values: createReadStream(file),
        format: 'Parquet',
        ...(first ? { columns: [first, ...rest] } : {}),
      });
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.client.close();
  }

  private next<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
