// What every route handler is given: the engine behind its queue, the business time zone and the limits.
import type { Hono } from 'hono';
import type { Baton } from '../baton.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import type { Limits, QueryQueue } from './limits.js';

export interface ServerContext {
  /** The open Baton, for features that work at its level (questions in plain English). */
  baton: Baton;
  /** Where the derived tables live and every query runs: the warehouse when one was opened, else DuckDB. */
  engine: SqlEngine;
  /** Where the import bookkeeping (rejected and repeated rows) lives: always the embedded DuckDB. */
  imports: SqlEngine;
  tz: string;
  queue: QueryQueue;
  limits: Limits;
}

/** A route module adds its handlers to the app. */
export type Route = (app: Hono, context: ServerContext) => void;
