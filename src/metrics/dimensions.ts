// The dimensions every surface can slice metrics by; time dimensions read instants in the business time zone ($tz).
import {
  type BusinessHours,
  businessHoursParams,
  DEFAULT_BUSINESS_HOURS,
  parseBusinessHours,
} from '../diagnose/business-hours.js';
import type { Engine } from '../engine/engine.js';
import type { Dimension } from './types.js';

const local = (column: string) => `timezone($tz, CAST(${column} AS TIMESTAMPTZ))`;
const none = (sql: string) => `coalesce(${sql}, '(none)')`;
const pair = (from: string, to: string) => `${none(from)} || '→' || ${none(to)}`;

const handoffOnly = (id: string, title: string, description: string, column = id): Dimension => ({
  kind: 'dimension',
  id,
  title,
  description,
  sql: { handoff: none(column) },
});

const conversationAttr = (id: string, title: string, description: string): Dimension => ({
  kind: 'dimension',
  id,
  title,
  description,
  sql: { handoff: none(id), conversation: none(id) },
});

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/**
 * The business_hours dimension reads its hours from session variables, so every surface that compiles
 * dimensions (query, ask, compare, the server) works without extra parameters; unset, they are diagnose's
 * default hours. A command given --business-hours sets them for its session with useBusinessHours.
 */
const HOURS_VARIABLES = {
  bh_days: 'baton_bh_days',
  bh_start: 'baton_bh_start',
  bh_end: 'baton_bh_end',
} as const;
const DEFAULT_HOURS = businessHoursParams(parseBusinessHours(DEFAULT_BUSINESS_HOURS));
const hoursSetting = (key: keyof typeof HOURS_VARIABLES) =>
  `coalesce(getvariable('${HOURS_VARIABLES[key]}'), ${Math.trunc(DEFAULT_HOURS[key])})`;

/** Makes the business_hours dimension use these hours for the rest of this engine's session. */
export async function useBusinessHours(engine: Engine, hours: BusinessHours): Promise<void> {
  const params = businessHoursParams(hours);
  for (const key of Object.keys(HOURS_VARIABLES) as (keyof typeof HOURS_VARIABLES)[])
    await engine.run(`SET VARIABLE ${HOURS_VARIABLES[key]} = CAST($value AS INTEGER)`, {
      value: params[key],
    });
}

// The same test as diagnose's insideHoursSql: a working day (bit of the ISO weekday) and minute of day in range.
const insideHours = (ts: string) => {
  const minute = `hour(${ts}) * 60 + minute(${ts})`;
  return `(((${hoursSetting('bh_days')} >> (isodow(${ts}) - 1)) & 1) = 1
    AND ${minute} >= ${hoursSetting('bh_start')} AND ${minute} < ${hoursSetting('bh_end')})`;
};

/** Hour of the week, 0 (Monday 00:00-00:59) to 167, in the business time zone. */
const hourOfWeek = (ts: string) => `((isodow(${ts}) - 1) * 24 + hour(${ts}))`;

/**
 * Peak hours: the busiest quarter of the week's 168 hours by conversation arrivals over all the data (the 42
 * hours with the most conversations started, ties at the cut included), whatever the query filters.
 */
const PEAK_HOURS = `(SELECT slot FROM (
    SELECT ${hourOfWeek(local('started_at'))} AS slot, rank() OVER (ORDER BY count(*) DESC) AS busiest
    FROM conversations GROUP BY slot) WHERE busiest <= 42)`;

const timeDim = (
  id: string,
  title: string,
  description: string,
  fn: (ts: string) => string,
  values?: readonly string[],
): Dimension => ({
  kind: 'dimension',
  id,
  title,
  description,
  sql: { handoff: fn(local('handoff_at')), conversation: fn(local('started_at')), event: fn(local('ts')) },
  ...(values ? { values } : {}),
});

