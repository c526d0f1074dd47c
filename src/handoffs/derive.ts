// Runs the derivation steps in order and materialises ownership, handoffs and conversations from `events`.
import type { Engine } from '../engine/engine.js';
import { CONVERSATION_FACTS_SQL } from './conversation-facts-sql.js';
import { CONVERSATIONS_SQL } from './conversations-sql.js';
import { EVENT_BUCKETS_SQL } from './event-buckets-sql.js';
import { HANDOFFS_BASE_SQL, HANDOFFS_SQL } from './handoffs-sql.js';
import { BOTS_SQL, ORDERED_EVENTS_SQL } from './ordered-events-sql.js';
import { OWNERSHIP_SQL, OWNERSHIP_WALK_SQL } from './ownership-sql.js';

export const DERIVATION_STEPS: readonly { name: string; sql: string }[] = Object.freeze([
  { name: 'bots', sql: BOTS_SQL },
  { name: 'conversation facts', sql: CONVERSATION_FACTS_SQL },
  { name: 'ordered events', sql: ORDERED_EVENTS_SQL },
  { name: 'ownership', sql: OWNERSHIP_WALK_SQL },
  { name: 'stored ownership', sql: OWNERSHIP_SQL },
  { name: 'handoffs', sql: HANDOFFS_BASE_SQL },
  { name: 'conversations', sql: CONVERSATIONS_SQL },
  { name: 'handoff outcomes', sql: HANDOFFS_SQL },
  { name: 'event buckets', sql: EVENT_BUCKETS_SQL },
]);

// Which events the derived tables were built from: count and highest seq identify an events table state.
const EVENTS_STATE_SQL = 'SELECT count(*) AS n, coalesce(max(seq), 0) AS max_seq FROM events';

/** Raised whenever the derived tables change shape, so a database derived by an older Baton derives again. */
export const DERIVATION_VERSION = 3;

/**
 * Rebuilds every derived table from `events`. Not one transaction: DuckDB plans the ASOF joins over
 * uncommitted tables far worse (100x on a million events). A run that dies midway leaves no stamp,
 * so `isDerived` is false and the next command derives again.
 */
export async function deriveHandoffs(engine: Engine, onStep?: (name: string) => void): Promise<void> {
  await engine.run('DROP TABLE IF EXISTS baton_derived');
  for (const step of DERIVATION_STEPS) {
    onStep?.(step.name);
    await engine.run(step.sql);
  }
  await engine.run(
    'DROP TABLE IF EXISTS handoffs_base; DROP TABLE IF EXISTS ordered_events; DROP TABLE IF EXISTS conversation_facts; DROP TABLE IF EXISTS ownership_walk',
  );
  await engine.run(
    `CREATE TABLE baton_derived AS SELECT *, CAST($version AS INTEGER) AS version FROM (${EVENTS_STATE_SQL})`,
    {
      version: DERIVATION_VERSION,
    },
  );
}

/** True when the derived tables were completely built from the events as they are now. */
export async function isDerived(engine: Engine): Promise<boolean> {
  if (!(await engine.tableExists('baton_derived'))) return false;
  const stamped = await engine.all(
    "SELECT 1 FROM duckdb_columns() WHERE table_name = 'baton_derived' AND column_name = 'version'",
  );
  if (stamped.length === 0) return false;
  const rows = await engine.all(
    `SELECT 1 FROM baton_derived d, (${EVENTS_STATE_SQL}) e
     WHERE d.n = e.n AND d.max_seq = e.max_seq AND d.version = $version`,
    { version: DERIVATION_VERSION },
  );
  return rows.length > 0;
}
