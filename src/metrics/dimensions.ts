// The dimensions every surface can slice metrics by; time dimensions read instants in the business time zone ($tz).
import {
  type BusinessHours,
  businessHoursParams,
  DEFAULT_BUSINESS_HOURS,
  parseBusinessHours,
} from '../diagnose/business-hours.js';
import type { Dialect, TimePart } from '../engine/dialect.js';
import { duckdbDialect } from '../engine/dialects/duckdb.js';
import type { SqlEngine } from '../engine/sql-engine.js';
import type { Dimension, Grain } from './types.js';

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
const hoursSetting = (d: Dialect, key: keyof typeof HOURS_VARIABLES) =>
  d.variable(HOURS_VARIABLES[key], Math.trunc(DEFAULT_HOURS[key]));

/** Makes the business_hours dimension use these hours for the rest of this engine's session. */
export async function useBusinessHours(engine: SqlEngine, hours: BusinessHours): Promise<void> {
  const params = businessHoursParams(hours);
  for (const key of Object.keys(HOURS_VARIABLES) as (keyof typeof HOURS_VARIABLES)[])
    await engine.run(engine.dialect.setVariable(HOURS_VARIABLES[key], params[key]));
}

// The same test as diagnose's insideHoursSql: a working day (bit of the ISO weekday) and minute of day in range.
const insideHours = (d: Dialect, ts: string) => {
  const part = (p: TimePart) => d.timePart(p, ts);
  const minute = `${part('hour')} * 60 + ${part('minute')}`;
  return `(${d.bitTest(hoursSetting(d, 'bh_days'), `${part('isodow')} - 1`)}
    AND ${minute} >= ${hoursSetting(d, 'bh_start')} AND ${minute} < ${hoursSetting(d, 'bh_end')})`;
};

/** Hour of the week, 0 (Monday 00:00-00:59) to 167, in the business time zone. */
const hourOfWeek = (d: Dialect, ts: string) =>
  `((${d.timePart('isodow', ts)} - 1) * 24 + ${d.timePart('hour', ts)})`;

/**
 * Peak hours: the busiest quarter of the week's 168 hours by conversation arrivals over all the data (the 42
 * hours with the most conversations started, ties at the cut included), whatever the query filters.
 */
const peakHours = (d: Dialect) => `(SELECT slot FROM (
    SELECT ${hourOfWeek(d, d.localTime('started_at'))} AS slot, rank() OVER (ORDER BY count(*) DESC) AS busiest
    FROM conversations GROUP BY ${hourOfWeek(d, d.localTime('started_at'))}) ranked WHERE busiest <= 42)`;

const TIME_COLUMNS: Partial<Record<Grain, string>> = {
  handoff: 'handoff_at',
  conversation: 'started_at',
  event: 'ts',
};

const timeDim = (
  id: string,
  title: string,
  description: string,
  fn: (d: Dialect, ts: string) => string,
  values?: readonly string[],
): Dimension => {
  const dialectSql = (d: Dialect) =>
    Object.fromEntries(
      Object.entries(TIME_COLUMNS).map(([grain, column]) => [grain, fn(d, d.localTime(column))]),
    );
  return {
    kind: 'dimension',
    id,
    title,
    description,
    sql: dialectSql(duckdbDialect),
    dialectSql,
    ...(values ? { values } : {}),
  };
};

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
  timeDim('hour', 'Hour of day', 'Hour (0-23) in the business time zone (--tz).', (d, ts) =>
    d.timePart('hour', ts),
  ),
  timeDim(
    'weekday',
    'Weekday',
    'Day of the week in the business time zone (--tz).',
    (d, ts) => d.timePart('weekday', ts),
    WEEKDAYS,
  ),
  timeDim(
    'hour_weekday',
    'Hour of the week',
    "Weekday and hour in the business time zone, like 'Mon 14' (14:00-14:59 on Mondays): the hour × weekday grid.",
    (d, ts) => d.timePart('hour_weekday', ts),
    WEEKDAYS.flatMap((d) => Array.from({ length: 24 }, (_, h) => `${d} ${String(h).padStart(2, '0')}`)),
  ),
  timeDim(
    'day_type',
    'Weekday or weekend',
    'weekday (Monday to Friday) or weekend (Saturday, Sunday) in the business time zone.',
    (d, ts) => `CASE WHEN ${d.timePart('isodow', ts)} >= 6 THEN 'weekend' ELSE 'weekday' END`,
    ['weekday', 'weekend'],
  ),
  timeDim(
    'business_hours',
    'In business hours',
    `in or out of business hours in the business time zone: diagnose's definition, ${DEFAULT_BUSINESS_HOURS} unless a command's --business-hours says otherwise.`,
    (d, ts) => `CASE WHEN ${insideHours(d, ts)} THEN 'in' ELSE 'out' END`,
    ['in', 'out'],
  ),
  timeDim(
    'peak',
    'Peak or off-peak',
    'peak or off-peak: peak hours are the busiest quarter of the 168 hours of the week (the 42 with the most conversations started over all the data, ties included, in the business time zone).',
    (d, ts) => `CASE WHEN ${hourOfWeek(d, ts)} IN ${peakHours(d)} THEN 'peak' ELSE 'off-peak' END`,
    ['peak', 'off-peak'],
  ),
  timeDim('date', 'Date', 'Calendar date in the business time zone (--tz).', (d, ts) =>
    d.timePart('date', ts),
  ),
  timeDim('month', 'Month', 'Calendar month in the business time zone (--tz).', (d, ts) =>
    d.timePart('month', ts),
  ),
]);