export const DIMENSIONS: readonly Dimension[] = Object.freeze([
  {
    kind: 'dimension',
    id: 'channel_pair',
    title: 'Channel pair',
    description: 'Channel before and after the handoff, like chat→email.',
    sql: { handoff: pair('from_channel', 'to_channel') },
  },
  {
    kind: 'dimension',
    id: 'team_pair',
    title: 'Team pair',
    description: 'Team before and after the handoff, like Billing→Tech.',
    sql: { handoff: pair('from_team', 'to_team') },
  },
  handoffOnly(
    'kind',
    'Handoff kind',
    'bot_to_human, channel, tier, team or agent: what changed at the handoff.',
  ),
  handoffOnly('from_team', 'From team', 'Team that handed the conversation on.'),
  handoffOnly('to_team', 'To team', 'Team that received the conversation.'),
  handoffOnly('from_agent', 'From agent', 'Agent that handed the conversation on.'),
  handoffOnly('to_agent', 'To agent', 'Agent named by the handoff (empty when it went to a queue).'),
  handoffOnly(
    'picked_up_by',
    'Picked up by',
    'Agent (or bot) whose reply completed the handoff, also when it went to a queue; empty when never picked up.',
  ),
  handoffOnly('from_channel', 'From channel', 'Channel before the handoff.'),
  handoffOnly('to_channel', 'To channel', 'Channel after the handoff.'),
  handoffOnly('from_tier', 'From tier', 'Tier before the handoff.'),
  handoffOnly('to_tier', 'To tier', 'Tier after the handoff.'),
  handoffOnly('transfer_type', 'Transfer type', 'warm or cold, as recorded on the transfer.'),
  handoffOnly('reason', 'Handoff reason', 'Reason recorded on the transfer.'),
  conversationAttr('start_channel', 'Start channel', 'Channel the conversation began in.'),
  conversationAttr('segment', 'Customer segment', 'Customer segment of the conversation.'),
  conversationAttr('category', 'Category', 'Category of the conversation.'),
  conversationAttr('priority', 'Priority', 'Priority of the conversation.'),
  {
    kind: 'dimension',
    id: 'handoff_count',
    title: 'Handoffs in the conversation',
    description: 'How many handoffs the conversation had.',
    sql: { handoff: 'handoff_count', conversation: 'handoff_count' },
  },
  {
    kind: 'dimension',
    id: 'outcome',
    title: 'Outcome',
    description: 'resolved or abandoned.',
    sql: { conversation: 'outcome' },
  },
  {
    kind: 'dimension',
    id: 'start_team',
    title: 'Start team',
    description: 'Team the conversation was first routed to.',
    sql: { conversation: none('start_team') },
  },
  {
    kind: 'dimension',
    id: 'start_tier',
    title: 'Start tier',
    description: 'First tier the conversation reached (owners without a tier, such as a bot, are skipped).',
    sql: { conversation: none('start_tier') },
  },
  {
    kind: 'dimension',
    id: 'final_team',
    title: 'Final team',
    description: 'Team that owned the conversation last.',
    sql: { conversation: none('final_team') },
  },
  {
    kind: 'dimension',
    id: 'channel_path',
    title: 'Channel path',
    description: 'Channels the conversation passed through, like chat → email.',
    sql: { conversation: 'channel_path' },
  },
  {
    kind: 'dimension',
    id: 'team_path',
    title: 'Team path',
    description: 'Teams the conversation passed through.',
    sql: { conversation: 'team_path' },
  },
  {
    kind: 'dimension',
    id: 'event_type',
    title: 'Event type',
    description: 'Canonical event type.',
    sql: { event: 'event_type' },
  },
  timeDim('hour', 'Hour of day', 'Hour (0-23) in the business time zone (--tz).', (ts) => `hour(${ts})`),
  timeDim(
    'weekday',
    'Weekday',
    'Day of the week in the business time zone (--tz).',
    (ts) => `strftime(${ts}, '%a')`,
    WEEKDAYS,
  ),
  timeDim(
    'hour_weekday',
    'Hour of the week',
    "Weekday and hour in the business time zone, like 'Mon 14' (14:00-14:59 on Mondays): the hour × weekday grid.",
    (ts) => `strftime(${ts}, '%a %H')`,
    WEEKDAYS.flatMap((d) => Array.from({ length: 24 }, (_, h) => `${d} ${String(h).padStart(2, '0')}`)),
  ),
  timeDim(
    'day_type',
    'Weekday or weekend',
    'weekday (Monday to Friday) or weekend (Saturday, Sunday) in the business time zone.',
    (ts) => `CASE WHEN isodow(${ts}) >= 6 THEN 'weekend' ELSE 'weekday' END`,
    ['weekday', 'weekend'],
  ),
  timeDim(
    'business_hours',
    'In business hours',
    `in or out of business hours in the business time zone: diagnose's definition, ${DEFAULT_BUSINESS_HOURS} unless a command's --business-hours says otherwise.`,
    (ts) => `CASE WHEN ${insideHours(ts)} THEN 'in' ELSE 'out' END`,
    ['in', 'out'],
  ),
  timeDim(
    'peak',
    'Peak or off-peak',
    'peak or off-peak: peak hours are the busiest quarter of the 168 hours of the week (the 42 with the most conversations started over all the data, ties included, in the business time zone).',
    (ts) => `CASE WHEN ${hourOfWeek(ts)} IN ${PEAK_HOURS} THEN 'peak' ELSE 'off-peak' END`,
    ['peak', 'off-peak'],
  ),
  timeDim(
    'date',
    'Date',
    'Calendar date in the business time zone (--tz).',
    (ts) => `strftime(${ts}, '%Y-%m-%d')`,
  ),
  timeDim(
    'month',
    'Month',
    'Calendar month in the business time zone (--tz).',
    (ts) => `strftime(${ts}, '%Y-%m')`,
  ),
]);
