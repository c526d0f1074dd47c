// Per category and human team: how many conversations reached the team, and how many it resolved itself as last owner.
import type { Dialect } from '../engine/dialect.js';
import type { DetectorContext } from './detector.js';
import { catalogMetric } from './segment-tests.js';
import { BOT_TEAMS } from './segments.js';

export interface SelfResolution {
  category: string;
  team: string;
  /** Conversations of the category the team owned at some point (first routing or a handoff to it). */
  received: number;
  /** Of those, resolved with the team as final owner. */
  resolved: number;
  /** Sideways handoffs the team sent on in this category (to another team, neither a return nor an escalation). */
  handed_off: number;
}

/**
 * A handoff no rule explains: not a return to an earlier owner (that is ping-pong, reported apart) and not an
 * escalation to a higher tier (a deliberate trigger).
 */
export const SIDEWAYS = 'NOT h.is_return AND NOT h.is_escalation';

/** Conversations reaching a team: routed there first, or handed to it. */
export const RECEIVED_SQL = `SELECT conversation_id, start_team AS team FROM conversations WHERE start_team IS NOT NULL
  UNION SELECT conversation_id, to_team AS team FROM handoffs WHERE to_team IS NOT NULL`;

/** The first human team of each conversation: where routing (or the bot) sent it, not where escalation took it. */
export const routedSql = (d: Dialect) => `SELECT c.conversation_id AS conversation_id,
    coalesce(CASE WHEN c.start_team NOT IN (${BOT_TEAMS}) THEN c.start_team END, f.team) AS team
  FROM conversations c LEFT JOIN (
    SELECT conversation_id, ${d.argMin('to_team', 'handoff_no')} AS team FROM handoffs
    WHERE to_team IS NOT NULL AND to_team NOT IN (${BOT_TEAMS}) GROUP BY conversation_id) f
    ON f.conversation_id = c.conversation_id`;

/** Both teams known and different, or the receiving team unknown: `h.from_team IS DISTINCT FROM h.to_team` for a known sender, spelled so every engine reads it. */
export const LEAVES_TEAM = '(h.to_team IS NULL OR h.from_team <> h.to_team)';

/** Counts per category and team over `received` (RECEIVED_SQL or ROUTED_SQL: conversation_id, team). */
export async function selfResolution(ctx: DetectorContext, received: string): Promise<SelfResolution[]> {
  // "Resolved" is the catalog's resolution_rate numerator, so the two never disagree.
  const resolved = (catalogMetric('resolution_rate') as { numerator: string }).numerator;
  const d = ctx.engine.dialect;
  // One sent row per category and team, so max is that row's count (any_value is not on every engine).
  return ctx.engine.all<SelfResolution & Record<string, string | number>>(
    `WITH received AS (${received}),
     sent AS (SELECT c.category AS category, h.from_team AS team, count(*) AS handed_off
       FROM handoffs h JOIN conversations c ON c.conversation_id = h.conversation_id
       WHERE h.from_team IS NOT NULL AND ${LEAVES_TEAM} AND ${SIDEWAYS} GROUP BY c.category, h.from_team)
     SELECT c.category AS category, r.team AS team, count(*) AS received,
       ${d.countIf(`(${resolved}) AND c.final_team = r.team`)} AS resolved,
       coalesce(max(s.handed_off), 0) AS handed_off
     FROM received r JOIN conversations c ON c.conversation_id = r.conversation_id
     LEFT JOIN sent s ON s.category = c.category AND s.team = r.team
     WHERE c.category IS NOT NULL AND r.team IS NOT NULL AND r.team NOT IN (${BOT_TEAMS})
     GROUP BY c.category, r.team ORDER BY c.category, r.team`,
  );
}
