// Test helper: the engines the semantics and metric suites run on, each test in a namespace of its own.
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { Baton, OpenOptions } from '../../src/baton.js';
import { type EngineName, parseEngineName } from '../../src/engine/open-warehouse.js';
import { postgresUrl } from './postgres-server.js';
import { withBaton } from './temp-data.js';

/** Every engine unless BATON_TEST_ENGINES names some (comma-separated); CI runs them all. */
export const ENGINES_UNDER_TEST: readonly EngineName[] = (
  process.env.BATON_TEST_ENGINES ?? 'duckdb,postgres,clickhouse'
)
  .split(',')
  .map((name) => parseEngineName(name.trim()));

/** Registers `fn` once per engine under test, the engine's name in the test's name. */
export function engineTest(name: string, fn: (engine: EngineName) => Promise<void>): void {
  for (const engine of ENGINES_UNDER_TEST) test(`${name} [${engine}]`, () => fn(engine));
}

/** Options that open Baton on `engine`, in a fresh schema or database when it is a warehouse. */
export async function engineOptions(engine: EngineName): Promise<OpenOptions> {
  if (engine === 'duckdb') return {};
  const namespace = `baton_test_${randomBytes(6).toString('hex')}`;
  if (engine === 'postgres') return { engine, url: await postgresUrl(), namespace };
  return { engine, namespace };
}

/** CLI options that point a command at `engine` in `schema`; PostgreSQL also needs its server. */
export async function warehouseArgs(engine: EngineName, schema: string): Promise<string[]> {
  const url = engine === 'postgres' ? ['--url', await postgresUrl()] : [];
  return ['--engine', engine, ...url, '--schema', schema];
}

/** Imports `csv` into Baton on `engine` and hands it to `work`; the warehouse namespace is dropped afterwards. */
export async function withEngineBaton<T>(
  engine: EngineName,
  csv: string,
  work: (baton: Baton) => Promise<T>,
  options: OpenOptions = {},
): Promise<T> {
  const opened = { ...(await engineOptions(engine)), ...options };
  return withBaton(
    csv,
    async (baton) => {
      try {
        return await work(baton);
      } finally {
        if (baton.warehouse && opened.namespace) {
          const kind = engine === 'postgres' ? 'SCHEMA' : 'DATABASE';
          await baton.warehouse.run(
            `DROP ${kind} IF EXISTS ${opened.namespace}${engine === 'postgres' ? ' CASCADE' : ''}`,
          );
        }
      }
    },
    opened,
  );
}

/** A handoff row with `handoff_at` as epoch milliseconds, the same on every engine. */
export function epochMs(row: Record<string, unknown>, column = 'handoff_at'): Record<string, unknown> {
  const value = row[column];
  return { ...row, [column]: typeof value === 'string' ? Date.parse(value) : value };
}
