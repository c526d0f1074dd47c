// Runs the derivation steps in order and materialises ownership, handoffs and conversations from `events`.
import type { Dialect } from '../engine/dialect.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import { conversationFactsSql } from './conversation-facts-sql.js';
import { conversationsSql } from './conversations-sql.js';
import { eventBucketsSql } from './event-buckets-sql.js';
import { handoffsBaseSql, handoffsSql } from './handoffs-sql.js';
import { botsSql, orderedEventsSql } from './ordered-events-sql.js';
import { ownershipSql, ownershipWalkSql } from './ownership-sql.js';

export interface DerivationStep {
  name: string;
  /** Statements in order, in the engine's dialect. */
  sql: string[];
}

/** The derivation, written once, in the SQL of one dialect. */
export function derivationSteps(d: Dialect): DerivationStep[] {
  return [
    { name: 'bots', sql: botsSql(d) },
    // Every step that scans `events` comes first: past the memory limit its pages can then leave for good.
    { name: 'event buckets', sql: eventBucketsSql(d) },
    { name: 'conversation facts', sql: conversationFactsSql(d) },
    { name: 'ordered events', sql: orderedEventsSql(d) },
    { name: 'ownership', sql: ownershipWalkSql(d) },
    { name: 'stored ownership', sql: ownershipSql(d) },
    { name: 'handoffs', sql: handoffsBaseSql(d) },
    { name: 'conversations', sql: conversationsSql(d) },
    { name: 'handoff outcomes', sql: handoffsSql(d) },
  ];
}

const SCRATCH_TABLES = [
  'handoffs_base',
  'handoff_rows',
  'ordered_events',
  'conversation_facts',
  'ownership_walk',
];

// Which events the derived tables were built from: count and highest seq identify an events table state.
const EVENTS_STATE_SQL = 'SELECT count(*) AS n, coalesce(max(seq), 0) AS max_seq FROM events';

/** Raised whenever the derived tables change shape, so a database derived by an older Baton derives again. */
export const DERIVATION_VERSION = 4;

/**
 * The dialect with every table it creates or drops made this session's own: for a warehouse Baton may only
 * read. Temporary tables come first in name lookup, so the metrics read them without knowing.
 */
export function sessionOnly(d: Dialect): Dialect {
  return Object.freeze<Dialect>({
    ...d,
    createTable: (name, select) => d.createTable(name, select, { temp: true }),
    dropTables: (names) => d.dropTables(names, { temp: true }),
  });
}

export interface DeriveOptions {
  /** Build the derived tables as temporary tables of this session, writing nothing to the database. */
  temporary?: boolean;
}

/**
 * Rebuilds every derived table from `events`. Not one transaction: DuckDB plans the ASOF joins over
 * uncommitted tables far worse (100x on a million events). A run that dies midway leaves no stamp,
 * so `isDerived` is false and the next command derives again.
 */
export async function deriveHandoffs(
  engine: SqlEngine,
  onStep?: (name: string) => void,
  options: DeriveOptions = {},
): Promise<void> {
  const d = options.temporary ? sessionOnly(engine.dialect) : engine.dialect;
  for (const sql of d.dropTables(['baton_derived'])) await engine.run(sql);
  for (const step of derivationSteps(d)) {
    onStep?.(step.name);
    for (const sql of step.sql) await engine.run(sql);
  }
  for (const sql of d.dropTables(SCRATCH_TABLES)) await engine.run(sql);
  // The version is Baton's own constant, written as a literal: not every engine binds values in CREATE TABLE AS.
  const stamp = `SELECT n, max_seq, CAST(${DERIVATION_VERSION} AS INTEGER) AS version FROM (${EVENTS_STATE_SQL}) state`;
  for (const sql of d.createTable('baton_derived', stamp)) await engine.run(sql);
}

/** True when the derived tables were completely built from the events as they are now. */
export async function isDerived(engine: SqlEngine): Promise<boolean> {
  if (!(await engine.columns('baton_derived')).includes('version')) return false;
  const rows = await engine.all(
    `SELECT 1 AS ok FROM baton_derived d, (${EVENTS_STATE_SQL}) e
     WHERE d.n = e.n AND d.max_seq = e.max_seq AND d.version = $version`,
    { version: DERIVATION_VERSION },
  );
  return rows.length > 0;
}
