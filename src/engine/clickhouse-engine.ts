// Baton's SQL on ClickHouse: embedded chdb, or a server through @clickhouse/client; rows in DuckDB's plain shapes.
import { randomBytes } from 'node:crypto';
import { WAREHOUSE_EVENT_COLUMNS } from '../model/warehouse-events.js';
import { type Backend, ChdbBackend, type ClickHouseOptions, ServerBackend } from './clickhouse-backends.js';
import { bindNamed } from './clickhouse-params.js';
import { converter } from './clickhouse-values.js';
import type { Dialect } from './dialect.js';
import { clickhouseDialect, VARIABLES_TABLE } from './dialects/clickhouse.js';
import { firstRow, type Row, type SqlParams, type WarehouseEngine } from './sql-engine.js';

export type { ClickHouseOptions } from './clickhouse-backends.js';

const EVENT_TYPES = { text: 'String', timestamp: "DateTime64(6, 'UTC')", double: 'Float64', bigint: 'Int64' };
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** ClickHouse session, embedded or on a server. */
export class ClickHouseEngine implements WarehouseEngine {
  readonly dialect: Dialect = clickhouseDialect;

  private constructor(
    private readonly backend: Backend,
    /** Dropped on close: the database this engine made up for itself. */
    private readonly ownDatabase: string | null,
    /** Where this engine's stored tables live. */
    private readonly database: string,
  ) {}

  storedTable(name: string): string {
    return `${this.database}.${name}`;
  }

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
    const engine = new ClickHouseEngine(backend, own, database ?? 'default');
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
