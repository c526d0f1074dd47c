// Where a ClickHouse session lives: embedded chdb in this process, or a server over HTTP.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import type { Session } from 'chdb';
import { clickhouseText } from './dialects/clickhouse.js';

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

export interface JsonResult {
  meta: { name: string; type: string }[];
  data: Record<string, unknown>[];
}

/** One ClickHouse session: statements with `{name:Type}` values, JSON results. */
export interface Backend {
  run(sql: string, params: Record<string, unknown>): Promise<void>;
  rows(sql: string, params: Record<string, unknown>): Promise<JsonResult>;
  /** Appends a Parquet file's columns of these names to `table`. */
  insertParquet(table: string, file: string, columns: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * chdb binds one data directory per process, so every embedded engine opens its session in one shared
 * directory, each in its own database; a temporary directory goes when the last of them closes.
 */
export class ChdbBackend implements Backend {
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
export class ServerBackend implements Backend {
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
