// Reads the distinct channels, teams, agents, tiers, categories ... from the imported tables, so questions can name them.
import type { SqlEngine } from '../engine/sql-engine.js';
import type { DataValues, ValueKind } from './types.js';

/** Each kind of value from the columns that hold it; all fixed identifiers, no user text reaches this SQL. */
const SOURCES: Readonly<Record<ValueKind, readonly string[]>> = {
  channel: ['conversations.start_channel', 'handoffs.from_channel', 'handoffs.to_channel'],
  team: ['handoffs.from_team', 'handoffs.to_team', 'conversations.start_team', 'conversations.final_team'],
  tier: ['handoffs.from_tier', 'handoffs.to_tier'],
  agent: ['handoffs.from_agent', 'handoffs.to_agent'],
  category: ['conversations.category'],
  segment: ['conversations.segment'],
  priority: ['conversations.priority'],
  transfer_type: ['handoffs.transfer_type'],
  reason: ['handoffs.reason'],
};

export async function readDataValues(engine: SqlEngine): Promise<DataValues> {
  const parts = Object.entries(SOURCES).flatMap(([kind, columns]) =>
    columns.map((c) => {
      const [table, column] = c.split('.') as [string, string];
      return `SELECT '${kind}' AS kind, ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL AND ${column} <> ''`;
    }),
  );
  const rows = await engine.all<{ kind: string; v: string }>(
    `SELECT DISTINCT kind, CAST(v AS ${engine.dialect.textType}) AS v FROM (${parts.join(' UNION ALL ')}) found
     ORDER BY kind, v`,
  );
  const values: DataValues = {};
  for (const { kind, v } of rows) {
    const list = values[kind as ValueKind] ?? [];
    list.push(v);
    values[kind as ValueKind] = list;
  }
  return values;
}
