// Step 3: walk the ownership events (assigns, or outbound messages in implicit conversations) and track the owner.
import { columnsOf, type Dialect } from '../engine/dialect.js';

// Windows with one PARTITION/ORDER share a sort, so the walk takes two ordered passes (fields, agent) and the key's.
const W = 'PARTITION BY conversation_id ORDER BY pos';
const UPTO = `(${W} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
const BEFORE = `(${W} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;

// What later steps read of the walk: the owner's raw event values (ev_*) and the agent mark stay behind, which
// keeps 2.2M rows at ten million events about 200 MB lighter under the memory limit.
const WALK_COLUMNS = [
  'conversation_id',
  'pos',
  'ts',
  'implicit',
  'transfer_type',
  'reason',
  'own_no',
  'channel',
  'team',
  'tier',
  'prev_channel',
  'prev_team',
  'prev_tier',
  'prev_ts',
  'agent',
  'prev_agent',
  'owner_key',
  'prev_key',
];

const changed = (field: string) => `(ev_${field} IS NOT NULL AND ev_${field} IS DISTINCT FROM prev_${field})`;
const ownerKey = (team: string, agent: string) =>
  `CASE WHEN ${team} IS NOT NULL THEN 't:' || ${team} WHEN ${agent} IS NOT NULL THEN 'a:' || ${agent} END`;
// '' marks "agent cleared" so the last non-NULL value carries the clearing forward like a value.
const AGENT_MARK = `CASE WHEN ev_agent IS NOT NULL THEN ev_agent
  WHEN ${changed('channel')} OR ${changed('team')} OR ${changed('tier')} THEN '' END`;

/**
 * The walk, wide, as a temporary table for handoffs and conversations. The owner before an event is the owner
 * after the one before it, so prev_agent and prev_key come from the same frames one row shorter instead of
 * another lag pass over the whole table. channel_step and team_step mark where a path moves on (repeats in a
 * row collapse), so the paths need no window of their own.
 */
export function ownershipWalkSql(d: Dialect): string[] {
  const carried = (field: string, frame: string) => d.lastNonNull(`ev_${field}`, frame);
  return [
    ...d.createTable(
      'ownership_walk',
      `WITH own AS (
  SELECT ${columnsOf('e', ['conversation_id', 'pos', 'ts'])}, NOT b.explicit AS implicit, ${columnsOf('b', ['start_channel'])},
    e.channel AS ev_channel, e.team AS ev_team, e.tier AS ev_tier, e.agent_id AS ev_agent,
    ${columnsOf('e', ['transfer_type', 'reason'])}
  FROM ordered_events e JOIN conversation_facts b ON b.conversation_id = e.conversation_id
  WHERE (b.explicit AND e.event_type = 'assign') OR (NOT b.explicit AND e.outbound)
),
fields AS (
  SELECT own.*,
    row_number() OVER (${W}) AS own_no,
    coalesce(${carried('channel', UPTO)}, start_channel) AS channel,
    ${carried('team', UPTO)} AS team,
    ${carried('tier', UPTO)} AS tier,
    coalesce(${carried('channel', BEFORE)}, start_channel) AS prev_channel,
    ${carried('team', BEFORE)} AS prev_team,
    ${carried('tier', BEFORE)} AS prev_tier,
    ${d.lag('ts', `(${W})`)} AS prev_ts
  FROM own
),
marked AS (SELECT fields.*, ${AGENT_MARK} AS mark FROM fields),
agents AS (
  SELECT marked.*,
    nullif(${d.lastNonNull('mark', UPTO)}, '') AS agent,
    nullif(${d.lastNonNull('mark', BEFORE)}, '') AS prev_agent
  FROM marked
),
keyed AS (
  SELECT agents.*, ${ownerKey('team', 'agent')} AS owner_key, ${ownerKey('prev_team', 'prev_agent')} AS prev_key
  FROM agents
)
SELECT ${columnsOf('keyed', WALK_COLUMNS)},
  ${changed('channel')} AS channel_changed, ${changed('tier')} AS tier_changed, ${changed('team')} AS team_changed,
  (ev_agent IS NOT NULL AND prev_agent IS NOT NULL AND ev_agent <> prev_agent) AS agent_changed,
  channel IS NOT NULL AND (own_no = 1 OR prev_channel IS NULL OR channel <> prev_channel) AS channel_step,
  team IS NOT NULL AND (prev_team IS NULL OR team <> prev_team) AS team_step
FROM keyed`,
      { temp: true },
    ),
    ...d.indexFor('ownership_walk', ['conversation_id', 'pos']),
  ];
}

/**
 * The stored table keeps only what its readers use (the timeline, the funnel, the bot-first metric): writing
 * the walk's thirty columns to the database file was half of this step's time at ten million events.
 */
export const ownershipSql = (d: Dialect): string[] =>
  d.createTable(
    'ownership',
    `SELECT conversation_id, own_no, pos, ts, implicit, channel, team, tier, agent,
  channel_changed, tier_changed, team_changed, agent_changed
FROM ownership_walk`,
  );
