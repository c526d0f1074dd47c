// Step 2: walk the ownership events (assigns, or outbound messages in implicit conversations) and track the owner.

// Windows with one PARTITION/ORDER share a sort, so the walk takes three passes: fields, agent, keys.
const W = 'PARTITION BY conversation_id ORDER BY pos';
const UPTO = `(${W} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
const BEFORE = `(${W} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;

const changed = (field: string) => `(ev_${field} IS NOT NULL AND ev_${field} IS DISTINCT FROM prev_${field})`;
const carried = (field: string, frame: string) => `last_value(ev_${field} IGNORE NULLS) OVER ${frame}`;
const OWNER_KEY =
  "CASE WHEN team IS NOT NULL THEN 't:' || team WHEN agent IS NOT NULL THEN 'a:' || agent END";

export const OWNERSHIP_SQL = `CREATE OR REPLACE TABLE ownership AS
WITH own AS (
  SELECT e.conversation_id, e.pos, e.ts, NOT b.explicit AS implicit, b.start_channel,
    e.channel AS ev_channel, e.team AS ev_team, e.tier AS ev_tier, e.agent_id AS ev_agent,
    e.transfer_type, e.reason
  FROM ordered_events e JOIN conversation_basis b USING (conversation_id)
  WHERE (b.explicit AND e.event_type = 'assign') OR (NOT b.explicit AND e.outbound)
),
fields AS (
  SELECT *,
    row_number() OVER (${W}) AS own_no,
    coalesce(${carried('channel', UPTO)}, start_channel) AS channel,
    ${carried('team', UPTO)} AS team,
    ${carried('tier', UPTO)} AS tier,
    coalesce(${carried('channel', BEFORE)}, start_channel) AS prev_channel,
    ${carried('team', BEFORE)} AS prev_team,
    ${carried('tier', BEFORE)} AS prev_tier,
    lag(ts) OVER (${W}) AS prev_ts
  FROM own
),
agents AS (
  SELECT *,
    -- '' marks "agent cleared" so IGNORE NULLS carries the clearing forward like a value.
    nullif(last_value(CASE WHEN ev_agent IS NOT NULL THEN ev_agent
      WHEN ${changed('channel')} OR ${changed('team')} OR ${changed('tier')} THEN '' END IGNORE NULLS) OVER ${UPTO}, '') AS agent
  FROM fields
)
SELECT *,
  ${OWNER_KEY} AS owner_key,
  lag(agent) OVER (${W}) AS prev_agent,
  lag(${OWNER_KEY}) OVER (${W}) AS prev_key,
  ${changed('channel')} AS channel_changed, ${changed('tier')} AS tier_changed, ${changed('team')} AS team_changed,
  (ev_agent IS NOT NULL AND lag(agent) OVER (${W}) IS NOT NULL AND ev_agent <> lag(agent) OVER (${W})) AS agent_changed,
  min(own_no) OVER (PARTITION BY conversation_id, ${OWNER_KEY}) AS key_first_own_no
FROM agents`;
