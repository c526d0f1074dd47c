// Opens the engine an analysis runs on when it is not the embedded DuckDB; the drivers load only when asked for.
import { UsageError } from '../model/errors.js';
import { problem } from '../model/problem.js';
import type { WarehouseEngine } from './sql-engine.js';

export const ENGINE_NAMES = ['duckdb', 'clickhouse', 'postgres'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export interface WarehouseOptions {
  engine: Exclude<EngineName, 'duckdb'>;
  /** postgres://user@host:port/db, or http(s)://host:8123 for ClickHouse; ClickHouse without one runs embedded (chdb). */
  url?: string;
  /** Schema (PostgreSQL) or database (ClickHouse) holding `events` and the derived tables; created when missing. */
  namespace?: string;
}

export function parseEngineName(value: string): EngineName {
  if ((ENGINE_NAMES as readonly string[]).includes(value)) return value as EngineName;
  throw new UsageError(`Unknown engine '${value}'.`, [
    problem('unknown-engine', 'error', `'${value}' is not one of ${ENGINE_NAMES.join(', ')}`, {
      field: 'engine',
    }),
  ]);
}

export async function openWarehouse(options: WarehouseOptions): Promise<WarehouseEngine> {
  if (options.engine === 'postgres') {
    if (!options.url)
      throw new UsageError('--engine postgres needs --url postgres://USER@HOST:PORT/DATABASE.', [
        problem('missing-url', 'error', 'PostgreSQL has no embedded mode: give the server to connect to', {
          field: 'url',
        }),
      ]);
    const { PostgresEngine } = await import('./postgres-engine.js');
    return PostgresEngine.open({
      url: options.url,
      ...(options.namespace ? { schema: options.namespace } : {}),
    });
  }
  const { ClickHouseEngine } = await import('./clickhouse-engine.js');
  return ClickHouseEngine.open({
    ...(options.url ? { url: options.url } : {}),
    ...(options.namespace ? { database: options.namespace } : {}),
  });
}
