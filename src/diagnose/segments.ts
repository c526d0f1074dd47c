// SQL for the segments detectors slice by (from the catalog's dimensions where one exists) and their populations.
import type { Dialect } from '../engine/dialect.js';
import { duckdbDialect } from '../engine/dialects/duckdb.js';
import type { SqlParams } from '../engine/engine.js';
import { dimensionSql as catalogDimensionSql } from '../metrics/compile.js';
import { catalog } from '../metrics/registry.js';
import type { Metric } from '../metrics/types.js';
import type { DetectorContext, Population } from './detector.js';

/** A catalog dimension's SQL at the handoff (or conversation) grain. */
export function dimensionSql(
  id: string,
  grain: 'handoff' | 'conversation' = 'handoff',
  dialect: Dialect = duckdbDialect,
): string {
  const dimension = catalog.dimension(id);
  if (dimension?.sql[grain] === undefined)
    throw new Error(`diagnose uses dimension ${id} at grain ${grain}, which has no SQL`);
  return catalogDimensionSql(dimension, grain, dialect);
}

/** Both teams known and different: a handoff between teams, whichever the other fields say. */
export const BETWEEN_TEAMS = 'from_team IS NOT NULL AND to_team IS NOT NULL AND from_team <> to_team';

/** Unordered team pair 'A↔B' (NULL for handoffs within a team), so A→B and B→A count together. */
export const UNORDERED_TEAM_PAIR = `CASE WHEN ${BETWEEN_TEAMS} THEN least(from_team, to_team) || '↔' || greatest(from_team, to_team) END`;

/** Teams that are bots: the sending side of a bot-to-human handoff. */
export const BOT_TEAMS =
  "SELECT DISTINCT from_team FROM handoffs WHERE kind = 'bot_to_human' AND from_team IS NOT NULL";

/** Conversations with a handoff where `condition` holds. */
export const handoffConversations = (condition: string) =>
  `SELECT conversation_id FROM handoffs WHERE ${condition}`;

/** Conversations (from the conversations table) where `condition` holds. */
export const conversationsWhere = (condition: string) =>
  `SELECT conversation_id FROM conversations WHERE ${condition}`;

/** Population: conversations with a handoff in the segment against those with a handoff in scope but none in it. */
export function handoffPopulation(
  groupSql: string,
  value: string,
  comparedWith: string,
  params: SqlParams = {},
): Population {
  return {
    segment: handoffConversations(`CAST((${groupSql}) AS VARCHAR) = $pop_value`),
    comparison: handoffConversations(`(${groupSql}) IS NOT NULL`),
    params: { ...params, pop_value: value },
    compared_with: comparedWith,
  };
}

/** A diagnostic rate at the handoff or conversation grain: not a catalog metric, but compiled the same way. */
export function diagnosticRate(
  id: string,
  title: string,
  definition: string,
  grain: 'handoff' | 'conversation',
  numerator: string,
  good: 'up' | 'down',
): Metric {
  return {
    kind: 'rate',
    id,
    title,
    definition,
    grain,
    numerator,
    denominator: 'true',
    unit: 'ratio',
    good,
    interval: 'wilson',
  };
}

export const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`);
export const duration = (s: number | null) =>
  s === null
    ? '—'
    : s < 120
      ? `${Math.round(s)}s`
      : s < 7200
        ? `${Math.round(s / 60)} min`
        : `${(s / 3600).toFixed(1)} h`;

/** Counts per group over `from` (handoffs joined to a per-handoff table): k rows where `hit` holds of n where `scope` does. */
export async function groupCounts(
  ctx: DetectorContext,
  from: string,
  groupSql: string,
  hit: string,
  scope: string,
): Promise<Map<string, { k: number; n: number }>> {
  const d = ctx.engine.dialect;
  const rows = await ctx.engine.all<{ g: string; k: number; n: number }>(
    `SELECT CAST((${groupSql}) AS ${d.textType}) AS g, ${d.countIf(hit)} AS k, count(*) AS n
     FROM ${from} WHERE (${scope}) AND (${groupSql}) IS NOT NULL GROUP BY 1`,
    { tz: ctx.tz },
  );
  return new Map(rows.map((r) => [r.g, { k: r.k, n: r.n }]));
}
