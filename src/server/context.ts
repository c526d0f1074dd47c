// What every route handler is given: the engine behind its queue, the business time zone and the limits.
import type { Hono } from 'hono';
import type { Baton } from '../baton.js';
import type { Engine } from '../engine/engine.js';
import type { Limits, QueryQueue } from './limits.js';

export interface ServerContext {
  /** The open Baton, for features that work at its level (questions in plain English). */
  baton: Baton;
  engine: Engine;
  tz: string;
  queue: QueryQueue;
  limits: Limits;
}

/** A route module adds its handlers to the app. */
export type Route = (app: Hono, context: ServerContext) => void;
