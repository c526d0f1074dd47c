// What every engine Baton runs its SQL on offers: statements with bound values, rows back, and its dialect.
import type { Dialect } from './dialect.js';

/** A scalar value that can be bound to a statement parameter or read back from a row. */
export type SqlValue = string | number | boolean | null;
export type SqlParams = Record<string, SqlValue>;
export type Row = Record<string, SqlValue>;

/**
 * One session on one engine. Statements name values as `$name`; each engine binds them its own way and
 * ignores names a statement does not use. Rows come back JSON-safe: whole numbers and doubles as numbers,
 * booleans as booleans, timestamps as ISO 8601 text in UTC ('2026-10-01T09:00:00.000Z').
 */
export interface SqlEngine {
  readonly dialect: Dialect;
  /** Runs one statement. */
  run(sql: string, params?: SqlParams): Promise<void>;
  all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
  one<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T>;
  tableExists(name: string): Promise<boolean>;
  /** Column names of a table, in order; empty when there is no such table. */
  columns(table: string): Promise<string[]>;
  /** A stored table's name, qualified so that a temporary table of the same name does not hide it. */
  storedTable(name: string): string;
  /**
   * Cancels the statement running now, if any; absent where an engine cannot. A promise when cancelling takes a
   * round trip: it settles once the cancel has been delivered, so no later statement can be the one cancelled.
   */
  interrupt?(): void | Promise<void>;
  close(): void | Promise<void>;
}

/** The first row, or an error naming the statement: for queries that always return one row. */
export async function firstRow<T extends Row>(rows: Promise<T[]>, sql: string): Promise<T> {
  const first = (await rows)[0];
  if (!first) throw new Error(`Expected one row from: ${sql.slice(0, 120)}`);
  return first;
}

/** An engine Baton can also load canonical events into (a warehouse, or its embedded stand-in). */
export interface WarehouseEngine extends SqlEngine {
  /**
   * Replaces table `events` with the rows of a Parquet file holding WAREHOUSE_EVENT_COLUMNS
   * (src/model/warehouse-events.ts) in that order; returns the number of rows loaded.
   */
  loadEvents(parquetFile: string): Promise<number>;
}
