// Step 4: handoffs are ownership events that change the owner; here they get their kind, completion and success.
import { columnsOf, type Dialect } from '../engine/dialect.js';

const HANDOFF_COLUMNS = `conversation_id, pos, handoff_at, implicit, handoff_no, from_channel, from_team, from_tier,
  from_agent, to_channel, to_team, to_tier, to_agent, kind, is_escalation, to_is_bot, is_return, transfer_type, reason,
  next_pos`;

/**
 * The owner changes, numbered, with where the next one starts. A table of its own rather than a CTE: the
 * completion and outcome steps look rows up in it by position, which some engines can only do through an index.
 */
function handoffRowsSql(d: Dialect): string[] {
  const tierNumber = (tier: string) => d.firstNumber(tier);
  return [
    ...d.createTable(
      'handoff_rows',
      `WITH key_firsts AS (
  -- When each owner key first owned the conversation: a grouping of two narrow columns, not a window
  -- partitioned by the key that would carry the whole walk through another sort.
  SELECT conversation_id, owner_key, min(own_no) AS first_own_no
  FROM ownership_walk WHERE owner_key IS NOT NULL GROUP BY conversation_id, owner_key
),
h AS (
  SELECT ${columnsOf('o', ['conversation_id', 'pos'])}, o.ts AS handoff_at, ${columnsOf('o', ['implicit', 'prev_ts'])},
    row_number() OVER (PARTITION BY o.conversation_id ORDER BY o.own_no) AS handoff_no,
    o.prev_channel AS from_channel, o.prev_team AS from_team, o.prev_tier AS from_tier, o.prev_agent AS from_agent,
    o.channel AS to_channel, o.team AS to_team, o.tier AS to_tier, o.agent AS to_agent,
    CASE WHEN fb.agent_id IS NOT NULL AND tb.agent_id IS NULL THEN 'bot_to_human'
      WHEN o.channel_changed THEN 'channel' WHEN o.tier_changed THEN 'tier' WHEN o.team_changed THEN 'team'
      ELSE 'agent' END AS kind,
    coalesce(${tierNumber('o.tier')} > ${tierNumber('o.prev_tier')}, false) AS is_escalation,
    tb.agent_id IS NOT NULL AS to_is_bot,
    (o.owner_key IS NOT NULL AND k.first_own_no < o.own_no AND o.owner_key IS DISTINCT FROM o.prev_key) AS is_return,
    ${columnsOf('o', ['transfer_type', 'reason'])}
  FROM ownership_walk o
  LEFT JOIN key_firsts k ON k.conversation_id = o.conversation_id AND k.owner_key = o.owner_key
  LEFT JOIN bots fb ON fb.agent_id = o.prev_agent
  LEFT JOIN bots tb ON tb.agent_id = o.agent
  WHERE o.own_no > 1 AND (o.channel_changed OR o.tier_changed OR o.team_changed OR o.agent_changed)
)
SELECT h.*, ${d.lead('pos', '(PARTITION BY conversation_id ORDER BY handoff_no)')} AS next_pos FROM h`,
      { temp: true },
    ),
    ...d.indexFor('handoff_rows', ['conversation_id', 'pos']),
  ];
}

const seconds = (d: Dialect, from: string, to: string) => d.secondsBetween(from, to);

export function handoffsBaseSql(d: Dialect): string[] {
  const columns = columnsOf(
    'hw',
    HANDOFF_COLUMNS.split(',').map((c) => c.trim()),
  );
  return [
    ...handoffRowsSql(d),
    ...d.createTable(
      'handoffs_base',
      `WITH outbound AS (
  SELECT ${columnsOf('m', ['conversation_id', 'pos', 'ts', 'actor'])}, m.agent_id AS sender, o.agent AS owner_agent
  FROM (SELECT * FROM ordered_events WHERE outbound) m
  ${d.asofJoin('ownership_walk', 'o', 'm', 'm.pos', false)}
),
completion AS (
  SELECT ${columnsOf('hw', ['conversation_id', 'handoff_no'])}, ${d.argMin('m.ts', 'm.pos')} AS done_ts,
    ${d.argMinNull('m.sender', 'm.pos')} AS done_by
  FROM outbound m ${d.asofJoin('handoff_rows', 'hw', 'm', 'm.pos', true)}
  WHERE NOT hw.implicit
    AND NOT (m.sender IS NOT NULL AND hw.from_agent IS NOT NULL AND m.sender = hw.from_agent)
    AND NOT (m.owner_agent IS NOT NULL AND m.sender IS NOT NULL AND m.sender <> m.owner_agent)
    AND NOT (m.actor = 'bot' AND NOT hw.to_is_bot)
  GROUP BY hw.conversation_id, hw.handoff_no
),
marks AS (
  SELECT ${columnsOf('hw', ['conversation_id', 'handoff_no'])},
    ${d.boolOr("e.event_type = 'resolve'")} AS resolved_before_next,
    ${d.boolOr("e.event_type = 'abandon'")} AS abandon_before_next
  FROM (SELECT * FROM ordered_events WHERE event_type IN ('resolve', 'abandon')) e
  ${d.asofJoin('handoff_rows', 'hw', 'e', 'e.pos', true)}
  GROUP BY hw.conversation_id, hw.handoff_no
)
SELECT ${columns},
  hw.implicit OR c.done_ts IS NOT NULL AS completed,
  CASE WHEN hw.implicit THEN ${seconds(d, 'hw.prev_ts', 'hw.handoff_at')}
    WHEN c.done_ts IS NOT NULL THEN ${seconds(d, 'hw.handoff_at', 'c.done_ts')} END AS handoff_time_s,
  (hw.implicit OR c.done_ts IS NOT NULL) AND coalesce(mk.resolved_before_next, false) AS success,
  CASE WHEN hw.implicit THEN hw.to_agent ELSE c.done_by END AS picked_up_by,
  coalesce(mk.abandon_before_next, false) AS abandon_before_next
FROM handoff_rows hw
LEFT JOIN completion c ON c.conversation_id = hw.conversation_id AND c.handoff_no = hw.handoff_no
LEFT JOIN marks mk ON mk.conversation_id = hw.conversation_id AND mk.handoff_no = hw.handoff_no`,
      { temp: true },
    ),
  ];
}

const FINAL_FROM_HANDOFF = [
  'conversation_id',
  'handoff_no',
  'handoff_at',
  'from_channel',
  'from_team',
  'from_tier',
  'from_agent',
  'to_channel',
  'to_team',
  'to_tier',
  'to_agent',
  'picked_up_by',
  'kind',
  'is_escalation',
  'implicit',
  'completed',
  'handoff_time_s',
  'success',
  'is_return',
];

/** Final handoff table: adds abandonment (needs the conversation's outcome) and conversation attributes for slicing. */
export const handoffsSql = (d: Dialect): string[] =>
  d.createTable(
    'handoffs',
    `SELECT ${columnsOf('h', FINAL_FROM_HANDOFF)},
  NOT h.completed AND (h.abandon_before_next OR (h.next_pos IS NULL AND c.abandoned)) AS abandoned_after,
  ${columnsOf('h', ['transfer_type', 'reason'])},
  ${columnsOf('c', ['start_channel', 'segment', 'category', 'priority', 'handoff_count'])}
FROM handoffs_base h JOIN conversations c ON c.conversation_id = h.conversation_id
ORDER BY h.conversation_id, h.handoff_no`,
  );
