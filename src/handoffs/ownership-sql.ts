// Step 2: walk the ownership events (assigns, or outbound messages in implicit conversations) and track the owner.

const W = 'PARTITION BY conversation_id ORDER BY own_no';
const UPTO = `(${W} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;

const changed = (field: string) => `(ev_${field} IS NOT NULL AND ev_${field} IS DISTINCT FROM prev_${field})`;

export const OWNERSHIP_SQL = `CREATE OR REPLACE TABLE ownership AS
WITH own AS (
  SELECT e.conversation_id, e.pos, e.ts, NOT b.explicit AS implicit, b.start_channel,
    e.channel AS ev_channel, e.team AS ev_team, e.tier AS ev_tier, e.agent_id AS ev_agent,
    e.transfer_type, e.reason,
    row_number() OVER (PARTITION BY e.conversation_id ORDER BY e.pos) AS own_no
  FROM ordered_events e JOIN conversation_basis b USING (conversation_id)
  WHERE (b.explicit AND e.event_type = 'assign') OR (NOT b.explicit AND e.outbound)
),
fields AS (
  SELECT *,
    coalesce(last_value(ev_channel IGNORE NULLS) OVER ${UPTO}, start_channel) AS channel,
    last_value(ev_team IGNORE NULLS) OVER ${UPTO} AS team,
    last_value(ev_tier IGNORE NULLS) OVER ${UPTO} AS tier
  FROM own
),
prev AS (
  SELECT *,
    coalesce(lag(channel) OVER (${W}), start_channel) AS prev_channel,
    lag(team) OVER (${W}) AS prev_team,
    lag(tier) OVER (${W}) AS prev_tier
  FROM fields
),
agents AS (
  SELECT *,
    -- '' marks "agent cleared" so IGNORE NULLS carries the clearing forward like a value.
    nullif(last_value(CASE WHEN ev_agent IS NOT NULL THEN ev_agent
      WHEN ${changed('channel')} OR ${changed('team')} OR ${changed('tier')} THEN '' END IGNORE NULLS) OVER ${UPTO}, '') AS agent
  FROM prev
),
keyed AS (
  SELECT *, lag(agent) OVER (${W}) AS prev_agent,
    CASE WHEN team IS NOT NULL THEN 't:' || team WHEN agent IS NOT NULL THEN 'a:' || agent END AS owner_key,
    lag(ts) OVER (${W}) AS prev_ts
  FROM agents
)
SELECT *,
  ${changed('channel')} AS channel_changed, ${changed('tier')} AS tier_changed, ${changed('team')} AS team_changed,
  (ev_agent IS NOT NULL AND prev_agent IS NOT NULL AND ev_agent <> prev_agent) AS agent_changed,
  lag(owner_key) OVER (${W}) AS prev_key,
  min(own_no) OVER (PARTITION BY conversation_id, owner_key) AS key_first_own_no
FROM keyed`;
